"""`curate publish` and `curate verify hf:...` (issue 15): a certified build goes to a local folder, a git
checkout or a hub repository exactly as built (in one commit), nothing private goes with it, and the
published copy verifies, while one changed byte does not. The hub cannot be reached from here: the real
upload and download code runs against a fake HfApi and a fake snapshot_download."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from test_build_cli import fake_lang, make_fixture  # noqa: F401 (fake_lang is a fixture)
from tiny_model import build_demo

from curation.cli.main import main
from curation.output import publish as publish_module

TOKEN = "hf_not_a_real_token_0123456789"


def curate(*args: str) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo build B (its private folder B.private holds the audit's evidence)."""
    out = build_demo(tmp_path_factory.mktemp("publish") / "B")
    assert (out.parent / "B.private" / "audit_initial.json").is_file()
    return out


def _listed(root: Path) -> set[str]:
    manifest = orjson.loads((root / "manifest.json").read_bytes())
    return {f["path"] for f in manifest["files"]}


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    done = subprocess.run(
        ["git", "-C", str(root), *args], check=True, env=env, capture_output=True, text=True
    )
    return done.stdout


# ----------------------------------------------------------------------------- a local folder


def test_publish_to_a_folder_verifies_and_holds_exactly_the_manifests_files(
    built: Path, tmp_path: Path
) -> None:
    published = tmp_path / "P"
    res = curate("publish", built, "--to", published)
    assert res.exit_code == 0, res.output
    assert f"check it with: curate verify {published}" in res.output
    assert _files(published) == _listed(built) | {"manifest.json"}
    assert {"README.md", "croissant.json", "audit.json", "data/train.parquet"} <= _files(published)
    for rel in _files(published):
        assert (published / rel).read_bytes() == (built / rel).read_bytes(), rel
    res = curate("verify", published)
    assert res.exit_code == 0, res.output
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=published / "croissant.json")  # validates; reads the published parquet
    assert not dataset.metadata.ctx.issues.errors
    assert len(list(dataset.records("train"))) == 300
    # nothing of the private folder: no file of it, under any name
    private = [p.read_bytes() for p in (built.parent / "B.private").rglob("*") if p.is_file()]
    assert private and not [p for p in published.rglob("*") if p.is_file() and p.read_bytes() in private]


def _flip(path: Path, needle: bytes) -> None:
    data = bytearray(path.read_bytes())
    i = data.index(needle)
    data[i] = data[i] ^ 0x01  # one byte, same size
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("rel", "needle"),
    [
        ("data/train.jsonl", b"Stemningen"),
        ("data/train.parquet", b"PAR1"),
        ("README.md", b"Contamination audit: passed."),  # the card's audit sentence
        ("croissant.json", b"contamination audit: passed"),
    ],
)
def test_one_changed_byte_in_the_published_copy_fails_verify(
    built: Path, tmp_path: Path, rel: str, needle: bytes
) -> None:
    published = tmp_path / "P"
    assert curate("publish", built, "--to", published, "--json").exit_code == 0
    _flip(published / rel, needle)
    res = curate("verify", published)
    assert res.exit_code == 1
    assert f"  - {rel}: sha256" in res.stderr, res.stderr


def test_a_build_that_does_not_verify_is_not_published(built: Path, tmp_path: Path) -> None:
    broken = tmp_path / "B"
    shutil.copytree(built, broken)
    _flip(broken / "data" / "train.jsonl", b"Stemningen")
    for target in (["--to", tmp_path / "P"], ["--repo", "org/demo", "--dry-run"]):
        res = curate("publish", broken, *target)
        assert res.exit_code == 1
        line = res.stderr.strip()
        assert line.startswith("error: ") and "data/train.jsonl: sha256" in line and "\n" not in line
    assert not (tmp_path / "P").exists()


