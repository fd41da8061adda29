"""Fuzzy matching: re-translated and paraphrased test items, and short items (answer options).

fuzzy   Candidates: training rows that share at least two *rare* word bigrams with a test unit (rare:
        found in at most `fuzzy_max_df` test items), looked up in one compiled pass per batch. Each
        candidate pair is then re-scored on the best-matching window of the training text (the densest
        cluster of shared bigrams, about the unit's length, so a long document cannot collect a unit's
        words from far apart):

            score = (IDF-weighted share of the unit's distinct character 5-grams found in the window
                     + IDF-weighted share of the unit's distinct words found in the window) / 2

        with idf(g) = ln((N + 1) / (df(g) + 1)) + 1 over the N test items (terms common across the test
        side, like "hvilket av følgende", count little). A pair is a finding when score >= fuzzy_threshold
        (pairs whose word share is under MIN_WORD_SHARE = 0.3 score 0: not a re-translation).
        Units with fewer than `FUZZY_MIN_WORDS` words are left to `short`.
(Short units are `contamination.methods.short`'s.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numba
import numpy as np
from pydantic import Field

from contamination.index.hashtable import HashTable
from contamination.methods.base import NGRAM_NORMALISATION, Finding, Method, MethodParams, ScanBatch, Units
from contamination.methods.doc_freq import DocFreq, idf, unit_bigrams, unit_word_counts
from contamination.ngrams.batch import Batch, Hits
from contamination.ngrams.kernels import SPACE

FUZZY_MIN_WORDS = 5
CHAR_N = 5
MIN_WORD_SHARE = 0.3
# slack for float summation order: a pair is re-scored when its upper bound >= threshold - BOUND_EPS
BOUND_EPS = 1e-9


class _Packed:
    """The filled units' word and 5-gram (hash, idf) arrays back to back, with each unit's ranges and
    5-gram bitmap, kept from batch to batch: a batch appends only its new units (buffers double as they
    fill), so the bound's inputs are never re-assembled."""

    def __init__(self, n_units: int) -> None:
        self.slot = np.full(n_units, -1, dtype=np.int64)  # unit -> its row in the per-unit arrays
        self.units = 0
        self.used = {"w": 0, "c": 0}
        self.keys = {"w": np.empty(1 << 16, dtype=np.uint64), "c": np.empty(1 << 16, dtype=np.uint64)}
        self.vals = {"w": np.empty(1 << 16, dtype=np.float64), "c": np.empty(1 << 16, dtype=np.float64)}
        self.lo = {"w": np.empty(64, dtype=np.int64), "c": np.empty(64, dtype=np.int64)}
        self.hi = {"w": np.empty(64, dtype=np.int64), "c": np.empty(64, dtype=np.int64)}
        self.tot = {"w": np.empty(64, dtype=np.float64), "c": np.empty(64, dtype=np.float64)}
        self.bits = np.empty((64, 1 << (KEY_BITS - 6)), dtype=np.uint64)

    @staticmethod
    def _room(a: np.ndarray, need: int) -> np.ndarray:
        if need <= len(a):
            return a
        grown = np.empty((max(need, 2 * len(a)), *a.shape[1:]), dtype=a.dtype)
        grown[: len(a)] = a
        return grown

    def add(
        self, unit: int, parts: dict[str, tuple[np.ndarray, np.ndarray, float]], bits: np.ndarray
    ) -> None:
        k = self.units
        self.bits = self._room(self.bits, k + 1)
        self.bits[k] = bits
        for name, (keys, vals, total) in parts.items():
            at = self.used[name]
            self.keys[name] = self._room(self.keys[name], at + len(keys))
            self.vals[name] = self._room(self.vals[name], at + len(keys))
            self.keys[name][at : at + len(keys)] = keys
            self.vals[name][at : at + len(keys)] = vals
            for arr in ("lo", "hi", "tot"):
                getattr(self, arr)[name] = self._room(getattr(self, arr)[name], k + 1)
            self.lo[name][k], self.hi[name][k], self.tot[name][k] = at, at + len(keys), total
            self.used[name] = at + len(keys)
        self.slot[unit] = k
        self.units = k + 1


