"""Compiled (numba) kernels of the normalisation lane: per-character tables, the plain-row pass over
UTF-8 bytes, and the screening of rows that need ftfy (see `contamination.text.prepare`)."""

from __future__ import annotations

import functools
import unicodedata

import numba
import numpy as np

TABLE_SIZE = 0x10000


MAX_EXPANSION = 4


COMPLEX = 255


# Blocks whose characters never compose with a neighbour under NFKC (no combining marks, no Hangul
# or Indic two-part vowels): there, normalising a text character by character equals normalising it
# whole, which is what lets a lookup table do the work. Rows with any other character take the
# exact Python path.
_SIMPLE_BLOCKS = (
    (0x0000, 0x0300),
    (0x0370, 0x0483),
    (0x048A, 0x0530),
    (0x1E00, 0x2000),
    (0x2000, 0x2C00),
    (0x3000, 0x3040),
    (0xFF00, 0xFFF0),
)


def in_simple_blocks(cp: int) -> bool:
    return any(lo <= cp < hi for lo, hi in _SIMPLE_BLOCKS)


def _fold_char(c: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", c).casefold())


@functools.lru_cache(maxsize=1)
def fold_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(expansion length or COMPLEX, expansion code points, is-whitespace, is-punctuation-or-symbol)."""
    lengths = np.full(TABLE_SIZE, COMPLEX, dtype=np.uint8)
    chars = np.zeros((TABLE_SIZE, MAX_EXPANSION), dtype=np.uint32)
    is_space = np.zeros(TABLE_SIZE, dtype=np.bool_)
    is_punct = np.zeros(TABLE_SIZE, dtype=np.bool_)
    for cp in range(TABLE_SIZE):
        c = chr(cp)
        is_space[cp] = c.isspace()
        is_punct[cp] = unicodedata.category(c)[0] in "PS"
    for lo, hi in _SIMPLE_BLOCKS:
        for cp in range(lo, hi):
            c = chr(cp)
            if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Mc", "Me", "Cs", "Co", "Cn"):
                continue
            out = _fold_char(c)
            if len(out) > MAX_EXPANSION or not all(
                in_simple_blocks(ord(o))
                and not unicodedata.combining(o)
                and unicodedata.category(o)[0] != "M"
                for o in out
            ):
                continue
            lengths[cp] = len(out)
            for k, o in enumerate(out):
                chars[cp, k] = ord(o)
    return lengths, chars, is_space, is_punct


@numba.njit(cache=True, nogil=True)
def fold_rows(
    codes, starts, ends, lengths, chars, is_space, is_punct, strip_punct, out, out_starts, out_ends, ok
):
    """Normalise rows through the table: fold, whitespace (and optionally punctuation) to single spaces.

    `ok[r]` is False where a row holds a character outside the table (the caller redoes it in Python).
    """
    pos = 0
    for r in range(len(starts)):
        out_starts[r] = pos
        row_start = pos
        pending = False
        good = True
        for i in range(starts[r], ends[r]):
            cp = codes[i]
            if cp >= 0x10000 or lengths[cp] == 255:
                good = False
                break
            for k in range(lengths[cp]):
                o = chars[cp, k]
                if is_space[o] or (strip_punct and is_punct[o]):
                    pending = True
                else:
                    if pending and pos > row_start:
                        out[pos] = 32
                        pos += 1
                    pending = False
                    out[pos] = o
                    pos += 1
        if not good:
            pos = row_start
        ok[r] = good
        out_ends[r] = pos
    return pos


@numba.njit(cache=True, nogil=True, inline="always")
def _entity_at(codes, j, e):
    """Does an HTML entity body (ftfy's `&#?[0-9A-Za-z]{1,24};` after the "&") start at j?"""
    if j < e and codes[j] == 35:  # '#'
        j += 1
    n = 0
    while j < e and n <= 24:
        c = codes[j]
        if (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122):
            n += 1
            j += 1
        else:
            break
    return 1 <= n <= 24 and j < e and codes[j] == 59  # ';'


UNSEEN = 254  # `lane_len` of a character not looked at yet (COMPLEX: looked at, not for the lane)


@numba.njit(cache=True, nogil=True, inline="always")
def _utf8_rest(data, lead, i):
    """The code point whose UTF-8 lead byte `lead` was just read, and the index past it."""
    if lead >= 0xF0:
        cp = (
            ((lead & 0x07) << 18)
            | ((data[i] & 0x3F) << 12)
            | ((data[i + 1] & 0x3F) << 6)
            | (data[i + 2] & 0x3F)
        )
        return cp, i + 3
    if lead >= 0xE0:
        return ((lead & 0x0F) << 12) | ((data[i] & 0x3F) << 6) | (data[i + 1] & 0x3F), i + 2
    return ((lead & 0x1F) << 6) | (data[i] & 0x3F), i + 1


@numba.njit(cache=True, nogil=True, inline="always")
def _collect_unseen(data, cp, i, e, lane_len, unseen, n_unseen):
    """Append `cp` and every later unseen character of the row (data[i:e]) to `unseen`."""
    unseen[n_unseen] = cp
    n_unseen += 1
    while i < e:
        c = np.int64(data[i])
        i += 1
        if c >= 0x80:
            c, i = _utf8_rest(data, c, i)
            if c < len(lane_len) and lane_len[c] == UNSEEN:
                unseen[n_unseen] = c
                n_unseen += 1
    return n_unseen


@numba.njit(cache=True, nogil=True)
def plain_lane(
    data, starts, ends, lane_len, lane_chars, is_space, is_punct, left, right,
    norm, norm_starts, norm_ends, ngram, ngram_starts, ngram_ends, plain, unseen,
):  # fmt: skip
    """Normalised and n-gram forms, in one pass, of every row that needs no repair beyond per-character
    mapping (see `contamination.text.prepare`): no character marked 255 in `lane_len`, no "&" that starts an
    HTML entity, and no adjacent pair (a, b) with `left[a] & right[b]`, neither in the row nor in its
    normalised form. Other rows are left empty with `plain` False.

    A character marked UNSEEN in `lane_len` (not yet looked at; see `contamination.text.prepare`) also makes
    its row not plain, and every unseen character of that row goes to `unseen`; returns how many did.

    The input is UTF-8 (`data`, rows at byte offsets): a quarter of the bytes of code points to write
    and read, and no widening of the Python strings first. It comes from Python's own encoder, so it is
    well formed (lone surrogates, encoded with "surrogatepass", decode to their code points)."""
    # ASCII classes: 0 kept, 1 whitespace, 2 punctuation or symbol, 3 not a one-character lane output
    ascii_class = np.full(128, 3, dtype=np.int64)
    ascii_out = np.zeros(128, dtype=np.uint32)
    for c in range(128):
        if lane_len[c] == 1 and c != 38:  # "&" may start an HTML entity
            o = lane_chars[c, 0]
            ascii_out[c] = o
            ascii_class[c] = 1 if is_space[o] else (2 if is_punct[o] else 0)
    pn = 0
    pg = 0
    n_unseen = 0
    for r in range(len(starts)):
        s = starts[r]
        e = ends[r]
        norm_starts[r] = pn
        ngram_starts[r] = pg
        ok = True
        row_n = pn
        row_g = pg
        gap_n = 0
        gap_g = 0
        prev = 0  # previous character of the row, for the pair check on the input
        prev_out = 0  # previous character written to the normalised form, for the pair check on the output
        i = s
        while i < e:
            cp = np.int64(data[i])
            i += 1
            if cp < 128:
                cls = ascii_class[cp]
                if cls != 3:
                    # ASCII (most text): one output character and no pair check (pairs are of non-ASCII
                    # characters), written without branching on spaces and punctuation, whose places a
                    # branch predictor cannot learn: a space is written, then kept or overwritten
                    prev = cp
                    o = ascii_out[cp]
                    space = np.int64(cls == 1)
                    word = 1 - space
                    norm[pn] = 32
                    pn += word & gap_n & np.int64(pn > row_n)
                    norm[pn] = o
                    pn += word
                    prev_out = o if word else prev_out
                    gap_n = space
                    kept = np.int64(cls == 0)
                    ngram[pg] = 32
                    pg += kept & gap_g & np.int64(pg > row_g)
                    ngram[pg] = o
                    pg += kept
                    gap_g = 1 - kept
                    continue
            if cp >= 0x80:
                cp, i = _utf8_rest(data, cp, i)
            if cp < len(lane_len) and lane_len[cp] == UNSEEN:
                ok = False
                n_unseen = _collect_unseen(data, cp, i, e, lane_len, unseen, n_unseen)
                break
            # pairs are of non-ASCII BMP characters only (checked when the tables are filled), so ASCII
            # (most of the text) skips the mask tables
            if (
                cp >= len(lane_len)
                or lane_len[cp] == COMPLEX
                or (0x10000 > cp >= 128 and 0x10000 > prev >= 128 and left[prev] & right[cp])
            ):
                ok = False
                break
            if cp == 38 and _entity_at(data, i, e):
                ok = False
                break
            prev = cp
            for k in range(lane_len[cp]):
                o = lane_chars[cp, k]
                if is_space[o]:
                    gap_n = 1
                    gap_g = 1
                    continue
                if gap_n and pn > row_n:
                    norm[pn] = 32
                    pn += 1
                    prev_out = 32
                gap_n = 0
                if 0x10000 > o >= 128 and 0x10000 > prev_out >= 128 and left[prev_out] & right[o]:
                    ok = False
                prev_out = o
                norm[pn] = o
                pn += 1
                if is_punct[o]:
                    gap_g = 1
                    continue
                if gap_g and pg > row_g:
                    ngram[pg] = 32
                    pg += 1
                gap_g = 0
                ngram[pg] = o
                pg += 1
            if not ok:  # folding made a pair ftfy might read as mojibake
                break
        if not ok:  # leave the row to the reference path
            pn = row_n
            pg = row_g
        plain[r] = ok
        norm_ends[r] = pn
        ngram_ends[r] = pg
    return n_unseen


@numba.njit(cache=True, nogil=True)
def rows_equal(a, a_starts, a_ends, b, b_starts, b_ends, out):
    """`out[r]`: is row r of the first batch the same code points as row r of the second?"""
    for r in range(len(a_starts)):
        n = a_ends[r] - a_starts[r]
        same = n == b_ends[r] - b_starts[r]
        i = 0
        while same and i < n:
            same = a[a_starts[r] + i] == b[b_starts[r] + i]
            i += 1
        out[r] = same


# what `row_repair_flags` reports per row (and the per-character classes it reads them from)
NEEDS_FTFY, TABLE_CHAR, MAYBE_BAD, SURROGATE = 1, 2, 4, 8


PAIR_LEFT, PAIR_RIGHT, BAD_ALONE = 16, 32, 64


@numba.njit(cache=True, nogil=True)
def row_repair_flags(codes, starts, ends, classes, out):
    """Per row, which of ftfy's triggers it holds (see `contamination.text.normalise.repair_many`): a
    character that needs the whole of ftfy or an HTML entity, a character of the per-character table,
    a character that can start mojibake alone or a (left, right) pair that can, a lone surrogate.
    `classes` gives each BMP character's NEEDS_FTFY, TABLE_CHAR, PAIR_LEFT, PAIR_RIGHT and BAD_ALONE bits."""
    for r in range(len(starts)):
        flags = 0
        left = False
        e = ends[r]
        for i in range(starts[r], e):
            c = codes[i]
            cl = classes[c] if c < len(classes) else 0
            flags |= cl & (NEEDS_FTFY | TABLE_CHAR)
            if cl & BAD_ALONE or (left and cl & PAIR_RIGHT):
                flags |= MAYBE_BAD
            left = cl & PAIR_LEFT != 0
            if 0xD800 <= c < 0xE000:
                flags |= SURROGATE
            elif c == 38 and _entity_at(codes, i + 1, e):
                flags |= NEEDS_FTFY
        out[r] = flags
