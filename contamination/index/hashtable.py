"""A set of hashes with postings: sorted (hash, unit) pairs, a cache-sized bitmap prefilter and an
open-addressing map from each distinct hash to its postings range (what every scan looks up)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from contamination.ngrams import kernels


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