@pytest.mark.usefixtures("fake_lang")
def test_republishing_replaces_our_files_and_refuses_anyone_elses(built: Path, tmp_path: Path) -> None:
    published = tmp_path / "P"
    assert curate("publish", built, "--to", published).exit_code == 0
    # a second, different build (no dropped.parquet) replaces the first: the stale file goes
    other = _other_build(tmp_path)
    assert "dropped.parquet" in _files(published) and "dropped.parquet" not in _listed(other)
    res = curate("publish", other, "--to", published)
    assert res.exit_code == 0, res.output
    assert _files(published) == _listed(other) | {"manifest.json"}
    assert curate("verify", published).exit_code == 0
    # something of someone else's: refused (exit 2, named), kept; --force replaces it all
    (published / "notes.txt").write_text("mine\n")
    res = curate("publish", built, "--to", published)
    assert res.exit_code == 2 and "notes.txt" in res.stderr and "--force" in res.stderr
    assert (published / "notes.txt").read_text() == "mine\n"
    assert curate("publish", built, "--to", published, "--force").exit_code == 0
    assert not (published / "notes.txt").exists() and curate("verify", published).exit_code == 0


@pytest.mark.usefixtures("fake_lang")
def test_publish_into_a_git_checkout_keeps_its_git_metadata(built: Path, tmp_path: Path) -> None:
    checkout = tmp_path / "repo"
    checkout.mkdir()
    _git(checkout, "init", "-q")
    (checkout / ".gitattributes").write_text("*.parquet filter=lfs diff=lfs merge=lfs -text\n")
    _git(checkout, "add", "-A")
    _git(checkout, "commit", "-qm", "initial commit")
    res = curate("publish", built, "--to", checkout)
    assert res.exit_code == 0, res.output
    assert (checkout / ".gitattributes").read_text().startswith("*.parquet filter=lfs")
    assert _git(checkout, "log", "--oneline").count("\n") == 1  # the history is untouched
    assert curate("verify", checkout).exit_code == 0
    _git(checkout, "add", "-A")
    _git(checkout, "commit", "-qm", "publish demo")
    # a later build in the same checkout: files it does not list go, the empty folder with them
    other = _other_build(tmp_path)
    res = curate("publish", other, "--to", checkout)
    assert res.exit_code == 0, res.output
    assert not (checkout / "dropped.parquet").exists()
    assert curate("verify", checkout).exit_code == 0
    status = _git(checkout, "status", "--porcelain")
    assert " D dropped.parquet" in status and ".gitattributes" not in status
    # a file nobody published, in the checkout: refused; --force removes it but never .git or .gitattributes
    (checkout / "LICENSE").write_text("x\n")
    assert curate("publish", built, "--to", checkout).exit_code == 2
    assert curate("publish", built, "--to", checkout, "--force").exit_code == 0
    assert not (checkout / "LICENSE").exists() and (checkout / ".gitattributes").is_file()
    assert (checkout / ".git" / "HEAD").is_file() and curate("verify", checkout).exit_code == 0


def test_a_fresh_checkout_with_a_readme_of_its_own_is_not_overwritten(built: Path, tmp_path: Path) -> None:
    checkout = tmp_path / "repo"
    checkout.mkdir()
    _git(checkout, "init", "-q")
    (checkout / "README.md").write_text("# created on the hub\n")
    res = curate("publish", built, "--to", checkout)
    assert res.exit_code == 2 and "README.md" in res.stderr
    assert (checkout / "README.md").read_text() == "# created on the hub\n"


