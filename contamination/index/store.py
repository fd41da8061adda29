"""Saving a test-side index once and reusing it for many audits (`contam index build`, `--index`).

An index folder holds `index.json` (what was indexed: test sets with their sha256 and revisions, the
audit config, counts, where each array lies in `tables.bin`, and checksums), `units.json` (each unit's
test set, item and field) and `tables.bin` (raw little-endian arrays at aligned offsets: the units'
normalised and n-gram forms as code points with their offsets, then each method's part of the index:
its hash tables, lookup maps included, bitmaps and arrays; see `contamination.methods`). A part is saved
field by field, whatever the method: hash tables, anchor bitmaps and arrays go to `tables.bin`, plain
values to index.json. Methods whose part is cheap to derive from the units (`stored = False`) are rebuilt
on load. Loading maps `tables.bin` copy-on-write and hands the arrays out as views of it: nothing is
decompressed, copied or rebuilt, so a load costs little more than reading the files once.

Loading refuses an index whose files no longer match the checksums in index.json (tampered or
incomplete), whose index.json was edited (it carries a checksum of its own content), that an
incompatible version wrote, or whose test sources changed or moved since (stale: each test set records
the files it was read from with their sha256, see `contamination.testside.provenance`).

Checksums: the test sources' sha256 (in index.json) is their provenance, the same digest as in audit
reports, and stays sha256. The index's own files are checked with xxh3-128 instead, an order of magnitude
faster than sha256 on the arrays (figures in BENCHMARKS.md). The check guards against corruption,
truncation and edits, not against a forger: whoever can rewrite a data file can rewrite the index.json
that records its checksum, whatever the hash. The lookup maps are stored rather than rebuilt on load:
hashing them costs less than rebuilding them.
"""

from __future__ import annotations

import dataclasses
import mmap
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import xxhash

from contamination import __version__
from contamination.common.atomic import atomic_dir
from contamination.common.errors import InputError
from contamination.config import AuditConfig
from contamination.index.grams import GramTable
from contamination.index.hashtable import HashTable
from contamination.index.testindex import TestIndex
from contamination.methods.base import Units
from contamination.methods.registry import METHODS
from contamination.ngrams.batch import Anchor, Batch
from contamination.testside import provenance
from contamination.testside.testsets import TestSet

# /6: the n-gram methods' tables are GramTables (one slot per distinct n-gram string, unit lists stored
# once per distinct list); /5: one part per method, keyed by method name, saved field by field; /4: unit numbers and postings ranges
# as int32; /3: scan aids (gates, anchors) stored; /2: unit forms and tables as raw arrays in tables.bin,
# xxh3-128 checksums; /1: tables.npz, sha256
INDEX_SCHEMA = "norcurate.index/6"
# bump when normalisation or hashing changes: hashes from another version would silently miss matches
HASH_VERSION = "nfkc-casefold+fnv-poly-64/2"  # /2: a window hash is never 0
# every array of a HashTable, with the dtype the builders give it (a loaded table must have the same
# dtypes, or the compiled kernels would see new argument types)
_ARRAYS = {
    "hashes": np.dtype("<u8"),
    "units": np.dtype("<i4"),
    "distinct": np.dtype("<i8"),
    "bits": np.dtype("u1"),
    "slots": np.dtype("<u8"),
    "slot_first": np.dtype("<i4"),
    "slot_count": np.dtype("<i4"),
}
# the units' two forms (`TestIndex.norm_batch`, `ngram_batch`); their texts are decoded from them
_BATCH_ARRAYS = {"codes": np.dtype("<u4"), "starts": np.dtype("<i8"), "ends": np.dtype("<i8")}
_ANCHOR_ARRAYS = {"bits": np.dtype("u1")}
# every array of a GramTable
_GRAM_ARRAYS = {
    "slots": np.dtype("<u8"),
    "pos": np.dtype("<i4"),
    "lens": np.dtype("<i4"),
    "lists": np.dtype("<i4"),
    "list_lo": np.dtype("<i8"),
    "list_units": np.dtype("<i4"),
    "distinct": np.dtype("<i8"),
    "bits": np.dtype("u1"),
}
_ALIGN = 64
_SELF_CHECKSUM = "index_json_xxh3_128"