class FuzzyParams(MethodParams):
    fuzzy_threshold: float = Field(0.5, gt=0.0, le=1.0, allow_inf_nan=False)
    fuzzy_max_df: int = Field(10, ge=1)


@dataclass
class FuzzyPart:
    """Test-side statistics of `fuzzy`, derived from the units' n-gram forms alone (so rebuilt rather than
    stored), and the per-unit features the scoring fills in as units become candidates."""

    n_items: int
    fuzzy_units: np.ndarray  # bool per unit: at least FUZZY_MIN_WORDS words
    table: HashTable  # rare word bigrams -> units (candidate generation)
    rare_per_unit: np.ndarray  # distinct rare bigrams per unit
    char_w: DocFreq
    word_w: DocFreq
    _cache: dict[int, tuple[dict[str, float], float, dict[str, float], float]] = field(default_factory=dict)
    _packed: _Packed | None = None

    @classmethod
    def build(cls, units: Units, max_df: int) -> FuzzyPart:
        item_key = units.item_key
        n_items = int(item_key.max()) + 1 if len(units) else 0
        fuzzy_units = unit_word_counts(units) >= FUZZY_MIN_WORDS
        ch, cu, _ = units.ngram_batch.char_ngrams(CHAR_N)
        wh, wu, _, _ = units.ngram_batch.word_ngrams(1)
        bigrams = unit_bigrams(units)
        keep = fuzzy_units[bigrams.units] & (bigrams.df <= max_df)
        table = HashTable.build(bigrams.hashes[keep], bigrams.units[keep], len(units))
        return cls(
            n_items,
            fuzzy_units,
            table,
            table.distinct,
            DocFreq.build(ch, item_key[cu]),
            DocFreq.build(wh, item_key[wu]),
        )

    def unit_features(self, unit: int, text: str) -> tuple[dict[str, float], float, dict[str, float], float]:
        """({char 5-gram: idf}, total, {word: idf}, total) of a test unit, cached."""
        got = self._cache.get(unit)
        if got is None:
            batch = Batch.of([text])
            ch, _, co = batch.char_ngrams(CHAR_N)
            cw = dict(
                zip(
                    [text[o : o + CHAR_N] for o in co.tolist()],
                    idf(self.char_w.lookup(ch), self.n_items).tolist(),
                    strict=True,
                )
            )
            wh, _, ws, we = batch.word_ngrams(1)
            ww = dict(
                zip(
                    [text[a:b] for a, b in zip(ws.tolist(), we.tolist(), strict=True)],
                    idf(self.word_w.lookup(wh), self.n_items).tolist(),
                    strict=True,
                )
            )
            got = (cw, sum(cw.values()), ww, sum(ww.values()))
            self._cache[unit] = got
        return got

    def score(self, unit: int, unit_text: str, window: str) -> tuple[float, float, float]:
        """(score, char 5-gram share, word share) of a test unit against a window of training text.

        The word share is computed first; below `MIN_WORD_SHARE` the pair scores 0 without the (dearer)
        character pass: a re-translation keeps at least that much of the item's weighted vocabulary.
        """
        cw, ctot, ww, wtot = self.unit_features(unit, unit_text)
        if not ctot or not wtot:
            return 0.0, 0.0, 0.0
        words = set(window.split(" "))
        w = sum(v for k, v in ww.items() if k in words) / wtot
        if w < MIN_WORD_SHARE:
            return 0.0, 0.0, w
        grams = {window[i : i + CHAR_N] for i in range(len(window) - CHAR_N + 1)}
        c = sum(v for k, v in cw.items() if k in grams) / ctot
        return (c + w) / 2, c, w

    def _fill_arrays(self, units: list[int], unit_texts: Sequence[str]) -> None:
        """Cache each unit's distinct words and char 5-grams as (hash, idf) arrays sorted by hash.

        The same strings and weights as `unit_features` (one entry per distinct *string*, found exactly
        by comparing code points), for all the new units in one batch; hashed by `_span_hash`.
        """
        if self._packed is None:
            self._packed = _Packed(len(self.rare_per_unit))
        packed = self._packed
        todo = [u for u in units if packed.slot[u] < 0]
        if not todo:
            return
        batch = Batch.of([unit_texts[u] for u in todo])
        wh, wu, ws, we = batch.word_ngrams(1)
        ch, cu, co = batch.char_ngrams(CHAR_N)
        parts = []
        for h, u, a, b, weights in (
            (wh, wu, ws, we, self.word_w),
            (ch, cu, co, co + CHAR_N, self.char_w),
        ):
            order = np.lexsort((h, u))
            h, u, a, b = h[order], u[order], a[order], b[order]
            mine = np.empty(len(h), dtype=np.uint64)
            keep = np.empty(len(h), dtype=np.bool_)
            _distinct_spans(batch.codes, batch.starts, u.astype(np.int64), a, b, h, mine, keep)
            u, mine, w = u[keep], mine[keep], idf(weights.lookup(h[keep]), self.n_items)
            order = np.lexsort((mine, u))
            u, mine, w = u[order], mine[order], w[order]
            cut = np.searchsorted(u, np.arange(len(todo) + 1))
            tot = np.bincount(u, weights=w, minlength=len(todo))
            parts.append((mine, w, cut, tot))
        (wk, wv, wcut, wtot), (ck, cv, ccut, ctot) = parts
        for i, unit in enumerate(todo):
            w, c = slice(wcut[i], wcut[i + 1]), slice(ccut[i], ccut[i + 1])
            packed.add(unit, {"w": (wk[w], wv[w], wtot[i]), "c": (ck[c], cv[c], ctot[i])}, _key_bits(ck[c]))

    def upper_bounds(
        self,
        batch: Batch,
        rows: np.ndarray,
        units: np.ndarray,
        lo: np.ndarray,
        hi: np.ndarray,
        offsets: np.ndarray,
        unit_texts: Sequence[str],
    ) -> np.ndarray:
        """An upper bound of `score` for each candidate pair (row, unit), computed compiled.

        The pair's match offsets are `offsets[lo:hi]`. The bound takes the same window as `best_window`
        and counts a unit word / 5-gram as found when its *hash* is among the window's, so hash
        collisions can only raise it; 0 means the pair scores 0 (no totals, or word share under
        MIN_WORD_SHARE). Pairs whose bound is under the threshold cannot be findings.
        """
        out = np.zeros(len(rows), dtype=np.float64)
        if not len(rows):
            return out
        self._fill_arrays(np.unique(units).tolist(), unit_texts)
        p = self._packed
        assert p is not None
        n = p.units
        unit_len = np.fromiter((len(unit_texts[u]) for u in units.tolist()), dtype=np.int64, count=len(units))
        _upper_bounds(
            batch.codes, batch.starts, batch.ends, rows.astype(np.int64), p.slot[units], unit_len,
            lo.astype(np.int64), hi.astype(np.int64), offsets.astype(np.int64),
            p.lo["w"][:n], p.hi["w"][:n], p.keys["w"], p.vals["w"], p.tot["w"][:n],
            p.lo["c"][:n], p.hi["c"][:n], p.keys["c"], p.vals["c"], p.tot["c"][:n], p.bits[:n],
            MIN_WORD_SHARE, CHAR_N, out,
        )  # fmt: skip
        return out


