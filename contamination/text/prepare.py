"""Fast normalisation of a batch into the two code-point forms the methods scan.

`prepare(texts)` gives the normalised form (exact, substring) and the n-gram form (char/word n-grams)
as `Batch`es, equal row for row to `normalise_many` and `ngram_form_many(normalise_many(...))`, the
reference implementations in `contamination.text.normalise` (tests/test_prepare.py checks the equality).

Most real rows are "plain": every character is one that ftfy at most swaps for a fixed replacement
(curly quotes, ligatures, full-width forms) and whose NFKC + casefold is the same whatever surrounds it,
and nothing in the row can look like mojibake to ftfy (no adjacent pair of characters that one of ftfy's
patterns needs, derived from the pattern itself in `suspicious_pairs`; none of the few characters that
start its other patterns). For those rows repair, folding, whitespace and punctuation handling are one
table lookup per character in a compiled pass over the rows' UTF-8 bytes. The table knows Latin letters
and common punctuation from the start and learns every other character the first time a text brings it
(`admit`; `_local` says which characters may be looked up alone). Every other row takes the reference
path.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from ftfy import chardata

from contamination.ngrams.batch import Batch, encode
from contamination.text import kernels
from contamination.text.normalise import (
    MOJIBAKE_LEFT,
    MOJIBAKE_PAIRS,
    MOJIBAKE_RIGHT,
    MOJIBAKE_TRIGGERS,
    REPAIR_TABLE,
    fold,
    repair_many,
    settle,
    settle_ngram,
    strip_punctuation,
)

# Characters whose presence sends a row to the reference path: what ftfy does more than swap (HTML
# entities, line-break and control handling, C1 controls) and what starts one of ftfy's mojibake
# patterns on its own (see `contamination.text.normalise._MAYBE_BAD_RX`).
# ("&" is only sensitive before an entity body; the compiled pass checks that itself.)
_SENSITIVE = (
    set("\r\x1b\x85\u2028\u2029")
    | {chr(c) for c in range(0x80, 0xA0)}
    | {chr(c) for c in chardata.CONTROL_CHARS}
    | {chr(c) for c in MOJIBAKE_TRIGGERS}
)


# The lane's tables cover the Basic Multilingual Plane and plane 1 (emoji, mathematical letters);
# characters past them always take the reference path.
LANE_SIZE = 0x20000
_HANGUL_JAMO = ((0x1100, 0x1200), (0xA960, 0xA980), (0xD7B0, 0xD800))
# astral characters the mojibake screening would need to see (its masks cover the BMP only)
_ASTRAL_MOJIBAKE = {c for c in MOJIBAKE_LEFT | MOJIBAKE_RIGHT | MOJIBAKE_TRIGGERS if c >= 0x10000}


def _local(ch: str) -> bool:
    """Does `ch` normalise the same alone as next to any other such character? NFKC composes a
    character with the one before it only when the second is a combining mark or a Hangul vowel or
    final jamo (every second element of a canonical composition is one of those), and reorders only
    combining marks; casefolding is context-free. So a text of characters that are none of these,
    normalised character by character, is the text normalised whole."""
    cp = ord(ch)
    category = unicodedata.category(ch)
    return (
        cp < LANE_SIZE
        and category[0] != "M"
        and category not in ("Cs", "Co", "Cn")
        and unicodedata.combining(ch) == 0
        and not any(lo <= cp < hi for lo, hi in _HANGUL_JAMO)
        and cp not in _ASTRAL_MOJIBAKE
    )


def _lane_output(c: str) -> str | None:
    """What a plain row's character becomes in the normalised form, or None if it makes a row not plain."""
    if c in _SENSITIVE or not _local(c) or unicodedata.normalize("NFC", c) != c:
        return None
    repaired = unicodedata.normalize("NFC", c.translate(REPAIR_TABLE))
    if repaired != c and not repaired.isascii():
        return None
    out = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", repaired).casefold())
    if not 1 <= len(out) <= kernels.MAX_EXPANSION:
        return None
    for a, b in zip(out, out[1:], strict=False):
        if not a.isascii() and not b.isascii():
            return None
    if any(o in _SENSITIVE or o in "ØÙ" or not _local(o) for o in out):
        return None
    return out


@functools.lru_cache(maxsize=1)
def suspicious_pairs() -> tuple[np.ndarray, np.ndarray]:
    """Bitmasks (left, right) over BMP code points such that ftfy's mojibake detector can only match a
    text holding an adjacent pair (a, b) with `left[a] & right[b] != 0`, or one of its trigger characters
    (which the lane table excludes). One bit per alternative of the detector's pattern (see
    `contamination.text.normalise.MOJIBAKE_PAIRS`); past 64 alternatives bits are shared, a superset."""
    left = np.zeros(kernels.TABLE_SIZE, dtype=np.uint64)
    right = np.zeros(kernels.TABLE_SIZE, dtype=np.uint64)
    for bit, (a, b) in enumerate(MOJIBAKE_PAIRS):
        mask = np.uint64(1) << np.uint64(bit % 64)
        left[[c for c in a if c < kernels.TABLE_SIZE]] |= mask
        right[[c for c in b if c < kernels.TABLE_SIZE]] |= mask
    return left, right


