"""Saving: PiSSA adapters are converted to plain LoRA adapters that load on the unmodified base model.

PEFT's documented path: save the PiSSA adapter right after initialisation (with `init_lora_weights=True` in
its config so that loading it does not decompose the base again), then after training call
`save_pretrained(..., path_initial_model_for_weight_conversion=INIT_DIR)`. PEFT stores ΔW = A·B − A₀·B₀ as a
LoRA of rank 2r (and alpha 2·alpha); the unmodified base W = W_res + A₀·B₀ plus that adapter gives the
trained W_res + A·B.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

ADAPTER_DIR = "adapter"


def is_pissa(model: Any, adapter: str = "default") -> bool:
    return str(model.peft_config[adapter].init_lora_weights).lower().startswith("pissa")


def save_initial(model: Any, init_dir: Path, adapter: str = "default") -> None:
    """Save the freshly initialised PiSSA adapter (before any training step)."""
    cfg = model.peft_config[adapter]
    original = cfg.init_lora_weights
    cfg.init_lora_weights = True
    try:
        with (
            warnings.catch_warnings()
        ):  # "PiSSA changes the base weights": we convert to plain LoRA at the end
            warnings.filterwarnings("ignore", message="PiSSA changes the base weights")
            model.save_pretrained(str(init_dir))
    finally:
        cfg.init_lora_weights = original


def save_adapter(model: Any, out_dir: Path, init_dir: Path | None) -> dict[str, Any]:
    """Write the plain-LoRA adapter to `out_dir`; returns what was written (format, rank, alpha)."""
    if is_pissa(model):
        if init_dir is None:
            raise ValueError("a PiSSA adapter needs the initial adapter (save_initial) to be converted")
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="PiSSA changes the base weights")
            model.save_pretrained(str(out_dir), path_initial_model_for_weight_conversion=str(init_dir))
        fmt = "lora (converted from pissa)"
    else:
        model.save_pretrained(str(out_dir))
        fmt = "lora"
    import json

    cfg = json.loads((out_dir / "adapter_config.json").read_text())
    return {
        "format": fmt,
        "r": cfg["r"],
        "alpha": cfg["lora_alpha"],
        "init_lora_weights": cfg["init_lora_weights"],
    }
