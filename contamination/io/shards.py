"""Training sources cut into shards that are read apart (one task each on a cluster) and give, together,
exactly what reading the whole source gives: the same rows in the same order, numbered the same, with
the same ids and the same error messages.

How a source is cut (`plan_source`):
- JSON Lines and text files: byte ranges of about `shard_bytes`, cut after a newline. How many lines and
  rows each range holds is counted first (`count_shard`, a cheap pass: no JSON is parsed), so that each
  shard knows the number of its first line in the file and of its first row in the source (`Span`).
- parquet files: runs of row groups (row counts from the footer).
- datasets saved with `save_to_disk` and hub datasets: row ranges (the hub dataset is loaded from the
  `datasets` cache of the machine that reads it).
- .json and .csv files, and in-memory tables: one shard each, read whole.
A folder of data files is cut file by file.

The source's sha256 is the one the readers' `Hasher` gives for the whole source: a plain file read as
one shard is hashed while it is read; any other file source is hashed by one sequential read of its
bytes (`source_digest`, nothing parsed), which runs beside the scans; a dataset's comes from its
fingerprint.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from contamination.common.errors import InputError
from contamination.io.readers import (
    Hasher,
    Part,
    Row,
    dataset_digest,
    file_format,
    folder_digest,
    iter_file,
    load_hub_dataset,
    parse_hub_ref,
    resolve_local,
    saved_dataset,
    sha256_file,
)
from contamination.io.tables import iter_table_batches

SHARD_BYTES = 64 << 20  # a shard of a large file: ~1-2 s of scanning on one core
ROWS_PER_SHARD = 100_000  # a shard of a dataset or table
_ALIGN_READ = 1 << 16


@dataclass(frozen=True)
class Shard:
    """One piece of one training source."""

    source: int  # the source's position among the audit's training sources
    kind: str  # "part": a part of a file (bytes, or parquet row groups); "file": a file read whole;
    # "dataset": rows of a saved or hub dataset; "table": rows of an in-memory table
    path: str  # the file, the dataset folder or hf: reference; "" for a table
    start: int = 0  # part: byte offset (parquet: row group); dataset: row
    end: int = 0
    rows: int | None = None  # known from the plan (parquet, datasets, tables), else counted
    nbytes: int = 0  # what it reads (for progress), 0 when unknown
    split: str | None = None  # the split of a dataset read
    new_file: bool = True  # its lines are numbered from 1 (the first shard of its file)
    whole: bool = False  # it reads its whole file, hashing it as it goes
    table: Any = None  # the rows of a "table" shard


@dataclass(frozen=True)
class Span:
    """Where a shard's rows sit: its first line in its file (1-based), its first row in its source
    (0-based) and its first row in the whole audit (the ordinal)."""

    first_line: int
    first_row: int
    first_ordinal: int


@dataclass(frozen=True)
class SourcePlan:
    """A training source cut into shards, with what the report says of it."""

    shards: list[Shard]
    split: str | None
    sha256: str | None  # known from the plan (datasets); None: from its only shard or `source_digest`
    digest_path: str | None  # the file or folder `source_digest` hashes (None: no separate hash)


def _cuts(path: Path, size: int, shard_bytes: int) -> list[int]:
    """Offsets that split the file into ranges of about `shard_bytes`, each just after a newline."""
    cuts = [0]
    with path.open("rb") as fh:
        target = shard_bytes
        while target < size:
            fh.seek(target)
            at = target
            while True:
                block = fh.read(_ALIGN_READ)
                if not block:
                    return [*cuts, size]
                nl = block.find(b"\n")
                if nl >= 0:
                    at += nl + 1
                    break
                at += len(block)
            if at >= size:
                break
            cuts.append(at)
            target = at + shard_bytes
    return [*cuts, size]


def _file_shards(path: Path, source: int, shard_bytes: int) -> list[Shard]:
    fmt = file_format(path)
    size = path.stat().st_size
    if fmt in ("jsonl", "txt"):
        cuts = _cuts(path, size, shard_bytes) if size else [0, 0]
        if len(cuts) == 2:
            return [Shard(source, "part", str(path), 0, size, None, size, whole=True)]
        return [
            Shard(source, "part", str(path), a, b, None, b - a, new_file=k == 0)
            for k, (a, b) in enumerate(itertools.pairwise(cuts))
        ]
    if fmt == "parquet":
        return _parquet_shards(path, source, size, shard_bytes)
    return [Shard(source, "file", str(path), nbytes=size, whole=True)]


def _parquet_shards(path: Path, source: int, size: int, shard_bytes: int) -> list[Shard]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow raises several types for corrupt files
        raise InputError(f"{path}: cannot read as parquet ({str(exc).splitlines()[0]})") from None
    groups = meta.num_row_groups
    shards: list[Shard] = []
    start = rows = nbytes = 0
    for g in range(groups):
        group = meta.row_group(g)
        rows += group.num_rows
        nbytes += group.total_byte_size
        if nbytes >= shard_bytes or g == groups - 1:
            shards.append(Shard(source, "part", str(path), start, g + 1, rows, nbytes, new_file=not shards))
            start, rows, nbytes = g + 1, 0, 0
    if len(shards) <= 1:  # one shard: the file read whole (and hashed)
        return [Shard(source, "part", str(path), 0, groups, meta.num_rows, size, whole=True)]
    return shards


def _dataset_shards(source: int, spec: str, n_rows: int, split: str | None, rows_per: int) -> list[Shard]:
    starts = range(0, n_rows, rows_per)
    return [
        Shard(source, "dataset", spec, a, min(a + rows_per, n_rows), min(rows_per, n_rows - a), split=split)
        for a in starts
    ] or [Shard(source, "dataset", spec, rows=0, split=split)]


def _table_shards(table: Any, source: int, rows_per: int) -> list[Shard]:
    n = len(table)
    return [
        Shard(
            source,
            "table",
            "",
            a,
            min(a + rows_per, n),
            min(rows_per, n - a),
            table=_rows_of(table, a, rows_per),
        )
        for a in range(0, n, rows_per)
    ] or [Shard(source, "table", "", rows=0, table=table)]


def plan_source(
    source: Any, index: int, shard_bytes: int = SHARD_BYTES, rows_per: int = ROWS_PER_SHARD
) -> SourcePlan:
    """`source` (a path, dataset folder, hf: reference or in-memory table) cut into shards (see the
    module docstring); datasets and tables in runs of `rows_per` rows."""
    if not isinstance(source, str | Path):
        hasher = Hasher()
        for _ in iter_table_batches(source, 4096, hasher):  # the rows' hash, as reading them gives
            pass
        return SourcePlan(_table_shards(source, index, rows_per), None, hasher.hexdigest(), None)
    spec = str(source)
    if spec.startswith("hf:"):
        ref = parse_hub_ref(spec)
        ds, split = load_hub_dataset(ref, "train")
        shards = _dataset_shards(index, spec, len(ds), split, rows_per)
        return SourcePlan(shards, split, dataset_digest(ds._fingerprint, ref), None)
    local = resolve_local(spec, "train")
    if local.kind == "save_to_disk":
        ds = saved_dataset(local)
        if ds is None:  # an empty Dataset: no rows, nothing hashed (as `iter_batches`)
            return SourcePlan(
                _dataset_shards(index, spec, 0, local.split, rows_per),
                local.split,
                Hasher().hexdigest(),
                None,
            )
        shards = _dataset_shards(index, spec, len(ds), local.split, rows_per)
        return SourcePlan(shards, local.split, dataset_digest(ds._fingerprint), None)
    if local.kind == "file":
        shards = _file_shards(local.path, index, shard_bytes)
        return SourcePlan(shards, None, None, None if shards[0].whole else spec)
    shards = [s for f in local.files for s in _file_shards(f, index, shard_bytes)]
    return SourcePlan([replace(s, whole=False) for s in shards], local.split, None, spec)


def _rows_of(table: Any, start: int, n: int) -> Any:
    """Rows [start, start + n) of an in-memory table, as the same kind of table."""
    kind = type(table).__module__.split(".")[0]
    if kind == "datasets":
        return table.select(range(start, min(start + n, len(table))))
    if kind in ("pyarrow", "polars"):
        return table.slice(start, n)
    return table[start : start + n]


def source_digest(digest_path: str) -> str:
    """The sha256 of a file or folder source, as reading it whole gives (see the module docstring)."""
    path = Path(digest_path)
    if path.is_file():
        return sha256_file(path)
    return folder_digest(resolve_local(digest_path, "train"))


def count_shard(shard: Shard) -> tuple[int, int]:
    """(lines, rows) of a shard whose rows are not known from the plan: a part of a line file is
    counted without parsing (a row per line that is not blank; a line that is not valid JSON fails
    when the shard is read), a file read whole is read."""
    path = Path(shard.path)
    if shard.kind == "file":
        return 0, sum(len(b) for b in iter_file(path, 4096))
    fmt = file_format(path)
    lines = rows = 0
    pending = b""
    with path.open("rb") as fh:
        fh.seek(shard.start)
        left = shard.end - shard.start
        first = shard.start == 0
        while left > 0:
            chunk = fh.read(min(1 << 22, left))
            if not chunk:
                break
            left -= len(chunk)
            if first:
                chunk = chunk.removeprefix(b"\xef\xbb\xbf") if fmt == "jsonl" else chunk
                first = False
            pieces = (pending + chunk).split(b"\n")
            pending = pieces.pop()
            lines += len(pieces)
            rows += _non_blank(pieces, fmt)
    if pending:
        lines += 1
        rows += _non_blank([pending], fmt)
    return lines, rows


def _non_blank(lines: list[bytes], fmt: str) -> int:
    if fmt == "jsonl":  # the JSON Lines reader skips lines of ASCII whitespace
        return sum(1 for line in lines if line.strip())
    # the text reader skips lines that are whitespace once decoded (a line it cannot decode fails there)
    return sum(1 for line in lines if line.decode("utf-8", "replace").strip())


def read_shard(shard: Shard, span: Span, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
    """The shard's rows in batches, numbered from `span` (see the module docstring)."""
    if shard.kind == "table":
        yield from iter_table_batches(shard.table, batch_size, hasher)
        return
    if shard.kind == "dataset":
        yield from _dataset_rows(shard, batch_size)
        return
    part = None if shard.whole or shard.kind == "file" else Part(shard.start, shard.end, span.first_line)
    yield from iter_file(Path(shard.path), batch_size, hasher, part)