@functools.lru_cache(maxsize=1)
def lane_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(output length, COMPLEX or UNSEEN; output code points; is-whitespace; is-punctuation) per code
    point of the lane. Latin letters and common punctuation are filled up front; every other character
    when a text first brings it (`admit`): a process pays only for the characters its texts use, and the
    tables grow as it runs."""
    lane_len = np.full(LANE_SIZE, kernels.UNSEEN, dtype=np.uint8)
    lane_chars = np.zeros((LANE_SIZE, kernels.MAX_EXPANSION), dtype=np.uint32)
    lane_space = np.zeros(LANE_SIZE, dtype=np.bool_)
    lane_punct = np.zeros(LANE_SIZE, dtype=np.bool_)
    for cp in (*range(0x250), *range(0x2000, 0x2070)):
        _set_lane(chr(cp), lane_len, lane_chars, lane_space, lane_punct)
    return lane_len, lane_chars, lane_space, lane_punct


def _set_lane(c: str, lane_len: np.ndarray, chars: np.ndarray, space: np.ndarray, punct: np.ndarray) -> bool:
    out = _lane_output(c)
    if out is None:
        lane_len[ord(c)] = kernels.COMPLEX
        return False
    for o in out:
        space[ord(o)] = o.isspace()
        punct[ord(o)] = unicodedata.category(o)[0] in "PS"
    chars[ord(c), : len(out)] = [ord(o) for o in out]
    lane_len[ord(c)] = len(out)
    return True


def admit(code_points: np.ndarray) -> bool:
    """Look at characters the lane has not seen; True if any of them can take it."""
    tables = lane_tables()
    return any(
        [
            _set_lane(chr(cp), *tables)
            for cp in np.unique(code_points).tolist()
            if tables[0][cp] == kernels.UNSEEN
        ]
    )


@dataclass
class Prepared:
    """The normalised and n-gram forms of a batch (row texts decoded on demand)."""

    norm: Batch
    ngram: Batch
    # rows normalised by the compiled per-character pass: their n-gram form is their normalised form with
    # punctuation and whitespace runs made single spaces, character for character (the scan relies on it)
    plain: np.ndarray
    _norm_texts: list[str] | None = None

    @property
    def norm_texts(self) -> list[str]:
        if self._norm_texts is None:
            self._norm_texts = self.norm.texts()
        return self._norm_texts


def _with_rows(buffer: np.ndarray, fast: Batch, rows: list[int], texts: list[str]) -> Batch:
    """`fast` (whose `rows` the compiled pass left empty) with those rows set to `texts`. They are
    written after the other rows in the buffer `fast` lives in when it has room, so the batch is not
    copied (rows are addressed by their offsets, in any order); otherwise into a new array."""
    used = len(fast.codes)
    extra, extra_starts, extra_ends = encode(texts)
    if used + len(extra) <= len(buffer):
        buffer[used : used + len(extra)] = extra
        codes = buffer[: used + len(extra)]
    else:
        codes = np.concatenate([fast.codes, extra])
    starts, ends = fast.starts.copy(), fast.ends.copy()
    starts[rows] = used + extra_starts
    ends[rows] = used + extra_ends
    return Batch(codes, starts, ends)


_IDENTITY_LEN = np.ones(kernels.TABLE_SIZE, dtype=np.uint8)
_IDENTITY_CHARS = np.zeros((kernels.TABLE_SIZE, kernels.MAX_EXPANSION), dtype=np.uint32)
_IDENTITY_CHARS[:, 0] = np.arange(kernels.TABLE_SIZE, dtype=np.uint32)


def _table_pass(texts: list[str], fold: bool, strip_punct: bool, by_hand: Callable[[str], str]) -> list[str]:
    """Fold (per-character NFKC + casefold) and/or strip punctuation through the compiled table; rows
    with characters outside it go through `by_hand` (the reference for one row)."""
    lengths, chars, is_space, is_punct = kernels.fold_tables()
    if not fold:
        lengths, chars = _IDENTITY_LEN, _IDENTITY_CHARS
    batch = Batch.of(texts)
    out = np.empty(max(len(batch.codes) * (kernels.MAX_EXPANSION if fold else 1), 1), dtype=np.uint32)
    starts, ends = np.empty(len(texts), dtype=np.int64), np.empty(len(texts), dtype=np.int64)
    ok = np.empty(len(texts), dtype=np.bool_)
    used = kernels.fold_rows(
        batch.codes,
        batch.starts,
        batch.ends,
        lengths,
        chars,
        is_space,
        is_punct,
        strip_punct,
        out,
        starts,
        ends,
        ok,
    )
    done = Batch(out[:used], starts, ends).texts()
    return [d if good else by_hand(t) for d, good, t in zip(done, ok.tolist(), texts, strict=True)]


def _slow_lane(texts: list[str]) -> tuple[list[str], list[str]]:
    """The reference normalisation (`normalise_many`, `ngram_form_many`) with its per-character steps
    compiled: ftfy's exact repair first, then the table, then the settling rounds."""
    repaired = repair_many(texts)
    norm = settle(_table_pass(repaired, True, False, lambda t: " ".join(fold(t).split())))
    return norm, settle_ngram(_table_pass(norm, False, True, strip_punctuation))


