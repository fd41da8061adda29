"""The README's examples: the Python blocks run as written (in a scratch folder holding the bundled
demo), the CLI examples name files that exist, and the NorEval revisions are called what they are."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from contamination.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.S)


def test_readme_has_python_examples() -> None:
    assert len(python_blocks()) >= 3


def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("demo", "recipes"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__readme__"}
    for i, block in enumerate(python_blocks()):
        try:
            exec(compile(block, f"README.md python block {i + 1}", "exec"), namespace)
        except Exception as exc:  # name the block: the traceback points into README.md
            raise AssertionError(f"README.md python block {i + 1} failed: {exc!r}\n{block}") from exc
    assert os.getcwd() == str(tmp_path)


def test_the_audit_example_runs_on_the_files_it_names(tmp_path: Path, monkeypatch) -> None:
    block = next(b for b in re.findall(r"```bash\n(.*?)```", README, re.S) if b.startswith("contam audit"))
    args = shlex.split(block.replace("\\\n", " "))[1:]
    inputs = [a for a in args if a.endswith(".jsonl") and not a.startswith(("clean", "flagged"))]
    assert inputs and all((ROOT / a).is_file() for a in inputs), inputs
    monkeypatch.chdir(ROOT)
    out = {"audit.json", "clean.jsonl", "flagged.jsonl"}
    args = [str(tmp_path / a) if a in out else a for a in args]
    res = CliRunner().invoke(main, [*args, "--no-progress"])
    assert res.exit_code in (0, 1), res.output
    assert all((tmp_path / name).exists() for name in out)


def test_noreval_revisions_are_called_what_they_are() -> None:
    registry = yaml.safe_load((ROOT / "contamination" / "testside" / "registry" / "noreval.yaml").read_text())
    tasks = registry["tasks"].values() if isinstance(registry["tasks"], dict) else registry["tasks"]
    unverified = [t for t in tasks if not t["revision_verified"]]
    assert ("main (unverified)" in README) == bool(unverified)  # say so while any is, and not after
    assert "named, pinned benchmarks" not in README


def test_the_publish_example_runs_as_written_where_it_needs_no_hub(tmp_path: Path, monkeypatch) -> None:
    """The README's publish block: build, publish into a folder, verify it, and the hub dry run (the
    upload itself and `verify hf:` need the hub; tests/test_publish.py runs them against a fake one)."""
    from curation.cli.main import main as curate

    block = next(b for b in re.findall(r"```bash\n(.*?)```", README, re.S) if "curate publish" in b)
    lines = [line.split("#")[0].strip() for line in block.splitlines()]
    offline = [
        line for line in lines if line and "hf:" not in line and ("--repo" not in line or "--dry-run" in line)
    ]
    assert [shlex.split(line)[1] for line in offline] == ["build", "publish", "verify", "publish"]
    assert any("--repo" in line and "--dry-run" not in line for line in lines)
    assert any(line.startswith("curate verify hf:") for line in lines)
    for name in ("demo", "recipes"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    for line in offline:
        res = CliRunner().invoke(curate, shlex.split(line)[1:])
        assert res.exit_code == 0, (line, res.output)
    assert res.output.startswith("dry run: one commit to hf:ORG/NAME")