def _resolved(source: str) -> str | None:
    return None if source.startswith("hf:") else str(Path(source).resolve())


class _ArrayWriter:
    """Arrays written back to back at aligned offsets, checksummed as they go."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.digest = xxhash.xxh3_128()
        self.offset = 0

    def _write(self, data: bytes | memoryview) -> None:
        self.fh.write(data)
        self.digest.update(data)
        self.offset += len(data)

    def arrays(self, obj: object, dtypes: dict[str, np.dtype]) -> dict[str, list[int]]:
        """Write obj's attributes named in `dtypes`; returns {name: [offset, count]}."""
        placed: dict[str, list[int]] = {}
        for name, dtype in dtypes.items():
            if self.offset % _ALIGN:
                self._write(b"\0" * (-self.offset % _ALIGN))
            data = np.ascontiguousarray(
                obj[name] if isinstance(obj, dict) else getattr(obj, name), dtype=dtype
            )
            placed[name] = [self.offset, len(data)]
            self._write(memoryview(data).cast("B"))
        return placed


def _part_layout(out: _ArrayWriter, part: Any) -> dict[str, Any]:
    """Write a method's part field by field: tables, anchors and arrays into the array file, plain values
    (numbers, strings, lists, None) into the returned layout."""
    layout: dict[str, Any] = {}
    for f in dataclasses.fields(part):
        value = getattr(part, f.name)
        if isinstance(value, HashTable):
            layout[f.name] = {
                "kind": "table",
                "shift": int(value.shift),
                "slot_shift": int(value.slot_shift),
                "arrays": out.arrays(value, _ARRAYS),
            }
        elif isinstance(value, GramTable):
            layout[f.name] = {
                "kind": "grams",
                "n": value.n,
                "shift": int(value.shift),
                "slot_shift": int(value.slot_shift),
                "arrays": out.arrays(value, _GRAM_ARRAYS),
            }
        elif isinstance(value, Anchor):
            layout[f.name] = {
                "kind": "anchor",
                "q": value.q,
                "shift": int(value.shift),
                "arrays": out.arrays(value, _ANCHOR_ARRAYS),
            }
        elif isinstance(value, np.ndarray):
            dtype = value.dtype.newbyteorder("<")
            layout[f.name] = {
                "kind": "array",
                "dtype": dtype.str,
                "arrays": out.arrays({"data": value}, {"data": dtype}),
            }
        else:
            layout[f.name] = {"kind": "value", "value": value}
    return layout


def _write_arrays(index: TestIndex, path: Path) -> tuple[dict[str, Any], ...]:
    """Write the index's arrays to `path`; returns (batch and part layouts, checksum entry)."""
    with path.open("wb") as fh:
        out = _ArrayWriter(fh)
        batches = {
            "norm": out.arrays(index.units.norm_batch, _BATCH_ARRAYS),
            "ngram": out.arrays(index.units.ngram_batch, _BATCH_ARRAYS),
        }
        parts = {name: _part_layout(out, part) for name, part in index.parts.items() if METHODS[name].stored}
    return batches, parts, {"bytes": out.offset, "xxh3_128": out.digest.hexdigest()}


def _self_checksum(meta: dict[str, Any]) -> str:
    body = {k: v for k, v in meta.items() if k != _SELF_CHECKSUM}
    return xxhash.xxh3_128_hexdigest(orjson.dumps(body))


