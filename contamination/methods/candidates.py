"""Candidate pairs from n-gram hits: which (training row, test unit) pairs share how many distinct hashes."""

from __future__ import annotations

import numpy as np

from contamination.index.hashtable import HashTable
from contamination.ngrams.batch import Hits, distinct


def shared_pairs(hits: Hits, table: HashTable, n_units: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, unit, shared distinct hashes) for every pair that shares at least one hash."""
    query, units = table.expand(hits.first, hits.count)
    if len(query) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    # distinct (row, unit, hash) triples, then the number of shared hashes per (row, unit) pair; a
    # hash is named by its first posting, so the triple packs into one integer when it fits
    n = np.uint64(n_units)
    pair = hits.rows[query].astype(np.uint64) * n + units.astype(np.uint64)
    hash_bits = np.uint64(max(len(table.units), 1).bit_length())
    if (int(hits.rows.max()) + 1) * int(n) < 1 << (64 - int(hash_bits)):
        pairs = distinct((pair << hash_bits) | hits.first[query].astype(np.uint64)) >> hash_bits
    else:
        hq = hits.first[query].astype(np.uint64)
        order = np.lexsort((hq, pair))
        pair, hq = pair[order], hq[order]
        first = np.r_[True, (pair[1:] != pair[:-1]) | (hq[1:] != hq[:-1])]
        pairs = pair[first]
    starts = np.flatnonzero(np.r_[True, pairs[1:] != pairs[:-1]])
    shared = np.diff(np.r_[starts, len(pairs)])
    keys = pairs[starts]
    return (keys // n).astype(np.int64), (keys % n).astype(np.int64), shared


def group_by_row(rows: np.ndarray, values: np.ndarray) -> dict[int, list]:
    """Values (offsets or (start, end) spans) grouped by the row they belong to, in order."""
    order = np.argsort(rows, kind="stable")
    rows, values = rows[order], values[order]
    bounds = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1], True]) if len(rows) else np.array([0])
    return {int(rows[bounds[i]]): values[bounds[i] : bounds[i + 1]].tolist() for i in range(len(bounds) - 1)}
