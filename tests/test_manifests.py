"""The shipped manifests and Croissant files are what a fresh build writes (regenerate with
manifests/regenerate.py)."""

from __future__ import annotations

import hashlib
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


def test_shipped_demo_manifest_and_croissant_match_a_fresh_build(tmp_path: Path) -> None:
    regenerate = _regenerate_module()
    for recipe in regenerate.OFFLINE_RECIPES:
        fresh_files = regenerate.build_files(recipe, tmp_path / recipe)
        assert set(fresh_files) == {"manifest", "croissant"}
        for kind, fresh in fresh_files.items():
            path = regenerate.shipped_path(recipe, kind)
            shipped = path.read_bytes()
            if fresh != shipped:  # name the first differing section, not a wall of bytes
                a, b = orjson.loads(shipped), orjson.loads(fresh)
                differing = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
                raise AssertionError(
                    f"{path.relative_to(ROOT)} is stale ({', '.join(differing)} differ); "
                    "run python manifests/regenerate.py and review the diff"
                )
        # the shipped manifest lists the shipped Croissant file with its hash
        manifest = orjson.loads(regenerate.shipped_path(recipe, "manifest").read_bytes())
        listed = {f["path"]: f["sha256"] for f in manifest["files"]}
        croissant = regenerate.shipped_path(recipe, "croissant").read_bytes()
        assert listed["croissant.json"] == hashlib.sha256(croissant).hexdigest()
