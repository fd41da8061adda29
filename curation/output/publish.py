"""`curate publish`: put a certified build where others can check it, exactly as built.

What is published is the build's `manifest.json` and every file it lists (data, `audit.json`, the card
`README.md`, `croissant.json`, charts), nothing else: never the private folder beside the build
(`OUT.private/`, the audit's evidence), which no manifest lists. Before anything is written the build is
verified (`curation.output.verify`; a build that fails is refused with exit 1) and its licences are
checked (`curation.output.licences`; exit 2 naming the source).

- `publish_to_hub`: one commit on a Hugging Face dataset repository (`HfApi.create_commit` with a
  `CommitOperationAdd` per file), creating the repository (and branch) when needed. Files already in the
  repository that the build does not list would make the published copy fail `curate verify`: they are
  refused, or deleted in the same commit with `force`. The token is huggingface_hub's own (`HF_TOKEN` or
  the login cache); it is never printed or written here.
- `publish_to_dir`: the same files in a local folder or a git checkout of a dataset repository. A missing
  or empty folder, or one holding only an earlier publish of ours, is replaced; anything else needs
  `force`. The metadata of a checkout or a hub download (`.git/`, `.gitattributes`, `.cache/huggingface/`)
  is always kept. Without such metadata the folder is swapped whole (atomic); with it, each file is
  replaced atomically and `manifest.json` last, so an interrupted run leaves a folder that `curate
  verify` refuses and that the next publish replaces.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from contamination.common.atomic import atomic_dir, check_replaceable, describe_unlisted, scratch_dir
from contamination.common.errors import InputError, VerificationError
from contamination.io.readers import hub_unreachable_reason
from curation.output.croissant import CROISSANT_NAME
from curation.output.licences import check_licences
from curation.output.manifest import MANIFEST_NAME, MANIFEST_SCHEMA
from curation.output.target import private_dir
from curation.output.verify import (
    METADATA_DIRS,
    METADATA_FILES,
    VerifyResult,
    unlisted_files,
    verify_certified,
)

REPO_RE = re.compile(r"^[\w.-]+/[\w.-]+$")
CHUNK = 1 << 20


@dataclass(frozen=True)
class PublishFile:
    path: str  # relative path in the build, the folder and the repository
    source: Path  # the file in the build
    bytes: int
    sha256: str


@dataclass
class PublishResult:
    target: str  # hf:ORG/NAME or the folder
    files: list[PublishFile]
    dry_run: bool
    deleted: list[str] = field(default_factory=list)  # files removed from the target (stale, with force)
    commit: str | None = None  # the hub commit's sha
    commit_url: str | None = None
    verify_command: str = ""

    @property
    def total_bytes(self) -> int:
        return sum(f.bytes for f in self.files)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "dry_run": self.dry_run,
            "operations": [
                {"op": "add", "path": f.path, "bytes": f.bytes, "sha256": f.sha256} for f in self.files
            ]
            + [{"op": "delete", "path": p} for p in self.deleted],
            "bytes": self.total_bytes,
            "commit": self.commit,
            "commit_url": self.commit_url,
            "verify": self.verify_command,
        }


def certified_files(
    build: str | Path, allow_licences: Collection[str] = ()
) -> tuple[VerifyResult, list[PublishFile]]:
    """Verify `build` (VerificationError, exit 1, when it is not a certified set), check its licences
    (InputError, exit 2) and list what gets published: `manifest.json` and every file it lists."""
    root = Path(build)
    res = verify_certified(root)
    if not res.ok:
        more = (
            f" (+{len(res.reasons) - 1} more; `curate verify {build}` lists them)"
            if len(res.reasons) > 1
            else ""
        )
        raise VerificationError(
            f"{build}: not a certified set: {res.reasons[0]}{more}; nothing was published"
        )
    manifest = res.manifest
    assert manifest is not None
    listed = {f["path"] for f in manifest["files"]}
    for needed in ("README.md", CROISSANT_NAME):  # what a reader of the published set starts from
        if needed not in listed:
            raise InputError(
                f"{build}: has no {needed} (built by an earlier norcurate); build it again to publish it"
            )
    check_licences(manifest, allow_licences)
    private = Path(os.path.realpath(private_dir(root)))
    raw = (root / MANIFEST_NAME).read_bytes()
    files = [PublishFile(MANIFEST_NAME, root / MANIFEST_NAME, len(raw), hashlib.sha256(raw).hexdigest())]
    for entry in sorted(manifest["files"], key=lambda e: e["path"]):
        source = root / entry["path"]
        # verify has checked that no listed path leaves the build; a link into the private folder would
        # still publish the evidence under another name
        real = Path(os.path.realpath(source))
        if real == private or private in real.parents:
            raise InputError(f"{source}: leads into {private}, which is never published")
        files.append(PublishFile(entry["path"], source, entry["bytes"], entry["sha256"]))
    return res, files


# ----------------------------------------------------------------------------- the hub


def check_repo_id(repo: str) -> str:
    if not REPO_RE.match(repo):
        raise InputError(f"--repo {repo}: write the dataset repository as ORG/NAME")
    return repo


def hub_api() -> Any:
    """The client every upload goes through (tests put a recording fake here)."""
    from huggingface_hub import HfApi

    return HfApi()


def _hub_token(api: Any) -> str | None:
    from huggingface_hub import get_token

    return getattr(api, "token", None) or get_token()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def commit_message(manifest: dict[str, Any], manifest_sha256: str) -> tuple[str, str]:
    """The commit's title and description: what was published and how to check it."""
    audit = manifest.get("audit") or {}
    verdict = "audit passed" if audit.get("passed") else "audit not passed"
    title = f"Publish {manifest['name']}: {manifest.get('rows', 0):,} rows, {verdict}"
    body = (
        f"Built by {manifest['tool']['name']} {manifest['tool']['version']} from {manifest['recipe']['file']} "
        f"(sha256 {manifest['recipe']['sha256']}, seed {manifest['recipe']['seed']}).\n"
        f"manifest.json sha256 {manifest_sha256}; every file is listed there with its sha256.\n"
        "Check this commit with: curate verify hf:REPO@COMMIT"
    )
    return title, body