def test_publish_refuses_the_build_its_private_folder_and_the_current_folder(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for target in (built, built / "sub", built.parent / "B.private", built.parent):
        res = curate("publish", built, "--to", target)
        assert res.exit_code == 2 and "overlaps the build" in res.stderr, (target, res.output)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    res = curate("publish", built, "--to", ".")
    assert res.exit_code == 2 and "current folder" in res.stderr
    res = curate("publish", built)
    assert res.exit_code == 2 and "exactly one of --repo" in res.stderr
    res = curate("publish", built, "--to", tmp_path / "x", "--private")
    assert res.exit_code == 2 and "--repo only" in res.stderr


def test_dry_run_to_a_folder_writes_nothing(built: Path, tmp_path: Path) -> None:
    res = curate("publish", built, "--to", tmp_path / "P", "--dry-run", "--json")
    assert res.exit_code == 0, res.output
    plan = orjson.loads(res.stdout)
    assert plan["dry_run"] is True and {op["path"] for op in plan["operations"]} == _listed(built) | {
        "manifest.json"
    }
    assert not (tmp_path / "P").exists()


def _other_build(tmp: Path) -> Path:
    """The build fixture of test_build_cli (another file set: no dropped.parquet), with licences."""
    root = tmp / "other"
    root.mkdir(exist_ok=True)
    recipe = make_fixture(root)
    text = recipe.read_text(encoding="utf-8").replace("seed: 3\n", "seed: 3\nlicence: CC-BY-4.0\n")
    text = text.replace("format: ", "licence: CC-BY-4.0, format: ")
    recipe.write_text(text, encoding="utf-8")
    out = root / "out"
    res = curate("build", recipe, "--out", out, "-q")
    assert res.exit_code == 0, res.output
    return out


# ----------------------------------------------------------------------------- licences


@pytest.mark.usefixtures("fake_lang")
def test_unknown_or_restrictive_licences_stop_publish_naming_the_source(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    text = recipe.read_text(encoding="utf-8").replace("seed: 3\n", "seed: 3\nlicence: CC-BY-4.0\n")
    text = text.replace("{name: alpaca,", "{name: alpaca, licence: cc-by-4.0,")
    text = text.replace("{name: chat,", "{name: chat, licence: CC-BY-SA-4.0,")  # ShareAlike, the set drops it
    recipe.write_text(text, encoding="utf-8")  # `en` has no licence
    out = tmp_path / "B"
    res = curate("build", recipe, "--out", out, "-q")
    assert res.exit_code == 0, res.output  # built, and told now what publish will say
    assert "`curate publish` will refuse this build: source chat: licence CC-BY-SA-4.0" in res.output
    res = curate("publish", out, "--to", tmp_path / "P")
    assert res.exit_code == 2
    line = res.stderr.strip()
    assert line.count("\n") == 0 and "source chat: licence CC-BY-SA-4.0 is ShareAlike" in line
    assert "(+1 more)" in line and "--allow-licence chat" in line
    res = curate("publish", out, "--repo", "org/x", "--dry-run", "--allow-licence", "chat")
    assert res.exit_code == 2 and "source en: licence unknown" in res.stderr
    res = curate("publish", out, "--to", tmp_path / "P", "--allow-licence", "nope")
    assert res.exit_code == 2 and "--allow-licence nope: not a source" in res.stderr
    res = curate("publish", out, "--to", tmp_path / "P", "--allow-licence", "chat", "--allow-licence", "en")
    assert res.exit_code == 0, res.output
    card = (tmp_path / "P" / "README.md").read_text(encoding="utf-8")
    assert "license: cc-by-4.0" in card and "size_categories:\n- n<1K" in card
    assert "| chat | `src/chat.jsonl` | `local` | messages | CC-BY-SA-4.0 |" in card
    assert "| en | `src/en.jsonl` | `local` | text | unknown |" in card


# ----------------------------------------------------------------------------- the hub


class FakeHub:
    """HfApi as far as the upload code uses it: records every call and keeps each commit's files, so a
    later `snapshot_download` of that commit can hand them back like the hub's cache does."""

    def __init__(self, present: tuple[str, ...] = (".gitattributes",), fail: str | None = None) -> None:
        self.calls: list[tuple[str, str, dict[str, Any]]] = []
        self.commits: dict[str, list[Any]] = {}
        self.present = list(present)
        self.fail = fail
        self.token = None  # like HfApi(): the token comes from HF_TOKEN or the login cache

    def create_repo(self, repo_id: str, **kw: Any) -> str:
        self.calls.append(("create_repo", repo_id, kw))
        return f"https://huggingface.co/datasets/{repo_id}"

    def create_branch(self, repo_id: str, **kw: Any) -> None:
        self.calls.append(("create_branch", repo_id, kw))

    def list_repo_files(self, repo_id: str, **kw: Any) -> list[str]:
        self.calls.append(("list_repo_files", repo_id, kw))
        return list(self.present)

    def create_commit(self, repo_id: str, operations: Any, **kw: Any) -> SimpleNamespace:
        self.calls.append(("create_commit", repo_id, kw))
        if self.fail:
            raise RuntimeError(self.fail)
        ops = list(operations)
        sha = hashlib.sha1(repr([(type(o).__name__, o.path_in_repo) for o in ops]).encode()).hexdigest()
        self.commits[sha] = ops
        return SimpleNamespace(oid=sha, commit_url=f"https://huggingface.co/datasets/{repo_id}/commit/{sha}")

    def snapshot(self, cache: Path, repo_id: str, sha: str) -> Path:
        """The commit as huggingface_hub's cache lays it out: blobs, and a snapshot folder of links."""
        base = cache / f"datasets--{repo_id.replace('/', '--')}"
        folder = base / "snapshots" / sha
        files = {".gitattributes": b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"}
        files |= {o.path_in_repo: Path(o.path_or_fileobj).read_bytes() for o in self.commits[sha]}
        for rel, data in files.items():
            blob = base / "blobs" / hashlib.sha256(data).hexdigest()
            blob.parent.mkdir(parents=True, exist_ok=True)
            if not blob.exists():
                blob.write_bytes(data)
            link = folder / rel
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.is_symlink():  # a second download of the same commit finds it in the cache
                link.symlink_to(os.path.relpath(blob, link.parent))
        return folder


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> FakeHub:
    fake = FakeHub()
    monkeypatch.setattr(publish_module, "hub_api", lambda: fake)
    monkeypatch.setattr(publish_module, "hub_unreachable_reason", lambda: None)
    monkeypatch.setattr("curation.output.hub.hub_unreachable_reason", lambda: None)
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    return fake


def test_publish_to_the_hub_is_one_commit_of_exactly_the_published_files(
    built: Path, hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import CommitOperationAdd

    res = curate("publish", built, "--repo", "org/demo", "--revision", "release", "--private")
    assert res.exit_code == 0, res.output
    assert [c[0] for c in hub.calls] == ["create_repo", "create_branch", "list_repo_files", "create_commit"]
    assert hub.calls[0][2] == {"repo_type": "dataset", "private": True, "exist_ok": True}
    assert hub.calls[1][2] == {"branch": "release", "repo_type": "dataset", "exist_ok": True}
    commit = hub.calls[3][2]
    assert commit["repo_type"] == "dataset" and commit["revision"] == "release"
    assert commit["commit_message"].startswith("Publish demo: 300 rows, audit passed")
    ((sha, ops),) = hub.commits.items()
    assert all(isinstance(op, CommitOperationAdd) for op in ops)
    assert {op.path_in_repo for op in ops} == _listed(built) | {"manifest.json"}
    assert {"README.md", "croissant.json"} <= {op.path_in_repo for op in ops}
    for op in ops:  # the bytes the manifest lists, from the build folder (never its private folder)
        data = Path(op.path_or_fileobj).read_bytes()
        assert Path(op.path_or_fileobj).parent.resolve() in (built.resolve(), *built.resolve().glob("*"))
        assert data == (built / op.path_in_repo).read_bytes()
    assert f"published hf:org/demo (branch release) in one commit: {sha}" in res.output
    assert f"curate verify hf:org/demo@{sha}" in res.output
    assert TOKEN not in res.output

    # anyone can now check that commit: the real download code, against the fake hub's cache layout
    calls: list[tuple[str, dict[str, Any]]] = []

    def snapshot_download(repo_id: str, **kw: Any) -> str:
        calls.append((repo_id, kw))
        return str(hub.snapshot(tmp_path / "cache", repo_id, kw["revision"]))

    monkeypatch.setattr("huggingface_hub.snapshot_download", snapshot_download)
    res = curate("verify", f"hf:org/demo@{sha}")
    assert res.exit_code == 0, res.output
    assert calls == [("org/demo", {"repo_type": "dataset", "revision": sha})]
    assert res.output.startswith(f"ok: hf:org/demo@{sha}: certified (300 rows")
    out = orjson.loads(curate("verify", f"hf:org/demo@{sha}", "--json").stdout)
    assert out["certified"] is True and out["origin"] == f"hf:org/demo@{sha}" and out["commit"] == sha


def test_a_changed_byte_on_the_hub_fails_verify(
    built: Path, hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert curate("publish", built, "--repo", "org/demo").exit_code == 0
    (sha,) = hub.commits
    folder = hub.snapshot(tmp_path / "cache", "org/demo", sha)
    blob = (folder / "croissant.json").resolve()
    blob.chmod(0o644)
    _flip(blob, b"contamination audit: passed")
    monkeypatch.setattr("huggingface_hub.snapshot_download", lambda repo_id, **kw: str(folder))
    res = curate("verify", f"hf:org/demo@{sha}")
    assert res.exit_code == 1 and "croissant.json: sha256" in res.stderr
    assert f"failed: hf:org/demo@{sha}: not a certified set" in res.stderr


def test_files_on_the_hub_that_the_build_does_not_list_are_refused_or_deleted_with_force(
    built: Path, hub: FakeHub
) -> None:
    from huggingface_hub import CommitOperationDelete

    hub.present = [".gitattributes", "README.md", "old/notes.txt"]
    res = curate("publish", built, "--repo", "org/demo")
    assert res.exit_code == 2 and "old/notes.txt" in res.stderr and "--force" in res.stderr
    assert not hub.commits
    res = curate("publish", built, "--repo", "org/demo", "--force", "--json")
    assert res.exit_code == 0, res.output
    ((_, ops),) = hub.commits.items()
    deletes = [op.path_in_repo for op in ops if isinstance(op, CommitOperationDelete)]
    assert deletes == ["old/notes.txt"]
    assert {"op": "delete", "path": "old/notes.txt"} in orjson.loads(res.stdout)["operations"]


def test_dry_run_lists_one_commit_and_contacts_nobody(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_hub() -> None:
        raise AssertionError("a dry run contacted the hub")

    monkeypatch.setattr(publish_module, "hub_api", no_hub)
    monkeypatch.setattr(publish_module, "hub_unreachable_reason", no_hub)
    res = curate("publish", built, "--repo", "org/demo", "--dry-run")
    assert res.exit_code == 0, res.output
    assert res.output.startswith("dry run: one commit to hf:org/demo; nothing is written or uploaded")
    for path in _listed(built) | {"manifest.json"}:
        assert f"  add     {path} " in res.output
    plan = orjson.loads(curate("publish", built, "--repo", "org/demo", "--dry-run", "--json").stdout)
    assert {op["op"] for op in plan["operations"]} == {"add"} and plan["commit"] is None


def test_hub_failures_are_one_line(built: Path, hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    hub.fail = "401 Client Error: Unauthorized\nmore detail"
    res = curate("publish", built, "--repo", "org/demo")
    assert res.exit_code == 2
    assert (
        res.stderr
        == "error: hf:org/demo: the upload failed (401 Client Error: Unauthorized); nothing was published\n"
    )
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.setattr("huggingface_hub.get_token", lambda: None)
    res = curate("publish", built, "--repo", "org/demo")
    assert res.exit_code == 2 and "no Hugging Face token" in res.stderr
    res = curate("publish", built, "--repo", "not a repo")
    assert res.exit_code == 2 and "ORG/NAME" in res.stderr


def test_an_unreachable_hub_stops_at_once(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        publish_module, "hub_unreachable_reason", lambda: "cannot connect to huggingface.co:443"
    )
    monkeypatch.setattr(
        "curation.output.hub.hub_unreachable_reason", lambda: "cannot connect to huggingface.co:443"
    )
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)

    def never(*a: Any, **k: Any) -> None:
        raise AssertionError("downloaded although the hub cannot be reached")

    monkeypatch.setattr("huggingface_hub.snapshot_download", never)
    res = curate("verify", "hf:org/demo@0123456")
    assert res.exit_code == 2
    assert res.stderr == (
        "error: hf:org/demo@0123456: the Hugging Face hub cannot be reached (cannot connect to "
        "huggingface.co:443); nothing was verified\n"
    )
    res = curate("publish", built, "--repo", "org/demo")
    assert res.exit_code == 2 and "cannot be reached" in res.stderr and res.stderr.count("\n") == 1


def test_verify_hub_refs_and_download_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("curation.output.hub.hub_unreachable_reason", lambda: None)
    res = curate("verify", "hf:org/demo")
    assert res.exit_code == 2 and "hf:ORG/NAME@REVISION" in res.stderr

    def missing(repo_id: str, **kw: Any) -> str:
        raise FileNotFoundError(f"Revision Not Found for url: {repo_id}@{kw['revision']}.\nmore")

    monkeypatch.setattr("huggingface_hub.snapshot_download", missing)
    res = curate("verify", "hf:org/demo@v9")
    assert res.exit_code == 2
    assert res.stderr == (
        "error: hf:org/demo@v9: cannot download it (Revision Not Found for url: org/demo@v9.); check the id "
        "and revision\n"
    )


def test_a_local_folder_laid_out_as_a_hub_download_verifies(built: Path, tmp_path: Path) -> None:
    """`snapshot_download(..., local_dir=...)` or `hf download` leave .gitattributes and .cache/huggingface/."""
    published = tmp_path / "P"
    assert curate("publish", built, "--to", published).exit_code == 0
    (published / ".gitattributes").write_text("*.parquet filter=lfs diff=lfs merge=lfs -text\n")
    meta = published / ".cache" / "huggingface" / "download" / "data"
    meta.mkdir(parents=True)
    (meta / "train.parquet.metadata").write_text("0123abcd\n")
    assert curate("verify", published).exit_code == 0
    # and a later publish into it keeps that metadata
    assert curate("publish", built, "--to", published).exit_code == 0
    assert (meta / "train.parquet.metadata").is_file() and (published / ".gitattributes").is_file()


def test_a_listed_file_that_leads_into_the_private_folder_is_not_published(
    built: Path, tmp_path: Path
) -> None:
    build = tmp_path / "B"
    shutil.copytree(built, build)
    private = tmp_path / "B.private"
    private.mkdir()
    (private / "train.jsonl").write_bytes((build / "data" / "train.jsonl").read_bytes())
    (build / "data" / "train.jsonl").unlink()
    (build / "data" / "train.jsonl").symlink_to(private / "train.jsonl")
    assert curate("verify", build).exit_code == 0  # the bytes are the listed ones
    res = curate("publish", build, "--to", tmp_path / "P")
    assert res.exit_code == 2 and "which is never published" in res.stderr
    assert not (tmp_path / "P").exists()


def test_a_build_without_croissant_is_not_published(built: Path, tmp_path: Path) -> None:
    build = tmp_path / "B"
    shutil.copytree(built, build)
    (build / "croissant.json").unlink()
    manifest = orjson.loads((build / "manifest.json").read_bytes())
    manifest["files"] = [f for f in manifest["files"] if f["path"] != "croissant.json"]
    (build / "manifest.json").write_bytes(orjson.dumps(manifest))
    assert curate("verify", build).exit_code == 0  # an earlier build still verifies
    res = curate("publish", build, "--repo", "org/demo", "--dry-run")
    assert res.exit_code == 2 and "has no croissant.json" in res.stderr
