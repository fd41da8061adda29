"""`contam audit` end to end on real files: NorQuAD leaks, false positives, exit codes and outputs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result
from conftest import FJORD, SKI, read_jsonl, write_jsonl

from contamination.cli.main import main
from contamination.io.readers import iter_batches
from contamination.io.writers import write_rows
from contamination.text.normalise import ngram_form

NORQUAD_FIELDS = ["--test-field", "question", "--test-field", "context", "--test-field", "answers"]

TEST_ROWS = [
    {"id": "fjord", "text": FJORD},
    {"id": "ski", "text": SKI},
    {"id": "kort", "text": "Hva heter hovedstaden i Norge?"},
]
TRAIN_ROWS = [
    {"id": "r0", "text": "Bergen er en by på Vestlandet med mye regn."},
    {"id": "r1", "text": "Fra nettet: " + FJORD.upper()},
    {"id": "r2", "text": "Trondheim var kongesete i middelalderen."},
    {"id": "r3", "text": SKI.replace(". ", ".\n")},
    {"id": "r4", "text": "Tromsø ligger nord for polarsirkelen."},
]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["audit", *map(str, args), "--no-progress"])


def stderr_of(result: Result) -> str:
    try:
        return result.stderr
    except ValueError:  # click < 8.2 mixes stderr into output by default
        return result.output


def assert_input_error(result: Result, *needles: str) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    err = stderr_of(result)
    assert "Traceback" not in result.output and "Traceback" not in err
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    lines = [line for line in err.splitlines() if line.strip()]
    for needle in needles:
        assert needle in err, (needle, err)
    return "\n".join(lines)


def one_error_line(result: Result, *needles: str) -> str:
    err = assert_input_error(result, *needles)
    error_lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == 1, err
    return error_lines[0]


def report_of(result: Result) -> dict:
    return json.loads(result.stdout_bytes)


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "bench.jsonl", TEST_ROWS), write_jsonl(tmp_path / "train.jsonl", TRAIN_ROWS)


# ---------------------------------------------------------------------------- (a) NorQuAD leaks


def rewrap(text: str, every: int = 8) -> str:
    words = text.split()
    return "\n".join(" ".join(words[i : i + every]) for i in range(0, len(words), every))


def edit_words(text: str, positions: list[int], replacements: list[str]) -> str:
    words = text.split()
    for p, r in zip(positions, replacements, strict=True):
        words[p] = r
    return " ".join(words)


def word_grams(text: str, n: int = 13) -> set[str]:
    words = ngram_form(text).split()
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_norquad_leaks_are_flagged_and_nothing_else(
    tmp_path: Path, shared_data: Path, norquad_test, norquad_validation
) -> None:
    test_contexts = sorted({r["context"] for r in norquad_test})
    items_of: dict[str, set[str]] = {}
    for r in norquad_test:
        items_of.setdefault(r["context"], set()).add(r["id"])
    val_contexts = sorted({r["context"] for r in norquad_validation})
    overlap = [c for c in val_contexts if c in items_of]  # verbatim in both splits: real overlaps
    # a few more validation contexts are other versions of a test article (57-94% shared text) or share
    # a 13-word byline with one: real overlaps too, found here independently of the tool
    test_grams = set().union(*(word_grams(c) for c in test_contexts))
    near = [c for c in val_contexts if c not in items_of and word_grams(c) & test_grams]
    clean = [c for c in val_contexts if c not in items_of and c not in near]
    assert len(overlap) == 71 and len(near) <= 5 and len(clean) > 250

    src = {
        name: test_contexts[i]
        for name, i in zip(
            ["rewrap", "edited", "embedded", "crlf", "partial", "mixed"],
            [0, 30, 60, 90, 120, 150],
            strict=True,
        )
    }
    leaks = {
        "leak-rewrap": rewrap(src["rewrap"]),
        "leak-edited": edit_words(src["edited"], [5, 30, 60], ["banan", "sykkel", "paraply"]).upper(),
        "leak-embedded": clean[0] + "\n\n" + src["embedded"] + "\n\n" + clean[1],
        "leak-crlf": rewrap(src["crlf"], 11).replace("\n", "\r\n").replace(",", " ,").lower(),
        "leak-partial": " ".join(src["partial"].split()[: len(src["partial"].split()) * 2 // 5]),
        "leak-mixed": rewrap(edit_words(src["mixed"], [3, 17], ["kanskje", "aldri"]), 6).title(),
    }
    rows = [{"id": f"val-clean-{i}", "text": c} for i, c in enumerate(clean)]
    rows += [{"id": f"val-overlap-{i}", "text": c} for i, c in enumerate(overlap)]
    rows += [{"id": f"val-near-{i}", "text": c} for i, c in enumerate(near)]
    rows += [{"id": k, "text": v} for k, v in leaks.items()]
    train = write_jsonl(tmp_path / "train.jsonl", rows)
    test = shared_data / "norquad" / "test.jsonl"

    result = run(train, "--test", test, *NORQUAD_FIELDS, "--json")
    assert result.exit_code == 1, stderr_of(result)
    report = report_of(result)
    flagged = {f["train_id"] for f in report["findings"]}
    expected = (
        set(leaks)
        | {f"val-overlap-{i}" for i in range(len(overlap))}
        | {f"val-near-{i}" for i in range(len(near))}
    )
    assert flagged - expected == set(), "false positives"
    assert expected - flagged == set(), "missed leaks"
    for leak, name in zip(leaks, src, strict=True):
        hit_items = {f["test_id"].split("#")[0] for f in report["findings"] if f["train_id"] == leak}
        assert items_of[src[name]] <= hit_items, (leak, items_of[src[name]] - hit_items)
    assert report["summary"]["train_rows"] == len(rows)
    assert report["test_sets"][0]["items"] == len(norquad_test)


# ---------------------------------------------------------------------------- (b) false positives


def test_no_false_positives_on_unrelated_norwegian(
    tmp_path: Path, shared_data: Path, norne_rows, nocola_test
) -> None:
    norne_nb = shared_data / "norne" / "nb_dev.jsonl"
    norne_nn = shared_data / "norne" / "nn_dev.jsonl"
    nocola = shared_data / "nocola" / "test.jsonl"
    test = shared_data / "norquad" / "test.jsonl"
    out = tmp_path / "report.json"
    result = run(norne_nb, norne_nn, nocola, "--test", test, *NORQUAD_FIELDS, "--report", out)
    assert result.exit_code == 0, (result.output, stderr_of(result))
    report = json.loads(out.read_bytes())
    assert report["findings"] == []
    assert report["summary"]["train_rows"] == len(norne_rows) + len(nocola_test)
    assert [t["rows"] for t in report["train"]] == [2410, 1890, len(nocola_test)]
    assert "CLEAN" in result.output


# ---------------------------------------------------------------------------- (c) exit codes, outputs


def test_exit_codes_clean_and_contaminated(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, train = small
    result = run(train, "--test", test)
    assert result.exit_code == 1
    assert "CONTAMINATED" in result.output
    clean = write_jsonl(tmp_path / "clean.jsonl", [TRAIN_ROWS[0], TRAIN_ROWS[2]])
    result = run(clean, "--test", test)
    assert result.exit_code == 0, result.output
    assert "CLEAN" in result.output


def test_json_output_and_findings(small: tuple[Path, Path]) -> None:
    test, train = small
    result = run(train, "--test", test, "--json")
    assert result.exit_code == 1
    report = report_of(result)
    assert {(f["train_id"], f["test_id"]) for f in report["findings"]} == {("r1", "fjord"), ("r3", "ski")}
    assert report["summary"]["flagged_train_rows"] == 2
    assert report["test_sets"][0]["sha256"] == hashlib.sha256(test.read_bytes()).hexdigest()


def test_report_is_byte_identical_and_matches_json(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, train = small
    a, b = tmp_path / "a.json", tmp_path / "out" / "b.json"
    assert run(train, "--test", test, "--report", a).exit_code == 1
    assert run(train, "--test", test, "--report", b).exit_code == 1
    assert a.read_bytes() == b.read_bytes()
    result = run(train, "--test", test, "--json", "--report", tmp_path / "c.json")
    assert result.stdout_bytes == a.read_bytes()
    assert (tmp_path / "c.json").read_bytes() == a.read_bytes()


def test_method_and_threshold_options(small: tuple[Path, Path]) -> None:
    test, train = small
    result = run(train, "--test", test, "--method", "token13", "--method", "exact", "--json")
    report = report_of(result)
    assert list(report["methods"]) == ["exact", "token13"]
    assert {f["method"] for f in report["findings"]} <= {"exact", "token13"}
    result = run(train, "--test", test, "--method", "char50", "--threshold", "1.0", "--json")
    assert {f["score"] for f in report_of(result)["findings"]} == {1.0}
    result = run(train, "--test", test, "--method", "substring", "--min-substring", "5000", "--json")
    assert result.exit_code == 0 and report_of(result)["findings"] == []


def partition_check(
    input_rows: list[dict], clean: list[dict], flagged: list[dict], flagged_ids: set[str]
) -> None:
    assert all("_contamination" in r and r["_contamination"] for r in flagged)
    stripped = [{k: v for k, v in r.items() if k != "_contamination"} for r in flagged]
    assert {r["id"] for r in stripped} == flagged_ids
    assert not {r["id"] for r in clean} & flagged_ids
    # row for row: together they are the input, each part in input order
    assert sorted(clean + stripped, key=lambda r: r["id"]) == sorted(input_rows, key=lambda r: r["id"])
    order = [r["id"] for r in input_rows]
    assert [r["id"] for r in clean] == [i for i in order if i not in flagged_ids]
    assert [r["id"] for r in stripped] == [i for i in order if i in flagged_ids]


def test_write_clean_and_flagged_jsonl(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, train = small
    clean, flagged = tmp_path / "clean.jsonl", tmp_path / "flagged.jsonl"
    result = run(train, "--test", test, "--write-clean", clean, "--write-flagged", flagged)
    assert result.exit_code == 1
    partition_check(TRAIN_ROWS, read_jsonl(clean), read_jsonl(flagged), {"r1", "r3"})


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_write_clean_and_flagged_in_input_format(tmp_path: Path, small: tuple[Path, Path], fmt: str) -> None:
    test, _ = small
    train = tmp_path / f"train.{fmt}"
    write_rows(train, TRAIN_ROWS)
    clean, flagged = tmp_path / f"clean.{fmt}", tmp_path / f"flagged.{fmt}"
    result = run(train, "--test", test, "--write-clean", clean, "--write-flagged", flagged)
    assert result.exit_code == 1, stderr_of(result)
    read = (lambda p: pq.read_table(p).to_pylist()) if fmt == "parquet" else read_all
    partition_check(TRAIN_ROWS, read(clean), read(flagged), {"r1", "r3"})
    # flagged rows carry their findings
    findings = read(flagged)[0]["_contamination"]
    findings = json.loads(findings) if isinstance(findings, str) else findings
    assert {f["test_id"] for f in findings} == {"fjord"}


def read_all(path: Path) -> list[dict]:
    return [row for batch in iter_batches(str(path)) for row in batch]


def test_write_clean_when_nothing_flagged(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, _ = small
    rows = [TRAIN_ROWS[0], TRAIN_ROWS[2]]
    train = write_jsonl(tmp_path / "t.jsonl", rows)
    clean, flagged = tmp_path / "clean.jsonl", tmp_path / "flagged.jsonl"
    assert run(train, "--test", test, "--write-clean", clean, "--write-flagged", flagged).exit_code == 0
    assert read_jsonl(clean) == rows
    assert read_jsonl(flagged) == []


def test_write_split_over_several_sources(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, train = small
    second = write_jsonl(
        tmp_path / "second.jsonl", [{"id": "s0", "text": FJORD}, {"id": "s1", "text": "Hei."}]
    )
    clean, flagged = tmp_path / "clean.jsonl", tmp_path / "flagged.jsonl"
    result = run(train, second, "--test", test, "--write-clean", clean, "--write-flagged", flagged)
    assert result.exit_code == 1
    partition_check(
        [*TRAIN_ROWS, *read_jsonl(second)], read_jsonl(clean), read_jsonl(flagged), {"r1", "r3", "s0"}
    )


# ---------------------------------------------------------------------------- (c) input errors


def test_missing_train_file(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, _ = small
    line = one_error_line(run(tmp_path / "nope.jsonl", "--test", test), "nope.jsonl")
    assert "no such file" in line


def test_missing_test_file(tmp_path: Path, small: tuple[Path, Path]) -> None:
    _, train = small
    one_error_line(run(train, "--test", tmp_path / "nope.jsonl"), "nope.jsonl", "no such file")


def test_bad_json_names_file_and_line(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, _ = small
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n{"id": "c", "text": \n')
    one_error_line(run(bad, "--test", test), f"{bad}:3:")
    one_error_line(run(test, "--test", bad), f"{bad}:3:")


def test_missing_field_is_named(small: tuple[Path, Path]) -> None:
    test, train = small
    one_error_line(run(train, "--test", test, "--train-field", "body"), "body", str(train))
    one_error_line(run(train, "--test", test, "--test-field", "question"), "question", str(test))


def test_empty_test_set(tmp_path: Path, small: tuple[Path, Path]) -> None:
    _, train = small
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    one_error_line(run(train, "--test", empty), "empty")
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n\n")
    one_error_line(run(train, "--test", blank), "empty")


def test_binary_file(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, _ = small
    binary = tmp_path / "model.jsonl"
    binary.write_bytes(b"\x00\x01\x02binary\x00" * 100)
    one_error_line(run(binary, "--test", test), "binary", str(binary))


def test_unsupported_file_type(tmp_path: Path, small: tuple[Path, Path]) -> None:
    test, _ = small
    other = tmp_path / "data.xml"
    other.write_text("<a/>")
    one_error_line(run(other, "--test", test), "unsupported file type")


def test_unknown_method(small: tuple[Path, Path]) -> None:
    test, train = small
    result = run(train, "--test", test, "--method", "bleu")
    assert result.exit_code == 2
    assert "bleu" in result.output + stderr_of(result)


def test_no_test_option(small: tuple[Path, Path]) -> None:
    _, train = small
    one_error_line(run(train), "no test set given", "--test")


def test_no_train_argument(small: tuple[Path, Path]) -> None:
    test, _ = small
    assert run("--test", test).exit_code == 2


@pytest.mark.parametrize("threshold", ["0", "-0.5", "1.5"])
def test_bad_threshold(small: tuple[Path, Path], threshold: str) -> None:
    test, train = small
    one_error_line(run(train, "--test", test, "--threshold", threshold), "threshold")


@pytest.mark.parametrize("option", ["--threshold", "--fuzzy-threshold"])
@pytest.mark.parametrize("value", ["nan", "inf"])
def test_threshold_that_is_not_a_number(small: tuple[Path, Path], option: str, value: str) -> None:
    # issue 12, case 8: NaN was reported as "should be less than or equal to 1"
    test, train = small
    line = one_error_line(run(train, "--test", test, option, value), f"{option} {value}: not a number")
    assert "less than" not in line


def test_output_may_not_overwrite_input(small: tuple[Path, Path]) -> None:
    test, train = small
    before = train.read_bytes()
    one_error_line(run(train, "--test", test, "--write-clean", train), "overwrite an input")
    one_error_line(run(train, "--test", test, "--report", test), "overwrite an input")
    assert train.read_bytes() == before


def test_hub_ref_without_revision(small: tuple[Path, Path]) -> None:
    _, train = small
    one_error_line(run(train, "--test", "hf:ltg/norquad"), "revision is required")


@pytest.mark.parametrize(
    "problem",
    ["bad-json-last-line", "missing-field-second-source", "missing-test", "bad-json-test"],
)
def test_no_output_written_on_input_error(tmp_path: Path, small: tuple[Path, Path], problem: str) -> None:
    test, train = small
    sources = [train]
    if problem == "bad-json-last-line":
        bad = tmp_path / "bad.jsonl"
        bad.write_bytes(train.read_bytes() + b"{oops\n")
        sources = [bad]
    elif problem == "missing-field-second-source":
        sources = [train, write_jsonl(tmp_path / "second.jsonl", [{"id": "x", "body": FJORD}])]
    elif problem == "missing-test":
        test = tmp_path / "no-such-test.jsonl"
    else:
        bad_test = tmp_path / "bad_test.jsonl"
        bad_test.write_bytes(test.read_bytes() + b"[1, 2]\n")
        test = bad_test
    out = tmp_path / "out"
    result = run(
        *sources,
        "--test", test,
        "--report", out / "report.json",
        "--write-clean", out / "clean.jsonl",
        "--write-flagged", out / "flagged.jsonl",
    )  # fmt: skip
    one_error_line(result)
    assert not out.exists() or list(out.iterdir()) == []


def test_piped_output_is_not_cut_to_80_columns(tmp_path: Path, norquad_test: list[dict]) -> None:
    # issue 12, case 8: rich cut tables to 80 columns when stdout was not a terminal
    import os
    import subprocess
    import sys

    name = "norquad_test_split_from_the_local_noreval_copy"
    bench = write_jsonl(tmp_path / f"{name}.jsonl", norquad_test[:40])
    train = write_jsonl(tmp_path / "train.jsonl", [{"id": "leak", "text": norquad_test[3]["context"]}])
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    args = ["audit", str(train), "--test", str(bench), *NORQUAD_FIELDS, "--no-progress"]
    out = subprocess.run(
        [sys.executable, "-m", "contamination.cli.main", *args], capture_output=True, text=True, env=env
    )
    assert out.returncode == 1, out.stderr
    assert f" {name} " in out.stdout  # the whole name, on one line
    assert "contaminated items" in out.stdout  # the header is not folded either
    assert f"{name}/" in out.stdout  # the flagged pair's test item too (evidence is capped by design)
