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

short   Test units too short for the n-gram methods (n-gram form under 50 characters):
        - a unit of >= 4 words and >= 20 characters found whole (word-bounded, n-gram form) in a training row, unless it is
          common: found in more than `short_max_rows` training rows of the audit, or in more than
          `fuzzy_max_df` test items ("i 20 år", "det er bra" are not leaks);
        - any short unit ("Ja", "1945", "Oslo" included) found whole in a training row that also has
          a finding of another method for the same test item (the question leaked with its answer).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from contamination.index import HashTable
from contamination.ngrams import Batch

FUZZY_MIN_WORDS = 5
SHORT_MAX_CHARS = 50  # below the substring/char50 sizes
SHORT_MIN_WORDS = 4  # found alone, a short unit needs this many words and SHORT_MIN_CHARS
SHORT_MIN_CHARS = 20
CHAR_N = 5
MIN_WORD_SHARE = 0.3


def idf(df: np.ndarray, n_items: int) -> np.ndarray:
    return np.log((n_items + 1) / (df.astype(np.float64) + 1)) + 1.0


@dataclass
class _Weights:
    """Document frequency (in test items) of every hash of one feature kind on the test side."""

    hashes: np.ndarray  # sorted, distinct
    df: np.ndarray

    @classmethod
    def build(cls, h: np.ndarray, item_of: np.ndarray) -> _Weights:
        if not len(h):
            return cls(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64))
        pairs = np.unique(np.stack([h, item_of.astype(np.uint64)], axis=1), axis=0)
        uniq, df = np.unique(pairs[:, 0], return_counts=True)
        return cls(uniq, df.astype(np.int64))

    def lookup(self, h: np.ndarray) -> np.ndarray:
        """df of each hash (0 when the test side never has it)."""
        if not len(self.hashes):
            return np.zeros(len(h), dtype=np.int64)
        pos = np.searchsorted(self.hashes, h).clip(0, len(self.hashes) - 1)
        return np.where(self.hashes[pos] == h, self.df[pos], 0)


@dataclass
class FuzzyIndex:
    """Test-side statistics for `fuzzy` and `short`, derived from the units' n-gram forms alone."""

    n_items: int
    item_key: np.ndarray  # unit -> item number
    fuzzy_units: np.ndarray  # bool per unit
    table: HashTable  # rare word bigrams -> units (candidate generation)
    rare_per_unit: np.ndarray  # distinct rare bigrams per unit
    char_w: _Weights
    word_w: _Weights
    short_units: np.ndarray  # bool per unit: n-gram form under SHORT_MAX_CHARS, not empty
    short_table: HashTable  # rarest bigram of each short unit of >= SHORT_MIN_WORDS words -> unit
    short_common: set[int] = field(default_factory=set)  # short units found in too many test items
    item_units: dict[int, list[int]] = field(default_factory=dict)  # item -> its short units
    _cache: dict[int, tuple[dict[str, float], float, dict[str, float], float]] = field(default_factory=dict)

    @classmethod
    def build(cls, ngram: Sequence[str], ngram_batch: Batch, item_key: np.ndarray, max_df: int) -> FuzzyIndex:
        n_units = len(ngram)
        n_items = int(item_key.max()) + 1 if n_units else 0
        n_words = np.array([t.count(" ") + 1 if t else 0 for t in ngram], dtype=np.int64)
        fuzzy_units = n_words >= FUZZY_MIN_WORDS
        lengths = np.array([len(t) for t in ngram], dtype=np.int64)
        short_units = (lengths > 0) & (lengths < SHORT_MAX_CHARS)

        ch, cu, _ = ngram_batch.char_ngrams(CHAR_N)
        char_w = _Weights.build(ch, item_key[cu])
        wh, wu, _, _ = ngram_batch.word_ngrams(1)
        word_w = _Weights.build(wh, item_key[wu])
        bh, bu, _, _ = ngram_batch.word_ngrams(2)
        bigram_w = _Weights.build(bh, item_key[bu])
        bdf = bigram_w.lookup(bh)

        keep = fuzzy_units[bu] & (bdf <= max_df)
        table = HashTable.build(bh[keep], bu[keep], n_units)
        rare_per_unit = table.distinct

        # short units: each one's rarest bigram (ties: the first) finds it in a training row
        sel = short_units[bu] & (n_words[bu] >= SHORT_MIN_WORDS) & (lengths[bu] >= SHORT_MIN_CHARS)
        su, sh, sdf = bu[sel], bh[sel], bdf[sel]
        order = np.lexsort((np.arange(len(su)), sdf, su))
        su, sh = su[order], sh[order]
        first = np.r_[True, su[1:] != su[:-1]] if len(su) else np.zeros(0, dtype=bool)
        short_table = HashTable.build(sh[first], su[first], n_units)

        # a short text found in more than max_df test items is common, never a leak on its own
        text_items: dict[str, set[int]] = {}
        for u in np.flatnonzero(short_units).tolist():
            text_items.setdefault(ngram[u], set()).add(int(item_key[u]))
        common = {u for u in np.flatnonzero(short_units).tolist() if len(text_items[ngram[u]]) > max_df}
        item_units: dict[int, list[int]] = {}
        for u in np.flatnonzero(short_units).tolist():
            item_units.setdefault(int(item_key[u]), []).append(u)
        return cls(
            n_items, item_key, fuzzy_units, table, rare_per_unit, char_w, word_w, short_units,
            short_table, common, item_units,
        )  # fmt: skip

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


def best_window(train: str, offsets: list[int], unit_len: int) -> tuple[int, int]:
    """The window of `train` around the densest cluster of match offsets, about the unit's length."""
    offsets = sorted(offsets)
    span = max(int(unit_len * 1.3), 1)
    best_i, best_n, j = 0, 0, 0
    for i, o in enumerate(offsets):
        while offsets[j] < o - span:
            j += 1
        if i - j + 1 > best_n:
            best_n, best_i = i - j + 1, i
    end_anchor = offsets[best_i]
    start_anchor = offsets[best_i - best_n + 1]
    slack = max(span - (end_anchor - start_anchor), 0) // 2 + unit_len // 5
    a = max(0, start_anchor - slack)
    b = min(len(train), end_anchor + slack + 1 + 20)
    # snap to word boundaries
    if a > 0:
        sp = train.rfind(" ", 0, a)
        a = sp + 1 if sp >= 0 else 0
    sp = train.find(" ", b)
    b = len(train) if sp < 0 else sp
    return a, b


def find_word_bounded(unit: str, train: str) -> int:
    """Offset of `unit` in `train` (both n-gram form: words split by single spaces) at word boundaries."""
    start = 0
    while True:
        at = train.find(unit, start)
        if at < 0:
            return -1
        end = at + len(unit)
        if (at == 0 or train[at - 1] == " ") and (end == len(train) or train[end] == " "):
            return at
        start = at + 1


def around(train: str, at: int, length: int, chars: int = 200) -> str:
    """Up to `chars` characters of `train` centred on [at, at + length)."""
    pad = max((chars - length) // 2, 0)
    a = max(0, at - pad)
    return train[a : a + chars]


def round_score(x: float) -> float:
    return round(x + 0.0, 4) if math.isfinite(x) else 0.0
