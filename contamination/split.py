"""`contam audit --write-clean/--write-flagged`: the training rows split by the audit's verdict, each in
the input's format; together they are the input, row for row. The inputs are read again batch by batch,
so memory holds one batch and the flagged rows' findings, whatever the size of the training data."""

from __future__ import annotations

import bisect
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contamination.audit import AuditResult, TrainSource
from contamination.common.atomic import atomic_dir, check_replaceable, describe_unlisted, unlisted
from contamination.common.jsonio import canonical_json
from contamination.executors.base import Executor
from contamination.index.testindex import TestIndex
from contamination.io.readers import FILE_FORMATS, Hasher, Row, sha256_file, source_format
from contamination.io.shards import Shard, Span, read_shard
from contamination.io.writers import RowWriter
from contamination.sharded import AuditPlan, OnShard, audit_on, plan_audit

FINDINGS_KEY = "_contamination"  # flagged rows carry their findings under this key


def output_format(path: str | Path, default: str) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FILE_FORMATS else default


Findings = list[dict[str, Any]]
Split = Iterator[tuple[list[Row], list[Row]]]  # (clean rows, flagged rows with their findings) per batch


def _split(
    batches: Iterable[list[Row]], findings_of: Callable[[int], Findings | None], first_row: int
) -> Split:
    """Each batch's rows split by `findings_of(row number)`; flagged rows carry their findings."""
    row = first_row
    for batch in batches:
        clean: list[Row] = []
        hit: list[Row] = []
        for i, r in enumerate(batch, start=row):
            findings = findings_of(i)
            if findings is None:
                clean.append(r)
            else:
                hit.append({**r, FINDINGS_KEY: findings})
        row += len(batch)
        yield clean, hit


def _split_batches(
    sources: Sequence[TrainSource], flagged: Mapping[tuple[int, int], Findings], batch_size: int
) -> Split:
    """Every source read again, batch by batch, in order, and split."""
    for s_idx, src in enumerate(sources):
        yield from _split(src.batches(batch_size, Hasher()), functools.partial(_findings, flagged, s_idx), 0)


def _findings(flagged: Mapping[tuple[int, int], Findings], source: int, row: int) -> Findings | None:
    return flagged.get((source, row))


def _write(
    split: Callable[[], Split], writers: dict[int, RowWriter], targets: list[tuple[int, str | Path]]
) -> dict[int, int]:
    """Write each kind's rows (0 clean, 1 flagged) of `split()` with its writer into its target (a
    format that must see every batch first is shown them in a pass of their own); rows written of each."""
    if any(w.needs_plan for w in writers.values()):
        for parts in split():
            for k, w in writers.items():
                w.plan(parts[k])
    counts = dict.fromkeys(writers, 0)
    with ExitStack() as stack:
        opened = {k: stack.enter_context(writers[k].open(p)) for k, p in targets}
        for parts in split():
            for k, w in opened.items():
                w.write(parts[k])
                counts[k] += len(parts[k])
    return counts


