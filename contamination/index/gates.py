"""Which training rows the substring and token scans must look at (see `ScanGates`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from contamination.config import CHAR_METHODS, TOKEN_METHODS
from contamination.index.hashtable import HashTable
from contamination.ngrams.batch import Batch
from contamination.text.prepare import ngram_is_stripped_norm

if TYPE_CHECKING:
    from contamination.index.testindex import TestIndex


@dataclass
class ScanGates:
    """Which rows the substring and token scans must look at, read off one character method's hits.

    Every character n-gram of a test unit's n-gram form is in that method's table, so a training row that
    shares a longer string with a unit has a hit where the shared string starts:
    - token13: a shared 13-word window at least n characters long starts with a shared character n-gram.
      Windows shorter than that ("1 2 3 ...") are also looked for in the rows that may have such a window,
      when some test unit may (`dense_tokens`).
    - substring, a unit inside a training row: stripping punctuation and collapsing spaces maps the unit's
      normalised form inside the row's to the unit's n-gram form inside the row's, so when both n-gram
      forms are their stripped normalised forms (every `plain` row, and units checked here) and the unit's
      is at least n characters long, the row has a hit. The remaining units (`ungated_units`, found with
      `ungated_prefix_table`) are looked for in every row, the remaining rows against every unit.
    The scans are bound by memory lookups per window; clean text has almost no hits, so most rows skip
    them. `Scanner(gated=False)` scans every row (the tests compare the two). Built with the index and
    stored in it (`contamination.index.store`).
    """

    method: str  # the character method whose hits gate (the shortest n: its scan covers every window)
    n: int
    dense_tokens: frozenset[str]
    ungated_units: np.ndarray  # int64 unit numbers
    ungated_prefix_table: HashTable | None

    @classmethod
    def with_units(
        cls, index: TestIndex, method: str, n: int, dense_tokens: frozenset[str], ungated_units: np.ndarray
    ) -> ScanGates:
        table = None
        if len(ungated_units):
            hashes = index.norm_batch.prefix_hashes(index.config.min_substring)
            table = HashTable.build(hashes[ungated_units], ungated_units, index.n_units)
        return cls(method, n, dense_tokens, ungated_units, table)

    @classmethod
    def of(cls, index: TestIndex) -> ScanGates | None:
        methods = set(index.config.methods)
        enabled = sorted((n, m) for m, n in CHAR_METHODS.items() if m in methods)
        if not enabled:
            return None
        n, method = enabled[0]
        units = index.ngram_batch
        dense = frozenset(
            m
            for m, words in TOKEN_METHODS.items()
            if m in methods and units.short_word_windows(words, n).any()
        )
        ungated = np.empty(0, dtype=np.int64)
        prefix = index.unit_prefix_table
        if "substring" in methods and prefix is not None and len(prefix.units):
            long_units = np.unique(prefix.units)
            safe = ngram_is_stripped_norm(index.norm_batch, units) & (units.ends - units.starts >= n)
            ungated = long_units[~safe[long_units]].astype(np.int64)
        return cls.with_units(index, method, n, dense, ungated)

    def token_rows(self, method: str, batch: Batch, hit_rows: np.ndarray) -> np.ndarray:
        if method not in self.dense_tokens:
            return hit_rows
        return np.union1d(hit_rows, np.flatnonzero(batch.short_word_windows(TOKEN_METHODS[method], self.n)))
