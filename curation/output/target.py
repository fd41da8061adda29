"""Where a build goes and when an existing folder there may be replaced.

A build writes the publishable folder OUT (exactly the files its manifest lists) and, when there is any,
the private evidence beside it in OUT.private (contaminated rows, the audit's evidence; listed by its own
`manifest.json` of schema `norcurate.private/1`, never published). An existing OUT is replaced only when it
is empty or holds an earlier build of ours (its manifest and nothing unlisted), OUT.private likewise;
anything else needs `--force`. Inputs of the recipe are never replaced, not even with `--force`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from contamination.common.atomic import check_replaceable, describe_unlisted, unlisted
from contamination.common.errors import InputError
from curation.recipe.loading import LoadedRecipe

MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA = "norcurate.manifest/1"
PRIVATE_SCHEMA = "norcurate.private/1"
PRIVATE_SUFFIX = ".private"
DEFAULT_OUT = "build"


def output_dir(lr: LoadedRecipe, out: str | None) -> Path:
    """`--out` (relative to the current folder), else the recipe's `output.dir` (relative to the recipe),
    else build/NAME in the current folder."""
    if out:
        return Path(out)
    if lr.recipe.output is not None:
        return Path(os.path.normpath(lr.resolve(lr.recipe.output.dir)))
    return Path(DEFAULT_OUT) / lr.recipe.name


def private_dir(out: str | Path) -> Path:
    """OUT.private: the folder beside OUT that holds what must not be published."""
    path = Path(os.path.abspath(out))
    return path.with_name(path.name + PRIVATE_SUFFIX)


def _listing(path: Path, schema: str) -> tuple[set[str] | None, str]:
    """The files `path/manifest.json` lists (with the manifest itself), or None and why there are none."""
    manifest = path / MANIFEST_NAME
    try:
        doc: Any = orjson.loads(manifest.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None, f"it holds no readable {MANIFEST_NAME} of an earlier build"
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, list) or doc.get("schema") != schema:
        return None, f"its {MANIFEST_NAME} is not one a build writes ({schema})"
    listed = {f["path"] for f in files if isinstance(f, dict) and isinstance(f.get("path"), str)}
    return {*listed, MANIFEST_NAME}, ""


def _earlier(path: Path, schema: str) -> str | None:
    listed, why = _listing(path, schema)
    if listed is None:
        return f"it holds {describe_unlisted(unlisted(path, set()))}, and {why}"
    extra = unlisted(path, listed)
    if extra:
        return f"it holds {describe_unlisted(extra)}, which the earlier build's {MANIFEST_NAME} does not list"
    return None


def earlier_build(path: Path) -> str | None:
    """None when `path` holds an earlier build of ours and nothing else; otherwise why not."""
    return _earlier(path, MANIFEST_SCHEMA)


def earlier_private(path: Path) -> str | None:
    """None when `path` holds an earlier build's private evidence and nothing else; otherwise why not."""
    return _earlier(path, PRIVATE_SCHEMA)


def _inputs(lr: LoadedRecipe) -> list[tuple[tuple[Any, ...], str, Path]]:
    """(recipe location, as written, absolute path) of everything the recipe reads."""
    recipe = lr.recipe
    found: list[tuple[tuple[Any, ...], str, Path]] = [((), str(lr.path), lr.path)]
    found += [
        (("sources", i, "path"), s.path, lr.resolve(s.path))
        for i, s in enumerate(recipe.sources)
        if s.path is not None
    ]
    if recipe.audit is not None:
        found += [
            (("audit", "test_sets", i, "path"), t.path, lr.resolve(t.path))
            for i, t in enumerate(recipe.audit.test_sets)
        ]
        if recipe.audit.benchmarks_dir:
            found.append(
                (
                    ("audit", "benchmarks_dir"),
                    recipe.audit.benchmarks_dir,
                    lr.resolve(recipe.audit.benchmarks_dir),
                )
            )
    return [(loc, text, Path(os.path.abspath(p))) for loc, text, p in found]


def _overlaps(out: Path, src: Path) -> bool:
    """`out` is `src`, holds it, or lies inside it (a later read of `src` would see the build)."""
    return out == src or out in src.parents or src in out.parents


def check_out_dir(lr: LoadedRecipe, out: str | Path, force: bool = False) -> None:
    """Refuse (InputError, exit 2) an output folder that a build must not replace: one that overlaps
    what the recipe reads (even with `force`), or one holding anything but an earlier build of ours."""
    target = Path(os.path.abspath(out))
    private = private_dir(out)
    for loc, text, src in _inputs(lr):
        for folder in (target, private):
            if not _overlaps(folder, src):
                continue
            if not loc:
                raise InputError(
                    f"{out}: the output folder and the recipe {lr.path} overlap; choose another --out"
                )
            raise lr.error(
                loc,
                f"{text} and the output folder {folder} overlap; a build replaces its output folder, "
                "so choose another --out",
            )
    check_replaceable(out, earlier_build, force)
    check_replaceable(private, earlier_private, force, option="--out (its private folder)")
