"""Rebuild the shipped recipes that run offline and copy their manifests here.

    python manifests/regenerate.py

Each `manifests/<recipe>.manifest.json` is the manifest a fresh `curate build recipes/<recipe>.yaml`
writes; tests/test_manifests.py rebuilds and compares, so a change that alters the demo's data, funnel or
hashes shows up as a diff in review.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFLINE_RECIPES = ("demo",)  # norskgemma4 needs the hub and local files this repository does not ship


def build_manifest(recipe: str, out: Path) -> bytes:
    """The manifest.json bytes of a fresh build of recipes/<recipe>.yaml into `out`."""
    from curation.output.writer import write_build
    from curation.pipeline import run_pipeline
    from curation.recipe.loading import load_recipe

    lr = load_recipe(ROOT / "recipes" / f"{recipe}.yaml")
    write_build(lr, run_pipeline(lr), out)
    return (out / "manifest.json").read_bytes()


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from contamination.common.atomic import write_bytes_atomic

    for recipe in OFFLINE_RECIPES:
        with tempfile.TemporaryDirectory() as tmp:
            data = build_manifest(recipe, Path(tmp) / "out")
        target = ROOT / "manifests" / f"{recipe}.manifest.json"
        write_bytes_atomic(target, data)
        print(f"wrote {target.relative_to(ROOT)} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