FNV_OFFSET = np.uint64(0xCBF29CE484222325)  # FNV-1a, the bound's own span hash
FNV_PRIME = np.uint64(0x100000001B3)
KEY_BITS = 15  # a unit's 5-gram bitmap: 32768 bits (4 KB); a unit has a few thousand 5-grams


def _key_bits(keys: np.ndarray) -> np.ndarray:
    """A bitmap (uint64 words) over the top KEY_BITS bits of each key."""
    bits = np.zeros(1 << (KEY_BITS - 6), dtype=np.uint64)
    idx = keys >> np.uint64(64 - KEY_BITS)
    np.bitwise_or.at(bits, (idx >> np.uint64(6)).astype(np.int64), np.uint64(1) << (idx & np.uint64(63)))
    return bits


@numba.njit(cache=True, nogil=True, inline="always")
def _span_hash(codes, a, b):
    """FNV-1a over code points codes[a:b] (the bound's own hash; any collision only raises it)."""
    h = FNV_OFFSET
    for i in range(a, b):
        h = (h ^ np.uint64(codes[i])) * FNV_PRIME
    return h


@numba.njit(cache=True, nogil=True)
def _distinct_spans(codes, row_starts, rows, a, b, h, mine, keep):
    """Keep the first of each distinct string codes[row_starts[row] + a : ... + b] per row (entries sorted
    by (row, h), h a hash of the string: equal strings are in one run); `mine` = its `_span_hash`."""
    run = 0
    for k in range(len(rows)):
        if k == 0 or rows[k] != rows[k - 1] or h[k] != h[k - 1]:
            run = k
        s, n = row_starts[rows[k]] + a[k], b[k] - a[k]
        mine[k] = _span_hash(codes, s, s + n)
        keep[k] = True
        for j in range(run, k):
            if keep[j] and b[j] - a[j] == n:
                t = row_starts[rows[j]] + a[j]
                same = True
                for i in range(n):
                    if codes[s + i] != codes[t + i]:
                        same = False
                        break
                if same:
                    keep[k] = False
                    break


