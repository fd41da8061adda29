"""Readers shared by both CLIs: every input a user can name becomes a stream of row batches.

Accepted sources:
- files: `.jsonl`/`.json`/`.parquet`/`.csv`/`.txt` (one example per line, as `{"text": line}`),
- a directory written by `datasets.save_to_disk` (a Dataset, or a DatasetDict),
- a local dataset repo folder of parquet/jsonl files (optionally `data/` and split-named files),
- `hf:ORG/NAME@REVISION[:CONFIG][/SPLIT]`, loaded with `datasets.load_dataset(..., revision=...)`.

Splits: a source with several splits (DatasetDict, split-named files, a hub dataset) is read as the split
its role asks for: `train` for training data, `test` for test sets. `folder/SPLIT` (or `/SPLIT` in a hub
ref) names one explicitly; a source with a single split is read as that split; several splits without the
wanted one are an error listing them. Readers never guess: a wrong split would train on a test set.

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
from typing import Any, Literal
from urllib.parse import urlparse

import orjson

from contamination.common.errors import InputError

Row = dict[str, Any]
# which split a source with several splits is read as: training data reads `train`, test sets `test`
Role = Literal["train", "test"]
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
    """sha256 of everything a reader consumed, so reports can name exactly what was audited, and the
    split it read (None for a source without splits)."""

    def __init__(self) -> None:
        self._h = hashlib.sha256()
        self.split: str | None = None

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


@dataclass(frozen=True)
class Part:
    """A part of a line-oriented file (JSON Lines, text): the bytes [start, end), which begin and end at
    line boundaries (`contamination.io.shards` plans them), and the number of the part's first line in
    the file, so rows and errors are numbered as when the whole file is read."""

    start: int
    end: int
    first_line: int = 1


def _lines(path: Path, hasher: Hasher, part: Part | None = None) -> Iterator[bytes]:
    """The file's lines (without the newline), read in large chunks and hashed as they go; only those
    of `part` when given (its first line starts the file: the checks for a file's start apply)."""
    pending = b""
    first = part is None or part.start == 0
    left = None if part is None else part.end - part.start
    with path.open("rb") as fh:
        if part is not None:
            fh.seek(part.start)
        while chunk := fh.read(_CHUNK if left is None else min(_CHUNK, left)):
            if left is not None:
                left -= len(chunk)
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


def _iter_jsonl(path: Path, batch_size: int, hasher: Hasher, part: Part | None = None) -> Iterator[list[Row]]:
    batch: list[Row] = []
    loads = orjson.loads
    for lineno, line in enumerate(_lines(path, hasher, part), start=part.first_line if part else 1):
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


def _txt_lines(path: Path, hasher: Hasher, part: Part | None) -> Iterator[bytes]:
    """The raw lines of a text file (newlines kept), or of one part of it."""
    with path.open("rb") as fh:
        if part is None:
            yield from fh
            return
        fh.seek(part.start)
        left = part.end - part.start
        for raw in fh:
            yield raw
            left -= len(raw)
            if left <= 0:
                return


def _iter_txt(path: Path, batch_size: int, hasher: Hasher, part: Part | None = None) -> Iterator[list[Row]]:
    batch: list[Row] = []
    first_line = part.first_line if part else 1
    for lineno, raw in enumerate(_txt_lines(path, hasher, part), start=first_line):
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


def _iter_parquet(
    path: Path, batch_size: int, hasher: Hasher, part: Part | None = None
) -> Iterator[list[Row]]:
    """The file's rows; of `part` (for parquet: row groups [start, end)) when given, unhashed (a part's
    bytes are not the file's)."""
    import pyarrow.parquet as pq

    if part is None:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                hasher.update(chunk)
    try:
        pf = pq.ParquetFile(path)
        groups = None if part is None else range(part.start, part.end)
        for record_batch in pf.iter_batches(batch_size=batch_size, row_groups=groups):
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
PART_FORMATS = ("jsonl", "txt", "parquet")  # the formats a file can be read part by part in


def iter_file(
    path: Path, batch_size: int, hasher: Hasher | None = None, part: Part | None = None
) -> Iterator[list[Row]]:
    """Row batches of one data file, or of one part of it (formats in `PART_FORMATS`)."""
    fmt = file_format(path)
    hasher = hasher or Hasher()
    if part is None:
        return _FILE_READERS[fmt](path, batch_size, hasher)
    if fmt not in PART_FORMATS:
        raise ValueError(f"{fmt} files are read whole")
    return _FILE_READERS[fmt](path, batch_size, hasher, part)  # type: ignore[call-arg]


def _iter_dataset(ds: Any, batch_size: int, hasher: Hasher, fingerprint: str) -> Iterator[list[Row]]:
    hasher.update(fingerprint.encode())
    for start in range(0, len(ds), batch_size):
        cols = ds[start : start + batch_size]
        names = list(cols)
        n = len(cols[names[0]]) if names else 0
        yield [{k: cols[k][i] for k in names} for i in range(n)]


def choose_split(available: list[str], wanted: str | None, role: Role | None, where: str) -> str:
    """The split to read: the one named, else the role's own, else the only one; never a guess."""
    if wanted is not None:
        if wanted not in available:
            raise InputError(f"{where}: no split '{wanted}'; available: {', '.join(available) or 'none'}")
        return wanted
    if role is not None and role in available:
        return role
    if role == "train" and available == ["test"]:
        # the one split that must never be trained on by accident (a test set's own export)
        raise InputError(
            f"{where}: holds only a 'test' split; name it as {where}/test if training data is really in it"
        )
    if len(available) == 1:
        return available[0]
    lacking = f" and no '{role}' split" if role else ""
    raise InputError(
        f"{where}: holds the splits {', '.join(available)}{lacking}; name the one to read as {where}/SPLIT"
    )


def _is_save_to_disk(path: Path) -> bool:
    return (
        (path / "dataset_info.json").exists()
        or (path / "dataset_dict.json").exists()
        or (path / "state.json").exists()
    )


def _dict_splits(path: Path) -> list[str] | None:
    """The splits of a saved DatasetDict (None when `path` is not one)."""
    dict_file = path / "dataset_dict.json"
    if not dict_file.is_file():
        return None
    try:
        splits = orjson.loads(dict_file.read_bytes()).get("splits")
    except (OSError, orjson.JSONDecodeError, AttributeError):
        raise InputError(f"{dict_file}: not a readable dataset_dict.json; save the dataset again") from None
    if not isinstance(splits, list) or not all(isinstance(x, str) for x in splits):
        raise InputError(f"{dict_file}: no list of splits; save the dataset again")
    return splits


_DATASET_META = ("dataset_info.json", "dataset_dict.json", "state.json")


def _all_data_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in (".parquet", ".jsonl", ".json")
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.name not in _DATASET_META
    )


