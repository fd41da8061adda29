"""Read the split the user meant (issue 12, case 2), on real Norwegian data in real dataset layouts.

Training inputs read `train` when they have it, test inputs `test`; several splits without that one are
exit 2 listing them, `folder/SPLIT` picks one, and reports and the build funnel name the split read.
"""

from __future__ import annotations

import json
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from test_build_cli import fake_lang, make_fixture  # noqa: F401 (fake_lang is a fixture)
from test_cli_audit import one_error_line

from contamination.cli.main import main as contam
from contamination.io import readers
from contamination.io.readers import HubRef, load_hub_dataset
from curation.cli.main import main as curate

FIELDS = ["--test-field", "question", "--test-field", "context"]


@pytest.fixture
def rows(norne_rows: list[dict], norquad_test: list[dict]) -> dict[str, list[dict]]:
    """Clean Norwegian sentences, and NorQuAD test passages (a leak when they are in a training split)."""
    clean = [{"id": r["id"], "text": r["text"]} for r in norne_rows[:200]]
    leaked = [{"id": f"leak{i}", "text": r["context"]} for i, r in enumerate(norquad_test[:20])]
    return {"clean": clean, "leaked": leaked, "norquad": norquad_test[:50]}


def save_dict(path: Path, splits: dict[str, list[dict]]) -> Path:
    datasets.DatasetDict({k: datasets.Dataset.from_list(v) for k, v in splits.items()}).save_to_disk(
        str(path)
    )
    return path


def save_repo(path: Path, splits: dict[str, list[dict]]) -> Path:
    (path / "data").mkdir(parents=True)
    for name, split_rows in splits.items():
        pq.write_table(pa.Table.from_pylist(split_rows), path / "data" / f"{name}-00000-of-00001.parquet")
    (path / "README.md").write_text("---\nconfigs: []\n---\n# a dataset repo\n")
    return path


def audit(*args: str | Path) -> tuple[int, dict | None, str]:
    res = CliRunner().invoke(contam, ["audit", *map(str, args), "--no-progress", "--json"])
    report = json.loads(res.stdout) if res.exit_code in (0, 1) else None
    return res.exit_code, report, res.output


@pytest.mark.parametrize("layout", [save_dict, save_repo])
def test_training_input_reads_its_train_split(tmp_path: Path, rows, layout) -> None:
    # the test split holds NorQuAD passages: reading it would call clean data contaminated
    data = layout(tmp_path / "data", {"train": rows["clean"], "test": rows["leaked"]})
    bench = tmp_path / "norquad.jsonl"
    bench.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows["norquad"]))
    code, report, output = audit(data, "--test", bench, *FIELDS)
    assert code == 0, output
    assert report["train"][0]["split"] == "train" and report["train"][0]["rows"] == 200
    assert report["test_sets"][0].get("split") is None  # a plain file has no splits
    code, report, _ = audit(f"{data}/test", "--test", bench, *FIELDS)  # named: read as asked
    assert code == 1 and report["train"][0]["split"] == "test"


@pytest.mark.parametrize("layout", [save_dict, save_repo])
def test_several_splits_without_train_is_exit_2_listing_them(tmp_path: Path, rows, layout) -> None:
    data = layout(tmp_path / "data", {"validation": rows["clean"], "test": rows["leaked"]})
    bench = tmp_path / "norquad.jsonl"
    bench.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows["norquad"]))
    res = CliRunner().invoke(contam, ["audit", str(data), "--test", str(bench), *FIELDS, "--no-progress"])
    line = one_error_line(res, "validation", "test", "no 'train' split", f"{data}/SPLIT")
    assert line.startswith("error: ")
    code, report, _ = audit(f"{data}/validation", "--test", bench, *FIELDS)
    assert code == 0 and report["train"][0]["split"] == "validation"


@pytest.mark.parametrize("layout", [save_dict, save_repo])
def test_test_input_reads_its_test_split(tmp_path: Path, rows, layout) -> None:
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows["leaked"][:3]))
    with_test = layout(tmp_path / "bench", {"train": rows["clean"], "test": rows["norquad"]})
    code, report, output = audit(train, "--test", with_test, *FIELDS)
    assert code == 1, output
    assert report["test_sets"][0]["split"] == "test" and report["test_sets"][0]["items"] == 50
    no_test = layout(tmp_path / "bench2", {"train": rows["clean"], "validation": rows["norquad"]})
    res = CliRunner().invoke(contam, ["audit", str(train), "--test", str(no_test), *FIELDS, "--no-progress"])
    one_error_line(res, "train, validation", "no 'test' split", f"{no_test}/SPLIT")


