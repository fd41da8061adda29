"""A published set on the Hugging Face hub, fetched for `curate verify hf:ORG/NAME@REV`.

The snapshot at that revision is downloaded with `huggingface_hub.snapshot_download` (into the hub's own
cache, where a second verify of the same commit downloads nothing) and verified like a local folder: the
download's `.gitattributes` is metadata every hub copy has, which `curate verify` ignores. When the hub
cannot be reached the command stops at once with one line, instead of retrying for half a minute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from contamination.common.errors import InputError
from contamination.io.readers import hub_offline_requested, hub_unreachable_reason

HF_PREFIX = "hf:"
_REF_RE = re.compile(r"^hf:(?P<repo>[\w.-]+/[\w.-]+)@(?P<rev>[^\s@:]+)$")
_SHA_RE = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class DatasetRef:
    repo: str
    revision: str

    def __str__(self) -> str:
        return f"{HF_PREFIX}{self.repo}@{self.revision}"


def is_hub_ref(location: str) -> bool:
    return location.startswith(HF_PREFIX)


def parse_dataset_ref(location: str) -> DatasetRef:
    m = _REF_RE.match(location)
    if not m:
        raise InputError(
            f"{location}: a published set on the hub is written hf:ORG/NAME@REVISION (a commit sha, tag or "
            "branch; the sha that `curate publish` printed names exactly what was published)"
        )
    return DatasetRef(m["repo"], m["rev"])


def fetch_snapshot(ref: DatasetRef) -> Path:
    """The local folder of the dataset repository's files at `ref.revision` (downloaded if needed)."""
    # without this check huggingface_hub retries for a long while before it gives up
    if not hub_offline_requested() and (reason := hub_unreachable_reason()):
        raise InputError(f"{ref}: the Hugging Face hub cannot be reached ({reason}); nothing was verified")
    import huggingface_hub

    try:
        folder = huggingface_hub.snapshot_download(ref.repo, repo_type="dataset", revision=ref.revision)
    except Exception as exc:  # huggingface_hub raises many types (not found, gated, HTTP, offline)
        text = str(exc).strip()
        first = text.splitlines()[0] if text else type(exc).__name__
        raise InputError(f"{ref}: cannot download it ({first}); check the id and revision") from None
    return Path(folder)


def snapshot_commit(folder: Path) -> str | None:
    """The commit a snapshot folder of the hub's cache holds (its name), when it is one."""
    return folder.name if _SHA_RE.match(folder.name) else None
