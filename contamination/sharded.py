"""An audit cut in shards (`contamination.io.shards`) and run through an executor
(`contamination.executors`: in this process, or one task per shard on a Ray cluster). The report is the
one `contamination.audit.run_audit` gives, byte for byte.

    with executor_for("ray", address="auto") as executor:
        result = audit_on(executor, [TrainSource("corpus/")], index)

Three rounds:
1. the shards whose rows are not known from the plan (parts of JSON Lines and text files) are counted,
   so that each knows where its rows sit: its first line, row and ordinal (`Span`);
2. each shard is scanned against the one shared index by a `Scanner` of its own, which settles its
   findings batch by batch as a whole audit does, and hands over the state of its template review;
   beside the scans, the sources cut in several shards are hashed (one sequential read each);
3. the shards' findings are taken in order into one `FindingSink`, their reviews into one `Scanner`,
   which settles the deferred findings once, over the whole audit.
A shard whose rows, read, differ from the rows counted (the file changed during the audit) fails the
audit: a report never rests on part of the data.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from contamination.audit import (
    MEMORY,
    AuditResult,
    TrainSource,
    TrainStats,
    assemble,
    audit_texts,
    empty_source,
    finding_sink,
    texts_stats,
)
from contamination.common.errors import InputError
from contamination.engine import Scanner
from contamination.executors.base import Executor
from contamination.index.testindex import TestIndex
from contamination.io.fields import row_ids, select_texts
from contamination.io.readers import Hasher
from contamination.io.shards import (
    ROWS_PER_SHARD,
    SHARD_BYTES,
    Shard,
    SourcePlan,
    Span,
    count_shard,
    plan_source,
    read_shard,
    source_digest,
    spans,
)
from contamination.methods.base import Finding
from contamination.methods.review import ReviewState


@dataclass(frozen=True)
class ScanJob:
    """One shard to scan, with where its rows sit and how its texts and ids are chosen."""

    shard: Shard
    span: Span
    fields: tuple[str, ...]
    id_field: str | None
    label: str  # how errors and the report name its source
    batch_size: int


@dataclass
class ShardFindings:
    """What scanning one shard found: its findings settled batch by batch, those deferred to the end,
    its template review's state (None without the training side), the source's sha256 when the shard
    is the whole source, and who scanned it."""

    rows: int
    nbytes: int
    settled: list[Finding]
    deferred: list[Finding]
    review: ReviewState | None
    sha256: str | None
    worker: str


@dataclass(frozen=True)
class ShardDone:
    """Progress: a shard scanned (rows and bytes), by which worker."""

    rows: int
    nbytes: int
    worker: str
    total_rows: int  # of the whole audit


OnShard = Callable[[ShardDone], None]


def count_rows(_shared: object, shard: Shard) -> tuple[int, int]:
    """Round 1 (a task): the shard's (lines, rows)."""
    return count_shard(shard)


def digest_source(_shared: object, path: str) -> str:
    """Beside round 2 (a task): a source's sha256."""
    return source_digest(path)


def scan_shard(index: TestIndex, job: ScanJob) -> ShardFindings:
    """Round 2 (a task): one shard scanned by a scanner of its own (see the module docstring)."""
    scanner = Scanner(index)
    hasher = Hasher()
    settled: list[Finding] = []
    deferred: list[Finding] = []
    row, ordinal = job.span.first_row, job.span.first_ordinal
    for batch in read_shard(job.shard, job.span, job.batch_size, hasher):
        ids = row_ids(batch, job.id_field, row)
        texts = select_texts(batch, job.fields, job.label, row)
        final, later = scanner.settle(scanner.scan(range(ordinal, ordinal + len(texts)), ids, texts))
        settled += final
        deferred += later
        row += len(batch)
        ordinal += len(batch)
    return ShardFindings(
        rows=row - job.span.first_row,
        nbytes=job.shard.nbytes,
        settled=settled,
        deferred=deferred,
        review=scanner.handoff(),
        sha256=hasher.hexdigest() if job.shard.whole else None,
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )


@dataclass(frozen=True)
class AuditPlan:
    """The training sources cut in shards, each shard with where its rows sit and how many it holds (see
    the module docstring, round 1). Scanning (`audit_on`) and writing the rows split by the verdict
    (`contamination.split.write_split_parts`) both follow it."""

    train: tuple[TrainSource, ...]
    sources: tuple[SourcePlan, ...]
    shards: tuple[Shard, ...]
    spans: tuple[Span, ...]
    rows: tuple[int, ...]  # of each shard

    @property
    def total_rows(self) -> int:
        return sum(self.rows)


MIN_SHARD_BYTES = 8 << 20
SHARDS_PER_WORKER = 4  # on small data: the last shards to finish keep few workers waiting