@pytest.mark.parametrize("layout", [save_dict, save_repo])
def test_a_lone_test_split_is_not_read_as_training_data(tmp_path: Path, rows, layout) -> None:
    data = layout(tmp_path / "data", {"test": rows["leaked"]})
    bench = tmp_path / "norquad.jsonl"
    bench.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows["norquad"]))
    res = CliRunner().invoke(contam, ["audit", str(data), "--test", str(bench), *FIELDS, "--no-progress"])
    one_error_line(res, "holds only a 'test' split", f"{data}/test")
    code, report, _ = audit(f"{data}/test", "--test", bench, *FIELDS)  # named: read as asked
    assert code == 1 and report["train"][0]["split"] == "test"
    one_split = layout(tmp_path / "bench", {"train": rows["norquad"]})  # test sets often ship as `train`
    code, report, _ = audit(f"{data}/test", "--test", one_split, *FIELDS)
    assert code == 1 and report["test_sets"][0]["split"] == "train"


def test_split_names_inside_file_names(tmp_path: Path, rows) -> None:
    # `datasets` reads nocola_train.jsonl as train: reading both files would train on the test split
    folder = tmp_path / "export"
    folder.mkdir()
    for name, split_rows in (("nocola_train.jsonl", rows["clean"]), ("nocola_test.jsonl", rows["leaked"])):
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in split_rows))
    bench = tmp_path / "norquad.jsonl"
    bench.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows["norquad"]))
    code, report, output = audit(folder, "--test", bench, *FIELDS)
    assert code == 0, output
    assert report["train"][0]["split"] == "train" and report["train"][0]["rows"] == 200


@pytest.mark.usefixtures("fake_lang")
def test_build_source_reads_its_train_split(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    alpaca = [json.loads(line) for line in (tmp_path / "src" / "alpaca.jsonl").read_text().splitlines()]
    leak = {
        "instruction": "Les teksten.",
        "output": "Dette er en testrad som aldri skal trenes på i det hele tatt.",
    }
    save_dict(tmp_path / "src" / "alpaca_dd", {"train": alpaca, "test": [leak] * 20})
    recipe.write_text(recipe.read_text().replace("src/alpaca.jsonl", "src/alpaca_dd"), encoding="utf-8")
    res = CliRunner().invoke(curate, ["build", str(recipe), "--out", str(tmp_path / "out"), "--json"])
    assert res.exit_code == 0, res.output
    manifest = json.loads(res.stdout)
    assert manifest["sources"][0]["split"] == "train" and manifest["sources"][0]["rows_read"] == len(alpaca)
    load = next(e for e in manifest["funnel"] if e["step"] == "load")
    assert load["splits"] == {"alpaca": "train"}
    assert "testrad" not in (tmp_path / "out" / "data" / "train.jsonl").read_text()
    res = CliRunner().invoke(curate, ["build", str(recipe), "--out", str(tmp_path / "o2")])
    assert "splits read: alpaca train" in res.output
    plan = CliRunner().invoke(curate, ["build", str(recipe), "--dry-run", "--json"])
    assert json.loads(plan.stdout)["sources"][0]["split"] == "train"


def test_hub_dataset_dict_reads_the_role_split(monkeypatch: pytest.MonkeyPatch, rows) -> None:
    dd = datasets.DatasetDict(
        {
            "validation": datasets.Dataset.from_list(rows["clean"]),
            "test": datasets.Dataset.from_list(rows["leaked"]),
        }
    )
    monkeypatch.setattr(readers, "hub_unreachable_reason", lambda: None)
    monkeypatch.setattr(datasets, "load_dataset", lambda *a, **k: dd)
    ds, split = load_hub_dataset(HubRef("ltg/x", "abc1234"), role="test")
    assert split == "test" and len(ds) == 20
    with pytest.raises(
        Exception, match=r"hf:ltg/x@abc1234: holds the splits validation, test and no 'train'"
    ):
        load_hub_dataset(HubRef("ltg/x", "abc1234"), role="train")