class Scratch:
    """Output buffers reused from one `prepare` call to the next, for callers that prepare batch after
    batch (a scanner): fresh buffers cost a page fault and the zeroing of each page written, and push
    the scan's lookup tables out of the cache. What `prepare` returns with a scratch is valid until the
    next call with the same scratch."""

    def __init__(self) -> None:
        self.norm = self.ngram = np.empty(0, dtype=np.uint32)

    def buffers(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self.norm) < size:
            self.norm = np.empty(size + size // 4, dtype=np.uint32)
            self.ngram = np.empty(size + size // 4, dtype=np.uint32)
        return self.norm, self.ngram


def _utf8(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(UTF-8 bytes back to back, byte starts, byte ends) of the texts; half the work of UTF-32 for
    mostly-ASCII text, whose strings Python need not widen first."""
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    ends = np.cumsum(lengths)
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), ends - lengths, ends


def prepare(texts: Sequence[str], scratch: Scratch | None = None) -> Prepared:
    data, starts, ends = _utf8(texts)
    lane_len, lane_chars, is_space, is_punct = lane_tables()
    n = len(texts)
    # a character takes at least one byte and yields at most MAX_EXPANSION code points
    size = max(len(data) * kernels.MAX_EXPANSION, 1)
    if scratch is None:
        norm, ngram = np.empty(size, dtype=np.uint32), np.empty(size, dtype=np.uint32)
    else:
        norm, ngram = scratch.buffers(size)
    offsets = [np.empty(n, dtype=np.int64) for _ in range(4)]
    plain = np.empty(n, dtype=np.bool_)
    left, right = suspicious_pairs()
    unseen = np.empty(max(len(data), 1), dtype=np.int64)
    for _ in range(2):  # again once characters it had not seen were admitted
        count = kernels.plain_lane(
            data, starts, ends, lane_len, lane_chars, is_space, is_punct, left, right,
            norm, offsets[0], offsets[1], ngram, offsets[2], offsets[3], plain, unseen,
        )  # fmt: skip
        if not count or not admit(unseen[:count]):
            break
    norm_batch = Batch(norm[: offsets[1][-1] if n else 0], offsets[0], offsets[1])
    ngram_batch = Batch(ngram[: offsets[3][-1] if n else 0], offsets[2], offsets[3])
    slow_rows = np.flatnonzero(~plain).tolist()
    if not slow_rows:
        return Prepared(norm_batch, ngram_batch, plain)
    slow_norm, slow_ngram = _slow_lane([texts[r] for r in slow_rows])
    return Prepared(
        _with_rows(norm, norm_batch, slow_rows, slow_norm),
        _with_rows(ngram, ngram_batch, slow_rows, slow_ngram),
        plain,
    )


def ngram_is_stripped_norm(norm: Batch, ngram: Batch) -> np.ndarray:
    """Per row: is its n-gram form exactly its normalised form with punctuation, symbols and whitespace
    runs turned into single spaces (and trimmed)? True for every `plain` row by construction; the
    reference path can differ where settling re-normalised a row."""
    n = len(norm)
    _lengths, _chars, is_space, is_punct = kernels.fold_tables()
    out = np.empty(max(len(norm.codes), 1), dtype=np.uint32)
    starts, ends = np.empty(n, dtype=np.int64), np.empty(n, dtype=np.int64)
    ok = np.empty(n, dtype=np.bool_)
    kernels.fold_rows(
        norm.codes, norm.starts, norm.ends, _IDENTITY_LEN, _IDENTITY_CHARS, is_space, is_punct, True,
        out, starts, ends, ok,
    )  # fmt: skip
    same = np.empty(n, dtype=np.bool_)
    kernels.rows_equal(out, starts, ends, ngram.codes, ngram.starts, ngram.ends, same)
    return same & ok
