"""Same recipe, same bytes, from any working directory (issue 12, case 7): paths inside hashed files are
relative to the recipe and normalised, `output.dir` is relative to the recipe, and the build's audit.json
names the data file it audited with its sha256."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_build_cli import fake_lang, make_fixture  # noqa: F401 (fake_lang is a fixture)

from curation.cli.main import main

pytestmark = pytest.mark.usefixtures("fake_lang")
HASHED = (
    "manifest.json",
    "audit.json",
    "README.md",
    "croissant.json",
    "data/train.jsonl",
    "data/train.parquet",
)


@pytest.fixture
def recipe(tmp_path: Path, shared_data: Path) -> Path:
    """The build fixture in tmp/project/, auditing against a local NorQuAD copy in project/noreval too."""
    project = tmp_path / "project"
    project.mkdir()
    recipe = make_fixture(project)
    (project / "noreval" / "norquad").mkdir(parents=True)
    shutil.copy(shared_data / "norquad" / "test.jsonl", project / "noreval" / "norquad" / "test.jsonl")
    text = recipe.read_text().replace(
        "  on_contamination: drop\n",
        "  benchmarks: [norquad]\n  benchmarks_dir: noreval\n  on_contamination: drop\n",
    )
    recipe.write_text(text, encoding="utf-8")
    return recipe


def build_from(cwd: Path, recipe: str, out: Path | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(cwd)
    args = ["build", recipe, "-q"] + (["--out", str(out)] if out else [])
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output


def test_same_bytes_from_any_working_directory(
    tmp_path: Path, recipe: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    runs = {
        "a": (tmp_path, "project/r.yaml"),
        "b": (tmp_path / "project", "r.yaml"),
        "c": (tmp_path / "elsewhere", "../project/./r.yaml"),
        "d": (tmp_path / "elsewhere", str(recipe)),
    }
    for name, (cwd, path) in runs.items():
        build_from(cwd, path, tmp_path / f"out_{name}", monkeypatch)
    for f in HASHED:
        first = (tmp_path / "out_a" / f).read_bytes()
        assert all((tmp_path / f"out_{n}" / f).read_bytes() == first for n in "bcd"), f
    report = json.loads((tmp_path / "out_a" / "audit.json").read_text())
    assert [t["source"] for t in report["test_sets"]] == ["src/test.jsonl", "noreval/norquad/test"]


def test_audit_json_names_the_audited_file_and_its_sha256(
    tmp_path: Path, recipe: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_from(tmp_path, str(recipe), tmp_path / "out", monkeypatch)
    out = tmp_path / "out"
    train = json.loads((out / "audit.json").read_text())["train"]
    digest = hashlib.sha256((out / "data" / "train.jsonl").read_bytes()).hexdigest()
    assert train == [{"path": "data/train.jsonl", "rows": 10, "sha256": digest, "fields": ["messages"]}]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["audit"]["report_sha256"] == hashlib.sha256((out / "audit.json").read_bytes()).hexdigest()


def test_output_dir_is_relative_to_the_recipe(
    tmp_path: Path, recipe: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    build_from(tmp_path / "elsewhere", "../project/r.yaml", None, monkeypatch)  # output: {dir: out}
    assert (tmp_path / "project" / "out" / "manifest.json").is_file()
    assert not (tmp_path / "elsewhere" / "out").exists()
    plan = CliRunner().invoke(main, ["build", "../project/r.yaml", "--dry-run", "--json"])
    assert json.loads(plan.stdout)["output"] == "../project/out"  # normalised: no ../project/../