def publish_to_hub(
    build: str | Path,
    repo: str,
    revision: str | None = None,
    private: bool = False,
    allow_licences: Collection[str] = (),
    dry_run: bool = False,
    force: bool = False,
) -> PublishResult:
    """Upload the build to hf:`repo` (branch `revision`, default main) in one commit; a dry run lists
    the commit's operations and contacts nobody."""
    check_repo_id(repo)
    res, files = certified_files(build, allow_licences)
    assert res.manifest is not None and res.manifest_sha256 is not None
    target = f"hf:{repo}" + (f" (branch {revision})" if revision else "")
    result = PublishResult(target, files, dry_run)
    if dry_run:
        result.verify_command = f"curate verify hf:{repo}@COMMIT"
        return result
    if reason := hub_unreachable_reason():
        raise InputError(
            f"hf:{repo}: the Hugging Face hub cannot be reached ({reason}); nothing was published"
        )
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete

    api = hub_api()
    if not _hub_token(api):
        raise InputError(
            "no Hugging Face token: set HF_TOKEN or log in with `hf auth login`; nothing was published"
        )
    title, body = commit_message(res.manifest, res.manifest_sha256)
    try:
        api.create_repo(repo, repo_type="dataset", private=private, exist_ok=True)
        if revision:
            api.create_branch(repo, branch=revision, repo_type="dataset", exist_ok=True)
        present = api.list_repo_files(repo, repo_type="dataset", revision=revision)
        stale = sorted(set(present) - {f.path for f in files} - METADATA_FILES)
        if stale and not force:
            raise InputError(
                f"hf:{repo}: holds {describe_unlisted(stale)}, which this build does not list, so the "
                "published copy would not verify; publish to another repository or --revision, or pass "
                "--force to delete them in the same commit; nothing was published"
            )
        operations: list[Any] = [CommitOperationAdd(f.path, str(f.source)) for f in files]
        operations += [CommitOperationDelete(p) for p in stale]
        info = api.create_commit(
            repo,
            operations=operations,
            commit_message=title,
            commit_description=body,
            repo_type="dataset",
            revision=revision,
        )
    except InputError:
        raise
    except Exception as exc:  # huggingface_hub raises many types (HTTP, auth, validation)
        raise InputError(
            f"hf:{repo}: the upload failed ({_first_line(exc)}); nothing was published"
        ) from None
    result.deleted = stale
    result.commit = info.oid
    result.commit_url = getattr(info, "commit_url", None)
    result.verify_command = f"curate verify hf:{repo}@{info.oid}"
    return result


