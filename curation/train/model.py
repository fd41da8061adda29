"""Loading the base model, choosing the text layers and modules to adapt, and the PEFT (PiSSA) LoRA setup.

Only the decoder stack of the text model is ever adapted: for multimodal models (Gemma 3/4) the vision and
audio towers hold `q_proj`/`v_proj` too, so targets are explicit module names inside the text `layers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import nn

from contamination.common.errors import InputError
from contamination.io.readers import hub_offline_requested, hub_unreachable_reason
from curation.train.config import TrainConfig

_NON_TEXT = ("vision", "visual", "audio", "image", "multi_modal", "mm_projector", "encoder", "speech")


@dataclass
class Selection:
    """What gets adapted: text layer indices, the explicit module names, and what was skipped."""

    layers_path: str
    num_layers: int
    layers: list[int]
    layer_types: list[str] | None
    modules: list[str]
    skipped: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "layers_path": self.layers_path,
            "num_layers": self.num_layers,
            "layers": self.layers,
            "layer_types": [self.layer_types[i] for i in self.layers] if self.layer_types else None,
            "modules": self.modules,
            "skipped": self.skipped,
        }


def text_config(config: Any) -> Any:
    get = getattr(config, "get_text_config", None)
    return get() if callable(get) else config


def find_text_layers(model: nn.Module) -> tuple[str, nn.ModuleList]:
    """The ModuleList of text decoder layers (never one inside a vision/audio tower)."""
    n = getattr(text_config(model.config), "num_hidden_layers", None)
    found: list[tuple[str, nn.ModuleList]] = []
    for name, mod in model.named_modules():
        if not isinstance(mod, nn.ModuleList) or name.split(".")[-1] != "layers":
            continue
        if any(tag in part for part in name.lower().split(".") for tag in _NON_TEXT):
            continue
        if n is not None and len(mod) != n:
            continue
        found.append((name, mod))
    if len(found) > 1:
        found = [f for f in found if "language_model" in f[0]] or found
    if len(found) != 1:
        names = ", ".join(f[0] for f in found) or "none"
        raise InputError(
            f"cannot find the text decoder layers of {type(model).__name__} (candidates: {names})"
        )
    return found[0]


def select(model: nn.Module, cfg: TrainConfig) -> Selection:
    """Resolve `layers` and `target_modules` to explicit module names; missing modules are skipped and reported."""
    path, layers = find_text_layers(model)
    n = len(layers)
    layer_types = getattr(text_config(model.config), "layer_types", None)
    layer_types = list(layer_types) if layer_types else None
    if cfg.layers == "all":
        idx = list(range(n))
    elif isinstance(cfg.layers, list):
        bad = [i for i in cfg.layers if i >= n]
        if bad:
            raise InputError(f"layers: {bad} out of range: the text model has {n} layers (0–{n - 1})")
        idx = sorted(cfg.layers)
    else:
        if not layer_types:
            raise InputError(
                f"layers: '{cfg.layers}' needs `layer_types` in the model config, which has none; use all or indices"
            )
        idx = [i for i, t in enumerate(layer_types) if t == cfg.layers]
        if not idx:
            kinds = ", ".join(sorted(set(layer_types)))
            raise InputError(f"layers: no layer of type '{cfg.layers}' (the model has: {kinds})")
    modules: list[str] = []
    skipped: list[dict[str, Any]] = []
    for i in idx:
        named = dict(layers[i].named_modules())
        for t in cfg.target_modules:
            hits = sorted(
                k for k, m in named.items() if (k == t or k.endswith("." + t)) and isinstance(m, nn.Linear)
            )
            if hits:
                modules += [f"{path}.{i}.{k}" for k in hits]
            else:
                skipped.append({"layer": i, "module": t})
    if not modules:
        raise InputError(
            f"target_modules: none of {cfg.target_modules} is a Linear layer in the selected layers"
        )
    return Selection(path, n, idx, layer_types, modules, skipped)


def lora_config(cfg: TrainConfig, sel: Selection, init: str | bool | None = None) -> Any:
    from peft import LoraConfig

    return LoraConfig(
        r=cfg.r,
        lora_alpha=cfg.alpha,
        lora_dropout=cfg.dropout,
        target_modules=sel.modules,
        init_lora_weights=cfg.peft_init if init is None else init,
        bias="none",
        task_type="CAUSAL_LM",
    )


def apply_lora(model: nn.Module, cfg: TrainConfig, sel: Selection, init: str | bool | None = None) -> Any:
    """Wrap `model` with PEFT LoRA; init `pissa`/`pissa_niter_N` is PEFT's own PiSSA (SVD of the base weights)."""
    from peft import get_peft_model

    torch.manual_seed(cfg.seed)
    return get_peft_model(model, lora_config(cfg, sel, init))


