"""`training_manifest.json` (`norcurate.training-manifest/1`): what was trained on what, how, and with what."""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from contamination import __version__
from contamination.common.jsonio import canonical_json
from curation.output.verify import VerifyResult
from curation.train.config import TrainConfig

TRAINING_MANIFEST_SCHEMA = "norcurate.training-manifest/1"
TRAINING_MANIFEST_NAME = "training_manifest.json"
LIBRARIES = ("torch", "transformers", "peft", "tokenizers", "accelerate", "safetensors")


def library_versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"norcurate": __version__, "python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _files(root: Path) -> list[dict[str, Any]]:
    out = []
    for p in sorted(root.rglob("*")):
        if p.is_file():
            out.append(
                {
                    "path": p.relative_to(root).as_posix(),
                    "bytes": p.stat().st_size,
                    "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                }
            )
    return out


def build_training_manifest(
    cfg: TrainConfig,
    dataset: VerifyResult,
    selection: dict[str, Any],
    trainable: dict[str, Any],
    data_stats: dict[str, Any],
    adapter: dict[str, Any],
    adapter_dir: Path,
    metrics: dict[str, Any],
    device: str,
) -> dict[str, Any]:
    m = dataset.manifest or {}
    return {
        "schema": TRAINING_MANIFEST_SCHEMA,
        "dataset": {
            "path": str(dataset.path),
            "name": m.get("name"),
            "manifest_sha256": dataset.manifest_sha256,
            "rows": dataset.rows,
            "audit_report_sha256": (m.get("audit") or {}).get("report_sha256"),
            "recipe_sha256": (m.get("recipe") or {}).get("sha256"),
        },
        "base_model": {"id": cfg.base_model, "revision": cfg.revision},
        "config": cfg.model_dump(mode="json"),
        "selection": selection,
        "trainable": trainable,
        "data": data_stats,
        "adapter": {**adapter, "dir": adapter_dir.name, "files": _files(adapter_dir)},
        "libraries": library_versions(),
        "device": device,
        "metrics": metrics,
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return canonical_json(manifest)
