"""Row writers stream batch by batch and give what writing all rows at once would."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import orjson
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contamination.io.readers import iter_batches
from contamination.io.writers import RowWriter

value = st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=8), st.lists(st.integers(0, 3), max_size=3))
rows_st = st.lists(st.dictionaries(st.sampled_from(["id", "text", "meta"]), value, min_size=1), max_size=12)


def _write(fmt: str, path: Path, batches: list[list[dict]]) -> None:
    writer = RowWriter(fmt)
    if writer.needs_plan:
        for b in batches:
            writer.plan(b)
    with writer.open(path) as w:
        for b in batches:
            w.write(b)


@settings(max_examples=60, deadline=None)
@given(rows_st, st.integers(1, 5))
def test_json_streams_the_same_bytes_as_one_dump(
    tmp_path_factory: pytest.TempPathFactory, rows: list, k: int
) -> None:
    path = tmp_path_factory.mktemp("w") / "out.json"
    _write("json", path, [rows[i : i + k] for i in range(0, len(rows), k)])
    assert path.read_bytes() == orjson.dumps(rows, option=orjson.OPT_INDENT_2)


def test_csv_columns_are_the_union_of_every_batch(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    _write("csv", path, [[{"id": "1", "text": "a"}], [{"id": "2", "extra": [1, 2]}]])
    with path.open(encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert got == [{"id": "1", "text": "a", "extra": ""}, {"id": "2", "text": "", "extra": "[1,2]"}]


def test_parquet_unifies_batches_whose_types_only_appear_later(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    _write("parquet", path, [[{"id": "1", "note": None}], [{"id": "2", "note": "x"}], []])
    assert pq.read_table(path).to_pylist() == [{"id": "1", "note": None}, {"id": "2", "note": "x"}]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "parquet", "txt"])
def test_no_rows_is_an_empty_file_that_reads_back_empty(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    _write(fmt, path, [[]])
    assert path.exists()
    if fmt in ("json", "jsonl", "txt"):
        assert sum(len(b) for b in iter_batches(str(path))) == 0
    if fmt == "json":
        assert json.loads(path.read_text()) == []


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError), RowWriter("jsonl").open(path) as w:
        w.write([{"a": 1}])
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []
