"""Saving a test-side index once and reusing it for many audits (`contam index build`, `--index`).

An index folder holds `index.json` (what was indexed: test sets with their sha256 and revisions, the
audit config, counts, and the sha256 of the data files), `units.json` (the normalised units) and
`tables.npz` (the hash tables). Loading refuses an index whose files no longer match their recorded
sha256 (tampered), that an incompatible version wrote, or whose test sources changed since (stale).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import orjson

from contamination import __version__
from contamination.atomic import atomic_dir
from contamination.errors import InputError
from contamination.index import HashTable, TestIndex
from contamination.methods import AuditConfig
from contamination.ngrams import Batch
from contamination.readers import Hasher, iter_batches, sha256_file
from contamination.testsets import TestSet

INDEX_SCHEMA = "norcurate.index/1"
# bump when normalisation or hashing changes: hashes from another version would silently miss matches
HASH_VERSION = "nfkc-casefold+fnv-poly-64/1"
# the lookup map (slots) is rebuilt on load: it is twice the size of the table and quick to fill
_TABLE_FIELDS = ("hashes", "units", "distinct", "bits")


def _tables(index: TestIndex) -> dict[str, HashTable]:
    tables = dict(index.tables)
    if index.unit_prefix_table is not None:
        tables["substring.prefix"] = index.unit_prefix_table
    if index.window_table is not None:
        tables["substring.window"] = index.window_table
    return tables


def _resolved(source: str) -> str | None:
    return None if source.startswith("hf:") else str(Path(source).resolve())


def save_index(index: TestIndex, out: str | Path) -> dict[str, Any]:
    """Write the index folder atomically; returns its index.json content."""
    out = Path(out)
    with atomic_dir(out) as tmp:
        units = {
            "set": index.unit_set,
            "item": index.unit_item,
            "field": index.unit_field,
            "norm": index.norm,
            "ngram": index.ngram,
        }
        (tmp / "units.json").write_bytes(orjson.dumps(units))
        arrays: dict[str, np.ndarray] = {}
        for name, table in _tables(index).items():
            for f in _TABLE_FIELDS:
                arrays[f"{name}.{f}"] = getattr(table, f)
            arrays[f"{name}.units"] = table.units.astype(np.int32)  # smaller file; widened on load
            arrays[f"{name}.shift"] = np.array([table.shift], dtype=np.uint64)
        np.savez(tmp / "tables.npz", **arrays)
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
                }
                for ts in index.test_sets
            ],
            "units": index.n_units,
            "boilerplate": index.boilerplate,
            "boilerplate_grams": {k: sorted(v) for k, v in index.boilerplate_grams.items()},
            "short_items": index.short_items,
            "files": {name: sha256_file(tmp / name) for name in ("units.json", "tables.npz")},
        }
        (tmp / "index.json").write_bytes(orjson.dumps(meta, option=orjson.OPT_INDENT_2))
    return meta


def _read_meta(path: Path) -> dict[str, Any]:
    meta_path = path / "index.json"
    if not meta_path.is_file():
        raise InputError(
            f"{path}: not an index folder (no index.json); build one with: contam index build ... --out {path}"
        )
    try:
        meta = orjson.loads(meta_path.read_bytes())
    except orjson.JSONDecodeError:
        raise InputError(
            f"{meta_path}: corrupt index metadata; rebuild the index with contam index build"
        ) from None
    if meta.get("schema") != INDEX_SCHEMA or meta.get("hash_version") != HASH_VERSION:
        raise InputError(
            f"{path}: index written by an incompatible version ({meta.get('schema')}, {meta.get('hash_version')}); "
            "rebuild it with contam index build"
        )
    for name, digest in meta.get("files", {}).items():
        f = path / name
        if not f.is_file() or sha256_file(f) != digest:
            raise InputError(
                f"{f}: does not match the sha256 recorded in index.json (tampered or incomplete); rebuild the index"
            )
    return meta


def _currentsha256_file(source: str) -> str | None:
    """sha256 of a local test source as the readers compute it; None when it no longer reads."""
    path = Path(source)
    if path.is_file():
        return sha256_file(path)  # the readers hash every byte of a file, in order
    hasher = Hasher()
    try:
        for _ in iter_batches(source, hasher=hasher):
            pass
    except InputError:
        return None
    return hasher.hexdigest()


def _check_fresh(path: Path, sets: list[dict[str, Any]]) -> None:
    """Refuse an index whose local test sources have changed since it was built."""
    for ts in sets:
        local = ts.get("resolved")
        if not local or not Path(local).exists():
            continue  # nothing local to compare with: the index itself is the record
        if _currentsha256_file(local) != ts["sha256"]:
            raise InputError(
                f"{path}: stale index: test set '{ts['name']}' ({local}) changed since the index was built; "
                "rebuild it with contam index build"
            )


def load_index(path: str | Path, check_sources: bool = True) -> TestIndex:
    path = Path(path)
    meta = _read_meta(path)
    if check_sources:
        _check_fresh(path, meta["test_sets"])
    units = orjson.loads((path / "units.json").read_bytes())
    arrays = np.load(path / "tables.npz")
    tables: dict[str, HashTable] = {}
    for name in {k.rsplit(".", 1)[0] for k in arrays.files}:
        fields = {f: arrays[f"{name}.{f}"] for f in _TABLE_FIELDS}
        fields["units"] = fields["units"].astype(np.int64)
        tables[name] = HashTable(**fields, shift=np.uint64(arrays[f"{name}.shift"][0]))
    unit_set = units["set"]
    test_sets = [
        TestSet(
            name=ts["name"],
            units=[],
            items=ts["items"],
            sha256=ts["sha256"],
            source=ts["source"],
            revision=ts["revision"],
            fields=ts["fields"],
        )
        for ts in meta["test_sets"]
    ]
    config = AuditConfig(**meta["config"])
    index = TestIndex(
        config,
        test_sets,
        unit_set,
        units["item"],
        units["field"],
        units["norm"],
        units["ngram"],
        Batch.of(units["norm"]),
        Batch.of(units["ngram"]),
    )
    if "exact" in config.methods:
        index.build_exact()
    if {"fuzzy", "short"} & set(config.methods):
        index.build_fuzzy()
    index.unit_prefix_table = tables.pop("substring.prefix", None)
    index.window_table = tables.pop("substring.window", None)
    index.tables = tables
    index.boilerplate = meta["boilerplate"]
    index.boilerplate_grams = {k: set(v) for k, v in meta["boilerplate_grams"].items()}
    index.short_items = meta["short_items"]
    return index
