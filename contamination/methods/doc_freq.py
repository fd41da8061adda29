"""Document frequencies on the test side: in how many test items each word, word bigram or character
5-gram occurs (`fuzzy` weighs by them, `short` and `fuzzy` pick rare bigrams by them)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from contamination.methods.base import Units


def idf(df: np.ndarray, n_items: int) -> np.ndarray:
    return np.log((n_items + 1) / (df.astype(np.float64) + 1)) + 1.0


@dataclass
class DocFreq:
    """Document frequency (in test items) of every hash of one feature kind on the test side."""

    hashes: np.ndarray  # sorted, distinct
    df: np.ndarray

    @classmethod
    def build(cls, h: np.ndarray, item_of: np.ndarray) -> DocFreq:
        if not len(h):
            return cls(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64))
        # (hash, item) pairs in order: units come item by item, so a stable sort by hash alone orders
        # them (several times faster than a unique over pair rows); any other order takes a lexsort
        item_of = np.asarray(item_of)
        ordered = bool((item_of[1:] >= item_of[:-1]).all())
        order = np.argsort(h, kind="stable") if ordered else np.lexsort((item_of, h))
        hs, items = h[order], item_of[order]
        pair = np.r_[True, (hs[1:] != hs[:-1]) | (items[1:] != items[:-1])]
        hs = hs[pair]
        first = np.flatnonzero(np.r_[True, hs[1:] != hs[:-1]])
        return cls(hs[first], np.diff(np.r_[first, len(hs)]).astype(np.int64))

    def lookup(self, h: np.ndarray) -> np.ndarray:
        """df of each hash (0 when the test side never has it)."""
        if not len(self.hashes):
            return np.zeros(len(h), dtype=np.int64)
        pos = np.searchsorted(self.hashes, h).clip(0, len(self.hashes) - 1)
        return np.where(self.hashes[pos] == h, self.df[pos], 0)


@dataclass
class Bigrams:
    """Every word bigram of every unit's n-gram form, with the number of test items it occurs in."""

    hashes: np.ndarray
    units: np.ndarray
    df: np.ndarray


def unit_bigrams(units: Units) -> Bigrams:
    """The units' word bigrams and their document frequencies (computed once per index)."""

    def compute() -> Bigrams:
        h, owners, _, _ = units.ngram_batch.word_ngrams(2)
        return Bigrams(h, owners, DocFreq.build(h, units.item_key[owners]).lookup(h))

    return units.memo("bigrams", compute)


def unit_word_counts(units: Units) -> np.ndarray:
    """Words per unit (n-gram form: words are split by single spaces)."""
    return units.memo(
        "word_counts", lambda: np.array([t.count(" ") + 1 if t else 0 for t in units.ngram], dtype=np.int64)
    )
