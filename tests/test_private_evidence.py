"""The publishable build folder holds no benchmark text (issue 12, case 5): rows dropped as contaminated,
dropped rows that quote a test set and the audit's evidence go to OUT.private, which the manifest does not
list; the funnel output names it and the card says the evidence is kept privately."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import polars as pl
import pytest
from click.testing import CliRunner
from test_build_cli import LEAK, fake_lang, make_fixture  # noqa: F401 (fake_lang is a fixture)

from curation.cli.main import main
from curation.output.verify import verify_certified

pytestmark = pytest.mark.usefixtures("fake_lang")


def leaky_recipe(tmp: Path, norquad: dict) -> Path:
    """The build fixture with every nb row in the mix, the fixture's leak twice (one copy goes as an
    exact duplicate before the mix), a NorQuAD test passage as a third leak, and dropped rows written."""
    recipe = make_fixture(tmp, extra_mix="  allow_shortfall: true\n")
    with (tmp / "src" / "alpaca.jsonl").open("ab") as fh:
        fh.write(orjson.dumps({"instruction": "Fortell om Urnes.", "output": LEAK}) + b"\n")
        fh.write(
            orjson.dumps({"instruction": "Hva handler teksten om?", "output": norquad["context"]}) + b"\n"
        )
    with (tmp / "src" / "test.jsonl").open("ab") as fh:
        fh.write(
            orjson.dumps({"id": "nq", "question": norquad["question"], "context": norquad["context"]}) + b"\n"
        )
    text = (
        recipe.read_text()
        .replace("total: 10", "total: 100")
        .replace("output: {dir: out}", "output: {dir: out, write_dropped: true}")
    )
    recipe.write_text(text, encoding="utf-8")
    return recipe


def texts_of(path: Path) -> str:
    if path.suffix == ".parquet":
        return json.dumps(pl.read_parquet(path).to_dicts(), ensure_ascii=False)
    return path.read_text(encoding="utf-8")


def test_published_folder_holds_no_test_text(tmp_path: Path, norquad_test: list[dict]) -> None:
    norquad = norquad_test[7]
    recipe = leaky_recipe(tmp_path, norquad)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["build", str(recipe), "--out", str(out)])
    assert res.exit_code == 0, res.output
    private = tmp_path / "out.private"
    assert f"private (never publish): {private}" in " ".join(res.output.split())

    manifest = json.loads((out / "manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    assert listed == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {
        "manifest.json"
    }
    assert "dropped.parquet" in listed and "audit_initial.json" not in listed
    needles = [LEAK[:60], norquad["context"][:60], "Når ble kirken reist?", norquad["question"]]
    for f in out.rglob("*"):
        if f.is_file():
            text = texts_of(f)
            assert not [n for n in needles if n in text], f
    assert manifest["audit"]["before_drop"]["private"] is True
    assert "kept privately" in (out / "README.md").read_text()
    assert verify_certified(out).ok

    # what was kept aside: the contaminated rows, and the duplicate that quotes the test set too
    plist = json.loads((private / "manifest.json").read_text())
    assert plist["schema"] == "norcurate.private/1"
    assert {f["path"] for f in plist["files"]} == {"audit.html", "audit_initial.json", "dropped.parquet"}
    kept = pl.read_parquet(private / "dropped.parquet")
    reasons = sorted(kept.get_column("drop_reason").to_list())
    assert reasons == ["contaminated", "contaminated", "exact_duplicate"], reasons
    assert kept.get_column("findings").null_count() == 0
    assert LEAK[:60] in texts_of(private / "dropped.parquet")
    assert json.loads((private / "audit_initial.json").read_text())["findings"]
    public = pl.read_parquet(out / "dropped.parquet")
    assert "contaminated" not in public.get_column("drop_reason").to_list() and public.height > 0


def test_rebuild_replaces_the_private_folder_and_removes_a_stale_one(
    tmp_path: Path, norquad_test: list[dict]
) -> None:
    recipe = leaky_recipe(tmp_path, norquad_test[7])
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(recipe), "--out", str(out), "-q"]).exit_code == 0
    assert CliRunner().invoke(main, ["build", str(recipe), "--out", str(out), "-q"]).exit_code == 0
    private = tmp_path / "out.private"
    (private / "mine.txt").write_text("x\n")
    res = CliRunner().invoke(main, ["build", str(recipe), "--out", str(out), "-q"])
    assert res.exit_code == 2 and "mine.txt" in res.output
    (private / "mine.txt").unlink()
    # without the leaks there is nothing private left: the earlier evidence goes with the earlier build
    alpaca = tmp_path / "src" / "alpaca.jsonl"
    leaks = ("Urnes", norquad_test[7]["context"][:30])
    kept = [line for line in alpaca.read_text().splitlines() if not any(x in line for x in leaks)]
    alpaca.write_text("\n".join(kept) + "\n")
    bench = {"id": "q", "question": "Hva er klokka?", "context": "Klokka er mye."}
    (tmp_path / "src" / "test.jsonl").write_text(json.dumps(bench) + "\n")
    res = CliRunner().invoke(main, ["build", str(recipe), "--out", str(out), "-q"])
    assert res.exit_code == 0, res.output
    assert not private.exists()
