"""The test-side index: normalised units and the hash tables every method looks training text up in.

Built once per set of test sets (and, via `contamination.index_store`, reusable across audits). Memory is bounded by
the test side: training data is only ever streamed past it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from contamination import kernels
from contamination.methods import CHAR_METHODS, TOKEN_METHODS, AuditConfig
from contamination.ngrams import Anchor, Batch
from contamination.prepare import ngram_is_stripped_norm, prepare
from contamination.testsets import TestSet

if TYPE_CHECKING:
    from contamination.fuzzy import FuzzyIndex


def _bitmap(sorted_idx: np.ndarray, k: int) -> np.ndarray:
    """A 2**k-bit bitmap with the given (sorted) bit positions set."""
    bits = np.zeros(1 << (k - 3), dtype=np.uint8)
    if len(sorted_idx):
        byte = (sorted_idx >> np.uint64(3)).astype(np.int64)
        values = np.left_shift(1, (sorted_idx & np.uint64(7)).astype(np.uint8)).astype(np.uint8)
        group_starts = np.flatnonzero(np.r_[True, byte[1:] != byte[:-1]])
        bits[byte[group_starts]] = np.bitwise_or.reduceat(values, group_starts)
    return bits


@dataclass
class HashTable:
    """Sorted (hash, unit) pairs with a bitmap prefilter on the hashes' top bits."""

    hashes: np.ndarray  # uint64, sorted
    units: np.ndarray  # int32, unit index per hash (int32 throughout: half the index on disk)
    distinct: np.ndarray  # int64, distinct hashes per unit (the score's denominator)
    bits: np.ndarray  # uint8 bitmap
    shift: np.uint64
    # open-addressing map from each distinct hash to its postings range (int32), built if not given
    slots: np.ndarray | None = None
    slot_first: np.ndarray | None = None
    slot_count: np.ndarray | None = None
    slot_shift: np.uint64 = np.uint64(0)

    def __post_init__(self) -> None:
        if self.slots is not None:
            return
        distinct = (
            int(np.count_nonzero(np.r_[True, self.hashes[1:] != self.hashes[:-1]])) if len(self.hashes) else 0
        )
        slot_bits = max(4, int(np.ceil(np.log2(max(distinct, 1) * 2))))  # load factor <= 1/2
        self.slots = np.zeros(1 << slot_bits, dtype=np.uint64)
        self.slot_first = np.zeros(1 << slot_bits, dtype=np.int32)
        self.slot_count = np.zeros(1 << slot_bits, dtype=np.int32)
        self.slot_shift = np.uint64(64 - slot_bits)
        kernels.fill_slots(self.hashes, self.slots, self.slot_first, self.slot_count, self.slot_shift)

    @classmethod
    def build(cls, hashes: np.ndarray, units: np.ndarray, n_units: int) -> HashTable:
        # units arrive in ascending order, so a stable sort by hash leaves (hash, unit) pairs sorted
        order = np.argsort(hashes, kind="stable")
        h, u = hashes[order], units[order].astype(np.int32)
        if len(h):
            first = np.ones(len(h), dtype=bool)
            first[1:] = (h[1:] != h[:-1]) | (u[1:] != u[:-1])
            h, u = h[first], u[first]
        distinct = np.bincount(u, minlength=n_units).astype(np.int64)
        # ~16 bits per entry, at most 4 MB: the bitmap stays in cache (a larger one costs more in cache
        # misses than the binary searches it saves for the ~6% of absent windows that get past it)
        k = int(min(25, max(16, np.ceil(np.log2(max(len(h), 1) * 16)))))
        shift = np.uint64(64 - k)
        return cls(h, u, distinct, _bitmap(h >> shift, k), shift)

    def maybe_present(self, h: np.ndarray) -> np.ndarray:
        idx = h >> self.shift
        return (
            self.bits[(idx >> np.uint64(3)).astype(np.int64)] >> (idx & np.uint64(7)).astype(np.uint8)
        ) & 1 == 1

    def expand(self, first: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query index, unit) for every posting of the given ranges."""
        query = np.repeat(np.arange(len(first), dtype=np.int64), count)
        starts = np.cumsum(count) - count
        offsets = (
            np.arange(int(count.sum()), dtype=np.int64) - np.repeat(starts, count) + np.repeat(first, count)
        )
        return query, self.units[offsets]

    def postings(self, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each query hash, the (query index, unit) pairs of the units that contain it."""
        lo = np.searchsorted(self.hashes, h, side="left")
        found = np.flatnonzero(lo < len(self.hashes))
        found = found[self.hashes[lo[found]] == h[found]]
        lo = lo[found]
        hi = np.searchsorted(self.hashes, h[found], side="right")
        counts = hi - lo
        query = np.repeat(found, counts)
        first = np.cumsum(counts) - counts
        offsets = (
            np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(first, counts) + np.repeat(lo, counts)
        )
        return query, self.units[offsets]


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
    stored in it (`contamination.index_store`).
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
        from contamination.fuzzy import FuzzyIndex

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