def write_split(
    sources: Sequence[TrainSource],
    flagged: Mapping[tuple[int, int], Findings],
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
    _write(lambda: _split_batches(sources, flagged, batch_size), writers, targets)


# ----------------------------------------------------------------------------- one part per shard
# `contam audit --executor ray --write-clean DIR`: each shard of the audit's plan writes its own part file
# (on the worker that reads it), and `parts.json` lists them in order; read in that order, the parts are
# the single file `write_split` writes, row for row.

PARTS_FILE = "parts.json"
PARTS_SCHEMA = "norcurate.parts/1"
_KINDS = ("clean", "flagged")


@dataclass(frozen=True)
class SplitJob:
    """One shard's rows to split into its part files (`targets`: kind index 0 clean / 1 flagged, path)."""

    shard: Shard
    span: Span
    flagged: dict[int, list[dict[str, Any]]]  # findings by row number within the source
    targets: tuple[tuple[int, str], ...]
    fmt: str
    batch_size: int


def split_shard(_shared: object, job: SplitJob) -> list[tuple[int, int, str]]:
    """A task: write the shard's part files; (kind, rows, sha256) of each."""

    def split() -> Split:
        rows = read_shard(job.shard, job.span, job.batch_size, Hasher())
        return _split(rows, job.flagged.get, job.span.first_row)

    counts = _write(split, {k: RowWriter(job.fmt) for k, _ in job.targets}, list(job.targets))
    return [(k, counts[k], sha256_file(Path(p))) for k, p in job.targets]


def earlier_parts(folder: Path) -> str | None:
    """None when `folder` holds an earlier split of ours (its `parts.json` and nothing unlisted)."""
    listing = folder / PARTS_FILE
    try:
        parts = json.loads(listing.read_bytes())
        files = [p["file"] for p in parts["parts"]] if parts.get("schema") == PARTS_SCHEMA else None
    except (OSError, ValueError, KeyError, TypeError):
        files = None
    if files is None:
        return f"it holds files and no {PARTS_FILE} of an earlier audit"
    extra = unlisted(folder, [*files, PARTS_FILE])
    return f"it holds files that {PARTS_FILE} does not list ({describe_unlisted(extra)})" if extra else None


def check_parts_targets(clean_dir: str | None, flagged_dir: str | None) -> None:
    """Refuse, before any work, a parts folder that holds what we did not write."""
    for option, target in (("--write-clean", clean_dir), ("--write-flagged", flagged_dir)):
        if target:
            check_replaceable(target, earlier_parts, force=False, option=option)


def _flagged_by_shard(
    plan: AuditPlan, flagged: Mapping[tuple[int, int], list[dict[str, Any]]]
) -> list[dict[int, list[dict[str, Any]]]]:
    """The flagged rows' findings, grouped by the shard that reads each row."""
    out: list[dict[int, list[dict[str, Any]]]] = [{} for _ in plan.shards]
    starts: dict[int, list[tuple[int, int]]] = {}
    for i, (shard, span) in enumerate(zip(plan.shards, plan.spans, strict=True)):
        starts.setdefault(shard.source, []).append((span.first_row, i))
    for (source, row), findings in flagged.items():
        firsts = starts[source]
        at = bisect.bisect_right(firsts, (row, len(plan.shards))) - 1
        out[firsts[at][1]][row] = findings
    return out


def write_split_parts(
    executor: Executor,
    plan: AuditPlan,
    flagged: Mapping[tuple[int, int], list[dict[str, Any]]],
    clean_dir: str | Path | None = None,
    flagged_dir: str | Path | None = None,
    batch_size: int = 4096,
) -> None:
    """Write the clean and/or flagged rows as one part file per shard plus `parts.json` in each folder
    (see above), through `executor`; each folder appears whole, or not at all."""
    dirs = [(k, Path(d)) for k, d in enumerate((clean_dir, flagged_dir)) if d]
    if not dirs:
        return
    first = plan.train[0].source
    fmt = source_format(str(first)) if isinstance(first, str | Path) else "jsonl"
    by_shard = _flagged_by_shard(plan, flagged)
    with ExitStack() as stack:
        tmp = {k: stack.enter_context(atomic_dir(d)) for k, d in dirs}
        names = [f"part-{i:05d}.{fmt}" for i in range(len(plan.shards))]
        jobs = [
            SplitJob(
                shard, span, by_shard[i], tuple((k, str(tmp[k] / names[i])) for k, _ in dirs), fmt, batch_size
            )
            for i, (shard, span) in enumerate(zip(plan.shards, plan.spans, strict=True))
        ]
        listing: dict[int, list[dict[str, Any]]] = {k: [] for k, _ in dirs}
        for i, (job, written) in enumerate(zip(jobs, executor.map(split_shard, jobs, None), strict=True)):
            for kind, rows, sha in written:
                listing[kind].append(
                    {
                        "file": names[i],
                        "source": plan.train[job.shard.source].label,
                        "rows": rows,
                        "sha256": sha,
                    }
                )
        for k, _ in dirs:
            parts = listing[k]
            doc = {
                "schema": PARTS_SCHEMA,
                "kind": _KINDS[k],
                "format": fmt,
                "rows": sum(p["rows"] for p in parts),
                "parts": parts,
            }
            (tmp[k] / PARTS_FILE).write_bytes(canonical_json(doc))


def audit_split_on(
    executor: Executor,
    train: Sequence[TrainSource],
    index: TestIndex,
    clean_dir: str | Path | None = None,
    flagged_dir: str | Path | None = None,
    batch_size: int = 2048,
    shard_bytes: int | None = None,
    on_shard: OnShard | None = None,
) -> AuditResult:
    """`contam audit --executor ...`: the audit in shards through `executor`, then, when asked, the rows
    split by its verdict as one part per shard (`write_split_parts`)."""
    plan = plan_audit(executor, train, shard_bytes)
    result = audit_on(executor, plan, index, batch_size, on_shard=on_shard)
    write_split_parts(executor, plan, result.flagged, clean_dir, flagged_dir)
    return result