def resolve_model_path(cfg: TrainConfig) -> str:
    """A local folder as it is; a hub id only when the hub can be reached (or HF_HUB_OFFLINE asks for the
    cache): otherwise transformers spends half a minute retrying before it gives up."""
    p = Path(cfg.base_model)
    if p.exists():
        return str(p)
    if not hub_offline_requested() and (reason := hub_unreachable_reason()):
        raise InputError(
            f"base_model: '{cfg.base_model}' is not a local folder and the Hugging Face hub cannot be reached "
            f"({reason}); give a local folder, or set HF_HUB_OFFLINE=1 to load it from the cache"
        )
    return cfg.base_model


def load_base_model(cfg: TrainConfig, dtype: torch.dtype | None = None) -> nn.Module:
    """The base model (weights in bf16 when `bf16`, else float32)."""
    from transformers import AutoModelForCausalLM

    dtype = dtype or (torch.bfloat16 if cfg.bf16 else torch.float32)
    try:
        model = AutoModelForCausalLM.from_pretrained(
            resolve_model_path(cfg), revision=cfg.revision, dtype=dtype
        )
    except OSError as exc:
        raise InputError(f"base_model: cannot load '{cfg.base_model}': {str(exc).splitlines()[0]}") from None
    return model


def load_empty_model(cfg: TrainConfig) -> nn.Module:
    """The model's architecture on the meta device (config only, no weights): enough to count parameters."""
    from transformers import AutoConfig, AutoModelForCausalLM

    try:
        config = AutoConfig.from_pretrained(resolve_model_path(cfg), revision=cfg.revision)
    except OSError as exc:
        raise InputError(
            f"base_model: cannot load the config of '{cfg.base_model}': {str(exc).splitlines()[0]}"
        ) from None
    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(config)


def load_tokenizer(cfg: TrainConfig) -> Any:
    from transformers import AutoTokenizer

    try:
        tok = AutoTokenizer.from_pretrained(resolve_model_path(cfg), revision=cfg.revision)
    except OSError as exc:
        raise InputError(
            f"base_model: cannot load the tokenizer of '{cfg.base_model}': {str(exc).splitlines()[0]}"
        ) from None
    if not getattr(tok, "chat_template", None):
        raise InputError(f"base_model: the tokenizer of '{cfg.base_model}' has no chat template")
    return tok


def trainable_table(model: nn.Module, sel: Selection) -> list[dict[str, Any]]:
    """Trainable parameters per (layer, module), plus any trainable parameter outside the adapted modules."""
    rows: dict[tuple[int | None, str], int] = {}
    prefix = sel.layers_path + "."
    for name, p in model.named_parameters():
        if not p.requires_grad:
            continue
        key = name.split(prefix, 1)[1] if prefix in name else None
        if key is not None:
            layer_s, rest = key.split(".", 1)
            module = rest.split(".lora_")[0]
            k: tuple[int | None, str] = (int(layer_s), module)
        else:
            k = (None, name)
        rows[k] = rows.get(k, 0) + p.numel()
    types = sel.layer_types
    return [
        {
            "layer": layer,
            "layer_type": types[layer] if types and layer is not None else None,
            "module": module,
            "params": n,
        }
        for (layer, module), n in sorted(
            rows.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, kv[0][1])
        )
    ]


def count_params(model: nn.Module) -> tuple[int, int]:
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    return trainable, total
