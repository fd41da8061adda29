"""`contam audit --write-clean/--write-flagged`: the training rows split by the audit's verdict, each in
the input's format; together they are the input, row for row. The inputs are read again batch by batch,
so memory holds one batch and the flagged rows' findings, whatever the size of the training data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from contamination.audit import TrainSource
from contamination.io.readers import FILE_FORMATS, Hasher, source_format
from contamination.io.writers import RowWriter

FINDINGS_KEY = "_contamination"  # flagged rows carry their findings under this key


def output_format(path: str | Path, default: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FILE_FORMATS else default


def _split_batches(
    sources: Sequence[TrainSource], flagged: Mapping[tuple[int, int], list[dict[str, Any]]], batch_size: int
) -> Any:
    """(clean rows, flagged rows with their findings) per batch of every source, in order."""
    for s_idx, src in enumerate(sources):
        n = 0
        for batch in src.batches(batch_size, Hasher()):
            clean, hit = [], []
            for i, row in enumerate(batch, start=n):
                findings = flagged.get((s_idx, i))
                if findings is None:
                    clean.append(row)
                else:
                    hit.append({**row, FINDINGS_KEY: findings})
            n += len(batch)
            yield clean, hit


def write_split(
    sources: Sequence[TrainSource],
    flagged: Mapping[tuple[int, int], list[dict[str, Any]]],
    clean_path: str | Path | None = None,
    flagged_path: str | Path | None = None,
    batch_size: int = 4096,
) -> None:
    """Write the clean and/or flagged rows (see the module docstring), atomically."""
    targets = [(k, p) for k, p in enumerate((clean_path, flagged_path)) if p]
    if not targets:
        return
    first = sources[0].source
    default = source_format(str(first)) if isinstance(first, str | Path) else "jsonl"
    writers = {k: RowWriter(output_format(p, default)) for k, p in targets}
    if any(w.needs_plan for w in writers.values()):
        for parts in _split_batches(sources, flagged, batch_size):
            for k, w in writers.items():
                w.plan(parts[k])
    with ExitStack() as stack:
        opened = {k: stack.enter_context(writers[k].open(p)) for k, p in targets}
        for parts in _split_batches(sources, flagged, batch_size):
            for k, w in opened.items():
                w.write(parts[k])
