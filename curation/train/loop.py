"""The training loop: AdamW with weight decay, warmup + schedule, gradient accumulation (loss normalised by the
assistant tokens of the whole accumulated step), NEFTune noise on the input embeddings, optional bf16
autocast and gradient checkpointing, and a progress bar on stderr with the loss and tokens/s.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable
from typing import Any

import torch
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from torch import nn

from curation.train.config import TrainConfig
from curation.train.data import IGNORE, Encoded, batches, collate


def neftune_hook(alpha: float) -> Callable[[nn.Module, Any, torch.Tensor], torch.Tensor]:
    """NEFTune (Jain et al. 2023): uniform noise of magnitude alpha/sqrt(L*d) on the embeddings, training only."""

    def hook(module: nn.Module, _inputs: Any, output: torch.Tensor) -> torch.Tensor:
        if module.training and torch.is_grad_enabled():
            dims = output.size(1) * output.size(2)
            mag = alpha / math.sqrt(dims)
            output = output + torch.zeros_like(output).uniform_(-mag, mag)
        return output

    return hook


def lr_lambda(cfg: TrainConfig, total_steps: int) -> Callable[[int], float]:
    warm = int(cfg.warmup) if cfg.warmup >= 1 else int(math.ceil(cfg.warmup * total_steps))

    def f(step: int) -> float:
        if warm and step < warm:
            return (step + 1) / (warm + 1)
        if cfg.lr_scheduler == "constant":
            return 1.0
        progress = (step - warm) / max(1, total_steps - warm)
        if cfg.lr_scheduler == "cosine":
            return 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
        return max(0.0, 1.0 - progress)

    return f


def plan_steps(cfg: TrainConfig, n_examples: int) -> tuple[int, int]:
    """(micro-batches, optimizer steps) for the whole run."""
    per_epoch = math.ceil(n_examples / cfg.batch_size)
    micro = math.ceil(cfg.epochs * per_epoch)
    steps = math.ceil(micro / cfg.grad_accum)
    if cfg.max_steps is not None and cfg.max_steps < steps:
        steps = cfg.max_steps
        micro = min(micro, steps * cfg.grad_accum)
    return micro, steps


def _autocast(cfg: TrainConfig, device: torch.device) -> contextlib.AbstractContextManager[Any]:
    if cfg.bf16:
        return torch.autocast(device_type=device.type, dtype=torch.bfloat16)
    return contextlib.nullcontext()


def token_loss_sum(model: nn.Module, batch: dict[str, torch.Tensor]) -> torch.Tensor:
    """Summed next-token cross-entropy over labelled positions."""
    out = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], use_cache=False)
    logits = out.logits[:, :-1, :].float()
    labels = batch["labels"][:, 1:]
    return nn.functional.cross_entropy(
        logits.reshape(-1, logits.size(-1)), labels.reshape(-1), ignore_index=IGNORE, reduction="sum"
    )


@torch.no_grad()
def mean_loss(
    model: nn.Module, examples: list[Encoded], pad_id: int, batch_size: int = 8, bf16: bool = False
) -> float:
    """Mean loss per assistant token over `examples` (eval mode, no noise)."""
    was = model.training
    model.eval()
    device = next(p.device for p in model.parameters())
    total, n = 0.0, 0
    cfg_ctx = (
        torch.autocast(device_type=device.type, dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()
    )
    for i in range(0, len(examples), batch_size):
        chunk = examples[i : i + batch_size]
        b = {k: v.to(device) for k, v in collate(chunk, pad_id).items()}
        with cfg_ctx:
            total += float(token_loss_sum(model, b))
        n += sum(e.n_loss for e in chunk)
    model.train(was)
    return total / max(n, 1)


def train(
    model: nn.Module,
    examples: list[Encoded],
    cfg: TrainConfig,
    pad_id: int,
    show_progress: bool = True,
    console: Console | None = None,
) -> dict[str, Any]:
    """Train the trainable (adapter) parameters of `model` in place; returns the metrics."""
    device = next(p.device for p in model.parameters())
    torch.manual_seed(cfg.seed)
    micro_total, steps = plan_steps(cfg, len(examples))
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim >= 2]
    no_decay = [p for p in params if p.ndim < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.learning_rate,
    )
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda(cfg, steps))
    if cfg.gradient_checkpointing:
        kw = {"use_reentrant": False}
        if hasattr(model, "activation_checkpointing_enable"):  # transformers >= 5.x name
            model.activation_checkpointing_enable(activation_checkpointing_kwargs=kw)
        else:
            model.gradient_checkpointing_enable(gradient_checkpointing_kwargs=kw)
        if hasattr(model, "enable_input_require_grads"):
            model.enable_input_require_grads()
    handle = None
    if cfg.neftune_alpha:
        handle = model.get_input_embeddings().register_forward_hook(neftune_hook(cfg.neftune_alpha))

    def micro_batches() -> Any:
        epoch = 0
        while True:
            yield from batches(examples, cfg.batch_size, cfg.seed, epoch)
            epoch += 1

    stream = micro_batches()
    losses: list[float] = []
    tokens = loss_tokens = examples_seen = 0
    model.train()
    progress = Progress(
        TextColumn("train"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("loss {task.fields[loss]}"),
        TextColumn("{task.fields[tps]} tok/s"),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=False,
        disable=not show_progress,
    )
    start = time.perf_counter()
    done_micro = 0
    try:
        with progress:
            task = progress.add_task("train", total=steps, loss="—", tps="—")
            for _step in range(steps):
                group = []
                for _ in range(min(cfg.grad_accum, micro_total - done_micro)):
                    group.append(next(stream))
                done_micro += len(group)
                n_items = sum(e.n_loss for mb in group for e in mb)
                step_loss = 0.0
                for mb in group:
                    b = {k: v.to(device) for k, v in collate(mb, pad_id).items()}
                    with _autocast(cfg, device):
                        loss = token_loss_sum(model, b) / n_items
                    loss.backward()
                    step_loss += float(loss.detach())
                    tokens += int(b["attention_mask"].sum())
                    examples_seen += len(mb)
                loss_tokens += n_items
                if cfg.max_grad_norm:
                    torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
                opt.step()
                sched.step()
                opt.zero_grad(set_to_none=True)
                losses.append(step_loss)
                elapsed = time.perf_counter() - start
                progress.update(task, advance=1, loss=f"{step_loss:.4f}", tps=f"{tokens / elapsed:,.0f}")
    finally:
        if handle is not None:
            handle.remove()
    seconds = time.perf_counter() - start
    model.eval()
    return {
        "optimizer_steps": steps,
        "micro_batches": done_micro,
        "examples_seen": examples_seen,
        "tokens": tokens,
        "loss_tokens": loss_tokens,
        "first_loss": losses[0] if losses else None,
        "final_loss": losses[-1] if losses else None,
        "losses": [round(x, 6) for x in losses],
        "seconds": round(seconds, 3),
        "tokens_per_s": round(tokens / seconds, 1) if seconds else None,
    }
