"""Writing rows back in the format a user gave them in, batch by batch, atomically.

`RowWriter` holds one batch at a time: JSON Lines, text and JSON stream as they go; CSV needs its columns
and parquet its schema before the first row, so for those the caller first shows every batch to `plan`
(a pass that keeps only column names or the unified schema), then writes.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import orjson

from contamination.common.atomic import atomic_path
from contamination.common.errors import InputError
from contamination.io.readers import FILE_FORMATS, Row, file_format

_JSON = orjson.OPT_SERIALIZE_NUMPY


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return orjson.dumps(value).decode()
    return value


class RowWriter:
    """Rows of one output file in `fmt`, written batch by batch to a temporary file beside the target."""

    def __init__(self, fmt: str) -> None:
        if fmt not in FILE_FORMATS:
            raise InputError(f"cannot write format '{fmt}'; use one of {', '.join(FILE_FORMATS)}")
        self.fmt = fmt
        self.columns: dict[str, None] = {}  # csv: every key of every row, in first-seen order
        self.schema: Any = None  # parquet: the unified schema of every batch
        self._fh: IO[Any] | None = None
        self._csv: Any = None
        self._parquet: Any = None
        self._rows = 0
        self._path = Path()

    @property
    def needs_plan(self) -> bool:
        return self.fmt in ("csv", "parquet")

    def plan(self, rows: list[Row]) -> None:
        """See a batch before writing starts (csv: its keys; parquet: its schema)."""
        if self.fmt == "csv":
            for row in rows:
                self.columns.update(dict.fromkeys(row))
        elif self.fmt == "parquet" and rows:
            import pyarrow as pa

            schema = pa.Table.from_pylist(rows).schema
            self.schema = schema if self.schema is None else pa.unify_schemas([self.schema, schema])

    @contextlib.contextmanager
    def open(self, target: str | Path) -> Iterator[RowWriter]:
        """Write into a temporary file; it replaces `target` only when the block succeeds."""
        with atomic_path(target) as tmp:
            try:
                self._start(tmp)
                yield self
                self._finish()
            finally:
                self._close()

    def _start(self, tmp: Path) -> None:
        self._path = tmp
        if self.fmt == "parquet":
            return  # opened with the first batch (its schema, when no plan gave one)
        self._fh = (
            tmp.open("wb") if self.fmt in ("jsonl", "json") else tmp.open("w", encoding="utf-8", newline="")
        )
        if self.fmt == "json":
            self._fh.write(b"[")
        elif self.fmt == "csv":
            self._csv = csv.DictWriter(self._fh, fieldnames=list(self.columns))
            self._csv.writeheader()

    def write(self, rows: list[Row]) -> None:
        fh = self._fh
        if self.fmt == "jsonl":
            assert fh is not None
            fh.write(b"".join(orjson.dumps(row, option=_JSON) + b"\n" for row in rows))
        elif self.fmt == "json":
            assert fh is not None
            for row in rows:
                # as one indented array: each element two spaces in, elements separated by commas
                item = orjson.dumps(row, option=_JSON | orjson.OPT_INDENT_2).replace(b"\n", b"\n  ")
                fh.write((b",\n  " if self._rows else b"\n  ") + item)
                self._rows += 1
        elif self.fmt == "txt":
            assert fh is not None
            fh.write("".join(str(row.get("text", "")).replace("\n", " ") + "\n" for row in rows))
        elif self.fmt == "csv":
            for row in rows:
                self._csv.writerow({k: _csv_cell(v) for k, v in row.items()})
        elif rows:
            self._write_parquet(rows)

    def _write_parquet(self, rows: list[Row]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = (
            pa.Table.from_pylist(rows, schema=self.schema)
            if self.schema is not None
            else pa.Table.from_pylist(rows)
        )
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._path, table.schema)
        self._parquet.write_table(table)

    def _finish(self) -> None:
        if self.fmt == "json" and self._fh is not None:
            self._fh.write(b"\n]" if self._rows else b"]")
        if self.fmt == "parquet" and self._parquet is None:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({}) if self.schema is None else self.schema.empty_table(), self._path)

    def _close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None


def write_rows(target: str | Path, rows: list[Row], fmt: str | None = None) -> None:
    """Write rows atomically in `fmt` (default: from the target's suffix)."""
    writer = RowWriter(fmt or file_format(Path(target)))
    if writer.needs_plan:
        writer.plan(rows)
    with writer.open(target) as w:
        w.write(rows)
