"""The shipped manifests are what a fresh build writes (regenerate with manifests/regenerate.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parents[1]


def _regenerate_module():
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "manifests" / "regenerate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_demo_manifest_matches_a_fresh_build(tmp_path: Path) -> None:
    regenerate = _regenerate_module()
    for recipe in regenerate.OFFLINE_RECIPES:
        shipped = (ROOT / "manifests" / f"{recipe}.manifest.json").read_bytes()
        fresh = regenerate.build_manifest(recipe, tmp_path / recipe)
        if fresh != shipped:  # name the first differing section, not a wall of bytes
            a, b = orjson.loads(shipped), orjson.loads(fresh)
            differing = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
            raise AssertionError(
                f"manifests/{recipe}.manifest.json is stale ({', '.join(differing)} differ); "
                "run python manifests/regenerate.py and review the diff"
            )
