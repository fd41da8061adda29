"""Compiled (numba) kernels for the audit's hot loops over code points: window hashes and table probes.

Everything here works on one batch laid out as a uint32 array of code points with per-row
[start, end) offsets. The functions are pure; `contamination.ngrams.batch.Batch` decides what to run.

Hashes are polynomial (mod 2**64) rolling hashes, finished by adding the window length and a multiply
by a large odd constant, so the top bits (used by the bitmap prefilter) depend on every character.
Equal windows always get equal hashes; unequal windows can collide, which is why every finding is
verified on the strings.
"""

from __future__ import annotations

import numba
import numpy as np

# Hash constants, declared once (numba compiles module-level numpy scalars in as constants). Changing any
# of them changes every hash: bump `contamination.index.store.HASH_VERSION` with them.
BASE = np.uint64(0x100000001B3)  # character polynomial: the FNV prime, odd, so invertible mod 2**64
WORD_BASE = np.uint64(0x9FB21C651E98DF25)  # word polynomial over the words' hashes
LEN_MIX = np.uint64(0xD6E8FEB86659FD93)  # the window length, mixed in when a hash is finished
SPREAD = np.uint64(
    0x9E3779B97F4A7C15
)  # final multiply: the top bits (bitmap index) depend on every character
SPACE = 32  # word separator of the n-gram form


@numba.njit(cache=True, nogil=True, inline="always")
def _finish(h, length):
    """The window hash, never 0 (0 marks an empty slot in the tables' maps)."""
    f = (h + np.uint64(length) * LEN_MIX) * SPREAD
    return f + np.uint64(f == 0)


@numba.njit(cache=True, nogil=True, inline="always")
def _power(n):
    """BASE ** n (mod 2**64): the weight of the character that leaves a rolling window of n + 1."""
    top = np.uint64(1)
    for _ in range(n):
        top = top * BASE
    return top


@numba.njit(cache=True, nogil=True, inline="always")
def _poly(codes, a, b):
    """The polynomial hash of codes[a:b], before `_finish`."""
    h = np.uint64(0)
    for i in range(a, b):
        h = h * BASE + np.uint64(codes[i]) + np.uint64(1)
    return h


@numba.njit(cache=True, nogil=True, inline="always")
def _roll(h, leaving, entering, top):
    """The window hash one character on: `leaving` drops out (weight `top`), `entering` comes in."""
    return (h - (np.uint64(leaving) + np.uint64(1)) * top) * BASE + np.uint64(entering) + np.uint64(1)


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
def _gather_slots(hashes, count, passes, slots, slot_shift):
    """Read the home slot of each hash whose bitmap bit is set (slot 0 for the others), in a loop with
    no branch, so the lookups that follow find them in cache; returns a value only so the reads are
    kept (text that leaks passes the bitmap at nearly every window)."""
    acc = np.uint64(0)
    for k in range(count):
        acc ^= slots[(hashes[k] >> slot_shift) * np.uint64(passes[k])]
    return acc


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


@numba.njit(cache=True, nogil=True, inline="always")
def split_words(codes, s, e, word_h, word_s, word_e):
    """The words of codes[s:e] (runs between spaces): each word's hash, start and end written to the
    arrays; returns how many. The one definition of a word's hash, for the index and the scan alike."""
    nw = 0
    i = s
    while i < e:
        while i < e and codes[i] == SPACE:
            i += 1
        if i >= e:
            break
        ws = i
        h = np.uint64(0)
        while i < e and codes[i] != SPACE:
            h = h * BASE + np.uint64(codes[i]) + np.uint64(1)
            i += 1
        word_h[nw] = _finish(h, i - ws)
        word_s[nw] = ws
        word_e[nw] = i
        nw += 1
    return nw


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
        top = top * WORD_BASE
    window_h = np.empty(len(word_h), dtype=np.uint64)
    passes = np.empty(len(word_h), dtype=np.uint8)
    count = 0
    for r in range(len(starts)):
        s = starts[r]
        e = ends[r]
        nw = split_words(codes, s, e, word_h, word_s, word_e)
        if nw < n:
            continue
        # every window's hash first, then (probing) their bitmap bits in a loop without branches, so the
        # cache misses overlap instead of waiting on each other, then the windows whose bit is set
        windows = nw - n + 1
        h = np.uint64(0)
        for k in range(n):
            h = h * WORD_BASE + word_h[k]
        for k in range(windows):
            window_h[k] = _finish(h, n)
            if k + 1 < windows:
                h = (h - word_h[k] * top) * WORD_BASE + word_h[k + n]
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