def shard_size(executor: Executor, train: Sequence[TrainSource]) -> int:
    """`SHARD_BYTES`, or less when the training files are few for the executor's workers: about
    `SHARDS_PER_WORKER` shards per worker, at least `MIN_SHARD_BYTES` each (a shard's fixed cost)."""
    total = sum(_nbytes(src.source) for src in train)
    workers = max(1, int(getattr(executor, "workers", 1)))
    return max(MIN_SHARD_BYTES, min(SHARD_BYTES, total // (SHARDS_PER_WORKER * workers) + 1))


def _nbytes(source: object) -> int:
    if not isinstance(source, str | Path) or str(source).startswith("hf:"):
        return 0
    path = Path(source)
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else 0


def plan_audit(
    executor: Executor,
    train: Sequence[TrainSource],
    shard_bytes: int | None = None,
    rows_per: int = ROWS_PER_SHARD,
    require_rows: bool = True,
) -> AuditPlan:
    """Cut every training source in shards and count the rows of those the plan could not (round 1). An
    empty source is an input error (unless not `require_rows`: the caller says so in its own words).
    `shard_bytes`: default `shard_size`."""
    size = shard_bytes or shard_size(executor, train)
    plans = [plan_source(src.source, i, size, rows_per) for i, src in enumerate(train)]
    shards = [s for plan in plans for s in plan.shards]
    counts = _counted(executor, shards)
    rows = [c[1] if c is not None else s.rows or 0 for s, c in zip(shards, counts, strict=True)]
    per_source = [0] * len(train)
    for shard, n in zip(shards, rows, strict=True):
        per_source[shard.source] += n
    for src, plan, n in zip(train, plans, per_source, strict=True):
        if n == 0 and require_rows:
            raise empty_source(src.label, plan.split)
    return AuditPlan(tuple(train), tuple(plans), tuple(shards), tuple(spans(shards, counts)), tuple(rows))


def audit_on(
    executor: Executor,
    train: Sequence[TrainSource] | AuditPlan,
    index: TestIndex,
    batch_size: int = 2048,
    shard_bytes: int | None = None,
    on_shard: OnShard | None = None,
    described: Sequence[TrainStats] | None = None,
) -> AuditResult:
    """Audit every training source against `index` through `executor` (see the module docstring); `train`
    may be a plan made already (`plan_audit`, with `shard_bytes`). `described`: how the report names and
    describes each source, when not by its label, fields and sha256 (its rows are counted here)."""
    plan = train if isinstance(train, AuditPlan) else plan_audit(executor, train, shard_bytes)
    stats = [
        TrainStats(path=src.label, fields=list(src.fields), split=sp.split, sha256=sp.sha256 or "")
        for src, sp in zip(plan.train, plan.sources, strict=True)
    ]
    if described is not None:
        stats = [dataclasses.replace(st, rows=0) for st in described]
    jobs = [
        ScanJob(
            s,
            span,
            plan.train[s.source].fields,
            plan.train[s.source].id_field,
            plan.train[s.source].label,
            batch_size,
        )
        for s, span in zip(plan.shards, plan.spans, strict=True)
    ]
    digests = _digests(executor, list(plan.sources))  # started now, so they run beside the scans
    sink = finding_sink(index)
    scanner = Scanner(index)
    found_all = executor.map(scan_shard, jobs, index)
    for job, rows, found in zip(jobs, plan.rows, found_all, strict=True):
        if found.rows != rows:
            raise InputError(
                f"{job.label}: {found.rows} rows read where {rows} were counted (did it change during the "
                "audit?); audit it again"
            )
        source = job.shard.source
        span = job.span
        sink.add(
            found.settled,
            found.deferred,
            span.first_ordinal,
            source,
            span.first_row - span.first_ordinal,
            job.label,
        )
        if found.review is not None:
            scanner.absorb(found.review)
        stats[source].rows += found.rows
        if found.sha256 is not None and described is None:
            stats[source].sha256 = found.sha256
        if on_shard is not None:
            on_shard(ShardDone(found.rows, found.nbytes, found.worker, plan.total_rows))
    for source, sha in digests:
        if described is None:
            stats[source].sha256 = sha
    return assemble(index, stats, sink, scanner)


def audit_texts_on(
    executor: Executor,
    ids: Sequence[str],
    texts: Sequence[str],
    index: TestIndex,
    name: str = MEMORY,
    rows_per: int = 8192,
) -> AuditResult:
    """`contamination.audit.audit_texts` through `executor`: the texts in shards of `rows_per` rows, the
    same report."""
    if not texts:
        return audit_texts(ids, texts, index, name)
    import pyarrow as pa

    table = pa.table({"id": pa.array(list(ids), pa.string()), "text": pa.array(list(texts), pa.string())})
    train = [TrainSource(table, ("text",), "id", name)]
    plan = plan_audit(executor, train, rows_per=rows_per)
    return audit_on(executor, plan, index, described=[texts_stats(name, 0)])


def _counted(executor: Executor, shards: list[Shard]) -> list[tuple[int, int] | None]:
    """(lines, rows) of each shard the plan did not count (None for the others)."""
    todo = [s for s in shards if s.rows is None]
    counted = iter(executor.map(count_rows, todo, None))
    return [next(counted) if s.rows is None else None for s in shards]


def _digests(executor: Executor, plans: list[SourcePlan]) -> Iterator[tuple[int, str]]:
    """(source, sha256) of the sources hashed apart from their scans."""
    hashed = [(i, plan.digest_path) for i, plan in enumerate(plans) if plan.digest_path is not None]
    results = executor.map(digest_source, [path for _, path in hashed], None)
    return zip((i for i, _ in hashed), results, strict=True)