def _dataset_rows(shard: Shard, batch_size: int) -> Iterator[list[Row]]:
    if shard.path.startswith("hf:"):
        ds, _ = load_hub_dataset(parse_hub_ref(shard.path), "train")
    else:
        ds = saved_dataset(resolve_local(shard.path, "train"))
    if ds is None:
        return
    for start in range(shard.start, shard.end, batch_size):
        cols = ds[start : min(start + batch_size, shard.end)]
        names = list(cols)
        n = len(cols[names[0]]) if names else 0
        yield [{k: cols[k][i] for k in names} for i in range(n)]


def spans(
    shards: Sequence[Shard], counts: Sequence[tuple[int, int] | None], first_ordinal: int = 0
) -> list[Span]:
    """Each shard's `Span`, given the (lines, rows) counted for those the plan left uncounted (in
    order: the shards of one source, then the next)."""
    out: list[Span] = []
    line = row = 0
    ordinal = first_ordinal
    source = None
    for shard, counted in zip(shards, counts, strict=True):
        if shard.source != source:
            source, row = shard.source, 0
        if shard.new_file:
            line = 1
        out.append(Span(line, row, ordinal))
        lines, rows = counted if counted is not None else (0, shard.rows or 0)
        line += lines
        row += rows
        ordinal += rows
    return out