@numba.njit(cache=True, nogil=True)
def _window(codes, s, n_train, offs, unit_len):
    """The window around the densest cluster of the (sorted) match offsets in the row codes[s:s + n_train]:
    about 1.3x the unit's length, widened by slack, snapped outward to spaces."""
    span = max(int(unit_len * 1.3), 1)
    best_i, best_n, j = 0, 0, 0
    for i in range(len(offs)):
        o = offs[i]
        while offs[j] < o - span:
            j += 1
        if i - j + 1 > best_n:
            best_n, best_i = i - j + 1, i
    end_anchor = offs[best_i]
    start_anchor = offs[best_i - best_n + 1]
    slack = max(span - (end_anchor - start_anchor), 0) // 2 + unit_len // 5
    a = max(0, start_anchor - slack)
    b = min(n_train, end_anchor + slack + 1 + 20)
    if a > 0:
        sp = -1
        for i in range(a - 1, -1, -1):
            if codes[s + i] == SPACE:
                sp = i
                break
        a = sp + 1
    sp = -1
    for i in range(b, n_train):
        if codes[s + i] == SPACE:
            sp = i
            break
    b = n_train if sp < 0 else sp
    return a, b


@numba.njit(cache=True, nogil=True, inline="always")
def _credit(h, keys, vals, lo, hi, seen, stamp):
    """Weight of the not yet seen entries keys[lo:hi] equal to h (marked seen with stamp)."""
    j = lo + np.searchsorted(keys[lo:hi], h)
    got = 0.0
    while j < hi and keys[j] == h:
        if seen[j] != stamp:
            seen[j] = stamp
            got += vals[j]
        j += 1
    return got


@numba.njit(cache=True, nogil=True)
def _upper_bounds(
    codes, row_s, row_e, rows, loc, unit_len, lo, hi, offsets,
    w_lo, w_hi, w_keys, w_vals, w_tot, c_lo, c_hi, c_keys, c_vals, c_tot, c_bits, min_word, n, out,
):  # fmt: skip
    w_seen = np.zeros(len(w_keys), dtype=np.int64)
    c_seen = np.zeros(len(c_keys), dtype=np.int64)
    for k in range(len(rows)):
        u = loc[k]
        out[k] = 0.0
        if w_tot[u] <= 0.0 or c_tot[u] <= 0.0:
            continue
        s = row_s[rows[k]]
        n_train = row_e[rows[k]] - s
        a, b = _window(codes, s, n_train, np.sort(offsets[lo[k] : hi[k]]), unit_len[k])
        stamp = k + 1
        # words: window.split(" ") (every token between spaces, empty ones included)
        num = 0.0
        t0 = a
        for i in range(a, b + 1):
            if i == b or codes[s + i] == SPACE:
                num += _credit(
                    _span_hash(codes, s + t0, s + i), w_keys, w_vals, w_lo[u], w_hi[u], w_seen, stamp
                )
                t0 = i + 1
        w = num / w_tot[u]
        if w < min_word - 1e-9:
            continue  # the word share is surely under MIN_WORD_SHARE: scores 0
        num = 0.0
        for i in range(a, b - n + 1):
            h = _span_hash(codes, s + i, s + i + n)
            bit = h >> np.uint64(64 - KEY_BITS)
            # most of a window's 5-grams are not the unit's: its bitmap says so without a search
            if (c_bits[u, np.int64(bit >> np.uint64(6))] >> (bit & np.uint64(63))) & np.uint64(1):
                num += _credit(h, c_keys, c_vals, c_lo[u], c_hi[u], c_seen, stamp)
        out[k] = (num / c_tot[u] + w) / 2


