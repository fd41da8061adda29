"""Compiled (numba) kernels for the audit's hot loops over code points.

Everything here works on one batch laid out as a uint32 array of code points with per-row
[start, end) offsets. The functions are pure; `contamination.scan` decides what to run.

Hashes are polynomial (mod 2**64) rolling hashes, finished by adding the window length and a multiply
by a large odd constant, so the top bits (used by the bitmap prefilter) depend on every character.
Equal windows always get equal hashes; unequal windows can collide, which is why every finding is
verified on the strings.
"""

from __future__ import annotations

import functools
import unicodedata

import numba
import numpy as np

BASE = np.uint64(0x100000001B3)  # FNV prime: odd, so multiplication by it is invertible mod 2**64
LEN_MIX = np.uint64(0xD6E8FEB86659FD93)
SPREAD = np.uint64(0x9E3779B97F4A7C15)
WORD_BASE = np.uint64(0x9FB21C651E98DF25)
SPACE = 32
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
def _finish(h, length):
    return (h + np.uint64(length) * np.uint64(0xD6E8FEB86659FD93)) * np.uint64(0x9E3779B97F4A7C15)


@numba.njit(cache=True, nogil=True, inline="always")
def _power(n):
    """BASE ** n (mod 2**64): the weight of the character that leaves a rolling window of n + 1."""
    top = np.uint64(1)
    for _ in range(n):
        top = top * np.uint64(0x100000001B3)
    return top


@numba.njit(cache=True, nogil=True, inline="always")
def _poly(codes, a, b):
    """The polynomial hash of codes[a:b], before `_finish`."""
    h = np.uint64(0)
    for i in range(a, b):
        h = h * np.uint64(0x100000001B3) + np.uint64(codes[i]) + np.uint64(1)
    return h


@numba.njit(cache=True, nogil=True, inline="always")
def _roll(h, leaving, entering, top):
    """The window hash one character on: `leaving` drops out (weight `top`), `entering` comes in."""
    return (
        (h - (np.uint64(leaving) + np.uint64(1)) * top) * np.uint64(0x100000001B3)
        + np.uint64(entering)
        + np.uint64(1)
    )


@numba.njit(cache=True, nogil=True)
def fill_slots(hashes, slots, slot_first, slot_count, slot_shift):
    """Open-addressing map from each distinct non-zero hash of the sorted `hashes` to the range of its
    postings (first index, count); a 0 key marks an empty slot."""
    mask = np.uint64(len(slots) - 1)
    j = 0
    while j < len(hashes):
        k = hashes[j]
        run = 1
        while j + run < len(hashes) and hashes[j + run] == k:
            run += 1
        if k != 0:
            i = k >> slot_shift
            while slots[i] != 0:
                i = (i + np.uint64(1)) & mask
            slots[i] = k
            slot_first[i] = j
            slot_count[i] = run
        j += run


@numba.njit(cache=True, nogil=True, inline="always")
def _bit(bits, idx):
    """Bit `idx` of a bitmap held in bytes: 0 or 1."""
    return (bits[np.int64(idx >> np.uint64(3))] >> np.uint8(idx & np.uint64(7))) & np.uint8(1)


@numba.njit(cache=True, nogil=True, inline="always")
def _gather_bits(hashes, count, bits, shift, out):
    """out[k] = the bitmap bit of hashes[k] (its top bits), for k < count, in a loop without branches: the
    reads miss the cache, and here they overlap instead of each waiting on a branch."""
    for k in range(count):
        out[k] = _bit(bits, hashes[k] >> shift)


@numba.njit(cache=True, nogil=True, inline="always")
def _lookup(f, bits, shift, slots, slot_shift):
    """Slot index of key `f`, or -1. A cache-sized bitmap answers most misses before the map is read."""
    idx = f >> shift
    if _bit(bits, idx) == 0:
        return -1
    mask = np.uint64(len(slots) - 1)
    i = f >> slot_shift
    while True:
        v = slots[i]
        if v == f:
            return np.int64(i)
        if v == 0:
            return -1
        i = (i + np.uint64(1)) & mask


@numba.njit(cache=True, nogil=True, inline="always")
def _window_hashes(codes, s, e, n, top, out):
    """The hashes of every n-character window of codes[s:e], into out; returns how many there are."""
    windows = e - s - n + 1
    if windows <= 0:
        return 0
    h = _poly(codes, s, s + n)
    for k in range(windows):
        out[k] = _finish(h, n)
        if k + 1 < windows:
            h = _roll(h, codes[s + k], codes[s + k + n], top)
    return windows


