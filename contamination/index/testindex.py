"""The test-side index: normalised units and the hash tables every method looks training text up in.

Built once per set of test sets (and, via `contamination.index.store`, reusable across audits). Memory is bounded by
the test side: training data is only ever streamed past it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from contamination.config import CHAR_METHODS, TOKEN_METHODS, AuditConfig
from contamination.index.gates import ScanGates
from contamination.index.hashtable import HashTable
from contamination.ngrams.batch import Anchor, Batch
from contamination.testside.testsets import TestSet
from contamination.text.prepare import prepare

if TYPE_CHECKING:
    from contamination.methods.fuzzy import FuzzyIndex


@dataclass
class TestIndex:
    """All test units of all test sets, normalised, with the tables of the enabled methods."""

    __test__ = False

    config: AuditConfig
    test_sets: list[TestSet]
    unit_set: list[int]  # index into test_sets
    unit_item: list[str]
    unit_field: list[str]
    norm: list[str]
    ngram: list[str]
    norm_batch: Batch
    ngram_batch: Batch
    exact_table: HashTable | None = None  # whole normalised units, by hash
    # substring: the first min_substring characters of each long unit (a unit inside a training text
    # starts with one of those), and every min_substring window of the units (a training text inside
    # a unit starts with one of those)
    unit_prefix_table: HashTable | None = None
    window_table: HashTable | None = None
    tables: dict[str, HashTable] = field(default_factory=dict)
    boilerplate: dict[str, int] = field(default_factory=dict)
    boilerplate_grams: dict[str, set[str]] = field(default_factory=dict)
    short_items: dict[str, dict[str, int]] = field(default_factory=dict)
    fuzzy: FuzzyIndex | None = None
    anchors: dict[int, Anchor] = field(default_factory=dict)  # by q (see `anchor`)
    gates: ScanGates | None = None

    @classmethod
    def build(cls, test_sets: list[TestSet], config: AuditConfig) -> TestIndex:
        unit_set: list[int] = []
        unit_item: list[str] = []
        unit_field: list[str] = []
        raw: list[str] = []
        for s_idx, ts in enumerate(test_sets):
            for u in ts.units:
                unit_set.append(s_idx)
                unit_item.append(u.item_id)
                unit_field.append(u.field)
                raw.append(u.text)
        prepared = prepare(raw)
        index = cls(
            config,
            test_sets,
            unit_set,
            unit_item,
            unit_field,
            prepared.norm_texts,
            prepared.ngram.texts(),
            prepared.norm,
            prepared.ngram,
        )
        index._build_tables()
        index.build_scan_aids()
        return index

    def build_scan_aids(self) -> None:
        """The structures a scan derives from the units alone (gates, the gating method's anchor)."""
        self.gates = ScanGates.of(self)
        if self.gates is not None:
            self.anchor(self.gates.n // 2)

    @property
    def n_units(self) -> int:
        return len(self.norm)

    def anchor(self, q: int) -> Anchor:
        """Every q-gram of the units' n-gram forms, as a bitmap: lets a character scan skip the stretches
        of training text that share none (see `Batch.char_hits`)."""
        if q not in self.anchors:
            self.anchors[q] = self.ngram_batch.anchor(q)
        return self.anchors[q]

    def _build_tables(self) -> None:
        methods = set(self.config.methods)
        if "exact" in methods:
            self.build_exact()
        if "substring" in methods:
            self._build_substring()
        char_batch = self.ngram_batch
        for method, n in CHAR_METHODS.items():
            if method in methods:
                h, units, _ = char_batch.char_ngrams(n)
                self.tables[method] = HashTable.build(h, units, self.n_units)
                self._count_short(method, [len(t) < n for t in self.ngram])
        for method, n in TOKEN_METHODS.items():
            if method in methods:
                self._build_token(method, n, char_batch)
        if methods & {"fuzzy", "short"}:
            self.build_fuzzy()
            if "fuzzy" in methods:
                self._count_short("fuzzy", (~self.fuzzy.fuzzy_units).tolist())

    def item_keys(self) -> np.ndarray:
        """A number per distinct (test set, item) for every unit."""
        item_ids: dict[tuple[int, str], int] = {}
        return np.array(
            [
                item_ids.setdefault((s, i), len(item_ids))
                for s, i in zip(self.unit_set, self.unit_item, strict=True)
            ],
            dtype=np.int64,
        )

    def build_fuzzy(self) -> None:
        """Tables of `fuzzy` and `short`: derived from the units alone, so rebuilt rather than stored."""
        from contamination.methods.fuzzy import FuzzyIndex

        self.fuzzy = FuzzyIndex.build(
            self.ngram, self.ngram_batch, self.item_keys(), self.config.fuzzy_max_df
        )

    def build_exact(self) -> None:
        batch = self.norm_batch
        units = np.flatnonzero(batch.ends > batch.starts)  # an empty unit matches nothing
        self.exact_table = HashTable.build(batch.row_hashes()[units], units, self.n_units)

    def _build_substring(self) -> None:
        m = self.config.min_substring
        prefixes = self.norm_batch.prefix_hashes(m)
        long_units = np.flatnonzero((self.norm_batch.ends - self.norm_batch.starts) >= m)
        self.unit_prefix_table = HashTable.build(prefixes[long_units], long_units, self.n_units)
        h, units, _ = self.norm_batch.char_ngrams(m)
        self.window_table = HashTable.build(h, units, self.n_units)

    def _build_token(self, method: str, n: int, batch: Batch) -> None:
        h, units, starts, ends = batch.word_ngrams(n)
        # boilerplate: a 13-gram found in more than token13_max_items distinct test items is ignored
        item_ids: dict[tuple[int, str], int] = {}
        item_key = np.array(
            [
                item_ids.setdefault((s, i), len(item_ids))
                for s, i in zip(self.unit_set, self.unit_item, strict=True)
            ],
            dtype=np.int64,
        )
        keep = np.ones(len(h), dtype=bool)
        if len(h):
            pairs = np.unique(np.stack([h, item_key[units].astype(np.uint64)], axis=1), axis=0)
            uniq, counts = np.unique(pairs[:, 0], return_counts=True)
            common = uniq[counts > self.config.token13_max_items]
            self.boilerplate[method] = len(common)
            keep = ~np.isin(h, common)
            self.boilerplate_grams[method] = {
                self.ngram[u][a:b]
                for u, a, b in zip(
                    units[~keep].tolist(), starts[~keep].tolist(), ends[~keep].tolist(), strict=True
                )
            }
        else:
            self.boilerplate[method] = 0
        self.tables[method] = HashTable.build(h[keep], units[keep], self.n_units)
        self._count_short(method, [t.count(" ") + 1 < n if t else True for t in self.ngram])

    def _count_short(self, method: str, is_short: list[bool]) -> None:
        """Whole items too short for a method: they are covered by exact/substring only."""
        counts = self.short_items.setdefault(method, {})
        for u, short in enumerate(is_short):
            if short and self.unit_field[u] == "item":
                name = self.test_sets[self.unit_set[u]].name
                counts[name] = counts.get(name, 0) + 1
