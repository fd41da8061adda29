"""An audit's findings, from the batches that produce them to the report, in memory bounded whatever
their number.

Each batch hands over its findings once scanned (`FindingSink.add`): those of the methods that decide
row by row are already one per (training row, test item, method) and go, in report order, to a spool
that holds up to `SPILL_AT` of them and writes the rest to a temporary file. The findings of methods
with a pass over the whole audit (`Method.finalize`, e.g. `short`) are spooled raw and settled at the
end, then merged in. The report is assembled in one pass over the merged stream: its counts (distinct
flagged rows through `DistinctCounter`, which also spills), and its findings, a plain list when they
are few, else `FindingRows`, read back from a temporary file as they are used (`contam audit --report`
writes them out as they are read, see `contamination.report`), with `FlaggedRows` mapping each flagged
training row to its findings for `--write-flagged`. The report's bytes are the same either way.
"""

from __future__ import annotations

import array
import bisect
import heapq
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

import numpy as np
import orjson

from contamination.methods.base import Finding

SPILL_AT = 20_000  # findings held in memory (~1 KB each) before they go to a temporary file
DISTINCT_AT = 200_000  # keys a DistinctCounter holds before it writes a sorted run out
_CHUNK = 1 << 20


def _lines(fd: int, start: int, end: int) -> Iterator[bytes]:
    """The lines of file `fd` between byte offsets start and end (os.pread: the file's own position is
    left alone, so several readers can share it)."""
    rest = b""
    while start < end:
        block = os.pread(fd, min(_CHUNK, end - start), start)
        if not block:
            break
        start += len(block)
        parts = (rest + block).split(b"\n")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


class _Spool:
    """Records in order: in a list up to `limit`, the rest appended to a temporary file as JSON lines."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.memory: list[Any] = []
        self.file: IO[bytes] | None = None
        self.count = 0

    def append(self, record: Any) -> None:
        self.memory.append(record)
        self.count += 1
        if len(self.memory) >= self.limit:
            self.flush()

    def flush(self) -> None:
        if not self.memory:
            return
        if self.file is None:
            # the file lives as long as the spool (it is deleted when closed or collected)
            self.file = tempfile.TemporaryFile(prefix="norcurate-findings-")  # noqa: SIM115
        self.file.write(b"".join(orjson.dumps(r) + b"\n" for r in self.memory))
        self.memory = []

    @property
    def spilled(self) -> bool:
        return self.file is not None

    def __iter__(self) -> Iterator[Any]:
        if self.file is not None:
            self.file.flush()
            for line in _lines(self.file.fileno(), 0, self.file.tell()):
                yield orjson.loads(line)
        yield from self.memory


class FindingRows(Sequence[dict[str, Any]]):
    """The report's findings when they are many: JSON lines in a temporary file, read as used."""

    def __init__(self, file: IO[bytes], offsets: np.ndarray) -> None:
        self._file = file  # kept open (and so kept) as long as the rows are
        self._offsets = offsets  # int64, len + 1 byte offsets of the lines

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _read(self, lo: int, hi: int) -> Iterator[dict[str, Any]]:
        for line in _lines(self._file.fileno(), int(self._offsets[lo]), int(self._offsets[hi])):
            yield orjson.loads(line)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            lo, hi, step = i.indices(len(self))
            rows = list(self._read(lo, hi)) if lo < hi else []
            return rows if step == 1 else [rows[k] for k in range(0, len(rows), step)]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return next(self._read(i, i + 1))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._read(0, len(self))

    def rows(self, lo: int, hi: int) -> list[dict[str, Any]]:
        return list(self._read(lo, hi))


class FlaggedRows(Mapping[tuple[int, int], list[dict[str, Any]]]):
    """(source index, row number) -> the row's findings, over `FindingRows` (sorted keys, no dict)."""

    def __init__(self, rows: FindingRows, keys: np.ndarray, lo: np.ndarray) -> None:
        self._rows = rows
        self._keys = keys  # int64 src << 40 | row, ascending
        self._lo = lo  # each key's first finding; len(keys) + 1 entries

    @staticmethod
    def _key(key: tuple[int, int]) -> int:
        return (key[0] << 40) | key[1]

    def __getitem__(self, key: tuple[int, int]) -> list[dict[str, Any]]:
        k = self._key(key)
        i = int(np.searchsorted(self._keys, k))
        if i == len(self._keys) or self._keys[i] != k:
            raise KeyError(key)
        return self._rows.rows(int(self._lo[i]), int(self._lo[i + 1]))

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for k in self._keys.tolist():
            yield (k >> 40, k & ((1 << 40) - 1))

    def __len__(self) -> int:
        return len(self._keys)


class DistinctCounter:
    """Exact counts of distinct keys per group, in bounded memory: (group, key) pairs are held in sets
    until there are `limit`, then written out as a sorted run; the runs are merged when counted."""

    def __init__(self, limit: int = DISTINCT_AT) -> None:
        self.limit = limit
        self.sets: dict[str, set[bytes]] = {}
        self.held = 0
        self.runs: list[IO[bytes]] = []

    def add(self, group: str, key: Any) -> None:
        s = self.sets.setdefault(group, set())
        item = orjson.dumps(key)
        if item not in s:
            s.add(item)
            self.held += 1
            if self.held >= self.limit:
                self._write_run()

    def _write_run(self) -> None:
        run = tempfile.TemporaryFile(prefix="norcurate-distinct-")  # noqa: SIM115 (kept until counted)
        # "group<TAB>key", both JSON (no raw tab or newline in either): equal pairs, equal lines
        lines = sorted(orjson.dumps(g) + b"\t" + k for g, keys in self.sets.items() for k in keys)
        run.write(b"".join(line + b"\n" for line in lines))
        run.flush()
        self.runs.append(run)
        self.sets = {}
        self.held = 0

    def counts(self) -> dict[str, int]:
        if not self.runs:
            return {g: len(s) for g, s in self.sets.items()}
        self._write_run()
        streams = [_lines(r.fileno(), 0, r.tell()) for r in self.runs]
        out: dict[str, int] = {}
        last = None
        for line in heapq.merge(*streams):
            if line != last:
                group = orjson.loads(line.split(b"\t", 1)[0])
                out[group] = out.get(group, 0) + 1
                last = line
        return out


