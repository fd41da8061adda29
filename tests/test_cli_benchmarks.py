"""`contam benchmarks list|fetch|check`: tables and JSON, one-line errors with exit code 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contamination.cli.benchmarks import benchmarks_group
from contamination.testside.registry import load_registry

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def run(monkeypatch):
    monkeypatch.delenv("NORCURATE_BENCHMARKS", raising=False)

    def _run(*args: str):
        return CliRunner().invoke(benchmarks_group, list(args), catch_exceptions=False)

    return _run


@pytest.fixture
def bench_dir(tmp_path) -> Path:
    if not (SHARED_DATA / "norquad" / "test.jsonl").exists():
        pytest.skip(f"real NorEval data not found at {SHARED_DATA}")
    (tmp_path / "norquad").mkdir()
    shutil.copy(SHARED_DATA / "norquad" / "test.jsonl", tmp_path / "norquad" / "test.jsonl")
    return tmp_path


def test_list_json_shows_every_task_with_counts(run):
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    registry = load_registry()
    assert [t["task"] for t in doc["tasks"]] == list(registry.tasks)
    by_name = {t["task"]: t for t in doc["tasks"]}
    assert by_name["norquad"]["items"] == 472 and by_name["nocola"]["items"] == 99116
    assert by_name["ncb"]["split"] == "train" and by_name["ncb"]["hf_id"] == "hcfa/ncb"
    assert by_name["noridiom_nob"]["filter"] == "language == 'nob'"
    assert by_name["norquad"]["fields"][2] == {"path": "answers.text", "role": "answer"}
    assert all(t["revision"] == "main" and t["revision_verified"] is False for t in doc["tasks"])
    assert all(t["available"] is False for t in doc["tasks"])
    assert doc["groups"]["noreval-core8"]["items"] == 7032
    assert len(doc["groups"]["noreval"]["tasks"]) == len(registry.tasks)


def test_list_names_a_group_and_counts_local_units(run, bench_dir):
    result = run("list", "norquad", "nrk_quiz_qa", "--json", "--count", "--benchmarks-dir", str(bench_dir))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [t["task"] for t in doc["tasks"]] == ["norquad", "nrk_quiz_qa_nob", "nrk_quiz_qa_nno"]
    norquad = doc["tasks"][0]
    assert norquad["available"] is True
    assert norquad["local"] == {
        "items": 472,
        "units": 1614,
        "item_units": 472,
        "field_units": 944,
        "option_units": 198,
    }
    assert "local" not in doc["tasks"][1] and list(doc["groups"]) == ["nrk_quiz_qa"]


def test_list_table(run, bench_dir, monkeypatch):
    monkeypatch.setenv("NORCURATE_BENCHMARKS", str(bench_dir))
    result = CliRunner().invoke(benchmarks_group, ["list"])
    assert result.exit_code == 0, result.output
    for text in (
        "norquad",
        "ltg/norquad",
        "nortruthfulqa_mc_nno",
        "validation",
        "main (unverified)",
        "yes",
        "noreval-core8",
    ):
        assert text in result.stdout


def test_check_counts_local_copies(run, bench_dir):
    result = run("check", "norquad", "--benchmarks-dir", str(bench_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("norquad: 472 items, 1,614 units (944 fields, 198 options) from ")


def test_missing_task_exits_2_with_the_fetch_command(run, tmp_path):
    result = run("check", "norquad", "--benchmarks-dir", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: task norquad is not available locally in {tmp_path}; "
        f"fetch it with: contam benchmarks fetch norquad --to {tmp_path}\n"
    )


def test_unknown_name_exits_2_with_close_matches(run):
    result = run("list", "nrk_quiz")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown benchmark 'nrk_quiz'; did you mean nrk_quiz_qa")
    assert "Traceback" not in result.output


def test_fetch_offline_exits_2_naming_the_task(run, tmp_path, monkeypatch):
    monkeypatch.setattr(
        "contamination.testside.benchmarks.hub_unreachable_reason",
        lambda: "cannot connect to huggingface.co:443",
    )
    result = run("fetch", "noreval-core8", "--to", str(tmp_path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "error: norcommonsenseqa_nob: cannot fetch hf:ltg/norcommonsenseqa@main:nb: the Hugging Face hub is unreachable"
    )


def test_fetch_download_failure_exits_2(run, tmp_path, monkeypatch):
    import datasets

    def no_network(*args, **kwargs):
        raise ConnectionError("Couldn't reach 'ltg/norquad' on the Hub (LocalEntryNotFoundError)")

    monkeypatch.setattr("contamination.testside.benchmarks.hub_unreachable_reason", lambda: None)
    monkeypatch.setattr(datasets, "load_dataset", no_network)
    result = run("fetch", "norquad", "--to", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: norquad: cannot fetch hf:ltg/norquad@main split test (Couldn't reach"
    )
    assert "hub is unreachable" in result.stderr and len(result.stderr.splitlines()) == 1


def test_fetch_needs_a_target(run):
    result = run("fetch", "norquad")
    assert result.exit_code == 2 and "pass --to DIR or set NORCURATE_BENCHMARKS" in result.stderr
