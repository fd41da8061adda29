"""`curate train` end to end: verify the certified set, then (only then) load the model, adapt, train, save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from contamination.common.atomic import atomic_dir, check_replaceable, scratch_dir
from contamination.common.errors import InputError, VerificationError
from curation.output.verify import VerifyResult, verify_certified
from curation.train import model as tm
from curation.train.config import TrainConfig
from curation.train.data import encode_all, read_examples
from curation.train.loop import train
from curation.train.manifest import (
    TRAINING_MANIFEST_NAME,
    build_training_manifest,
    earlier_training,
    manifest_bytes,
)
from curation.train.save import ADAPTER_DIR, is_pissa, save_adapter, save_initial


def require_certified(path: str | Path) -> VerifyResult:
    """The verified set, or VerificationError (exit 1) with the first reason."""
    res = verify_certified(path)
    if not res.ok:
        raise VerificationError(res.summary())
    return res


def trainable_summary(model: Any, sel: tm.Selection) -> dict[str, Any]:
    trainable, total = tm.count_params(model)
    return {"trainable": trainable, "total": total, "by_layer_module": tm.trainable_table(model, sel)}


def dry_run(certified: str | Path, cfg: TrainConfig) -> dict[str, Any]:
    """Verify, then build the adapted architecture on the meta device (no weights) and count parameters."""
    res = require_certified(certified)
    model = tm.load_empty_model(cfg)
    sel = tm.select(model, cfg)
    peft_model = tm.apply_lora(model, cfg, sel, init=True)  # the count does not depend on the init
    return {
        "dataset": res.to_json(),
        "base_model": cfg.base_model,
        "init": cfg.init,
        "selection": sel.to_json(),
        "params": trainable_summary(peft_model, sel),
    }


def pick_device() -> torch.device:
    return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


def check_train_out(certified: str | Path, out_dir: str | Path, force: bool = False) -> None:
    """Refuse an output folder inside the certified set, or one holding anything but an earlier training
    run of ours (unless `force`), before any model loads."""
    out, data = Path(out_dir).resolve(), Path(certified).resolve()
    if out == data or data in out.parents or out in data.parents:
        raise InputError(f"output_dir {out_dir} and the certified set {certified} overlap; choose another")
    check_replaceable(out_dir, earlier_training, force)


def run_training(
    certified: str | Path,
    cfg: TrainConfig,
    out_dir: str | Path,
    show_progress: bool = True,
    log: Any = None,
    force: bool = False,
) -> dict[str, Any]:
    """Train and write OUT (adapter/ + training_manifest.json) atomically; returns the training manifest.

    An existing OUT is replaced only when it is empty or an earlier training output, unless `force`."""
    res = require_certified(certified)
    out_dir = Path(out_dir)
    check_train_out(res.path, out_dir, force)
    say = log or (lambda _msg: None)
    tok = tm.load_tokenizer(cfg)
    conversations = read_examples(res.path / "data" / "train.jsonl")
    examples, skipped = encode_all(tok, conversations, cfg.max_length)
    if not examples:
        raise InputError(f"no example keeps an assistant token within max_length {cfg.max_length}")
    pad_id = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    data_stats = {
        "examples": len(examples),
        "skipped_no_assistant_tokens": skipped,
        "tokens": sum(len(e.input_ids) for e in examples),
        "loss_tokens": sum(e.n_loss for e in examples),
    }
    say(f"data: {len(examples):,} examples, {data_stats['tokens']:,} tokens ({skipped} skipped)")
    torch.manual_seed(cfg.seed)
    device = pick_device()
    model = tm.load_base_model(cfg)
    model.to(device)
    model.config.use_cache = False
    sel = tm.select(model, cfg)
    for s in sel.skipped:
        say(f"skipped: layer {s['layer']} has no {s['module']}")
    peft_model = tm.apply_lora(model, cfg, sel)
    trainable = trainable_summary(peft_model, sel)
    say(
        f"model: {trainable['trainable']:,} trainable of {trainable['total']:,} parameters ({len(sel.modules)} modules)"
    )
    with scratch_dir(out_dir, "init") as init_tmp:
        init_dir = init_tmp / "pissa_init"
        if is_pissa(peft_model):
            save_initial(peft_model, init_dir)
        metrics = train(peft_model, examples, cfg, pad_id, show_progress=show_progress)
        with atomic_dir(out_dir) as tmp:
            adapter_dir = tmp / ADAPTER_DIR
            adapter = save_adapter(peft_model, adapter_dir, init_dir if is_pissa(peft_model) else None)
            # the folder written (--out, or the config's output_dir), not the config's default
            ran = cfg.model_copy(update={"output_dir": str(out_dir)})
            manifest = build_training_manifest(
                ran, res, sel.to_json(), trainable, data_stats, adapter, adapter_dir, metrics, str(device)
            )
            (tmp / TRAINING_MANIFEST_NAME).write_bytes(manifest_bytes(manifest))
    return manifest
