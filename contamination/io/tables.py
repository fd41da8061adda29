"""In-memory tables as training sources: a `datasets.Dataset`, a pyarrow Table, a polars DataFrame, or a
list of rows (dicts) or texts, streamed in row batches like a file (see `contamination.io.readers`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import orjson

from contamination.common.errors import InputError

Row = dict[str, Any]


def _hashed(batch: list[Row], hasher: Any) -> list[Row]:
    # what was audited, so the report can name it: the rows themselves, canonically serialised one JSON
    # line each, so the hash does not depend on how the rows were batched
    option = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE
    hasher.update(b"".join(orjson.dumps(row, option=option) for row in batch))
    return batch


def iter_table_batches(table: Any, batch_size: int, hasher: Any | None = None) -> Iterator[list[Row]]:
    """Row batches of an in-memory table; the hasher sees every row it yields."""
    hasher = hasher or hashlib.sha256()
    kind = type(table).__module__.split(".")[0]
    if kind == "datasets":
        for start in range(0, len(table), batch_size):
            cols = table[start : start + batch_size]
            names = list(cols)
            n = len(cols[names[0]]) if names else 0
            yield _hashed([{k: cols[k][i] for k in names} for i in range(n)], hasher)
    elif kind == "pyarrow":
        for record_batch in table.to_batches(max_chunksize=batch_size):
            yield _hashed(record_batch.to_pylist(), hasher)
    elif kind == "polars":
        for frame in table.iter_slices(batch_size):
            yield _hashed(frame.to_dicts(), hasher)
    elif isinstance(table, list | tuple):
        for start in range(0, len(table), batch_size):
            chunk = table[start : start + batch_size]
            yield _hashed([r if isinstance(r, dict) else {"text": r} for r in chunk], hasher)
    else:
        raise InputError(
            f"cannot audit a {type(table).__name__}; give a file path, a datasets.Dataset, a pyarrow Table, "
            "a polars DataFrame or a list of rows or texts"
        )