def save_index(index: TestIndex, out: str | Path) -> dict[str, Any]:
    """Write the index folder atomically; returns its index.json content."""
    out = Path(out)
    with atomic_dir(out) as tmp:
        u = index.units
        units = orjson.dumps({"set": u.unit_set, "item": u.unit_item, "field": u.unit_field})
        (tmp / "units.json").write_bytes(units)
        batches, parts, tables_sum = _write_arrays(index, tmp / "tables.bin")
        meta = {
            "schema": INDEX_SCHEMA,
            "tool_version": __version__,
            "hash_version": HASH_VERSION,
            "config": index.config.model_dump(),
            "test_sets": [
                {
                    "name": ts.name,
                    "source": ts.source,
                    "resolved": _resolved(ts.source),
                    "revision": ts.revision,
                    "items": ts.items,
                    "sha256": ts.sha256,
                    "fields": ts.fields,
                    "split": ts.split,
                    "source_files": provenance.record(ts.source),  # checked again on load
                }
                for ts in index.test_sets
            ],
            "units": index.n_units,
            "batches": batches,
            "parts": parts,
            "files": {
                "units.json": {"bytes": len(units), "xxh3_128": xxhash.xxh3_128_hexdigest(units)},
                "tables.bin": tables_sum,
            },
        }
        meta[_SELF_CHECKSUM] = _self_checksum(meta)
        (tmp / "index.json").write_bytes(orjson.dumps(meta, option=orjson.OPT_INDENT_2))
    return meta


def _tampered(f: Path) -> InputError:
    return InputError(
        f"{f}: does not match the checksum recorded in index.json (tampered or incomplete); rebuild the index"
    )


def _corrupt(meta_path: Path) -> InputError:
    return InputError(f"{meta_path}: corrupt index metadata; rebuild the index with contam index build")


def _read_meta(path: Path) -> dict[str, Any]:
    meta_path = path / "index.json"
    if not meta_path.is_file():
        raise InputError(
            f"{path}: not an index folder (no index.json); build one with: contam index build ... --out {path}"
        )
    try:
        meta = orjson.loads(meta_path.read_bytes())
    except orjson.JSONDecodeError:
        raise _corrupt(meta_path) from None
    if not isinstance(meta, dict):
        raise _corrupt(meta_path)
    if meta.get("schema") != INDEX_SCHEMA or meta.get("hash_version") != HASH_VERSION:
        raise InputError(
            f"{path}: index written by an incompatible version ({meta.get('schema')}, {meta.get('hash_version')}); "
            "rebuild it with contam index build"
        )
    if meta.get(_SELF_CHECKSUM) != _self_checksum(meta):
        raise _tampered(meta_path)
    return meta


def _file_sum(meta: dict[str, Any], name: str, meta_path: Path) -> tuple[int, str]:
    try:
        entry = meta["files"][name]
        size, digest = entry["bytes"], entry["xxh3_128"]
    except (KeyError, TypeError):
        raise _corrupt(meta_path) from None
    if not isinstance(size, int) or not isinstance(digest, str):
        raise _corrupt(meta_path)
    return size, digest


def _read_checked(path: Path, meta: dict[str, Any], name: str) -> bytes:
    """A small data file's bytes, refused unless they match their recorded size and checksum."""
    size, digest = _file_sum(meta, name, path / "index.json")
    f = path / name
    try:
        data = f.read_bytes()
    except OSError:
        raise _tampered(f) from None
    if len(data) != size or xxhash.xxh3_128_hexdigest(data) != digest:
        raise _tampered(f)
    return data


def _map_checked(path: Path, meta: dict[str, Any], name: str) -> mmap.mmap | bytearray:
    """A large data file mapped copy-on-write (writable views, as the kernels expect; the file itself is
    never written), refused unless it matches its recorded size and checksum."""
    size, digest = _file_sum(meta, name, path / "index.json")
    f = path / name
    try:
        with f.open("rb") as fh:
            if fh.seek(0, 2) != size:
                raise _tampered(f)
            buf: mmap.mmap | bytearray = bytearray()
            if size:
                try:
                    buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)
                except (OSError, ValueError):  # a file system that cannot map files: read it instead
                    buf = bytearray(size)
                    fh.seek(0)
                    if fh.readinto(buf) != size:
                        raise _tampered(f) from None
    except OSError:
        raise _tampered(f) from None
    if xxhash.xxh3_128_hexdigest(memoryview(buf)) != digest:
        raise _tampered(f)
    return buf


