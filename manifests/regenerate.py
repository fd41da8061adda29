"""Rebuild the shipped recipes that run offline and copy their manifests and Croissant metadata here.

    python manifests/regenerate.py

Each `manifests/<recipe>.manifest.json` and `manifests/<recipe>.croissant.json` are the `manifest.json`
and `croissant.json` a fresh `curate build recipes/<recipe>.yaml` writes; tests/test_manifests.py rebuilds
and compares both, so a change that alters the demo's data, funnel, hashes or published metadata shows up
as a diff in review.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFLINE_RECIPES = ("demo",)  # norskgemma4 needs the hub and local files this repository does not ship
# the shipped name of each file a build writes: manifests/<recipe>.<kind>.json
SHIPPED = {"manifest": "manifest.json", "croissant": "croissant.json"}


def build_files(recipe: str, out: Path) -> dict[str, bytes]:
    """kind -> the bytes of that file in a fresh build of recipes/<recipe>.yaml into `out`."""
    from curation.output.writer import write_build
    from curation.pipeline import run_pipeline
    from curation.recipe.loading import load_recipe

    lr = load_recipe(ROOT / "recipes" / f"{recipe}.yaml")
    write_build(lr, run_pipeline(lr), out)
    return {kind: (out / name).read_bytes() for kind, name in SHIPPED.items()}


def build_manifest(recipe: str, out: Path) -> bytes:
    """The manifest.json bytes of a fresh build of recipes/<recipe>.yaml into `out`."""
    return build_files(recipe, out)["manifest"]


def shipped_path(recipe: str, kind: str) -> Path:
    return ROOT / "manifests" / f"{recipe}.{kind}.json"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from contamination.common.atomic import write_bytes_atomic

    for recipe in OFFLINE_RECIPES:
        with tempfile.TemporaryDirectory() as tmp:
            files = build_files(recipe, Path(tmp) / "out")
        for kind, data in files.items():
            target = shipped_path(recipe, kind)
            write_bytes_atomic(target, data)
            print(f"wrote {target.relative_to(ROOT)} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
