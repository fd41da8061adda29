"""Exact n-gram scores of (training row, test unit) pairs, computed from a batch's hits in compiled passes.

A hit is a training window whose hash is a key of a `GramTable`. `score_hits` finds the exact n-gram of
each hit (`grams.resolve`: its text compared with the n-gram's first occurrence on the test side, so a
window that only shares a hash counts for nothing), counts per row the distinct n-grams each unit shares
with it, and returns every pair that shares one. The methods keep the pairs that pass, one per (row, test
item) (`best_per_item`, as the engine would), and only for those read the evidence off the hits
(`longest_runs`, `smallest_grams`). Nothing is kept from batch to batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

from contamination.index.grams import GramTable, resolve, same_codes
from contamination.methods.base import Finding, ScanBatch, Units
from contamination.ngrams.batch import Batch, Hits


@numba.njit(cache=True, nogil=True)
def _grow(a, need):
    if need <= len(a):
        return a
    out = np.empty(max(need, 2 * len(a)), dtype=a.dtype)
    out[: len(a)] = a
    return out


@numba.njit(cache=True, nogil=True)
def _score_hits(
    codes, row_starts, hit_rows, hit_a, hit_b, hit_slots,
    keys, pos, lens, n, t_codes, lists, list_lo, list_units, n_units, resolved,
):  # fmt: skip
    """Per hit, its exact slot (or -1) into `resolved`; returns (rows, units, shared) of every pair
    sharing a distinct n-gram, in (row, unit) order. Hits come grouped by row (as the scans give them).

    Per row, the slots' test positions and lists are first read in a loop with no branch (the reads miss
    the cache; there they overlap), and the row's distinct slots are kept in a small set of its own
    (a table-sized array of stamps would miss the cache on every hit)."""
    shared = np.zeros(n_units, dtype=np.int64)
    touched = np.empty(n_units, dtype=np.int64)
    seen = np.zeros(64, dtype=np.int64)  # open addressing: slot + 1, 0 empty
    hit_pos = np.empty(64, dtype=np.int64)  # per hit of the row: its slot's test position and list
    hit_list = np.empty(64, dtype=np.int64)
    out_rows = np.empty(64, dtype=np.int64)
    out_units = np.empty(64, dtype=np.int64)
    out_shared = np.empty(64, dtype=np.int64)
    n_out = 0
    j = 0
    while j < len(hit_rows):
        row = hit_rows[j]
        end = j
        while end < len(hit_rows) and hit_rows[end] == row:
            end += 1
        if end - j > len(hit_pos):
            hit_pos = np.empty(2 * (end - j), dtype=np.int64)
            hit_list = np.empty(2 * (end - j), dtype=np.int64)
        for k in range(j, end):
            hit_pos[k - j] = pos[hit_slots[k]]
            hit_list[k - j] = lists[hit_slots[k]]
        size = 64
        while size < 2 * (end - j):
            size *= 2
        if size > len(seen):
            seen = np.zeros(size, dtype=np.int64)
        else:
            seen[:size] = 0
        mask = size - 1
        base = row_starts[row]
        n_touched = 0
        prev_a = prev_b = -1  # the previous resolved hit and the test position its text was found at
        prev_t = -1
        for k in range(j, end):
            a = hit_a[k]
            b = hit_b[k]
            slot = hit_slots[k]
            t = hit_pos[k - j]
            lst = hit_list[k - j]
            # a window overlapping the previous resolved one, whose candidate text starts as far on from
            # that one's as the window does, matches it up to the previous window's end already: only
            # the rest is compared (a character window: its last character; a word window: its last word)
            if (
                prev_t >= 0
                and prev_a < a < prev_b <= b
                and t == prev_t + (a - prev_a)
                and (n > 0 or lens[slot] == b - a)
            ):
                if not same_codes(codes, base + prev_b, t_codes, t + (prev_b - a), b - prev_b):
                    slot = resolve(slot, keys, pos, lens, n, t_codes, codes, base + a, b - a)
            else:
                slot = resolve(slot, keys, pos, lens, n, t_codes, codes, base + a, b - a)
            resolved[k] = slot
            if slot < 0:
                prev_t = -1
                continue
            if slot != hit_slots[k]:  # another n-gram with the same hash (rare)
                t = pos[slot]
                lst = lists[slot]
            prev_a = a
            prev_b = b
            prev_t = t
            i = (slot * 0x9E3779B1) & mask
            while seen[i] != 0 and seen[i] != slot + 1:
                i = (i + 1) & mask
            if seen[i] != 0:
                continue
            seen[i] = slot + 1
            for p in range(list_lo[lst], list_lo[lst + 1]):
                u = list_units[p]
                if shared[u] == 0:
                    touched[n_touched] = u
                    n_touched += 1
                shared[u] += 1
        order = np.sort(touched[:n_touched])
        out_rows = _grow(out_rows, n_out + n_touched)
        out_units = _grow(out_units, n_out + n_touched)
        out_shared = _grow(out_shared, n_out + n_touched)
        for u in order:
            out_rows[n_out] = row
            out_units[n_out] = u
            out_shared[n_out] = shared[u]
            shared[u] = 0
            n_out += 1
        j = end
    return out_rows[:n_out].copy(), out_units[:n_out].copy(), out_shared[:n_out].copy()


@numba.njit(cache=True, nogil=True, inline="always")
def _holds(list_units, lo, hi, unit):
    """Is `unit` in the ascending list_units[lo:hi]?"""
    end = hi
    while lo < hi:
        mid = (lo + hi) // 2
        if list_units[mid] < unit:
            lo = mid + 1
        else:
            hi = mid
    return lo < end and list_units[lo] == unit


@numba.njit(cache=True, nogil=True)
def _longest_runs(hit_lo, hit_hi, hit_a, resolved, lists, list_lo, list_units, units, n, out):
    """Per pair: the longest stretch of its row covered by overlapping windows that are n-grams of its
    unit (hits hit_lo..hit_hi, ascending offsets; the first such stretch on ties) as [start, end)."""
    for k in range(len(units)):
        found = False
        start = end = best_start = best_end = 0
        last_list, held = -1, False  # consecutive hits mostly share a list: look it up once
        for j in range(hit_lo[k], hit_hi[k]):
            slot = resolved[j]
            if slot < 0:
                continue
            lst = lists[slot]
            if lst != last_list:
                last_list, held = lst, _holds(list_units, list_lo[lst], list_lo[lst + 1], units[k])
            if not held:
                continue
            o = hit_a[j]
            if not found:
                found = True
                start, end, best_start, best_end = o, o + n, o, o + n
                continue
            if o <= end:
                end = max(end, o + n)
            else:
                start, end = o, o + n
            if end - start > best_end - best_start:
                best_start, best_end = start, end
        out[k, 0] = best_start
        out[k, 1] = best_end


@numba.njit(cache=True, nogil=True)
def _smallest_grams(codes, row_starts, rows, hit_lo, hit_hi, hit_a, hit_b, resolved, lists, list_lo,
                    list_units, units, out):  # fmt: skip
    """Per pair: the [start, end) of the smallest (code point order) of its row's windows that are
    n-grams of its unit."""
    for k in range(len(units)):
        base = row_starts[rows[k]]
        best = -1
        for j in range(hit_lo[k], hit_hi[k]):
            slot = resolved[j]
            if slot < 0:
                continue
            lst = lists[slot]
            if not _holds(list_units, list_lo[lst], list_lo[lst + 1], units[k]):
                continue
            if best < 0:
                best = j
                continue
            # is codes[a:b] smaller than the best so far? (a proper prefix is smaller)
            a, b = base + hit_a[j], base + hit_b[j]
            c, d = base + hit_a[best], base + hit_b[best]
            i = 0
            while a + i < b and c + i < d and codes[a + i] == codes[c + i]:
                i += 1
            if c + i >= d or (a + i < b and codes[a + i] > codes[c + i]):
                continue  # equal, longer, or larger at the first difference
            best = j
        out[k, 0] = hit_a[best]
        out[k, 1] = hit_b[best]


@dataclass
class Scored:
    """Every (row, unit) pair sharing n-grams in a batch, and the exact n-gram of each hit."""

    hits: Hits
    resolved: np.ndarray  # per hit: the slot of its exact n-gram, or -1
    rows: np.ndarray
    units: np.ndarray
    shared: np.ndarray  # distinct n-grams the pair shares


def _int32(hits: Hits) -> Hits:
    """Hits as int32 (character hits are; word hits are int64): one compiled version of each kernel,
    so a process loads each once from the JIT cache."""
    if hits.rows.dtype == np.int32 and hits.starts.dtype == np.int32 and hits.slots.dtype == np.int32:
        return hits
    return Hits(
        hits.rows.astype(np.int32), hits.starts.astype(np.int32), hits.ends.astype(np.int32),
        hits.slots.astype(np.int32), hits.keys, hits.first, hits.count,
    )  # fmt: skip


def score_hits(batch: Batch, hits: Hits, table: GramTable, test_codes: np.ndarray) -> Scored:
    """The exact shared distinct n-grams of every pair (see `_score_hits`)."""
    hits = _int32(hits)
    resolved = np.full(len(hits.rows), -1, dtype=np.int64)
    rows, units, shared = _score_hits(
        batch.codes, batch.starts, hits.rows, hits.starts, hits.ends, hits.slots,
        table.slots, table.pos, table.lens, table.n, test_codes, table.lists, table.list_lo,
        table.list_units, len(table.distinct), resolved,
    )  # fmt: skip
    return Scored(hits, resolved, rows, units, shared)


def best_per_item(rows: np.ndarray, units: np.ndarray, scores: list[float], idx: Units) -> np.ndarray:
    """Indices of the pairs `contamination.engine.best_per_item` would keep: per (row, test item), the
    best score, then the whole item, then the first unit. Pairs come in (row, unit) order."""
    if not len(rows):
        return np.empty(0, dtype=np.int64)
    item = idx.item_key[units]
    whole = idx.is_item[units]
    order = np.lexsort((units, ~whole, -np.asarray(scores, dtype=np.float64), item, rows))
    r, i = rows[order], item[order]
    first = np.r_[True, (r[1:] != r[:-1]) | (i[1:] != i[:-1])]
    return np.sort(order[first])


def keep_for_review(
    batch: ScanBatch, method: str, rows: np.ndarray, units: np.ndarray, scores: list[float], idx: Units
) -> np.ndarray:
    """The pairs a method keeps: the best of each (row, test item) (`best_per_item`), and, with template
    handling on, every pair of an item whose best unit the review may set apart (another unit of the
    item may then stand in for it)."""
    best = best_per_item(rows, units, scores, idx)
    if batch.settable is None or not len(best):
        return best
    settable = batch.settable(method, units[best])
    if not settable.any():
        return best
    key = rows.astype(np.int64) * np.int64(len(idx.item_key) + 1) + idx.item_key[units]
    open_items = np.unique(key[best[settable]])
    return np.flatnonzero(np.isin(key, open_items) | np.isin(np.arange(len(rows)), best))


def _row_ranges(hit_rows: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's range of hits (hits grouped by row, in ascending row order)."""
    return np.searchsorted(hit_rows, rows, side="left"), np.searchsorted(hit_rows, rows, side="right")


