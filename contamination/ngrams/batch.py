"""A batch of texts as one code-point array, and the window hashes the audit methods look up.

The loops run compiled (see `contamination.ngrams.kernels`). The `*_hits` methods take a test-side table (a
cache-sized bitmap over the hashes' top bits plus an exact open-addressing map, see
`contamination.index.hashtable.HashTable`) and return only the windows whose hash is in it, each with the range of
its postings; on clean training data that is almost nothing, so the numpy work afterwards is tiny.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from contamination.ngrams import kernels

_NO_BITS = np.zeros(1, dtype=np.uint8)
_NO_SLOTS = np.zeros(1, dtype=np.uint64)


class Prefilter(Protocol):
    """A set of hashes: a bitmap over their top bits plus an open-addressing map from each hash to a
    slot, 0 marking an empty slot (see `HashTable`, `GramTable`)."""

    bits: np.ndarray
    shift: np.uint64
    slots: np.ndarray
    slot_shift: np.uint64


@dataclass
class Hits:
    """Windows whose hash is in a table: row, offset (or start/end), the slot of the hash (the first
    slot with that key; the table's `slots` holds the keys) and, for a `HashTable`, the range of its
    postings. Character hits are int32 (a batch that leaks has a hit per character: 16 bytes each)."""

    rows: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    slots: np.ndarray
    keys: np.ndarray  # the table's key per slot
    first: np.ndarray | None = None  # index of the hash's first posting in a HashTable
    count: np.ndarray | None = None  # number of postings

    @property
    def hashes(self) -> np.ndarray:
        return self.keys[self.slots]

    @classmethod
    def of(cls, table: Prefilter, rows: np.ndarray, a: np.ndarray, b: np.ndarray, slots: np.ndarray) -> Hits:
        first = getattr(table, "slot_first", None)
        if first is None:
            return cls(rows, a, b, slots, table.slots)
        return cls(rows, a, b, slots, table.slots, first[slots], table.slot_count[slots])  # type: ignore[attr-defined]

    @classmethod
    def empty(cls) -> Hits:
        e = np.empty(0, dtype=np.int64)
        return cls(e, e, e, e, _NO_SLOTS, e, e)


@dataclass
class Anchor:
    """A bitmap over the hashes of every q-character window of some texts (`Batch.anchor`)."""

    q: int
    bits: np.ndarray
    shift: np.uint64


def _probe_args(prefilter: Prefilter | None) -> tuple:
    if prefilter is None:
        return _NO_BITS, np.uint64(0), _NO_SLOTS, np.uint64(63), False
    return prefilter.bits, np.uint64(prefilter.shift), prefilter.slots, np.uint64(prefilter.slot_shift), True


def distinct(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting (numpy's hash-based unique costs several times more on hit arrays); values
    that come sorted already (a scan's rows) are not sorted again."""
    if len(values) > 1 and not np.all(values[1:] >= values[:-1]):
        values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def encode(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(uint32 code points back to back, int64 starts, int64 ends)."""
    # lone surrogates (invalid, but Python strings can hold them) become their code points
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    ends = np.cumsum(lengths)
    return codes, ends - lengths, ends


@dataclass
class Batch:
    codes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str]) -> Batch:
        return cls(*encode(texts))

    def __len__(self) -> int:
        return len(self.starts)

    def take(self, rows: np.ndarray) -> Batch:
        """The given rows as a batch (sharing the code points: the kernels only read between offsets)."""
        return Batch(self.codes, self.starts[rows], self.ends[rows])

    def short_word_windows(self, n: int, max_chars: int) -> np.ndarray:
        """Per row: might it hold n consecutive words spanning fewer than `max_chars` characters? True
        for every row that does (such a span holds n - 1 spaces in at most max_chars - 1 characters),
        and for few others."""
        out = np.zeros(len(self.starts), dtype=np.bool_)
        if n >= 1 and len(self.starts):
            kernels.crowded_rows(self.codes, self.starts, self.ends, n - 1, max_chars - 1, out)
        return out

    def text(self, row: int) -> str:
        return self.codes[self.starts[row] : self.ends[row]].tobytes().decode("utf-32-le")

    def texts(self) -> list[str]:
        joined = self.codes.tobytes().decode("utf-32-le")
        return [joined[a:b] for a, b in zip(self.starts.tolist(), self.ends.tolist(), strict=True)]

    def _char(self, n: int, prefilter: Prefilter | None) -> tuple[np.ndarray, ...]:
        size = max(len(self.codes), 1)
        out_h = np.empty(size, dtype=np.uint64)
        rows, offsets, slots = (np.empty(size, dtype=np.int64) for _ in range(3))
        count = kernels.char_windows(
            self.codes, self.starts, self.ends, n, *_probe_args(prefilter), out_h, rows, offsets, slots
        )
        return out_h[:count], rows[:count], offsets[:count], slots[:count]  # views (see `_char_hits`)

    def char_ngrams(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(hashes, row, offset within the row) of every character n-gram inside a text."""
        h, rows, offsets, _ = self._char(n, None)
        return h, rows, offsets

    def char_hits(self, n: int, table: Prefilter, anchor: Anchor | None = None) -> Hits:
        """The character n-grams whose hash is in `table` (nothing else leaves the compiled loop).

        With an `anchor` of the texts the table's n-grams come from (q < n), stretches of windows whose
        shared q-gram is not one of theirs are skipped without a lookup: same result, fewer cache misses.
        """
        size = max(len(self.codes), 1)
        out_h = np.empty(size, dtype=np.uint64)  # scratch: the hits keep their slots, not their hashes
        rows, offsets, slots = (np.empty(size, dtype=np.int32) for _ in range(3))
        bits, shift, table_slots, slot_shift, _ = _probe_args(table)
        if anchor is None or anchor.q >= n:
            count = kernels.char_windows(
                self.codes, self.starts, self.ends, n, bits, shift, table_slots, slot_shift, True,
                out_h, rows, offsets, slots,
            )  # fmt: skip
        else:
            count, _ = kernels.char_windows_anchored(
                self.codes, self.starts, self.ends, n, anchor.q, anchor.bits, anchor.shift,
                bits, shift, table_slots, slot_shift, out_h, rows, offsets, slots,
            )  # fmt: skip
        return self._char_hits(table, rows, offsets, slots, count, n)

    @staticmethod
    def _char_hits(
        table: Prefilter, rows: np.ndarray, offsets: np.ndarray, slots: np.ndarray, count: int, n: int
    ) -> Hits:
        # views, not copies: the buffers are only ever written up to `count`, so only those pages are
        # memory, and a copy would double them
        offsets = offsets[:count]
        return Hits.of(table, rows[:count], offsets, offsets + np.int32(n), slots[:count])

    def anchor(self, q: int) -> Anchor:
        """A bitmap over the hashes of every q-character window of these texts (see `char_hits`)."""
        windows = int(np.maximum(self.ends - self.starts - q + 1, 0).sum())
        # ~16 bits per window, at most 4 MB (as HashTable's bitmap: it has to stay in cache)
        k = int(min(25, max(16, np.ceil(np.log2(max(windows, 1) * 16)))))
        shift = np.uint64(64 - k)
        bits = np.zeros(1 << (k - 3), dtype=np.uint8)
        kernels.window_bits(self.codes, self.starts, self.ends, q, shift, bits)
        return Anchor(q, bits, shift)

    def char_hits_within(self, n: int, table: Prefilter, shorter: Hits, m: int) -> Hits:
        """`char_hits(n, table)` when the table's n-grams come from the same texts as the m-gram hits
        `shorter` (m < n): an n-gram of a test text contains that text's m-grams at offset 0 and n - m, so
        only windows where both are hits can be keys, and only those are hashed and looked up."""
        if not len(shorter.rows):
            return Hits.empty()
        rows, offsets = shorter.rows, shorter.starts
        if len(rows) > 1 and not np.all(
            (rows[1:] > rows[:-1]) | ((rows[1:] == rows[:-1]) & (offsets[1:] > offsets[:-1]))
        ):
            order = np.lexsort((offsets, rows))  # hits come row by row, ascending; else put them so
            rows, offsets = rows[order], offsets[order]
        size = len(rows)
        hashes = np.empty(size, dtype=np.uint64)
        out_rows, out_offsets, slots = (np.empty(size, dtype=np.int32) for _ in range(3))
        bits, shift, table_slots, slot_shift, _ = _probe_args(table)
        count, _ = kernels.char_windows_within(
            self.codes, self.starts, self.ends, rows, offsets, m, n, bits, shift, table_slots, slot_shift,
            hashes, out_rows, out_offsets, slots,
        )  # fmt: skip
        return self._char_hits(table, out_rows, out_offsets, slots, count, n)

    def _words(self, n: int, prefilter: Prefilter | None) -> tuple[np.ndarray, ...]:
        size = max(len(self.codes) // 2 + len(self.starts), 1)
        out_h = np.empty(size, dtype=np.uint64)
        rows, a, b, slots = (np.empty(size, dtype=np.int64) for _ in range(4))
        longest = int((self.ends - self.starts).max()) if len(self.starts) else 0
        words = longest // 2 + 2
        word_h = np.empty(words, dtype=np.uint64)
        word_s, word_e = np.empty(words, dtype=np.int64), np.empty(words, dtype=np.int64)
        count = kernels.word_windows(
            self.codes, self.starts, self.ends, n, *_probe_args(prefilter),
            out_h, rows, a, b, slots, word_h, word_s, word_e,
        )  # fmt: skip
        return tuple(x[:count] for x in (out_h, rows, a, b, slots))  # views (see `_char`)

    def word_ngrams(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(hashes, row, start, end offsets within the row) of every n-word window.

        Texts must be in n-gram form: words separated by single spaces.
        """
        h, rows, a, b, _ = self._words(n, None)
        return h, rows, a, b

    def word_hits(self, n: int, table: Prefilter) -> Hits:
        _, rows, a, b, slots = self._words(n, table)
        return Hits.of(table, rows, a, b, slots)

    def row_hashes(self) -> np.ndarray:
        """Hash of each whole text (equal texts, equal hashes)."""
        out = np.empty(len(self.starts), dtype=np.uint64)
        kernels.row_hashes(self.codes, self.starts, self.ends, out)
        return out

    def prefix_hashes(self, n: int) -> np.ndarray:
        """Hash of each text's first n characters (as `char_ngrams` hashes it); 0 for shorter texts."""
        out = np.empty(len(self.starts), dtype=np.uint64)
        kernels.prefix_hashes(self.codes, self.starts, self.ends, n, out)
        return out
