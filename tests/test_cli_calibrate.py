"""`contam calibrate`: injected leaks are found, clean rows are not, JSON is deterministic, bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import write_jsonl

from contamination.cli.main import main

ITEMS = [
    "Hvilken av følgende termodynamiske prosesser gir en økning i den indre energien til en ideell gass?",
    "Geirangerfjorden er en fjord på Sunnmøre i Møre og Romsdal og en av de mest besøkte attraksjonene.",
]
PARA = [
    "For hvilken av de følgende termodynamiske prosessene øker den indre energien til en ideell gass?",
    "Geirangerfjorden er en fjord i Møre og Romsdal på Sunnmøre, og en av de mest besøkte severdighetene.",
]
CLEAN = [
    "Bergen er en by på Vestlandet med mye regn og mange fjell rundt seg.",
    "Trondheim var kongesete i middelalderen og har en stor katedral.",
    "Tromsø ligger nord for polarsirkelen, og om vinteren er det mørketid.",
]


def _files(tmp_path: Path) -> list[str]:
    test = write_jsonl(tmp_path / "test.jsonl", [{"id": f"q{i}", "text": t} for i, t in enumerate(ITEMS)])
    clean = write_jsonl(tmp_path / "clean.jsonl", [{"id": f"c{i}", "text": t} for i, t in enumerate(CLEAN)])
    para = write_jsonl(tmp_path / "para.jsonl", [{"id": f"q{i}", "text": t} for i, t in enumerate(PARA)])
    return ["calibrate", "--test", str(test), "--clean", str(clean), "--paraphrases", str(para)]


def test_calibrate_json(tmp_path: Path) -> None:
    args = [*_files(tmp_path), "--method", "char50", "--method", "fuzzy", "--thresholds", "0.3,0.5", "--json"]
    r1, r2 = CliRunner().invoke(main, args), CliRunner().invoke(main, args)
    assert r1.exit_code == 0, r1.output
    assert r1.output == r2.output
    out = json.loads(r1.output)
    assert out["injected_rows"] == 10 and out["clean_rows"] == 3
    rows = {(r["method"], r["threshold"]): r for r in out["rows"]}
    assert set(rows) == {("char50", 0.3), ("char50", 0.5), ("fuzzy", 0.3), ("fuzzy", 0.5)}
    fuzzy = rows[("fuzzy", 0.5)]
    assert fuzzy["recall"] == {
        "verbatim": 1.0,
        "rewrapped": 1.0,
        "embedded": 1.0,
        "noise": 1.0,
        "paraphrase": 1.0,
    }
    assert fuzzy["false_hits"] == 0
    assert rows[("char50", 0.3)]["recall"]["verbatim"] == 1.0


def test_calibrate_table(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [*_files(tmp_path), "--method", "fuzzy"])
    assert result.exit_code == 0, result.output
    assert "recall paraphrase" in result.output and "fuzzy" in result.output


def test_calibrate_bad_thresholds(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [*_files(tmp_path), "--thresholds", "0.3,abc"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_missing_clean_field_names_clean_field(tmp_path: Path, mmlu_dir: Path) -> None:
    # issue 12, case 8: the error named --train-field/--test-field, which calibrate does not have
    res = CliRunner().invoke(
        main,
        [
            "calibrate",
            "--test",
            str(mmlu_dir / "dev_translation_a.jsonl"),
            "--test-field",
            "question",
            "--clean",
            str(mmlu_dir / "val_unrelated.jsonl"),
            "--clean-field",
            "body",
        ],
    )
    assert res.exit_code == 2, res.output
    assert "no field 'body'" in res.output and "--clean-field" in res.output
    assert "--train-field" not in res.output
