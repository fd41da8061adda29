"""Which local files a test set was read from, with their sha256: what lets a saved index notice that a
benchmark copy changed or moved since it was built.

A test set can be given as a file, a dataset repo folder (its split's data files), a `save_to_disk` folder
(the split's arrow files and metadata) or `--against TASK` (one of those inside the benchmarks folder).
The digest a report carries (`TestSet.sha256`) is what the reader consumed, and for a saved dataset that is
its fingerprint, which does not change when an arrow file is edited; so the index records the files
themselves. Hub sources (`hf:`) have no local files: their revision is their provenance.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from contamination.common.errors import InputError
from contamination.io.readers import resolve_local, sha256_file

Record = dict[str, Any]


def _files(paths: tuple[Path, ...]) -> list[dict[str, Any]]:
    return [{"path": os.path.abspath(p), "bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in paths]


def record(source: str) -> Record | None:
    """The files `source` (a test set, read as its `test` split) consists of, with bytes and sha256;
    None for a hub source."""
    if source.startswith("hf:"):
        return None
    local = resolve_local(source, role="test")
    return {
        "spec": os.path.abspath(source),
        "path": os.path.abspath(local.path),
        "split": local.split,
        "files": _files(local.files),
    }


def _changes(before: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[str]:
    old = {f["path"]: f["sha256"] for f in before}
    new = {f["path"]: f["sha256"] for f in now}
    out = [f"{p} is gone" for p in old if p not in new]
    out += [f"{p} was added" for p in new if p not in old]
    out += [f"{p} changed" for p in old if p in new and old[p] != new[p]]
    return out


def check(rec: Record | None, name: str, index_path: str | Path) -> None:
    """Refuse (InputError) when the files a test set was indexed from changed, or are no longer there."""
    if rec is None:
        return
    rebuild = "rebuild the index with contam index build"
    where = Path(rec["path"])
    if not where.exists():
        raise InputError(
            f"{index_path}: test set '{name}' was indexed from {where}, which is no longer there (moved or "
            f"deleted); {rebuild} where the copy is now, or pass --no-check-sources to use the index as built"
        )
    try:
        now = _files(resolve_local(rec["spec"], role="test").files)
    except (InputError, OSError) as exc:
        raise InputError(
            f"{index_path}: stale index: test set '{name}' ({where}) no longer reads ({exc}); {rebuild}"
        ) from None
    changes = _changes(rec["files"], now)
    if changes:
        more = f" (+{len(changes) - 1} more)" if len(changes) > 1 else ""
        raise InputError(
            f"{index_path}: stale index: test set '{name}' changed since the index was built: "
            f"{changes[0]}{more}; {rebuild}"
        )


def check_all(test_sets: list[dict[str, Any]], index_path: str | Path) -> None:
    """`check` every test set of an index's metadata; an index without records for its local test sets
    (written before they were kept) cannot be checked, so it is refused too."""
    for ts in test_sets:
        if "source_files" not in ts:
            if str(ts.get("source", "")).startswith("hf:"):
                continue
            raise InputError(
                f"{index_path}: the index does not record the files of test set '{ts.get('name')}' (an older "
                "norcurate wrote it), so a changed copy would go unnoticed; rebuild it with contam index build"
            )
        check(ts["source_files"], str(ts.get("name")), index_path)
