"""Vectorised hashing of character n-grams and word n-grams for a batch of texts.

All texts of a batch are laid end to end as one array of code points. A polynomial hash mod 2**64
with an odd base has a modular inverse, so the hash of every window comes from one prefix sum:
    Q[i] = sum_{j<i} c[j] * B**-j,   hash(s[a:b]) = (Q[b] - Q[a]) * B**(b-1)
which is O(total length) whatever the window size, with no per-character Python. A multiply by a
large odd constant spreads the bits upward for the bitmap prefilter. Hashes only propose candidates:
every reported finding is verified on the strings themselves, so a collision can never create one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

_BASE = np.uint64(0x9E3779B97F4A7C15 | 1)
_BASE_INV = np.uint64(pow(int(_BASE), -1, 2**64))
_SPACE = 32


class _Powers:
    """B**i and B**-i mod 2**64 for i < n, grown on demand and shared by all batches."""

    def __init__(self) -> None:
        self.pow = np.ones(1, dtype=np.uint64)
        self.inv = np.ones(1, dtype=np.uint64)

    def ensure(self, n: int) -> None:
        if len(self.pow) >= n:
            return
        n = max(n, 2 * len(self.pow))
        with np.errstate(over="ignore"):
            self.pow = np.concatenate(([np.uint64(1)], np.cumprod(np.full(n - 1, _BASE, dtype=np.uint64))))
            self.inv = np.concatenate(
                ([np.uint64(1)], np.cumprod(np.full(n - 1, _BASE_INV, dtype=np.uint64)))
            )


_POWERS = _Powers()


def _finish(raw: np.ndarray, length: np.ndarray | int) -> np.ndarray:
    """Mix the window length in and spread the bits upward (Fibonacci hashing): the bitmap prefilter
    indexes by the top bits, which a multiply by an odd constant fills from every lower bit."""
    with np.errstate(over="ignore"):
        return (raw + np.uint64(length) * np.uint64(0xD6E8FEB86659FD93)) * np.uint64(0x9E3779B97F4A7C15)


@dataclass
class Batch:
    """Code points of a batch of texts, their offsets and the prefix sums for window hashes."""

    codes: np.ndarray  # uint32 code points, texts back to back
    starts: np.ndarray  # int64 start offset of each text
    ends: np.ndarray  # int64 end offset of each text
    prefix: np.ndarray  # uint64, len(codes) + 1

    @classmethod
    def of(cls, texts: Sequence[str]) -> Batch:
        joined = "".join(texts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        ends = np.cumsum(lengths)
        starts = ends - lengths
        _POWERS.ensure(len(codes) + 1)
        with np.errstate(over="ignore"):
            weighted = (codes.astype(np.uint64) + np.uint64(1)) * _POWERS.inv[: len(codes)]
            prefix = np.empty(len(codes) + 1, dtype=np.uint64)
            prefix[0] = 0
            np.cumsum(weighted, out=prefix[1:])
        return cls(codes, starts, ends, prefix)

    def span_hashes(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Hashes of the spans [a, b) (global offsets, b > a), the length mixed in."""
        with np.errstate(over="ignore"):
            raw = (self.prefix[b] - self.prefix[a]) * _POWERS.pow[b - 1]
            return _finish(raw, (b - a).astype(np.uint64))

    def doc_of(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ends, positions, side="right")

    def char_ngrams(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(hashes, global start offsets) of every character n-gram that lies inside one text."""
        total = len(self.codes) - n + 1
        if total <= 0:
            return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
        with np.errstate(over="ignore"):
            raw = (self.prefix[n:] - self.prefix[:total]) * _POWERS.pow[n - 1 : n - 1 + total]
            hashes = _finish(raw, n)
        # windows that start in the last n-1 characters of a text run into the next one: drop them
        first_bad = np.maximum(self.ends - n + 1, self.starts)
        bad_counts = self.ends - first_bad
        if bad_counts.sum() == 0:
            return hashes, np.arange(total, dtype=np.int64)
        offsets = np.arange(int(bad_counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(bad_counts) - bad_counts, bad_counts)
        bad = np.repeat(first_bad, bad_counts) + offsets
        valid = np.ones(len(self.codes), dtype=bool)
        valid[bad] = False
        starts = np.flatnonzero(valid[:total])
        return hashes[starts], starts

    def locate(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(text index, offset within the text) of global offsets."""
        doc = self.doc_of(positions)
        return doc, positions - self.starts[doc]

    def word_ngrams(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(hashes, text index, start, end offsets within the text) of every n-word window.

        Texts must be in n-gram form: words separated by single spaces, no leading/trailing space.
        """
        codes = self.codes
        if len(codes) == 0:
            empty = np.empty(0, dtype=np.int64)
            return np.empty(0, dtype=np.uint64), empty, empty, empty
        is_space = codes == _SPACE
        boundary = np.zeros(len(codes) + 1, dtype=bool)
        boundary[self.starts[self.ends > self.starts]] = True
        boundary[1:-1] |= is_space[:-1]
        word_starts = np.flatnonzero(boundary[:-1] & ~np.append(is_space, False)[: len(codes)])
        end_mark = np.zeros(len(codes) + 1, dtype=bool)
        end_mark[self.ends[self.ends > self.starts]] = True
        end_mark[:-1] |= is_space
        word_ends = np.flatnonzero(end_mark[1:] & ~is_space) + 1
        if len(word_starts) < n:
            empty = np.empty(0, dtype=np.int64)
            return np.empty(0, dtype=np.uint64), empty, empty, empty
        doc_start = self.doc_of(word_starts)
        a = word_starts[: len(word_starts) - n + 1]
        b = word_ends[n - 1 :]
        same = doc_start[: len(a)] == doc_start[n - 1 :]
        a, b, doc = a[same], b[same], doc_start[: len(same)][same]
        return self.span_hashes(a, b), doc, a - self.starts[doc], b - self.starts[doc]
