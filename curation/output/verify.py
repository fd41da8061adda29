"""Verify a certified build directory (`curate build` output) before anything trusts it.

Checks, in order: manifest.json exists and is `norcurate.manifest/1`; every listed file exists with the
listed bytes, sha256 and rows (jsonl lines / parquet rows); no unlisted files; `croissant.json`, when
listed, names the same hashes and sizes as the manifest; the manifest has an audit section, audit.json
hashes to `audit.report_sha256`, the report has no findings and `audit.passed` is true.
Every failed check is a one-line reason; the set is certified only when there are none.

Unlisted files fail, except the metadata that every git clone or hub download of a published set has at
its top: `.git/` (or a `.git` file), `.gitattributes` and `.cache/huggingface/` (huggingface_hub's
download records). Anything else unlisted, hidden or not, fails.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from contamination.io.readers import sha256_file
from curation.output.croissant import CROISSANT_NAME, croissant_mismatches
from curation.output.manifest import MANIFEST_NAME, MANIFEST_SCHEMA

# version-control and hub cache metadata at the top of a cloned or downloaded set (not part of the data)
METADATA_DIRS = frozenset({".git", ".cache/huggingface"})
METADATA_FILES = frozenset({".git", ".gitattributes"})


def unlisted_files(root: Path, listed: set[str]) -> list[str]:
    """Files under `root` that the manifest does not list, other than the manifest itself and the clone
    and download metadata above (whose folders are not even walked: .git can be large)."""
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath).relative_to(root)
        dirnames[:] = [d for d in dirnames if (base / d).as_posix() not in METADATA_DIRS]
        for name in filenames:
            rel = (base / name).as_posix()
            if rel != MANIFEST_NAME and rel not in listed and rel not in METADATA_FILES:
                out.append(rel)
    return sorted(out)


@dataclass
class VerifyResult:
    path: Path
    reasons: list[str] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    manifest_sha256: str | None = None
    rows: int | None = None
    origin: str | None = None  # hf:ORG/NAME@REV when the folder is a download of a published set
    commit: str | None = None  # the commit that download holds

    @property
    def where(self) -> str:
        if self.origin is None:
            return str(self.path)
        return self.origin + (
            f" (commit {self.commit})" if self.commit and self.commit not in self.origin else ""
        )

    @property
    def ok(self) -> bool:
        return not self.reasons

    @property
    def train_file(self) -> Path | None:
        """The jsonl training file (listed and verified), when the set is certified."""
        return self.path / "data/train.jsonl" if self.ok else None

    def summary(self) -> str:
        if self.ok:
            return f"{self.where}: certified ({self.rows:,} rows, manifest sha256 {self.manifest_sha256})"
        more = f" (+{len(self.reasons) - 1} more)" if len(self.reasons) > 1 else ""
        return f"{self.where}: not a certified set: {self.reasons[0]}{more}"

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            **({"origin": self.origin, "commit": self.commit} if self.origin else {}),
            "certified": self.ok,
            "reasons": self.reasons,
            "manifest_sha256": self.manifest_sha256,
            "rows": self.rows,
            "name": (self.manifest or {}).get("name"),
        }


def _count_rows(path: Path) -> int | None:
    if path.suffix == ".jsonl":
        with path.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    return None


def verify_location(location: str) -> VerifyResult:
    """Verify a local folder, or `hf:ORG/NAME@REV`: the published set's snapshot at that revision,
    downloaded first (InputError when the hub cannot be reached or has no such repository or revision)."""
    from curation.output.hub import fetch_snapshot, is_hub_ref, parse_dataset_ref, snapshot_commit

    if not is_hub_ref(location):
        return verify_certified(location)
    ref = parse_dataset_ref(location)
    folder = fetch_snapshot(ref)
    res = verify_certified(folder)
    res.origin, res.commit = str(ref), snapshot_commit(folder)
    return res


def verify_certified(path: str | Path) -> VerifyResult:
    """Check a certified directory; never raises on bad content (the reasons say what is wrong)."""
    root = Path(path)
    res = VerifyResult(root)
    if not root.is_dir():
        res.reasons.append("no such directory")
        return res
    mpath = root / MANIFEST_NAME
    if not mpath.is_file():
        res.reasons.append(f"no {MANIFEST_NAME} (not a `curate build` output)")
        return res
    raw = mpath.read_bytes()
    res.manifest_sha256 = hashlib.sha256(raw).hexdigest()
    try:
        manifest = orjson.loads(raw)
    except orjson.JSONDecodeError:
        res.reasons.append(f"{MANIFEST_NAME} is not valid JSON")
        return res
    if not isinstance(manifest, dict) or manifest.get("schema") != MANIFEST_SCHEMA:
        got = manifest.get("schema") if isinstance(manifest, dict) else None
        res.reasons.append(f"{MANIFEST_NAME}: schema is {got!r}, expected {MANIFEST_SCHEMA!r}")
        return res
    res.manifest = manifest
    res.rows = manifest.get("rows")
    files = manifest.get("files")
    if not isinstance(files, list) or not files:
        res.reasons.append(f"{MANIFEST_NAME}: no files listed")
        return res
    listed: dict[str, dict[str, Any]] = {}
    intact: set[str] = set()  # listed files whose bytes match the manifest
    for entry in files:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            res.reasons.append(f"{MANIFEST_NAME}: malformed file entry {entry!r}")
            continue
        rel = entry["path"]
        listed[rel] = entry
        p = root / rel
        if Path(rel).is_absolute() or ".." in Path(rel).parts:
            res.reasons.append(f"{rel}: path escapes the directory")
            continue
        if not p.is_file():
            res.reasons.append(f"{rel}: listed in the manifest but missing")
            continue
        size = p.stat().st_size
        if size != entry.get("bytes"):
            res.reasons.append(f"{rel}: {size} bytes, manifest says {entry.get('bytes')}")
            continue
        digest = sha256_file(p)
        if digest != entry.get("sha256"):
            res.reasons.append(
                f"{rel}: sha256 {digest[:12]}… does not match the manifest ({str(entry.get('sha256'))[:12]}…)"
            )
            continue
        intact.add(rel)
        if entry.get("rows") is not None:
            n = _count_rows(p)
            if n is not None and n != entry["rows"]:
                res.reasons.append(f"{rel}: {n} rows, manifest says {entry['rows']}")
    res.reasons += [f"{rel}: not listed in the manifest" for rel in unlisted_files(root, set(listed))]
    if "data/train.jsonl" not in listed:
        res.reasons.append("data/train.jsonl: not listed in the manifest")
    elif res.rows is not None and listed["data/train.jsonl"].get("rows") != res.rows:
        res.reasons.append(
            f"data/train.jsonl: {listed['data/train.jsonl'].get('rows')} rows listed, manifest rows {res.rows}"
        )
    if CROISSANT_NAME in intact:
        try:
            croissant = orjson.loads((root / CROISSANT_NAME).read_bytes())
        except orjson.JSONDecodeError:
            croissant = None
        res.reasons += croissant_mismatches(croissant, manifest)
    _check_audit(root, manifest, listed, res)
    return res


def _check_audit(root: Path, manifest: dict[str, Any], listed: dict[str, Any], res: VerifyResult) -> None:
    audit = manifest.get("audit")
    if not isinstance(audit, dict):
        res.reasons.append("not certified: the build has no contamination audit")
        return
    report_name = audit.get("report") or "audit.json"
    rpath = root / report_name
    if not rpath.is_file():
        res.reasons.append(f"{report_name}: audit report missing")
        return
    report_bytes = rpath.read_bytes()
    digest = hashlib.sha256(report_bytes).hexdigest()
    if digest != audit.get("report_sha256"):
        res.reasons.append(f"{report_name}: sha256 does not match manifest audit.report_sha256")
        return
    try:
        report = orjson.loads(report_bytes)
    except orjson.JSONDecodeError:
        res.reasons.append(f"{report_name}: not valid JSON")
        return
    if report.get("findings"):
        res.reasons.append(f"{report_name}: the audit has {len(report['findings'])} contamination finding(s)")
    if audit.get("passed") is not True:
        res.reasons.append("not certified: the contamination audit did not pass")
    rows = (report.get("summary") or {}).get("train_rows")
    if rows is not None and res.rows is not None and rows != res.rows:
        res.reasons.append(f"{report_name}: audited {rows} rows, the set has {res.rows}")
