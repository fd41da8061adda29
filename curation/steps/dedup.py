"""Deduplication: exact (normalised text), then near-duplicates (MinHash LSH). Keeps the first row.

"First" is the table order, which is deterministic: sources in recipe order, rows in source order.

exact           `contamination.normalise.normalise_many` (ftfy, NFKC, casefold, whitespace) of all
                message contents; every later row with the same normalised text is dropped
near            word n-gram shingles of the normalised text with punctuation stripped; MinHash signatures
                computed for all rows at once in numpy (see `minhash_signatures`; datasketch's per-example
                `MinHash.bulk` hashes every token in Python and was ~10x slower here); LSH banding
                with datasketch's optimal (bands, rows) for the threshold; candidate pairs (a bucket's
                first member and each member's predecessor in the bucket) are verified by the estimated
                Jaccard similarity (share of equal signature slots) >= threshold; a row with a verified
                earlier partner is dropped
Dropped rows get `duplicate_of` (the id of the earlier row they match).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
from datasketch.lsh import _optimal_param

from contamination.normalise import normalise_many
from curation.recipe import DedupSpec
from curation.steps import DROP, step_counts

_MAX_HASH = np.uint64((1 << 32) - 1)
_CHUNK_ELEMS = 4_000_000  # shingles x num_perm per numpy chunk (32 MB of uint64)
_SEED = 0x5EED
_MIX = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(ngram_forms: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(row index, 32-bit hash) of every word n-gram of each text, rows ascending (a text of fewer than
    n words: its words). Word hashes come from polars; n-grams combine consecutive word hashes in numpy."""
    words = (
        pl.DataFrame({"t": ngram_forms})
        .with_row_index("r")
        .select("r", pl.col("t").str.split(" ").alias("w"))
        .explode("w")
        .filter(pl.col("w").is_not_null() & (pl.col("w") != ""))
    )
    rows = words.get_column("r").cast(pl.Int64).to_numpy()
    h = words.get_column("w").hash(seed=_SEED).to_numpy()
    if n > 1 and len(h) >= n:
        m = len(h) - n + 1
        g = h[:m].copy()
        with np.errstate(over="ignore"):
            for k in range(1, n):
                g = (g * _MIX) ^ h[k : k + m]
        ok = rows[n - 1 :] == rows[:m]
        has_gram = np.zeros(int(rows.max()) + 1 if len(rows) else 0, dtype=bool)
        has_gram[rows[:m][ok]] = True
        keep_word = ~has_gram[rows]  # a row with at least one n-gram does not also use its single words
        all_rows = np.concatenate([rows[:m][ok], rows[keep_word]])
        all_h = np.concatenate([g[ok], h[keep_word]])
        order = np.argsort(all_rows, kind="stable")
        rows, h = all_rows[order], all_h[order]
    return rows, h >> np.uint64(32)