# a split name as its own word in a file or folder name (`test.jsonl`, `data/train-00000-of-00002.parquet`,
# `nocola_test.jsonl`, `train/part-0.jsonl`), as `datasets` finds splits in repo file names
_SPLIT_RE = re.compile(r"(?:^|[-._ 0-9])(train|test|validation|dev|valid)(?:[-._ 0-9]|$)")


def _split_of(path: Path, root: Path) -> str | None:
    """The split a data file of the repo folder `root` belongs to, from its name or its folders below
    `root` (never from folders above it: a repo kept in `tests/` is not a test split)."""
    rel = path.relative_to(root)
    for part in [rel.stem, *[p.name for p in rel.parents if p != Path(".")]]:
        m = _SPLIT_RE.search(part)
        if m:
            return m.group(1)
    return None


def _splits_in(files: list[Path], root: Path) -> list[str]:
    return list(dict.fromkeys(s for f in files if (s := _split_of(f, root)) is not None))


def _data_files(folder: Path, split: str | None, role: Role | None = None) -> tuple[list[Path], str | None]:
    """Data files of a local dataset repo folder and the split they are (None: the folder has no
    split-named files, and every data file is read)."""
    files = _all_data_files(folder)
    splits = _splits_in(files, folder)
    if not splits and split is None:
        return files, None
    if not splits:
        raise InputError(f"{folder}: no split '{split}': no file or folder here is named after a split")
    chosen = choose_split(splits, split, role, str(folder))
    return [p for p in files if _split_of(p, folder) == chosen], chosen


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


@dataclass(frozen=True)
class LocalSource:
    """A local source spec resolved, before anything is read: what it is, the split it is read as, and
    the files that make up what is read (a dataset's split folder holds its arrow files and metadata)."""

    kind: Literal["file", "save_to_disk", "folder"]
    path: Path
    split: str | None
    files: tuple[Path, ...]


