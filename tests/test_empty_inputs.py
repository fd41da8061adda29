"""An empty input is an error, not a pass (issue 12, case 3): `contam audit` exits 2 on an empty
training or test input instead of printing `CLEAN: 0 of 0`."""

from __future__ import annotations

from pathlib import Path

import datasets
import pytest
from click.testing import CliRunner
from conftest import write_jsonl
from test_cli_audit import one_error_line

from contamination.audit import TrainSource, run_audit
from contamination.cli.main import main
from contamination.common.errors import InputError
from contamination.testside.testsets import load_test_set


@pytest.fixture
def bench(tmp_path: Path, norquad_test: list[dict]) -> Path:
    return write_jsonl(tmp_path / "norquad.jsonl", norquad_test[:30])


def audit(*args: str | Path):
    return CliRunner().invoke(
        main,
        ["audit", *map(str, args), "--test-field", "question", "--test-field", "context", "--no-progress"],
    )


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_training_file_is_exit_2(tmp_path: Path, bench: Path, content: str) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text(content)
    res = audit(empty, "--test", bench, "--report", tmp_path / "r.json")
    line = one_error_line(res, str(empty), "no rows")
    assert "CLEAN" not in res.output and line
    assert not (tmp_path / "r.json").exists()


def test_empty_split_of_a_saved_dataset_is_exit_2(
    tmp_path: Path, bench: Path, norne_rows: list[dict]
) -> None:
    dd = tmp_path / "export"
    empty = datasets.Dataset.from_dict({"id": [], "text": []})
    rows = [{"id": r["id"], "text": r["text"]} for r in norne_rows[:10]]
    datasets.DatasetDict({"train": empty, "test": datasets.Dataset.from_list(rows)}).save_to_disk(str(dd))
    one_error_line(audit(dd, "--test", bench), str(dd), "no rows", "split train")
    repo = tmp_path / "repo"
    write_jsonl(repo / "data" / "test.jsonl", rows)
    (repo / "data" / "train.jsonl").write_text("")
    one_error_line(audit(repo, "--test", bench), str(repo), "no rows", "split train")


def test_one_empty_source_among_several_is_exit_2(
    tmp_path: Path, bench: Path, norne_rows: list[dict]
) -> None:
    full = write_jsonl(tmp_path / "full.jsonl", [{"id": r["id"], "text": r["text"]} for r in norne_rows[:10]])
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    one_error_line(audit(full, empty, "--test", bench), str(empty), "no rows")


def test_empty_test_input_is_exit_2(tmp_path: Path, norne_rows: list[dict]) -> None:
    train = write_jsonl(
        tmp_path / "train.jsonl", [{"id": r["id"], "text": r["text"]} for r in norne_rows[:10]]
    )
    empty = tmp_path / "bench.jsonl"
    empty.write_text("\n")
    one_error_line(audit(train, "--test", empty), str(empty), "is empty")
    dd = tmp_path / "bench_dd"
    datasets.DatasetDict(
        {"test": datasets.Dataset.from_dict({"id": [], "question": [], "context": []})}
    ).save_to_disk(str(dd))
    one_error_line(audit(train, "--test", dd), str(dd), "is empty")


def test_python_callers_get_the_same_error(tmp_path: Path, bench: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    ts = load_test_set(str(bench), fields=("question", "context"))
    with pytest.raises(InputError, match="no rows"):
        run_audit([TrainSource(str(empty))], [ts])
