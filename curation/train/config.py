"""Training config (`curate train --config X.yaml`): pydantic v2, unknown fields forbidden.

Errors are one line naming the file, line and field, e.g. `train.yaml:7: r: input should be greater than 0`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from contamination.common.yamlio import load_model

_INIT_RE = re.compile(r"^(pissa|lora|pissa_niter_[1-9]\d*)$")


class TrainConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_model: str = Field(description="hub id or local directory of the base model")
    revision: str | None = Field(None, description="hub revision (commit sha or tag) of base_model")
    layers: Literal["all"] | list[int] | str = Field(
        "all",
        description="`all`, a list of text-layer indices, or a layer type from the model config's layer_types "
        "(e.g. sliding_attention); the vision/audio towers of multimodal models are never adapted",
    )
    target_modules: list[str] = Field(default_factory=lambda: ["q_proj", "v_proj"], min_length=1)
    r: int = Field(8, gt=0)
    alpha: float = Field(16, gt=0)
    dropout: float = Field(0.0, ge=0, lt=1)
    init: str = Field("pissa", description="pissa, pissa_niter_N (fast randomised SVD) or lora")
    learning_rate: float = Field(5e-6, gt=0)
    epochs: float = Field(1, gt=0)
    max_steps: int | None = Field(None, gt=0, description="stop after this many optimizer steps")
    batch_size: int = Field(1, gt=0)
    grad_accum: int = Field(1, gt=0)
    max_length: int = Field(2048, gt=1)
    neftune_alpha: float | None = Field(None, ge=0, description="NEFTune noise alpha (off when null or 0)")
    weight_decay: float = Field(0.0, ge=0)
    warmup: float = Field(
        0.0, ge=0, description="warmup: a fraction of the steps when < 1, else a step count"
    )
    lr_scheduler: Literal["linear", "cosine", "constant"] = "linear"
    max_grad_norm: float | None = Field(1.0, gt=0)
    seed: int = 0
    bf16: bool = False
    gradient_checkpointing: bool = False
    output_dir: str = Field(
        description="where the adapter and training_manifest.json go (replaced atomically)"
    )

    @field_validator("init")
    @classmethod
    def _init(cls, v: str) -> str:
        if not _INIT_RE.match(v):
            raise ValueError(f"'{v}' is not one of pissa, pissa_niter_N (N >= 1), lora")
        return v

    @field_validator("layers")
    @classmethod
    def _layers(cls, v: Any) -> Any:
        if isinstance(v, list):
            if not v:
                raise ValueError("give at least one layer index (or `all`)")
            if any(i < 0 for i in v):
                raise ValueError("layer indices are >= 0")
            if len(set(v)) != len(v):
                raise ValueError("layer indices repeat")
        elif isinstance(v, str) and not v.strip():
            raise ValueError("empty layer selection")
        return v

    @field_validator("target_modules")
    @classmethod
    def _targets(cls, v: list[str]) -> list[str]:
        if len(set(v)) != len(v):
            raise ValueError("target modules repeat")
        return v

    @model_validator(mode="after")
    def _check(self) -> TrainConfig:
        if self.warmup >= 1 and self.warmup != int(self.warmup):
            raise ValueError("warmup >= 1 is a whole number of steps")
        return self

    @property
    def peft_init(self) -> str | bool:
        """The value of PEFT's `init_lora_weights`."""
        return True if self.init == "lora" else self.init


def load_train_config(path: str | Path) -> TrainConfig:
    """Read and validate a training config; problems are one-line `InputError`s (exit 2)."""
    config, _text, _lines = load_model(
        path, TrainConfig, "training config", "base_model, r, alpha, ..., output_dir"
    )
    return config
