"""Benchmark the `curate train` loop: tokens/s, peak memory and trainable parameters, plain LoRA vs PiSSA.

Random weights in a real architecture shape (no download): `gemma3-1b` is the Gemma 3 1B text config
(26 layers, hidden 1152, 262k vocabulary, 5:1 sliding/full attention), `llama-1b` a Llama 3.2 1B shape.
Adapters: r=8 alpha=16 on q_proj/v_proj of the sliding-attention layers (Llama: all layers), as in
recipes/norskgemma4-train.yaml. Data: random token ids, loss on every token. The same `train()` loop as
`curate train` (NEFTune, AdamW, warmup, bf16 autocast on GPU, gradient checkpointing on GPU).

    python bench/train_bench.py                        # GPU: gemma3-1b; CPU: the tiny preset (< 1 min)
    python bench/train_bench.py --preset llama-1b --steps 20 --seq 1024 --batch 4 --md /tmp/train_bench.md
"""

from __future__ import annotations

import argparse
import datetime
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curation.train import model as tm  # noqa: E402
from curation.train.config import TrainConfig  # noqa: E402
from curation.train.data import Encoded  # noqa: E402
from curation.train.loop import train  # noqa: E402

SW, FA = "sliding_attention", "full_attention"


def make_config(preset: str) -> Any:
    from transformers import Gemma3TextConfig, LlamaConfig

    if preset == "gemma3-1b":
        return Gemma3TextConfig(
            vocab_size=262_144,
            hidden_size=1152,
            intermediate_size=6912,
            num_hidden_layers=26,
            num_attention_heads=4,
            num_key_value_heads=1,
            head_dim=256,
            sliding_window=512,
            layer_types=[FA if (i + 1) % 6 == 0 else SW for i in range(26)],
            max_position_embeddings=32_768,
        )
    if preset == "llama-1b":
        return LlamaConfig(
            vocab_size=128_256,
            hidden_size=2048,
            intermediate_size=8192,
            num_hidden_layers=16,
            num_attention_heads=32,
            num_key_value_heads=8,
            head_dim=64,
            max_position_embeddings=8192,
            tie_word_embeddings=True,
        )
    if preset == "tiny":
        return Gemma3TextConfig(
            vocab_size=1024,
            hidden_size=64,
            intermediate_size=128,
            num_hidden_layers=6,
            num_attention_heads=4,
            num_key_value_heads=2,
            head_dim=16,
            sliding_window=64,
            layer_types=[FA if (i + 1) % 3 == 0 else SW for i in range(6)],
        )
    raise SystemExit(f"unknown preset {preset}")


def peak_bytes(device: torch.device) -> int:
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # high-water mark of the process


def run_one(preset: str, init: str, args: argparse.Namespace, device: torch.device) -> dict[str, Any]:
    from transformers import AutoModelForCausalLM

    config = make_config(preset)
    config._attn_implementation = "sdpa"
    layers = "sliding_attention" if getattr(config, "layer_types", None) else "all"
    bf16 = device.type == "cuda"
    cfg = TrainConfig(
        base_model=preset,
        output_dir="unused",
        layers=layers,
        r=8,
        alpha=16,
        init=init,
        learning_rate=5e-6,
        neftune_alpha=5,
        weight_decay=0.01,
        warmup=1,
        batch_size=args.batch,
        max_steps=args.steps,
        seed=0,
        bf16=bf16,
        gradient_checkpointing=device.type == "cuda",
        max_length=args.seq,
    )
    torch.manual_seed(0)
    if device.type == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.bfloat16 if bf16 else torch.float32).to(
        device
    )
    sel = tm.select(model, cfg)
    t0 = time.perf_counter()
    pm = tm.apply_lora(model, cfg, sel)
    if device.type == "cuda":
        torch.cuda.synchronize()
    init_s = time.perf_counter() - t0
    trainable, total = tm.count_params(pm)
    g = torch.Generator().manual_seed(1)
    n = args.batch * args.steps
    examples = []
    for _ in range(n):
        ids = torch.randint(10, config.vocab_size, (args.seq,), generator=g).tolist()
        examples.append(Encoded(ids, ids))
    # warm-up step (kernels, allocator), not timed
    train(pm, examples[: args.batch], cfg.model_copy(update={"max_steps": 1}), pad_id=0, show_progress=False)
    m = train(pm, examples, cfg, pad_id=0, show_progress=False)
    out = {
        "preset": preset,
        "init": init,
        "device": device.type,
        "params": total,
        "trainable": trainable,
        "modules": len(sel.modules),
        "init_s": round(init_s, 2),
        "tokens_per_s": m["tokens_per_s"],
        "peak_gib": round(peak_bytes(device) / 2**30, 2),
        "steps": m["optimizer_steps"],
        "final_loss": m["final_loss"],
    }
    del pm, model
    if device.type == "cuda":
        torch.cuda.empty_cache()
    return out


def table(rows: list[dict[str, Any]]) -> str:
    head = "| preset | init | device | params | trainable | adapted modules | init s | tokens/s | peak GiB |"
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        lines.append(
            f"| {r['preset']} | {r['init']} | {r['device']} | {r['params'] / 1e6:,.1f}M | {r['trainable']:,} | {r['modules']} "
            f"| {r['init_s']} | {r['tokens_per_s']:,.0f} | {r['peak_gib']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> list[dict[str, Any]]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    ap.add_argument(
        "--preset", default=None, help="gemma3-1b | llama-1b | tiny (default: gemma3-1b on GPU, tiny on CPU)"
    )
    ap.add_argument("--inits", default="lora,pissa", help="comma-separated: lora, pissa, pissa_niter_N")
    ap.add_argument("--steps", type=int, default=None)
    ap.add_argument("--seq", type=int, default=None)
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    ap.add_argument("--md", default=None, help="also write the table (with a machine/date line) here")
    args = ap.parse_args(argv)
    device = torch.device(
        "cuda" if (args.device == "auto" and torch.cuda.is_available()) or args.device == "cuda" else "cpu"
    )
    gpu = device.type == "cuda"
    if args.threads:
        torch.set_num_threads(args.threads)
    preset = args.preset or ("gemma3-1b" if gpu else "tiny")
    args.steps = args.steps or (10 if gpu else 3)
    args.seq = args.seq or (1024 if gpu else 128)
    args.batch = args.batch or (4 if gpu else 2)
    rows = [run_one(preset, init, args, device) for init in args.inits.split(",")]
    text = table(rows)
    machine = (
        torch.cuda.get_device_name(device)
        if gpu
        else f"{platform.processor() or platform.machine()} CPU, {torch.get_num_threads()} threads"
    )
    meta = (
        f"{datetime.date.today()} · {machine} · torch {torch.__version__} · {preset} · steps {args.steps} "
        f"× batch {args.batch} × seq {args.seq}"
    )
    print(meta)
    print(text)
    if args.md:
        Path(args.md).write_text(meta + "\n\n" + text + "\n")
    return rows


if __name__ == "__main__":
    main()