@numba.njit(cache=True, nogil=True)
def char_windows_within(
    codes, starts, ends, hit_rows, hit_offs, m, n, bits, shift, slots, slot_shift,
    out_h, out_row, out_off, out_slot,
):  # fmt: skip
    """The n-character windows whose hash is a key of the table, looked for only at offsets o where
    the m-gram hits (grouped by row, ascending offsets) hold both o and o + n - m (a key's n-gram
    contains the test m-grams at both ends). Per row: the candidates' hashes (rolled from one to the
    next where they follow each other), their bitmap bits read in a loop with no branch (the misses
    overlap), then the candidates that pass looked up."""
    d = n - m
    top = _power(n - 1)
    warm = np.uint64(0)
    cand = np.empty(64, dtype=np.int64)
    cand_h = np.empty(64, dtype=np.uint64)
    passes = np.empty(64, dtype=np.uint8)
    count = 0
    j = 0
    while j < len(hit_rows):
        row = hit_rows[j]
        end = j
        while end < len(hit_rows) and hit_rows[end] == row:
            end += 1
        s = starts[row]
        length = ends[row] - s
        if end - j > len(cand):
            cand = np.empty(2 * (end - j), dtype=np.int64)
            cand_h = np.empty(2 * (end - j), dtype=np.uint64)
            passes = np.empty(2 * (end - j), dtype=np.uint8)
        n_cand = 0
        b = j
        prev = -2
        h = np.uint64(0)
        for a in range(j, end):
            o = hit_offs[a]
            if o + n > length:
                break
            while b < end and hit_offs[b] < o + d:
                b += 1
            if b == end or hit_offs[b] != o + d:
                continue
            if o == prev + 1:
                h = _roll(h, codes[s + prev], codes[s + o + n - 1], top)
            else:
                h = _poly(codes, s + o, s + o + n)
            prev = o
            cand[n_cand] = o
            cand_h[n_cand] = _finish(h, n)
            n_cand += 1
        _gather_bits(cand_h, n_cand, bits, shift, passes)
        warm ^= _gather_slots(cand_h, n_cand, passes, slots, slot_shift)
        for k in range(n_cand):
            if passes[k] == 0:
                continue
            slot = _lookup(cand_h[k], bits, shift, slots, slot_shift)
            if slot >= 0:
                out_h[count] = cand_h[k]
                out_row[count] = row
                out_off[count] = cand[k]
                out_slot[count] = slot
                count += 1
        j = end
    return count, warm


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
            count += codes[i] == SPACE
        found = count >= spaces
        for i in range(head, e):
            count += np.int64(codes[i] == SPACE) - np.int64(codes[i - width] == SPACE)
            found |= count >= spaces
        out[r] = found


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
    other), then the windows of the few stretches that pass are rolled as `char_windows` rolls them,
    and their table bits read the same way before the windows whose bit is set are looked up (in text
    that does share n-grams with the keys, a leak, most stretches pass).
    """
    top = _power(n - 1)
    step = n - q + 1
    longest = _longest(starts, ends)
    anchor_at = np.empty(longest // step + 2, dtype=np.uint64)
    passes = np.empty(longest // step + 2, dtype=np.uint8)
    win_h = np.empty(longest + 1, dtype=np.uint64)
    win_off = np.empty(longest + 1, dtype=np.int64)
    win_pass = np.empty(longest + 1, dtype=np.uint8)
    warm = np.uint64(0)
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
        nw = 0
        h = np.uint64(0)
        rolled_to = -1  # the offset of the window h holds
        for k in range(stretches):
            if passes[k] == 0:
                continue
            p = k * step
            last = min(p + step, windows) - 1
            for w in range(p, last + 1):
                if w == rolled_to + 1 and rolled_to >= 0:
                    h = _roll(h, codes[s + rolled_to], codes[s + rolled_to + n], top)
                else:
                    h = _poly(codes, s + w, s + w + n)
                rolled_to = w
                win_h[nw] = _finish(h, n)
                win_off[nw] = w
                nw += 1
        _gather_bits(win_h, nw, bits, shift, win_pass)
        warm ^= _gather_slots(win_h, nw, win_pass, slots, slot_shift)
        for i in range(nw):
            if win_pass[i] == 0:
                continue
            f = win_h[i]
            slot = _lookup(f, bits, shift, slots, slot_shift)
            if slot >= 0:
                out_h[count] = f
                out_row[count] = r
                out_off[count] = win_off[i]
                out_slot[count] = slot
                count += 1
    return count, warm