def _views(buf: mmap.mmap | bytearray, placed: Any, dtypes: dict[str, np.dtype]) -> dict[str, np.ndarray]:
    """Views of `buf` where the layout says the arrays are (ValueError if it points outside)."""
    arrays: dict[str, np.ndarray] = {}
    for name, dtype in dtypes.items():
        offset, count = placed[name]
        if offset % _ALIGN or count < 0 or offset + count * dtype.itemsize > len(buf):
            raise ValueError(name)
        arrays[name] = np.frombuffer(buf, dtype=dtype, count=count, offset=offset)
    return arrays


def _load_part(buf: mmap.mmap | bytearray, name: str, layout: dict[str, Any]) -> Any:
    """A method's part from its layout (see `_part_layout`), its arrays as views of `buf`."""
    fields: dict[str, Any] = {}
    for field, spec in layout.items():
        kind = spec["kind"]
        if kind == "table":
            fields[field] = HashTable(
                **_views(buf, spec["arrays"], _ARRAYS),
                shift=np.uint64(spec["shift"]),
                slot_shift=np.uint64(spec["slot_shift"]),
            )
        elif kind == "grams":
            fields[field] = GramTable(
                n=int(spec["n"]),
                **_views(buf, spec["arrays"], _GRAM_ARRAYS),
                shift=np.uint64(spec["shift"]),
                slot_shift=np.uint64(spec["slot_shift"]),
            )
        elif kind == "anchor":
            bits = _views(buf, spec["arrays"], _ANCHOR_ARRAYS)["bits"]
            fields[field] = Anchor(int(spec["q"]), bits, np.uint64(spec["shift"]))
        elif kind == "array":
            fields[field] = _views(buf, spec["arrays"], {"data": np.dtype(spec["dtype"])})["data"]
        elif kind == "value":
            fields[field] = spec["value"]
        else:
            raise ValueError(field)
    return METHODS[name].part_type(**fields)


def _load_arrays(
    buf: mmap.mmap | bytearray, meta: dict[str, Any], meta_path: Path
) -> tuple[Batch, Batch, dict[str, Any]]:
    """The units' two forms and the stored method parts, as views of `buf`."""
    try:
        batches = []
        for name in ("norm", "ngram"):
            batch = Batch(**_views(buf, meta["batches"][name], _BATCH_ARRAYS))
            if len(batch.starts) != meta["units"] or not (
                np.all(batch.starts <= batch.ends) and np.all(batch.ends <= len(batch.codes))
            ):
                raise ValueError(name)
            batches.append(batch)
        parts = {name: _load_part(buf, name, layout) for name, layout in meta["parts"].items()}
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError):
        raise _corrupt(meta_path) from None
    return batches[0], batches[1], parts


def _texts(batch: Batch) -> list[str]:
    """`batch.texts()`, decoded straight from the mapped code points (no copy of them first)."""
    joined = str(memoryview(batch.codes), "utf-32-le")
    return [joined[a:b] for a, b in zip(batch.starts.tolist(), batch.ends.tolist(), strict=True)]


def load_index(path: str | Path, check_sources: bool = True) -> TestIndex:
    path = Path(path)
    meta = _read_meta(path)
    if check_sources:
        provenance.check_all(meta["test_sets"], path)
    units = orjson.loads(_read_checked(path, meta, "units.json"))
    norm_batch, ngram_batch, parts = _load_arrays(
        _map_checked(path, meta, "tables.bin"), meta, path / "index.json"
    )
    test_sets = [
        TestSet(
            name=ts["name"],
            units=[],
            items=ts["items"],
            sha256=ts["sha256"],
            source=ts["source"],
            revision=ts["revision"],
            fields=ts["fields"],
            split=ts.get("split"),
        )
        for ts in meta["test_sets"]
    ]
    # the texts as `TestIndex.build` has them: decoded from the same batches
    index_units = Units(
        units["set"],
        units["item"],
        units["field"],
        _texts(norm_batch),
        _texts(ngram_batch),
        norm_batch,
        ngram_batch,
    )
    index = TestIndex(AuditConfig(**meta["config"]), test_sets, index_units, parts)
    for name in index.config.methods:
        if name not in index.parts:  # not stored: derived from the units alone
            index.parts[name] = index.build_part(name)
    return index