def resolve_local(source: str, role: Role | None = None) -> LocalSource:
    """What a local source spec names (see the module docstring for the split rules)."""
    path, split = _split_path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file or directory")
    if path.is_file():
        file_format(path)
        return LocalSource("file", path, None, (path,))
    if _is_save_to_disk(path):
        splits = _dict_splits(path)
        if splits is None:
            parent = _dict_splits(path.parent) if path.parent != path else None
            # a split folder of a DatasetDict, named directly: that split
            named = path.name if parent is not None and path.name in parent else None
            return LocalSource("save_to_disk", path, named, _folder_files(path))
        chosen = choose_split(splits, split, role, str(path))
        return LocalSource("save_to_disk", path, chosen, _folder_files(path / chosen))
    files, chosen = _data_files(path, split, role)
    if not files:
        raise InputError(f"{source}: no .parquet/.jsonl/.json data files found in this folder")
    return LocalSource("folder", path, chosen, tuple(files))


def _saved_without_data(local: LocalSource) -> bool:
    """A saved Dataset (or split) whose state.json lists no data files: `save_to_disk` of an empty
    Dataset writes none, and `load_from_disk` then fails with an IndexError."""
    state = next((f for f in local.files if f.name == "state.json"), None)
    if state is None:
        return False
    try:
        data_files = orjson.loads(state.read_bytes()).get("_data_files")
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return False
    return data_files == []


def _folder_files(folder: Path) -> tuple[Path, ...]:
    """The files of a saved Dataset folder (its arrow files and metadata; not hidden files)."""
    return tuple(sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")))


def iter_batches(
    source: str, batch_size: int = 4096, hasher: Hasher | None = None, role: Role | None = None
) -> Iterator[list[Row]]:
    """Stream row batches from any supported source (see the module docstring); `role` chooses the
    split of a source with several (None: only a source with one split, or a named one, is read)."""
    hasher = hasher or Hasher()
    if source.startswith("hf:"):
        yield from _iter_hub(parse_hub_ref(source), batch_size, hasher, role)
        return
    local = resolve_local(source, role)
    hasher.split = local.split
    path = local.path
    if local.kind == "file":
        yield from iter_file(path, batch_size, hasher)
        return
    if local.kind == "save_to_disk":
        ds = saved_dataset(local)
        if ds is not None:
            yield from _iter_dataset(ds, batch_size, hasher, ds._fingerprint)
        return
    for f in local.files:
        hasher.update(str(f.relative_to(path)).encode())
        yield from iter_file(f, batch_size, hasher)


def saved_dataset(local: LocalSource) -> Any:
    """The dataset (the split of a DatasetDict) a `save_to_disk` source names; None for an empty Dataset
    (`datasets` itself cannot load one back)."""
    if _saved_without_data(local):
        return None
    import datasets

    try:
        ds = datasets.load_from_disk(str(local.path))
    except Exception as exc:
        raise InputError(f"{local.path}: cannot load dataset saved with save_to_disk ({exc})") from None
    if isinstance(ds, datasets.DatasetDict):
        ds = ds[local.split]
    return ds


def folder_digest(local: LocalSource) -> str:
    """The sha256 `iter_batches` gives a folder of data files (their names and bytes, in order), from
    the bytes alone: nothing is parsed."""
    hasher = Hasher()
    for f in local.files:
        hasher.update(str(f.relative_to(local.path)).encode())
        with f.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                hasher.update(chunk)
    return hasher.hexdigest()


def dataset_digest(fingerprint: str, hub: HubRef | None = None) -> str:
    """The sha256 `iter_batches` gives a saved or hub dataset (its reference and fingerprint)."""
    hasher = Hasher()
    if hub is not None:
        hasher.update(f"{hub.repo}@{hub.revision}:{hub.config}/{hub.split}".encode())
    hasher.update(fingerprint.encode())
    return hasher.hexdigest()


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


def load_hub_dataset(ref: HubRef, role: Role | None = None) -> tuple[Any, str | None]:
    """`datasets.load_dataset(repo, config, split=..., revision=...)` with one-line errors, and the split
    read: a DatasetDict is narrowed to the role's split (see `choose_split`)."""
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
        split = choose_split(list(ds), ref.split, role, f"hf:{ref.repo}@{ref.revision}")
        return ds[split], split
    return ds, ref.split


def _iter_hub(ref: HubRef, batch_size: int, hasher: Hasher, role: Role | None) -> Iterator[list[Row]]:
    ds, hasher.split = load_hub_dataset(ref, role)
    hasher.update(f"{ref.repo}@{ref.revision}:{ref.config}/{ref.split}".encode())
    yield from _iter_dataset(ds, batch_size, hasher, ds._fingerprint)


def source_format(source: str) -> str:
    """The file format rows from `source` are written back in (directories and hub sources: jsonl)."""
    if source.startswith("hf:"):
        return "jsonl"
    path = Path(source)
    return file_format(path) if path.is_file() else "jsonl"
