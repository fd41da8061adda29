"""Readers shared by both CLIs: every input a user can name becomes a stream of row batches.

Accepted sources:
- files: `.jsonl`/`.json`/`.parquet`/`.csv`/`.txt` (one example per line, as `{"text": line}`),
- a directory written by `datasets.save_to_disk` (a Dataset, or a DatasetDict with a split chosen by
  `path/SPLIT` or the first of test/validation/train),
- a local dataset repo folder of parquet/jsonl files (optionally `data/` and split-named files),
- `hf:ORG/NAME@REVISION[:CONFIG][/SPLIT]`, loaded with `datasets.load_dataset(..., revision=...)`.

Rows are dicts; batches are lists of rows, so memory is bounded by the batch size, not by the file.
Every problem is an `InputError` whose message names the file, the line or row, and the fix.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import orjson

from contamination.common.errors import InputError

Row = dict[str, Any]
FILE_FORMATS = ("jsonl", "json", "parquet", "csv", "txt")
_HF_RE = re.compile(
    r"^hf:(?P<repo>[^@:/\s]+/[^@:/\s]+)@(?P<rev>[^:/\s]+)(?::(?P<config>[^/\s]+))?(?:/(?P<split>\S+))?$"
)


@dataclass(frozen=True)
class HubRef:
    repo: str
    revision: str
    config: str | None = None
    split: str | None = None


def parse_hub_ref(spec: str) -> HubRef:
    m = _HF_RE.match(spec)
    if not m:
        raise InputError(
            f"{spec}: hub sources are written hf:ORG/NAME@REVISION[:CONFIG][/SPLIT] "
            "(a revision is required so the data is reproducible)"
        )
    return HubRef(m["repo"], m["rev"], m["config"], m["split"])


def file_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "ndjson":
        return "jsonl"
    if suffix not in FILE_FORMATS:
        raise InputError(f"{path}: unsupported file type '.{suffix}'; use one of .{', .'.join(FILE_FORMATS)}")
    return suffix


class Hasher:
    """sha256 of everything a reader consumed, so reports can name exactly what was audited."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()

    def update(self, data: bytes) -> None:
        self._h.update(data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def sha256_file(path: str | Path) -> str:
    """sha256 of a file's bytes (what the readers' Hasher gives for a whole file)."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _check_not_binary(path: Path, head: bytes) -> None:
    if b"\x00" in head:
        raise InputError(
            f"{path}: looks like a binary file (NUL bytes); give a text, JSON Lines or parquet file"
        )


_CHUNK = 1 << 22


def _lines(path: Path, hasher: Hasher) -> Iterator[bytes]:
    """The file's lines (without the newline), read in large chunks and hashed as they go."""
    pending = b""
    first = True
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            hasher.update(chunk)
            if first:
                _check_not_binary(path, chunk[:4096])
                chunk = chunk.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark is not JSON
                first = False
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            yield from lines
    if pending:
        yield pending


def _parse_jsonl_line(path: Path, lineno: int, line: bytes) -> Row | None:
    try:
        row = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        if not line.strip():  # blank lines are allowed
            return None
        raise InputError(
            f"{path}:{lineno}: not valid JSON ({exc.args[0].split(':')[0]}); fix or remove that line"
        ) from None
    if not isinstance(row, dict):
        raise InputError(f"{path}:{lineno}: each line must be a JSON object, got {type(row).__name__}")
    return row


def _iter_jsonl(path: Path, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
    batch: list[Row] = []
    loads = orjson.loads
    for lineno, line in enumerate(_lines(path, hasher), start=1):
        # the common case inline (this loop runs once per row); anything else gets the checks
        try:
            row = loads(line)
        except orjson.JSONDecodeError:
            row = _parse_jsonl_line(path, lineno, line)
            if row is None:
                continue
        if type(row) is not dict:
            row = _parse_jsonl_line(path, lineno, line)
        batch.append(row)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _iter_json(path: Path, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
    data = path.read_bytes()
    hasher.update(data)
    _check_not_binary(path, data[:4096])
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc}); a .json file holds one array of objects") from None
    if isinstance(doc, dict):  # {"data": [...]} or {"rows": [...]} wrappers are common
        lists = [v for v in doc.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise InputError(f"{path}: expected a JSON array of objects (or an object holding one array)")
        doc = lists[0]
    if not isinstance(doc, list):
        raise InputError(f"{path}: expected a JSON array of objects")
    for i, row in enumerate(doc):
        if not isinstance(row, dict):
            raise InputError(f"{path}: item {i} is {type(row).__name__}, expected an object")
    for start in range(0, len(doc), batch_size):
        yield doc[start : start + batch_size]


def _iter_txt(path: Path, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
    batch: list[Row] = []
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            hasher.update(raw)
            if lineno == 1:
                _check_not_binary(path, raw)
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                raise InputError(f"{path}:{lineno}: not UTF-8 text; convert the file to UTF-8") from None
            if line.strip():
                batch.append({"text": line, "id": str(lineno)})
            if len(batch) >= batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def _iter_csv(path: Path, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
    data = path.read_bytes()
    hasher.update(data)
    _check_not_binary(path, data[:4096])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; convert the file to UTF-8") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    batch: list[Row] = []
    for row in reader:
        if None in row:
            raise InputError(
                f"{path}:{reader.line_num}: more values than header columns; quote fields with commas"
            )
        batch.append(dict(row))
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _iter_parquet(path: Path, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
    import pyarrow.parquet as pq

    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            hasher.update(chunk)
    try:
        pf = pq.ParquetFile(path)
        for record_batch in pf.iter_batches(batch_size=batch_size):
            yield record_batch.to_pylist()
    except Exception as exc:  # pyarrow raises several types for corrupt files
        raise InputError(f"{path}: cannot read as parquet ({str(exc).splitlines()[0]})") from None


_FILE_READERS = {
    "jsonl": _iter_jsonl,
    "json": _iter_json,
    "txt": _iter_txt,
    "csv": _iter_csv,
    "parquet": _iter_parquet,
}


def _iter_dataset(ds: Any, batch_size: int, hasher: Hasher, fingerprint: str) -> Iterator[list[Row]]:
    hasher.update(fingerprint.encode())
    for start in range(0, len(ds), batch_size):
        cols = ds[start : start + batch_size]
        names = list(cols)
        n = len(cols[names[0]]) if names else 0
        yield [{k: cols[k][i] for k in names} for i in range(n)]


def _pick_split(dd: Any, split: str | None, where: str) -> Any:
    if split is not None:
        if split not in dd:
            raise InputError(f"{where}: no split '{split}'; available: {', '.join(dd)}")
        return dd[split]
    for name in ("test", "validation", "train"):
        if name in dd:
            return dd[name]
    return dd[next(iter(dd))]


def _is_save_to_disk(path: Path) -> bool:
    return (
        (path / "dataset_info.json").exists()
        or (path / "dataset_dict.json").exists()
        or (path / "state.json").exists()
    )


def _data_files(folder: Path, split: str | None) -> list[Path]:
    """Data files of a local dataset repo folder, restricted to a split when one is named."""
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in (".parquet", ".jsonl", ".json")
        and not p.name.startswith(".")
        and p.name not in ("dataset_info.json", "dataset_dict.json", "state.json")
    )
    if split is None:
        splits = {_split_of(p) for p in files} - {None}
        for preferred in ("test", "validation", "train"):
            if preferred in splits:
                split = preferred
                break
    if split is not None:
        files = [p for p in files if _split_of(p) == split]
    return files


def _split_of(path: Path) -> str | None:
    for part in [path.stem, *[p.name for p in path.parents]]:
        m = re.match(r"^(train|test|validation|dev|valid)(?:[-_.].*)?$", part)
        if m:
            return m.group(1)
    return None


def _split_path(path_spec: str) -> tuple[Path, str | None]:
    """`folder/SPLIT` names a split of a dataset folder when `folder` exists and `folder/SPLIT` does not."""
    path = Path(path_spec)
    if (
        not path.exists()
        and not path.suffix
        and path.parent.is_dir()
        and path.parent != Path(".")
        and re.fullmatch(r"[\w-]+", path.name)
    ):
        return path.parent, path.name
    return path, None


def iter_batches(source: str, batch_size: int = 4096, hasher: Hasher | None = None) -> Iterator[list[Row]]:
    """Stream row batches from any supported source (see the module docstring)."""
    hasher = hasher or Hasher()
    if source.startswith("hf:"):
        yield from _iter_hub(parse_hub_ref(source), batch_size, hasher)
        return
    path, split = _split_path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file or directory")
    if path.is_file():
        yield from _FILE_READERS[file_format(path)](path, batch_size, hasher)
        return
    if _is_save_to_disk(path):
        import datasets

        try:
            ds = datasets.load_from_disk(str(path))
        except Exception as exc:
            raise InputError(f"{path}: cannot load dataset saved with save_to_disk ({exc})") from None
        if isinstance(ds, datasets.DatasetDict):
            split_name = split
            ds = _pick_split(ds, split_name, str(path))
        yield from _iter_dataset(ds, batch_size, hasher, ds._fingerprint)
        return
    files = _data_files(path, split)
    if not files:
        raise InputError(f"{source}: no .parquet/.jsonl/.json data files found in this folder")
    for f in files:
        hasher.update(str(f.relative_to(path)).encode())
        yield from _FILE_READERS[file_format(f)](f, batch_size, hasher)


_OFFLINE_VARS = ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")


def hub_offline_requested() -> bool:
    return any(os.environ.get(v, "").strip().lower() in ("1", "true", "yes", "on") for v in _OFFLINE_VARS)


def hub_unreachable_reason() -> str | None:
    """Why the Hugging Face hub cannot be reached, or None when it may be (a quick check, no retries)."""
    if hub_offline_requested():
        return "HF_HUB_OFFLINE/HF_DATASETS_OFFLINE is set"
    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return None  # a proxy decides; let the download say
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    host = endpoint.hostname or "huggingface.co"
    port = endpoint.port or (443 if endpoint.scheme != "http" else 80)
    try:
        socket.create_connection((host, port), timeout=5).close()
    except OSError as exc:
        return f"cannot connect to {host}:{port}: {exc.strerror or exc}"
    return None


def load_hub_dataset(ref: HubRef) -> Any:
    """`datasets.load_dataset(repo, config, split=..., revision=...)` with one-line errors; a DatasetDict
    is narrowed to the named split (or test, validation, train)."""
    # without this check `datasets` spends ~25 s retrying before it gives up
    if not hub_offline_requested() and (reason := hub_unreachable_reason()):
        raise InputError(
            f"hf:{ref.repo}@{ref.revision}: the Hugging Face hub cannot be reached ({reason}); point at a "
            "local copy, or set HF_HUB_OFFLINE=1 to read it from the datasets cache"
        )
    import datasets

    try:
        ds = datasets.load_dataset(ref.repo, ref.config, split=ref.split, revision=ref.revision)
    except Exception as exc:  # datasets raises many types (network, missing config, missing split)
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(
            f"hf:{ref.repo}@{ref.revision}: cannot load from the hub ({first}); "
            "check the id, config, split and revision, or point at a local copy"
        ) from None
    if isinstance(ds, datasets.DatasetDict):
        ds = _pick_split(ds, ref.split, f"hf:{ref.repo}")
    return ds


def _iter_hub(ref: HubRef, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
    ds = load_hub_dataset(ref)
    hasher.update(f"{ref.repo}@{ref.revision}:{ref.config}/{ref.split}".encode())
    yield from _iter_dataset(ds, batch_size, hasher, ds._fingerprint)


def source_format(source: str) -> str:
    """The file format rows from `source` are written back in (directories and hub sources: jsonl)."""
    if source.startswith("hf:"):
        return "jsonl"
    path = Path(source)
    return file_format(path) if path.is_file() else "jsonl"