@numba.njit(cache=True, nogil=True, inline="always")
def _longest(starts, ends):
    longest = 0
    for r in range(len(starts)):
        longest = max(longest, ends[r] - starts[r])
    return longest


@numba.njit(cache=True, nogil=True)
def char_windows(
    codes, starts, ends, n, bits, shift, slots, slot_shift, probe, out_h, out_row, out_off, out_slot
):
    """Every n-character window inside a row: hash, row, offset in the row. With `probe`, only the
    windows whose hash is a key of the table, with their slot (see `fill_slots`): per row, the window
    hashes first, then their bitmap bits read in a loop without branches (the cache misses overlap),
    then the windows whose bit is set."""
    top = _power(n - 1)
    hashes = np.empty(_longest(starts, ends) + 1, dtype=np.uint64)
    passes = np.ones(len(hashes), dtype=np.uint8)
    count = 0
    for r in range(len(starts)):
        windows = _window_hashes(codes, starts[r], ends[r], n, top, hashes)
        if probe:
            _gather_bits(hashes, windows, bits, shift, passes)
        for k in range(windows):
            if passes[k] == 0:
                continue
            slot = _lookup(hashes[k], bits, shift, slots, slot_shift) if probe else 0
            if slot >= 0:
                out_h[count] = hashes[k]
                out_row[count] = r
                out_off[count] = k
                out_slot[count] = slot
                count += 1
    return count


@numba.njit(cache=True, nogil=True)
def prefix_hashes(codes, starts, ends, n, out):
    """Hash of the first n characters of each row (0 where the row is shorter), as `char_windows` would."""
    for r in range(len(starts)):
        s = starts[r]
        if ends[r] - s < n:
            out[r] = 0
            continue
        h = _poly(codes, s, s + n)
        out[r] = _finish(h, n)


@numba.njit(cache=True, nogil=True)
def word_windows(
    codes, starts, ends, n, bits, shift, slots, slot_shift, probe,
    out_h, out_row, out_a, out_b, out_slot, word_h, word_s, word_e,
):  # fmt: skip
    """Hashes of every n-word window (words split on single spaces) inside a row.

    Word hashes are combined by a second polynomial over words, so a window hash is O(1) to roll.
    Writes hash, row, start and end offsets within the row (and the slot, with `probe`).
    """
    top = np.uint64(1)
    for _ in range(n - 1):
        top = top * np.uint64(0x9FB21C651E98DF25)
    window_h = np.empty(len(word_h), dtype=np.uint64)
    passes = np.empty(len(word_h), dtype=np.uint8)
    count = 0
    for r in range(len(starts)):
        s = starts[r]
        e = ends[r]
        nw = 0
        i = s
        while i < e:
            while i < e and codes[i] == 32:
                i += 1
            if i >= e:
                break
            ws = i
            h = np.uint64(0)
            while i < e and codes[i] != 32:
                h = h * np.uint64(0x100000001B3) + np.uint64(codes[i]) + np.uint64(1)
                i += 1
            word_h[nw] = _finish(h, i - ws)
            word_s[nw] = ws
            word_e[nw] = i
            nw += 1
        if nw < n:
            continue
        # every window's hash first, then (probing) their bitmap bits in a loop without branches, so the
        # cache misses overlap instead of waiting on each other, then the windows whose bit is set
        windows = nw - n + 1
        h = np.uint64(0)
        for k in range(n):
            h = h * np.uint64(0x9FB21C651E98DF25) + word_h[k]
        for k in range(windows):
            window_h[k] = _finish(h, n)
            if k + 1 < windows:
                h = (h - word_h[k] * top) * np.uint64(0x9FB21C651E98DF25) + word_h[k + n]
        if probe:
            _gather_bits(window_h, windows, bits, shift, passes)
        for k in range(windows):
            if probe and passes[k] == 0:
                continue
            f = window_h[k]
            slot = _lookup(f, bits, shift, slots, slot_shift) if probe else 0
            if slot >= 0:
                out_h[count] = f
                out_row[count] = r
                out_a[count] = word_s[k] - s
                out_b[count] = word_e[k + n - 1] - s
                out_slot[count] = slot
                count += 1
    return count


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
    mapping (see `contamination.prepare`): no character marked 255 in `lane_len`, no "&" that starts an
    HTML entity, and no adjacent pair (a, b) with `left[a] & right[b]`, neither in the row nor in its
    normalised form. Other rows are left empty with `plain` False.

    A character marked UNSEEN in `lane_len` (not yet looked at; see `contamination.prepare`) also makes
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
def probe_windows_at(
    codes, starts, rows, offsets, n, bits, shift, slots, slot_shift, out_keep, out_h, out_slot
):
    """Hash the n-character window at each (row, offset) given (as `char_windows` hashes it) and look it
    up in the table; `out_keep` marks the windows that are keys."""
    for k in range(len(rows)):
        a = starts[rows[k]] + offsets[k]
        f = _finish(_poly(codes, a, a + n), n)
        slot = _lookup(f, bits, shift, slots, slot_shift)
        out_keep[k] = slot >= 0
        out_h[k] = f
        out_slot[k] = slot


