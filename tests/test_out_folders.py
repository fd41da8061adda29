"""`curate build --out DIR` never deletes what the tool did not write (issue 12, case 1).

An empty or missing folder is fine, a folder holding an earlier build of ours is replaced, anything else is
exit 2 with one line (unless --force), and inputs of the recipe are never replaced. Leftovers of a killed
run are removed by the next run, and outputs get ordinary permissions.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_build_cli import fake_lang, make_fixture  # noqa: F401 (fake_lang is a fixture)

from curation.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("fake_lang")


def build(recipe: Path, out: str | Path, *extra: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, ["build", str(recipe), "--out", str(out), "-q", *extra])
    return res.exit_code, res.output


def one_error_line(output: str) -> str:
    assert "Traceback" not in output, output
    lines = [line for line in output.strip().splitlines() if line.startswith("error:")]
    assert len(lines) == 1, output
    return lines[0]


def test_a_folder_with_other_files_is_refused_and_kept(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("x\n")
    code, output = build(recipe, keep)
    assert code == 2, output
    line = one_error_line(output)
    assert "notes.txt" in line and "--force" in line
    assert (keep / "notes.txt").read_text() == "x\n"
    assert sorted(p.name for p in keep.iterdir()) == ["notes.txt"]


def test_force_replaces_such_a_folder(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("x\n")
    code, output = build(recipe, keep, "--force")
    assert code == 0, output
    assert (keep / "manifest.json").is_file() and not (keep / "notes.txt").exists()


def test_an_earlier_build_is_replaced_but_not_one_with_extra_files(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    out = tmp_path / "out"
    assert build(recipe, out)[0] == 0
    first = (out / "manifest.json").read_bytes()
    code, output = build(recipe, out)
    assert code == 0, output
    assert (out / "manifest.json").read_bytes() == first
    (out / "data" / "mine.txt").write_text("my notes\n")
    code, output = build(recipe, out)
    assert code == 2, output
    assert "data/mine.txt" in one_error_line(output)
    assert (out / "data" / "mine.txt").exists()


def test_a_folder_with_a_foreign_manifest_is_refused(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"name": "someone else\'s"}')
    code, output = build(recipe, out)
    assert code == 2 and "manifest.json" in one_error_line(output)
    assert (out / "manifest.json").exists()


def test_empty_folder_is_fine(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    (tmp_path / "empty").mkdir()
    assert build(recipe, tmp_path / "empty")[0] == 0


def test_the_benchmarks_folder_is_never_replaced(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    bench = tmp_path / "bench"
    bench.mkdir()
    (tmp_path / "src" / "test.jsonl").rename(bench / "test.jsonl")
    recipe.write_text(recipe.read_text().replace("src/test.jsonl", "bench/test.jsonl"), encoding="utf-8")
    before = (bench / "test.jsonl").read_bytes()
    for extra in ((), ("--force",)):
        code, output = build(recipe, bench, *extra)
        assert code == 2, output
        assert "bench/test.jsonl" in one_error_line(output)
        assert (bench / "test.jsonl").read_bytes() == before


def test_out_dot_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recipe = make_fixture(tmp_path)
    for name, files in (("busy", ["notes.txt"]), ("empty", [])):
        cwd = tmp_path / name
        cwd.mkdir()
        for f in files:
            (cwd / f).write_text("x\n")
        monkeypatch.chdir(cwd)
        code, output = build(recipe, ".")
        assert code == 2, output
        assert "current folder" in one_error_line(output)
        assert sorted(p.name for p in cwd.iterdir()) == files


def test_leftovers_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    out = tmp_path / "out"
    killed = (
        "import os, signal\n"
        "from contamination.common.atomic import atomic_dir\n"
        f"with atomic_dir({str(out)!r}) as tmp:\n"
        "    (tmp / 'partial.txt').write_text('half a build')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    run = subprocess.run([sys.executable, "-c", killed], cwd=ROOT, check=False)
    assert run.returncode == -signal.SIGKILL
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    assert leftovers  # what a killed build leaves behind
    assert build(recipe, out)[0] == 0
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def test_outputs_get_ordinary_permissions(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    old = os.umask(0o022)
    try:
        assert build(recipe, tmp_path / "out")[0] == 0
    finally:
        os.umask(old)
    out = tmp_path / "out"
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "data").stat().st_mode) == 0o755
    assert stat.S_IMODE((out / "manifest.json").stat().st_mode) == 0o644