def longest_runs(scored: Scored, table: GramTable, keep: np.ndarray) -> np.ndarray:
    """[start, end) per kept pair: the longest stretch of the row covered by the unit's n-grams."""
    hits = scored.hits
    lo, hi = _row_ranges(hits.rows, scored.rows[keep])
    out = np.zeros((len(keep), 2), dtype=np.int64)
    _longest_runs(lo, hi, hits.starts, scored.resolved, table.lists, table.list_lo, table.list_units,
                  scored.units[keep], table.n, out)  # fmt: skip
    return out


def smallest_grams(scored: Scored, batch: Batch, table: GramTable, keep: np.ndarray) -> np.ndarray:
    """[start, end) per kept pair: the smallest of the unit's n-grams found in the row."""
    hits = scored.hits
    rows = scored.rows[keep]
    lo, hi = _row_ranges(hits.rows, rows)
    out = np.zeros((len(keep), 2), dtype=np.int64)
    _smallest_grams(batch.codes, batch.starts, rows, lo, hi, hits.starts, hits.ends, scored.resolved,
                    table.lists, table.list_lo, table.list_units, scored.units[keep], out)  # fmt: skip
    return out


def text_spans(batch: Batch, rows: np.ndarray, spans: np.ndarray, limit: int) -> list[str]:
    """The text of each [start, end) span of a row, cut to `limit` characters."""
    codes, starts = batch.codes, batch.starts
    out = []
    for row, a, b in zip(rows.tolist(), spans[:, 0].tolist(), spans[:, 1].tolist(), strict=True):
        s = int(starts[row])
        out.append(codes[s + a : s + min(b, a + limit)].tobytes().decode("utf-32-le", "surrogatepass"))
    return out


def gram_findings(
    batch: ScanBatch,
    method: str,
    rows: np.ndarray,
    units: np.ndarray,
    scores: list[float],
    picks: np.ndarray,
    evidence: list[str],
) -> list[Finding]:
    """The findings of a char or token n-gram method: row `rows[i]` and unit `units[i]` with score
    `scores[picks[i]]` and its evidence."""
    return [
        batch.finding(row, unit, method, scores[k], text)
        for row, unit, k, text in zip(rows.tolist(), units.tolist(), picks.tolist(), evidence, strict=True)
    ]