@numba.njit(cache=True, nogil=True)
def row_hashes(codes, starts, ends, out):
    """Hash of each whole row (as `char_windows` would hash a window that long)."""
    for r in range(len(starts)):
        out[r] = _finish(_poly(codes, starts[r], ends[r]), ends[r] - starts[r])


@numba.njit(cache=True, nogil=True)
def crowded_rows(codes, starts, ends, spaces, width, out):
    """`out[r]`: does some stretch of `width` characters of row r (all of it, if shorter) hold at least
    `spaces` spaces? (A running count, no branch on the text: ~1 cycle a character.)"""
    for r in range(len(starts)):
        s = starts[r]
        e = ends[r]
        head = min(s + width, e)
        count = 0
        for i in range(s, head):
            count += codes[i] == 32
        found = count >= spaces
        for i in range(head, e):
            count += np.int64(codes[i] == 32) - np.int64(codes[i - width] == 32)
            found |= count >= spaces
        out[r] = found


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


@numba.njit(cache=True, nogil=True)
def window_bits(codes, starts, ends, n, shift, bits):
    """Set the bitmap bit (top bits of the hash, as `HashTable.bits`) of every n-character window."""
    top = _power(n - 1)
    hashes = np.empty(_longest(starts, ends) + 1, dtype=np.uint64)
    for r in range(len(starts)):
        for k in range(_window_hashes(codes, starts[r], ends[r], n, top, hashes)):
            idx = hashes[k] >> shift
            bits[np.int64(idx >> np.uint64(3))] |= np.uint8(1) << np.uint8(idx & np.uint64(7))


@numba.njit(cache=True, nogil=True)
def char_windows_anchored(
    codes, starts, ends, n, q, anchor_bits, anchor_shift, bits, shift, slots, slot_shift,
    out_h, out_row, out_off, out_slot,
):  # fmt: skip
    """`char_windows` with a probe, skipping stretches that cannot hold a key.

    Windows p .. p + n - q all contain the q characters at p + n - q; when that q-gram's bit is clear in
    `anchor_bits` (set for every q-gram of the texts the keys come from), none of those n - q + 1 windows
    can be a key and none is hashed or looked up. Per row, all anchors are hashed first, then their bits
    read in one loop with no branch in it (the reads miss the cache and must overlap, not wait on each
    other), then the windows of the few stretches that pass are rolled as `char_windows` rolls them.
    """
    top = _power(n - 1)
    step = n - q + 1
    longest = _longest(starts, ends)
    anchor_at = np.empty(longest // step + 2, dtype=np.uint64)
    passes = np.empty(longest // step + 2, dtype=np.uint8)
    count = 0
    for r in range(len(starts)):
        s = starts[r]
        windows = ends[r] - s - n + 1
        if windows <= 0:
            continue
        stretches = (windows + step - 1) // step
        for k in range(stretches):
            a = s + k * step + n - q
            anchor_at[k] = _finish(_poly(codes, a, a + q), q)
        _gather_bits(anchor_at, stretches, anchor_bits, anchor_shift, passes)
        for k in range(stretches):
            if passes[k] == 0:
                continue
            p = k * step
            w = s + p
            h = _poly(codes, w, w + n)
            last = s + min(p + step, windows) - 1
            while True:
                f = _finish(h, n)
                slot = _lookup(f, bits, shift, slots, slot_shift)
                if slot >= 0:
                    out_h[count] = f
                    out_row[count] = r
                    out_off[count] = w - s
                    out_slot[count] = slot
                    count += 1
                if w >= last:
                    break
                h = _roll(h, codes[w], codes[w + n], top)
                w += 1
    return count


# what `row_repair_flags` reports per row (and the per-character classes it reads them from)
NEEDS_FTFY, TABLE_CHAR, MAYBE_BAD, SURROGATE = 1, 2, 4, 8
PAIR_LEFT, PAIR_RIGHT, BAD_ALONE = 16, 32, 64


@numba.njit(cache=True, nogil=True)
def row_repair_flags(codes, starts, ends, classes, out):
    """Per row, which of ftfy's triggers it holds (see `contamination.normalise.repair_many`): a
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