def best_window(train: str, offsets: list[int], unit_len: int) -> tuple[int, int]:
    """The window of `train` around the densest cluster of match offsets, about the unit's length, snapped
    to word boundaries (the same computation the compiled upper bound uses, see `_window`)."""
    codes = np.frombuffer(train.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    a, b = _window(codes, 0, len(train), np.sort(np.asarray(offsets, dtype=np.int64)), unit_len)
    return int(a), int(b)


@numba.njit(cache=True, nogil=True)
def _rare_pairs(hit_rows, hit_first, hit_count, hit_starts, posting_units, rare_per_unit, n_units, out):
    """Candidate (row, unit) pairs from rare word-bigram hits, in (row, unit) order: the distinct rare
    bigrams each pair shares, kept when at least min(2, unit's rare bigrams) and a tenth of them.

    Hits come row by row (as `Batch.word_hits` gives them). A bigram is named by its first posting, so
    a pair's distinct bigrams are the distinct first postings of its hits: a hit whose bigram the row
    already had adds nothing. Writes (row, unit, shared, offsets start, offsets end) per kept pair into
    `out` and the hit offsets of each into the returned flat array; returns (pair count, offsets).
    """
    seen = np.zeros(len(posting_units), dtype=np.int32)  # row stamp of the last count of a bigram
    shared = np.zeros(n_units, dtype=np.int64)
    total = np.zeros(n_units, dtype=np.int64)
    fill = np.zeros(n_units, dtype=np.int64)
    touched = np.empty(n_units, dtype=np.int64)
    kept = np.empty(n_units, dtype=np.int64)
    offsets = np.empty(max(int(hit_count.sum()), 1), dtype=np.int64)
    n_pairs = 0
    n_off = 0
    j = 0
    while j < len(hit_rows):
        row = hit_rows[j]
        end = j
        while end < len(hit_rows) and hit_rows[end] == row:
            end += 1
        n_touched = 0
        for k in range(j, end):
            new_bigram = seen[hit_first[k]] != row + 1
            seen[hit_first[k]] = row + 1
            for p in range(hit_first[k], hit_first[k] + hit_count[k]):
                u = posting_units[p]
                if total[u] == 0:
                    touched[n_touched] = u
                    n_touched += 1
                total[u] += 1
                shared[u] += new_bigram
        # the kept pairs (few), in unit order, with their offsets laid out in that order
        n_kept = 0
        for t in range(n_touched):
            u = touched[t]
            rare = rare_per_unit[u]
            fill[u] = -1
            if shared[u] >= min(2, rare) and shared[u] >= 0.1 * rare:
                kept[n_kept] = u
                n_kept += 1
        for u in np.sort(kept[:n_kept]):
            out[n_pairs, 0] = row
            out[n_pairs, 1] = u
            out[n_pairs, 2] = shared[u]
            out[n_pairs, 3] = n_off
            fill[u] = n_off
            n_off += total[u]
            out[n_pairs, 4] = n_off
            n_pairs += 1
        for k in range(j, end):
            for p in range(hit_first[k], hit_first[k] + hit_count[k]):
                u = posting_units[p]
                if fill[u] >= 0:
                    offsets[fill[u]] = hit_starts[k]
                    fill[u] += 1
        for t in range(n_touched):
            u = touched[t]
            shared[u] = 0
            total[u] = 0
            fill[u] = 0
        j = end
    return n_pairs, offsets[:n_off]


def rare_pairs(hits: Hits, posting_units: np.ndarray, rare_per_unit: np.ndarray) -> tuple[np.ndarray, ...]:
    """(rows, units, shared, lo, hi, offsets) of the candidate pairs (see `_rare_pairs`)."""
    out = np.empty((max(int(hits.count.sum()), 1), 5), dtype=np.int64)
    n, offsets = _rare_pairs(
        hits.rows, hits.first.astype(np.int64), hits.count.astype(np.int64), hits.starts,
        posting_units, rare_per_unit.astype(np.int64), len(rare_per_unit), out,
    )  # fmt: skip
    pairs = out[:n]
    return pairs[:, 0], pairs[:, 1], pairs[:, 2], pairs[:, 3], pairs[:, 4], offsets


@dataclass
class FuzzyCandidates:
    rows: np.ndarray
    units: np.ndarray
    shared: np.ndarray  # distinct rare bigrams the pair shares
    lo: np.ndarray  # the pair's bigram hit offsets are offsets[lo:hi]
    hi: np.ndarray
    offsets: np.ndarray


class Fuzzy(Method[FuzzyParams, FuzzyPart]):
    """fuzzy: re-translated / paraphrased items (see the module docstring)."""

    name = "fuzzy"
    part_type = FuzzyPart
    params_model = FuzzyParams
    stored = False

    def build(self, units: Units, params: FuzzyParams, gate_n: int | None) -> FuzzyPart:
        return FuzzyPart.build(units, params.fuzzy_max_df)

    def scan(
        self, batch: ScanBatch, units: Units, part: FuzzyPart, params: FuzzyParams
    ) -> FuzzyCandidates | None:
        """Pairs sharing enough rare bigrams whose compiled upper bound can reach the threshold."""
        if not len(part.table.hashes):
            return None
        ngram = batch.prepared.ngram
        hits = ngram.word_hits(2, part.table)
        if not len(hits.rows):
            return None
        rows, found, shared, lo, hi, offsets = rare_pairs(hits, part.table.units, part.rare_per_unit)
        bound = part.upper_bounds(ngram, rows, found, lo, hi, offsets, units.ngram)
        keep = np.flatnonzero(bound >= params.fuzzy_threshold - BOUND_EPS)
        return FuzzyCandidates(rows[keep], found[keep], shared[keep], lo[keep], hi[keep], offsets)

    def verify(
        self,
        batch: ScanBatch,
        units: Units,
        part: FuzzyPart,
        params: FuzzyParams,
        candidates: FuzzyCandidates | None,
    ) -> list[Finding]:
        if candidates is None:
            return []
        c = candidates
        out = []
        for k in range(len(c.rows)):
            row, unit = int(c.rows[k]), int(c.units[k])
            unit_text = units.ngram[unit]
            train = batch.ngram[row]
            a, b = best_window(train, c.offsets[c.lo[k] : c.hi[k]].tolist(), len(unit_text))
            score, char5, word = part.score(unit, unit_text, train[a:b])
            if score >= params.fuzzy_threshold:
                detail = {
                    "char5": round(char5, 4),
                    "word": round(word, 4),
                    "window": [a, b],
                    "shared_rare_bigrams": int(c.shared[k]),
                }
                out.append(batch.finding(row, unit, self.name, round(score, 4), train[a:b], detail))
        return out

    def report_params(self, params: FuzzyParams) -> dict[str, object]:
        return {
            "threshold": params.fuzzy_threshold,
            "candidates": f"share >= 2 word bigrams found in <= {params.fuzzy_max_df} test items",
            "score": "mean of IDF-weighted char 5-gram and word containment in the best window",
            "min_words": FUZZY_MIN_WORDS,
            "normalisation": NGRAM_NORMALISATION,
        }

    def too_short(self, units: Units, part: FuzzyPart, params: FuzzyParams) -> np.ndarray:
        return ~part.fuzzy_units


METHOD = Fuzzy()
