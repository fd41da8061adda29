"""contam index build / contam audit --index: same findings as a fresh audit; tampered or stale refused."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import write_jsonl

from contamination.cli import main

CONTEXTS = [
    "Kon-Tiki var ein flåte som Thor Heyerdahl og fem andre menn segla frå Peru til Polynesia i 1947.",
    "Mjøsa er den største innsjøen i Noreg, og ho ligg i Innlandet fylke mellom Hamar, Gjøvik og Lillehammer.",
    "Svartedauden kom til Bergen med eit skip frå England sommaren 1349 og tok livet av ein stor del av folket.",
]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    test = write_jsonl(
        tmp_path / "test.jsonl",
        [{"id": f"t{i}", "question": f"Spørsmål {i}?", "context": c} for i, c in enumerate(CONTEXTS)],
    )
    train = write_jsonl(
        tmp_path / "train.jsonl",
        [
            {"id": "clean", "text": "Dette er ein heilt vanleg tekst om vêret i Tromsø denne veka."},
            {"id": "leak", "text": "Her er noko å lese: " + CONTEXTS[1].upper() + " Slutt."},
        ],
    )
    return test, train


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _build(tmp_path: Path, test: Path) -> Path:
    index = tmp_path / "index"
    code, out = _run("index", "build", "--test", str(test), "--test-field", "question", "--test-field", "context",
                     "--out", str(index))  # fmt: skip
    assert code == 0, out
    return index


def _findings(report: str) -> list[tuple[str, str, str]]:
    data = json.loads(report)
    return [(f["train_id"], f["test_id"], f["method"]) for f in data["findings"]]


def test_index_gives_the_same_findings_as_a_fresh_audit(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    code_fresh, fresh = _run("audit", str(train), "--test", str(test), "--test-field", "question",
                             "--test-field", "context", "--json")  # fmt: skip
    code_index, reused = _run("audit", str(train), "--index", str(index), "--json")
    assert code_fresh == code_index == 1
    assert _findings(reused) == _findings(fresh)
    assert {f[0] for f in _findings(reused)} == {"leak"}
    fresh_report, reused_report = json.loads(fresh), json.loads(reused)
    assert reused_report["summary"] == fresh_report["summary"]
    assert reused_report["test_sets"][0]["sha256"] == fresh_report["test_sets"][0]["sha256"]


def test_tampered_index_is_refused(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    units = index / "units.json"
    units.write_bytes(units.read_bytes().replace("mjøsa".encode(), b"xxxxx"))
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2
    assert "tampered" in out and "units.json" in out and "Traceback" not in out


def test_stale_index_is_refused(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    with test.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "t9", "question": "Nytt?", "context": "Ein ny kontekst."}) + "\n")
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2
    assert "stale index" in out and "test.jsonl" in out


def test_index_fixes_the_test_side(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    code, out = _run("audit", str(train), "--index", str(index), "--method", "exact")
    assert code == 2 and "--method" in out


def test_not_an_index_folder(tmp_path: Path) -> None:
    _, train = _files(tmp_path)
    (tmp_path / "empty").mkdir()
    code, out = _run("audit", str(train), "--index", str(tmp_path / "empty"))
    assert code == 2 and "not an index folder" in out
