"""`training_manifest.json` (`norcurate.training-manifest/1`): what was trained on what, how, and with what."""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

import orjson

from contamination import __version__
from contamination.common.atomic import describe_unlisted, unlisted
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


def earlier_training(path: Path) -> str | None:
    """None when `path` holds an earlier `curate train` output (its training_manifest.json and the adapter
    files it lists, nothing else); otherwise why not."""
    try:
        doc: Any = orjson.loads((path / TRAINING_MANIFEST_NAME).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        doc = None
    adapter = doc.get("adapter") if isinstance(doc, dict) else None
    if not isinstance(adapter, dict) or doc.get("schema") != TRAINING_MANIFEST_SCHEMA:
        return (
            f"it holds {describe_unlisted(unlisted(path, set()))}, and no {TRAINING_MANIFEST_NAME} "
            "of an earlier training run"
        )
    folder = str(adapter.get("dir") or "")
    files = adapter.get("files") if isinstance(adapter.get("files"), list) else []
    listed = {
        f"{folder}/{f['path']}" for f in files if isinstance(f, dict) and isinstance(f.get("path"), str)
    }
    extra = unlisted(path, {*listed, TRAINING_MANIFEST_NAME})
    if extra:
        return (
            f"it holds {describe_unlisted(extra)}, which the earlier {TRAINING_MANIFEST_NAME} does not list"
        )
    return None