Record = list  # [ordinal, test set, test item, method order, source, row, report row]


def _key(record: Record) -> tuple:
    return record[0], record[1], record[2], record[3]


class _Deferred:
    """The deferred findings of one method, re-iterable (its pass may read them twice)."""

    def __init__(self, spool: _Spool, method: str) -> None:
        self.spool = spool
        self.method = method

    def __iter__(self) -> Iterator[Finding]:
        for r in self.spool:
            if r[3] == self.method:
                yield Finding(*r)


class FindingSink:
    """The findings of one audit, batch by batch (see the module docstring)."""

    def __init__(
        self, row_of: Callable[[Finding, str], dict[str, Any]], key_of: Callable[[Finding], tuple]
    ) -> None:
        self.row_of = row_of  # a finding as a report row, given its training source's path
        self.key_of = key_of  # a finding's report order: (ordinal, test set, test item, method order)
        self.settled = _Spool(SPILL_AT)
        self.deferred = _Spool(SPILL_AT)
        self.deferred_methods: set[str] = set()
        self.batches: list[tuple[int, int, int, str]] = []  # (first ordinal, source, row offset, path)

    def add(
        self,
        settled: list[Finding],
        deferred: list[Finding],
        first: int,
        source: int,
        row_offset: int,
        path: str,
    ) -> None:
        """One batch's findings (its rows' ordinals start at `first`): `settled` final already, `deferred`
        for their methods' pass over the whole audit; a finding's training row is its ordinal +
        `row_offset` in source `source`."""
        self.batches.append((first, source, row_offset, path))
        for f in sorted(settled, key=self.key_of):
            self.settled.append([*self.key_of(f), source, f.train_ordinal + row_offset, self.row_of(f, path)])
        for f in sorted(deferred, key=lambda f: f.train_ordinal):
            self.deferred_methods.add(f.method)
            self.deferred.append(
                [f.train_ordinal, f.train_id, f.unit, f.method, f.score, f.evidence, f.detail, f.template]
            )

    def records(
        self, settle: Callable[[dict[str, Iterable[Finding]]], Iterable[Finding]]
    ) -> Iterator[Record]:
        """Every finding in report order: the settled ones merged with the deferred ones after `settle`
        (each method's pass over its own, then one per row, test item and method, in ordinal order)."""
        if not self.deferred.count:
            return iter(self.settled)
        firsts = [b[0] for b in self.batches]

        def settled_deferred() -> Iterator[Record]:
            pending = {m: _Deferred(self.deferred, m) for m in sorted(self.deferred_methods)}
            for ordinal, row in itertools.groupby(settle(pending), key=lambda f: f.train_ordinal):
                _, source, row_offset, path = self.batches[bisect.bisect_right(firsts, ordinal) - 1]
                for f in sorted(row, key=self.key_of):
                    yield [*self.key_of(f), source, ordinal + row_offset, self.row_of(f, path)]

        return heapq.merge(iter(self.settled), settled_deferred(), key=_key)


class ReportRows:
    """The report rows and the flagged-row map, built in one pass over the rows in report order: a
    list and a dict while they are few, else `FindingRows` and `FlaggedRows`."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.flagged: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self.file: IO[bytes] | None = None
        # 8 bytes per finding and per flagged row (array, not list: a Python int costs 36)
        self.offsets = array.array("q", [0])
        self.keys = array.array("q")  # one per flagged row, ascending (rows come in order)
        self.lo = array.array("q")
        self.count = 0

    def add(self, key: tuple[int, int], row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.flagged.setdefault(key, []).append(row)
        k = (key[0] << 40) | key[1]
        if not self.keys or self.keys[-1] != k:
            if self.keys and k < self.keys[-1]:
                raise ValueError("findings out of row order")
            self.keys.append(k)
            self.lo.append(self.count)
        self.count += 1
        if len(self.rows) >= SPILL_AT:
            self._flush()

    def _flush(self) -> None:
        if self.file is None:
            # kept open by the FindingRows that read it (deleted when closed or collected)
            self.file = tempfile.TemporaryFile(prefix="norcurate-report-")  # noqa: SIM115
        lines = [orjson.dumps(r) + b"\n" for r in self.rows]
        for line in lines:
            self.offsets.append(self.offsets[-1] + len(line))
        self.file.write(b"".join(lines))
        self.rows = []
        self.flagged = {}

    def result(self) -> tuple[Sequence[dict[str, Any]], Mapping[tuple[int, int], list[dict[str, Any]]]]:
        if self.file is None:
            return self.rows, self.flagged
        self._flush()
        self.file.flush()
        rows = FindingRows(self.file, np.frombuffer(self.offsets, dtype=np.int64))
        self.lo.append(self.count)
        return rows, FlaggedRows(
            rows, np.frombuffer(self.keys, dtype=np.int64), np.frombuffer(self.lo, dtype=np.int64)
        )