def minhash_signatures(rows: np.ndarray, hashes: np.ndarray, n_rows: int, num_perm: int) -> np.ndarray:
    """MinHash signatures (n_rows x num_perm, uint64; rows without shingles keep the maximum).

    Permutation i is the multiply-add-shift hash ((a_i * h + b_i) mod 2^64) >> 32 of a 32-bit shingle
    hash h, with a_i, b_i from `numpy.random.Generator(PCG64(1))`: no modulo by a prime, so it runs at
    memory speed; minima per row come from `np.minimum.reduceat` over row-sorted shingles.
    """
    rng = np.random.Generator(np.random.PCG64(1))
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    sig = np.full((n_rows, num_perm), _MAX_HASH, dtype=np.uint64)
    if len(hashes) == 0:
        return sig
    starts_all = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    chunk = max(1, _CHUNK_ELEMS // num_perm)
    pos = 0
    shift = np.uint64(32)
    while pos < len(starts_all):
        begin = starts_all[pos]
        stop_idx = max(int(np.searchsorted(starts_all, begin + chunk, side="left")), pos + 1)
        end = starts_all[stop_idx] if stop_idx < len(starts_all) else len(rows)
        with np.errstate(over="ignore"):  # permutation-major: reduceat along contiguous rows is ~10x faster
            phv = hashes[None, begin:end] * a[:, None]
            phv += b[:, None]
        phv >>= shift
        sig[rows[starts_all[pos:stop_idx]]] = np.minimum.reduceat(phv, starts_all[pos:stop_idx] - begin, axis=1).T
        pos = stop_idx
    return sig


def near_duplicates(sig: np.ndarray, threshold: float, order: np.ndarray | None = None) -> np.ndarray:
    """For each row, the index of an earlier near-duplicate row, or -1."""
    n, num_perm = sig.shape
    best = np.full(n, -1, dtype=np.int64)
    if n < 2:
        return best
    bands, r = _optimal_param(threshold, num_perm, 0.5, 0.5)
    idx = np.arange(n, dtype=np.int64)
    cand_a: list[np.ndarray] = []
    cand_b: list[np.ndarray] = []
    mult = np.uint64(0x9E3779B97F4A7C15)
    for b in range(bands):
        band = sig[:, b * r : (b + 1) * r]
        key = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for k in range(r):
                key = (key ^ band[:, k]) * mult + np.uint64(k + 1)
        o = np.lexsort((idx, key))
        ks = key[o]
        same = ks[1:] == ks[:-1]
        if not same.any():
            continue
        group_start = np.flatnonzero(np.r_[True, ~same])
        first = np.repeat(o[group_start], np.diff(np.r_[group_start, n]))
        member = o
        prev = np.r_[-1, o[:-1]]
        sel = np.r_[False, same]
        cand_a += [first[sel], prev[sel]]
        cand_b += [member[sel], member[sel]]
    if not cand_a:
        return best
    a = np.concatenate(cand_a)
    b = np.concatenate(cand_b)
    pairs = np.unique(np.stack([a, b], axis=1), axis=0)
    a, b = pairs[:, 0], pairs[:, 1]
    a, b = a[a != b], b[a != b]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    sim = np.empty(len(lo), dtype=np.float64)
    step = max(1, 4_000_000 // num_perm)
    for s in range(0, len(lo), step):
        sim[s : s + step] = (sig[lo[s : s + step]] == sig[hi[s : s + step]]).mean(axis=1)
    ok = sim >= threshold
    lo, hi = lo[ok], hi[ok]
    if len(hi):
        o = np.lexsort((lo, hi))
        hi, lo = hi[o], lo[o]
        firsts = np.r_[True, hi[1:] != hi[:-1]]
        best[hi[firsts]] = lo[firsts]
    return best


def _shingle_text(normalised: pl.Series) -> list[str]:
    """The normalised text with punctuation and symbols as spaces (words split on spaces later)."""
    return normalised.str.replace_all(r"[\p{P}\p{S}\s]+", " ").to_list()


def dedup_step(table: pl.DataFrame, spec: DedupSpec) -> tuple[pl.DataFrame, dict[str, Any]]:
    n = table.height
    ids = table.get_column("id")
    reason = [None] * n
    dup_of: list[str | None] = [None] * n
    if n and (spec.exact or spec.near):
        norm = normalise_many(table.get_column("text").to_list())
        keys = pl.Series("k", norm, dtype=pl.String)
        alive = np.ones(n, dtype=bool)
        if spec.exact:
            first_idx = (
                pl.DataFrame({"k": keys}).with_row_index("i").select(pl.col("i").first().over("k")).get_column("i").to_numpy()
            )
            is_dup = first_idx != np.arange(n)
            for i in np.flatnonzero(is_dup).tolist():
                reason[i] = "exact_duplicate"
                dup_of[i] = ids[int(first_idx[i])]
            alive &= ~is_dup
        if spec.near:
            live_idx = np.flatnonzero(alive)
            forms = _shingle_text(keys.gather(pl.Series(live_idx)))
            rows, hashes = shingle_hashes(forms, spec.ngram)
            sig = minhash_signatures(rows, hashes, len(live_idx), spec.num_perm)
            best = near_duplicates(sig, spec.threshold)
            has_shingles = np.zeros(len(live_idx), dtype=bool)
            has_shingles[rows] = True
            best[~has_shingles] = -1  # nothing to compare (e.g. only punctuation): never a duplicate
            for j in np.flatnonzero(best >= 0).tolist():
                i = int(live_idx[j])
                reason[i] = "near_duplicate"
                dup_of[i] = ids[int(live_idx[best[j]])]
    out = table.with_columns(
        pl.Series(DROP, reason, dtype=pl.String),
        pl.Series("duplicate_of", dup_of, dtype=pl.String),
    )
    return out, step_counts(n, out)
