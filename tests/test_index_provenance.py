"""A changed benchmark copy is refused (issue 12, case 4): an index records the sha256 of the files each
test set was read from, for every way a test set can be given, and `contam audit --index` refuses it when
any changed; a moved benchmarks folder is a clear error, not silence."""

from __future__ import annotations

import shutil
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result
from conftest import write_jsonl
from test_cli_audit import one_error_line

from contamination.cli.main import main

FIELDS = ["--test-field", "question", "--test-field", "context"]


@pytest.fixture
def train(tmp_path: Path, norne_rows: list[dict]) -> Path:
    return write_jsonl(
        tmp_path / "train.jsonl", [{"id": r["id"], "text": r["text"]} for r in norne_rows[:50]]
    )


def index_build(*args: str | Path) -> Result:
    res = CliRunner().invoke(main, ["index", "build", *map(str, args)])
    assert res.exit_code == 0, res.output
    return res


def audit_index(train: Path, index: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["audit", str(train), "--index", str(index), "--no-progress", *extra])


def edit_one_byte(path: Path, needle: bytes) -> None:
    """Change one letter inside the text of a data file (same length: the file still parses)."""
    data = path.read_bytes()
    at = data.index(needle)
    path.write_bytes(data[:at] + needle.swapcase() + data[at + len(needle) :])


def test_against_a_benchmarks_dir_copy_that_changed_is_refused(
    tmp_path: Path, train: Path, shared_data: Path
) -> None:
    bench = tmp_path / "noreval"
    (bench / "norquad").mkdir(parents=True)
    copy = bench / "norquad" / "test.jsonl"
    shutil.copy(shared_data / "norquad" / "test.jsonl", copy)
    index = tmp_path / "idx"
    index_build("--against", "norquad", "--benchmarks-dir", bench, "--out", index)
    assert audit_index(train, index).exit_code == 0
    edit_one_byte(copy, b"Oslo")
    one_error_line(audit_index(train, index), "stale index", "'norquad'", "test.jsonl changed")


def test_a_moved_benchmarks_dir_is_a_clear_error(tmp_path: Path, train: Path, shared_data: Path) -> None:
    bench = tmp_path / "noreval"
    (bench / "norquad").mkdir(parents=True)
    shutil.copy(shared_data / "norquad" / "test.jsonl", bench / "norquad" / "test.jsonl")
    index = tmp_path / "idx"
    index_build("--against", "norquad", "--benchmarks-dir", bench, "--out", index)
    bench.rename(tmp_path / "moved")
    one_error_line(
        audit_index(train, index), "'norquad'", "no longer there (moved or deleted)", "--no-check-sources"
    )
    res = audit_index(train, index, "--no-check-sources")
    assert res.exit_code == 0, res.output


def _file(root: Path, rows: list[dict]) -> tuple[Path, Path]:
    return write_jsonl(root / "norquad.jsonl", rows), root / "norquad.jsonl"


def _repo(root: Path, rows: list[dict]) -> tuple[Path, Path]:
    (root / "repo" / "data").mkdir(parents=True)
    pq.write_table(
        pa.Table.from_pylist(rows[:5]), root / "repo" / "data" / "validation-00000-of-00001.parquet"
    )
    target = root / "repo" / "data" / "test.jsonl"
    write_jsonl(target, rows)
    return root / "repo", target


def _saved(root: Path, rows: list[dict]) -> tuple[Path, Path]:
    flat = [{**r, "answers": "\n".join(r["answers"])} for r in rows]
    datasets.DatasetDict(
        {"train": datasets.Dataset.from_list(flat[:5]), "test": datasets.Dataset.from_list(flat)}
    ).save_to_disk(str(root / "saved"))
    return root / "saved", next((root / "saved" / "test").glob("*.arrow"))


@pytest.mark.parametrize("layout", [_file, _repo, _saved], ids=["file", "repo-folder", "save_to_disk"])
def test_every_way_of_giving_a_test_set_is_checked(
    tmp_path: Path, train: Path, norquad_test: list[dict], layout
) -> None:
    source, data_file = layout(tmp_path, norquad_test)
    index = tmp_path / "idx"
    index_build("--test", source, *FIELDS, "--out", index)
    assert audit_index(train, index).exit_code == 0
    edit_one_byte(data_file, b"Norge")  # the fingerprint of a saved dataset does not see this
    one_error_line(audit_index(train, index), "stale index", data_file.name)


def test_a_file_added_to_the_split_is_refused(tmp_path: Path, train: Path, norquad_test: list[dict]) -> None:
    repo, _ = _repo(tmp_path, norquad_test)
    index = tmp_path / "idx"
    index_build("--test", repo, *FIELDS, "--out", index)
    write_jsonl(repo / "data" / "test-extra.jsonl", norquad_test[:3])
    one_error_line(audit_index(train, index), "stale index", "test-extra.jsonl was added")


def test_no_check_sources_needs_an_index(train: Path, tmp_path: Path, norquad_test: list[dict]) -> None:
    bench = write_jsonl(tmp_path / "b.jsonl", norquad_test[:5])
    res = CliRunner().invoke(main, ["audit", str(train), "--test", str(bench), *FIELDS, "--no-check-sources"])
    one_error_line(res, "--no-check-sources applies to --index only")


def test_index_build_never_replaces_a_folder_it_did_not_write(
    tmp_path: Path, norquad_test: list[dict]
) -> None:
    bench = write_jsonl(tmp_path / "b.jsonl", norquad_test[:20])
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("x\n")
    res = CliRunner().invoke(main, ["index", "build", "--test", str(bench), *FIELDS, "--out", str(keep)])
    one_error_line(res, "notes.txt", "--force")
    assert (keep / "notes.txt").read_text() == "x\n"
    index = tmp_path / "idx"
    index_build("--test", bench, *FIELDS, "--out", index)
    index_build("--test", bench, *FIELDS, "--out", index)  # an earlier index is replaced
    (index / "mine.txt").write_text("x\n")
    res = CliRunner().invoke(main, ["index", "build", "--test", str(bench), *FIELDS, "--out", str(index)])
    one_error_line(res, "mine.txt")
    index_build("--test", bench, *FIELDS, "--out", keep, "--force")
    assert not (keep / "notes.txt").exists()
