"""`curate verify`: a certified set passes; any tampering, missing audit or failed audit is refused (exit 1)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from tiny_model import build_demo

from curation.cli.main import main
from curation.output.verify import verify_certified


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("verify") / "demo")


@pytest.fixture
def copy(demo: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "set"
    shutil.copytree(demo, dst)
    return dst


def _edit_manifest(root: Path, fn) -> None:
    m = orjson.loads((root / "manifest.json").read_bytes())
    fn(m)
    (root / "manifest.json").write_bytes(orjson.dumps(m, option=orjson.OPT_INDENT_2))


def test_certified_set_verifies(demo: Path) -> None:
    res = verify_certified(demo)
    assert res.ok, res.reasons
    assert res.rows == 300 and len(res.manifest_sha256) == 64
    r = CliRunner().invoke(main, ["verify", str(demo), "--json"])
    assert r.exit_code == 0
    out = orjson.loads(r.stdout)
    assert out["certified"] is True and out["reasons"] == []


def test_flipped_byte_is_caught(copy: Path) -> None:
    p = copy / "data" / "train.jsonl"
    data = bytearray(p.read_bytes())
    i = data.index(b"Stemningen")
    data[i] = ord("X")  # same size, different content
    p.write_bytes(bytes(data))
    res = verify_certified(copy)
    assert not res.ok and any("data/train.jsonl: sha256" in r for r in res.reasons)
    r = CliRunner().invoke(main, ["verify", str(copy)])
    assert r.exit_code == 1 and "data/train.jsonl: sha256" in r.stderr


def test_appended_row_and_missing_and_unlisted_files(copy: Path) -> None:
    with (copy / "data" / "train.jsonl").open("ab") as fh:
        fh.write(b'{"id":"x","source":"x","lang":"nb","messages":[]}\n')
    (copy / "data" / "train.parquet").unlink()
    (copy / "data" / "extra.jsonl").write_text("{}\n")
    reasons = verify_certified(copy).reasons
    assert any(r.startswith("data/train.jsonl:") and "bytes" in r for r in reasons)
    assert "data/train.parquet: listed in the manifest but missing" in reasons
    assert "data/extra.jsonl: not listed in the manifest" in reasons


def test_audit_report_tampered(copy: Path) -> None:
    # Re-list audit.json with its new hash: the audit section's report_sha256 catches it, and so does
    # croissant.json, whose FileObject still names the published report's hash.
    import hashlib

    report = orjson.loads((copy / "audit.json").read_bytes())
    report["summary"]["note"] = "edited"
    raw = orjson.dumps(report)
    (copy / "audit.json").write_bytes(raw)

    def relist(m: dict) -> None:
        for f in m["files"]:
            if f["path"] == "audit.json":
                f["bytes"], f["sha256"] = len(raw), hashlib.sha256(raw).hexdigest()

    _edit_manifest(copy, relist)
    assert verify_certified(copy).reasons == [
        "croissant.json: audit.json's sha256 or size differs from the manifest",
        "audit.json: sha256 does not match manifest audit.report_sha256",
    ]


def test_failed_or_missing_audit(copy: Path) -> None:
    _edit_manifest(copy, lambda m: m["audit"].update(passed=False))
    assert verify_certified(copy).reasons == ["not certified: the contamination audit did not pass"]
    _edit_manifest(copy, lambda m: m.update(audit=None))
    assert verify_certified(copy).reasons == ["not certified: the build has no contamination audit"]


def test_not_a_build(tmp_path: Path, copy: Path) -> None:
    assert verify_certified(tmp_path / "nope").reasons == ["no such directory"]
    assert "no manifest.json" in verify_certified(tmp_path).reasons[0]
    _edit_manifest(copy, lambda m: m.update(schema="other/9"))
    assert "schema is 'other/9'" in verify_certified(copy).reasons[0]
    r = CliRunner().invoke(main, ["verify", str(copy), "--json"])
    assert r.exit_code == 1 and orjson.loads(r.stdout)["certified"] is False


def _clone_like(root: Path) -> None:
    """What a git clone or a hub download of a published set adds: a real repository (.git, committed
    with .gitattributes as the hub writes it) and huggingface_hub's download cache metadata."""
    (root / ".gitattributes").write_text("*.parquet filter=lfs diff=lfs merge=lfs -text\n")
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(root), "commit", "-qm", "publish"], check=True, env={**os.environ, **env}
    )
    meta = root / ".cache" / "huggingface" / "download" / "data"
    meta.mkdir(parents=True)
    (meta / "train.parquet.metadata").write_text("0123abcd\n")
    (root / ".cache" / "huggingface" / ".gitignore").write_text("*\n")


def test_a_cloned_or_downloaded_set_still_verifies(copy: Path) -> None:
    _clone_like(copy)
    assert verify_certified(copy).reasons == []
    r = CliRunner().invoke(main, ["verify", str(copy)])
    assert r.exit_code == 0, r.output


def test_other_unlisted_files_still_fail_next_to_that_metadata(copy: Path) -> None:
    _clone_like(copy)
    (copy / ".gitignore").write_text("*.tmp\n")
    (copy / ".cache" / "other").mkdir()
    (copy / ".cache" / "other" / "x.jsonl").write_text("{}\n")
    (copy / "data" / ".gitattributes").write_text("x\n")
    reasons = verify_certified(copy).reasons
    assert reasons == [
        f"{p}: not listed in the manifest"
        for p in (".cache/other/x.jsonl", ".gitignore", "data/.gitattributes")
    ]