# ----------------------------------------------------------------------------- a local folder


def _metadata_entries(folder: Path) -> list[str]:
    """The clone and download metadata at the top of `folder` (kept whatever happens)."""
    found = [m for m in sorted(METADATA_FILES) if (folder / m).exists() or (folder / m).is_symlink()]
    return found + [m for m in sorted(METADATA_DIRS) if (folder / m).is_dir()]


def _listed_by(folder: Path) -> set[str] | None:
    """The files an earlier build or publish of ours in `folder` lists (with its manifest), or None."""
    try:
        doc = orjson.loads((folder / MANIFEST_NAME).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if (
        not isinstance(doc, dict)
        or doc.get("schema") != MANIFEST_SCHEMA
        or not isinstance(doc.get("files"), list)
    ):
        return None
    return {
        MANIFEST_NAME,
        *(f["path"] for f in doc["files"] if isinstance(f, dict) and isinstance(f.get("path"), str)),
    }


def _ours(folder: Path, new: set[str]) -> tuple[str | None, set[str]]:
    """(why `folder` may not be replaced, or None; the files of ours in it). Ours: what its manifest
    lists, and, under such a manifest, the paths this publish writes (left by an interrupted publish)."""
    earlier = _listed_by(folder)
    ours = (earlier | new) if earlier is not None else set()
    extra = unlisted_files(folder, ours)
    if (folder / MANIFEST_NAME).exists() and MANIFEST_NAME not in ours:
        extra = [MANIFEST_NAME, *extra]
    if extra:
        why = (
            "which no earlier publish of ours lists"
            if earlier is not None
            else "and no manifest.json of ours"
        )
        return f"it holds {describe_unlisted(extra)}, {why}", ours
    return None, ours


def _copy_checked(source: Path, dest: Path, sha256: str) -> None:
    """Copy `source` to `dest`, hashing what was copied: a build changed since it was verified stops here."""
    digest = hashlib.sha256()
    dest.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as src, dest.open("wb") as out:
        while chunk := src.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != sha256:
        raise VerificationError(f"{source}: changed while it was being published; nothing was published")


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def publish_to_dir(
    build: str | Path,
    folder: str | Path,
    allow_licences: Collection[str] = (),
    dry_run: bool = False,
    force: bool = False,
) -> PublishResult:
    """Write the build's published files into `folder` (see the module's docstring for what may be
    replaced); a dry run lists them and writes nothing."""
    res, files = certified_files(build, allow_licences)
    target = Path(folder)
    absolute = Path(os.path.abspath(target))
    for inner in (Path(os.path.abspath(build)), private_dir(build)):
        if _overlaps(absolute, inner):
            raise InputError(
                f"--to {folder}: overlaps the build {build} (or its private folder); choose another folder"
            )
    new = {f.path for f in files}
    reason, ours = (None, set()) if not absolute.is_dir() else _ours(absolute, new)
    check_replaceable(target, lambda _: reason, force, option="--to")
    result = PublishResult(str(folder), files, dry_run, verify_command=f"curate verify {folder}")
    metadata = _metadata_entries(absolute) if absolute.is_dir() else []
    leaving = sorted(unlisted_files(absolute, new) if absolute.is_dir() else [])  # ours (or forced) by now
    result.deleted = [p for p in leaving if p != MANIFEST_NAME]
    if dry_run:
        return result
    if not metadata:
        # nothing to keep: build the whole folder beside it and swap it in
        with atomic_dir(absolute) as tmp:
            for f in files:
                _copy_checked(f.source, tmp / f.path, f.sha256)
        return result
    # a checkout: its metadata stays where it is; each file is replaced on its own, the manifest last
    with scratch_dir(absolute, "publish") as stage:
        for f in files:
            _copy_checked(f.source, stage / f.path, f.sha256)
        for rel in result.deleted:
            (absolute / rel).unlink()
        for f in sorted(files, key=lambda f: f.path == MANIFEST_NAME):
            dest = absolute / f.path
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / f.path, dest)
    _remove_emptied_folders(absolute, result.deleted)
    return result


def _remove_emptied_folders(root: Path, deleted: list[str]) -> None:
    """The folders that deleting `deleted` left empty (and only those: an empty folder someone else
    made stays)."""
    folders = {parent for rel in deleted for parent in Path(rel).parents if parent != Path(".")}
    for rel in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        path = root / rel
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()
