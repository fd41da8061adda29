"""The distinct n-grams of the test units, one entry per distinct string: what the n-gram methods look up
and score against.

A `GramTable` is an open-addressing map from a window's hash (`contamination.ngrams.kernels`) to slots.
Each occupied slot is one distinct n-gram *string*: where its text first occurs in the units' code
points (`pos`; word n-grams also keep its length) and the list of units that hold it. Two strings with
the same hash take two slots with the same key (a probe walks on past a key whose text differs), so
the exact n-gram of a window is found by its hash and one comparison of its text, and no hash collision
can merge two n-grams or split one: scores computed on slots are the scores computed on strings.

Unit lists are stored once per distinct list: every n-gram of a passage is held by the same units (the
passage's field, and each question's whole item), so a test side of a few million n-grams has a few
thousand lists. `distinct` counts each unit's distinct strings (the denominator of the char scores).

Built in compiled passes over the units' code points with no sort: windows are hashed as they are
scanned, and a window that continues a run of windows already seen (a passage repeated in several units)
is recognised from the previous one by comparing one character, without a lookup.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba
import numpy as np

from contamination.ngrams import kernels
from contamination.ngrams.kernels import WORD_BASE

# A table is at most 3/4 full: its misses are answered by the bitmap before a probe, and a probe
# reads consecutive 8-byte keys, so a fuller table costs little and halves the memory of a sparse one.
MAX_LOAD = 0.75
_BUILD_LOAD = 0.5  # the scratch map of the build pass, which probes for every new n-gram


@numba.njit(cache=True, nogil=True, inline="always")
def same_codes(a_codes, a, b_codes, b, length):
    """codes a_codes[a:a + length] == b_codes[b:b + length]."""
    i = 0
    while i < length and a_codes[a + i] == b_codes[b + i]:
        i += 1
    return i == length


@numba.njit(cache=True, nogil=True, inline="always")
def _log2(size):
    k = 0
    while (1 << k) < size:
        k += 1
    return k


@numba.njit(cache=True, nogil=True, inline="always")
def _entry(f, g):
    """A scratch-map entry: the low 32 bits of the hash (made odd: never 0, the empty entry) above the
    gram id. The home slot comes from the top bits, so the two halves of the hash are both used."""
    return ((f | np.uint64(1)) << np.uint64(32)) | np.uint64(g)


@numba.njit(cache=True, nogil=True)
def _rehash(gkey, count, size):
    """The build's scratch map from hash to gram id (`_entry` per slot, 8 bytes), `size` slots holding
    grams 0..count-1."""
    m = np.zeros(size, dtype=np.uint64)
    mask = np.uint64(size - 1)
    shift = np.uint64(64 - _log2(size))
    for g in range(count):
        i = gkey[g] >> shift
        while m[i] != 0:
            i = (i + np.uint64(1)) & mask
        m[i] = _entry(gkey[g], g)
    return m


@numba.njit(cache=True, nogil=True, inline="always")
def _probe(codes, f, a, length, gkey, gpos, glen, m, shift):
    """The gram id of the string codes[a:a + length] with hash f, or -(slot + 1) of the empty slot where
    a new gram would go."""
    mask = np.uint64(len(m) - 1)
    top = (f | np.uint64(1)) << np.uint64(32)
    i = f >> shift
    while m[i] != 0:
        if (m[i] & np.uint64(0xFFFFFFFF00000000)) == top:
            g = np.int64(m[i] & np.uint64(0xFFFFFFFF))
            if gkey[g] == f and glen[g] == length and same_codes(codes, gpos[g], codes, a, length):
                return g
        i = (i + np.uint64(1)) & mask
    return -np.int64(i) - 1


@numba.njit(cache=True, nogil=True, inline="always")
def _touch(m, hashes, count, shift):
    """Read the home slot of each of the first `count` hashes in a loop with no branch, so the cache
    misses overlap (a probe that waits on its miss costs ~200 ns on a VM, ~10 ns overlapped); the
    probes that follow find the lines in cache. Returns a value only so the reads are kept."""
    acc = np.uint64(0)
    for k in range(count):
        acc ^= m[hashes[k] >> shift]
    return acc


@numba.njit(cache=True, nogil=True, inline="always")
def _full(count, windows, gkey, m):
    """Could `windows` new grams overflow the gram arrays or fill the scratch map past its load?"""
    return count + windows > len(gkey) or count + windows > _BUILD_LOAD * len(m)


@numba.njit(cache=True, nogil=True)
def char_grams(codes, starts, ends, n, row, wgram, gkey, gpos, glen, m, count, hashes):
    """Assign every n-character window of the texts, from text `row` on, its gram (distinct string) id:
    wgram[p] = the id of the window starting at code point p (-1 where none starts); new grams get
    their hash, first position and length in gkey, gpos, glen and an entry in the scratch map `m`.
    Returns (grams, the text to go on from: len(starts) when done), stopping before a text whose new
    grams might not fit (the arrays are grown outside, so none is reassigned in the loop).

    A window whose predecessor equals the text at c equals the text at c + 1 when one character agrees
    (the rest overlaps), so a passage repeated in later units costs a comparison per window, no lookup."""
    shift = np.uint64(64 - _log2(len(m)))
    top = kernels._power(n - 1)
    touched = np.uint64(0)
    for r in range(row, len(starts)):
        s = starts[r]
        if _full(count, max(ends[r] - s - n + 1, 0), gkey, m):
            return count, r, touched
        windows = kernels._window_hashes(codes, s, ends[r], n, top, hashes)
        touched ^= _touch(m, hashes, windows, shift)
        run = -1  # a position whose window's text equals the previous window's (-1: none)
        for k in range(windows):
            a = s + k
            f = hashes[k]
            g = -1
            if run >= 0:
                c = run + 1
                if c < a and wgram[c] >= 0 and codes[a + n - 1] == codes[c + n - 1]:
                    g = wgram[c]
                    run = c
            if g < 0:
                found = _probe(codes, f, a, n, gkey, gpos, glen, m, shift)
                if found >= 0:
                    g = found
                    run = gpos[g]
                else:
                    g = count
                    gkey[g] = f
                    gpos[g] = a
                    glen[g] = n
                    m[-found - 1] = _entry(f, g)
                    count += 1
                    run = a
            wgram[a] = g
    return count, len(starts), touched


@numba.njit(cache=True, nogil=True)
def word_grams(codes, starts, ends, n, row, wgram, gkey, gpos, glen, m, count, hashes):
    """`char_grams` for windows of n words (split on spaces, hashed as `kernels.word_windows` hashes
    them): wgram[p] = the gram of the window whose first word starts at p."""
    shift = np.uint64(64 - _log2(len(m)))
    top = np.uint64(1)
    for _ in range(n - 1):
        top = top * WORD_BASE
    size = len(hashes)
    word_h = np.empty(size, dtype=np.uint64)
    word_s = np.empty(size, dtype=np.int64)
    word_e = np.empty(size, dtype=np.int64)
    touched = np.uint64(0)
    for r in range(row, len(starts)):
        nw = kernels.split_words(codes, starts[r], ends[r], word_h, word_s, word_e)
        if nw < n:
            continue
        windows = nw - n + 1
        if _full(count, windows, gkey, m):
            return count, r, touched
        h = np.uint64(0)
        for k in range(n):
            h = h * WORD_BASE + word_h[k]
        for k in range(windows):
            hashes[k] = kernels._finish(h, n)
            if k + n < nw:
                h = (h - word_h[k] * top) * WORD_BASE + word_h[k + n]
        touched ^= _touch(m, hashes, windows, shift)
        for k in range(windows):
            f = hashes[k]
            a = word_s[k]
            length = word_e[k + n - 1] - a
            found = _probe(codes, f, a, length, gkey, gpos, glen, m, shift)
            if found >= 0:
                g = found
            else:
                g = count
                gkey[g] = f
                gpos[g] = a
                glen[g] = length
                m[-found - 1] = _entry(f, g)
                count += 1
            wgram[a] = g
    return count, len(starts), touched


def distinct_grams(
    codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, n: int, words: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(gram id per window start, -1 elsewhere; hash, first position and length per gram) of the
    n-character (or, with `words`, n-word) windows of the texts (see `char_grams`)."""
    if len(codes) >= 1 << 31:
        raise ValueError("test side too large: positions are 32-bit")
    wgram = np.full(len(codes), -1, dtype=np.int32)
    longest = int((ends - starts).max()) if len(starts) else 0
    hashes = np.empty(longest + 2, dtype=np.uint64)
    # a first guess, grown by doubling: a map sized for every window would be mostly empty (test text
    # repeats itself: a passage in each question's item) and cost cache misses and memory
    cap = max(len(codes) // 8, longest + 2, 1024)
    gkey = np.empty(cap, dtype=np.uint64)
    gpos = np.empty(cap, dtype=np.int32)
    glen = np.empty(cap, dtype=np.int32)
    m = _rehash(gkey, 0, 1 << max(4, int(np.ceil(np.log2(cap / _BUILD_LOAD)))))
    count, row = 0, 0
    build = word_grams if words else char_grams
    while True:
        count, row, _ = build(codes, starts, ends, n, row, wgram, gkey, gpos, glen, m, count, hashes)
        if row == len(starts):
            break
        # make room for at least the next text, doubling
        need = count + longest + 2
        if need > len(gkey):
            size = max(need, 2 * len(gkey))
            gkey, gpos, glen = (np.resize(x, size) for x in (gkey, gpos, glen))
        if need > _BUILD_LOAD * len(m):
            m = _rehash(gkey, count, 2 * len(m))
    return wgram, gkey[:count], gpos[:count], glen[:count]


@numba.njit(cache=True, nogil=True, inline="always")
def _mix(h):
    """splitmix64's finaliser: every bit of h reaches the top bits (a map's home slot)."""
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


@numba.njit(cache=True, nogil=True)
def _gram_units(wgram, starts, ends, count, item_of, nodes):
    """One pass over the windows, unit by unit: each gram's list of units as a node of a trie of lists
    (a list is its parent, the list without its last unit, plus that unit; units arrive in ascending
    order, so equal lists are one node), the distinct items per gram, and the distinct grams per unit.
    Returns None when the trie needs more than `nodes` nodes (the caller retries with more)."""
    node_of = np.zeros(count, dtype=np.int32)  # 0: the empty list
    last_unit = np.full(count, -1, dtype=np.int32)
    last_item = np.full(count, -1, dtype=np.int64)
    items = np.zeros(count, dtype=np.int32)
    distinct = np.zeros(len(starts), dtype=np.int64)
    parent = np.empty(nodes, dtype=np.int32)
    unit = np.empty(nodes, dtype=np.int32)
    depth = np.zeros(nodes, dtype=np.int32)
    size = 16
    while size * _BUILD_LOAD < nodes:
        size *= 2
    m = np.zeros(2 * size, dtype=np.uint64)  # key (parent + 1) << 32 | unit, child node
    mask = np.uint64(size - 1)
    shift = np.uint64(64 - _log2(size))
    n_nodes = 1
    for u in range(len(starts)):
        for p in range(starts[u], ends[u]):
            g = wgram[p]
            if g < 0 or last_unit[g] == u:
                continue
            last_unit[g] = u
            distinct[u] += 1
            if last_item[g] != item_of[u]:
                last_item[g] = item_of[u]
                items[g] += 1
            key = (np.uint64(node_of[g] + 1) << np.uint64(32)) | np.uint64(u)
            i = _mix(key) >> shift
            while m[2 * i] != 0 and m[2 * i] != key:
                i = (i + np.uint64(1)) & mask
            if m[2 * i] == 0:
                if n_nodes == nodes:
                    return None
                m[2 * i] = key
                m[2 * i + 1] = n_nodes
                parent[n_nodes] = node_of[g]
                unit[n_nodes] = u
                depth[n_nodes] = depth[node_of[g]] + 1
                n_nodes += 1
            node_of[g] = np.int32(m[2 * i + 1])
    return node_of, items, distinct, parent[:n_nodes], unit[:n_nodes], depth[:n_nodes]


def gram_units(
    wgram: np.ndarray, starts: np.ndarray, ends: np.ndarray, count: int, item_of: np.ndarray
) -> tuple[np.ndarray, ...]:
    """(trie node per gram, items per gram, distinct grams per unit, trie parent, unit, depth per node):
    see `_gram_units`. A test side has a few lists per unit: the trie starts that small."""
    nodes = max(4 * len(starts), count // 4, 1024)
    while True:
        out = _gram_units(wgram, starts, ends, count, item_of.astype(np.int64), nodes)
        if out is not None:
            return out
        nodes *= 4


@numba.njit(cache=True, nogil=True)
def lists_of(node_of, keep, parent, unit, depth):
    """The unit lists of the kept grams, each distinct list once: (list per gram, -1 where not kept;
    list bounds; units, ascending within a list; kept grams per unit)."""
    list_id = np.full(len(parent), -1, dtype=np.int32)
    lst = np.full(len(node_of), -1, dtype=np.int32)
    n_lists = 0
    total = 0
    for g in range(len(node_of)):
        if keep[g] and node_of[g] > 0:
            v = node_of[g]
            if list_id[v] < 0:
                list_id[v] = n_lists
                n_lists += 1
                total += depth[v]
            lst[g] = list_id[v]
    list_lo = np.zeros(n_lists + 1, dtype=np.int64)
    node = np.empty(n_lists, dtype=np.int64)
    for v in range(len(parent)):
        if list_id[v] >= 0:
            node[list_id[v]] = v
    for k in range(n_lists):
        list_lo[k + 1] = list_lo[k] + depth[node[k]]
    list_units = np.empty(total, dtype=np.int32)
    for k in range(n_lists):
        v = node[k]
        for i in range(list_lo[k + 1] - 1, list_lo[k] - 1, -1):  # the last unit first, up the trie
            list_units[i] = unit[v]
            v = parent[v]
    return lst, list_lo, list_units


@numba.njit(cache=True, nogil=True)
def kept_per_unit(wgram, starts, ends, keep):
    """Distinct kept grams per unit (when some grams are left out)."""
    count = np.zeros(len(starts), dtype=np.int64)
    last_unit = np.full(len(keep), -1, dtype=np.int32)
    for u in range(len(starts)):
        for p in range(starts[u], ends[u]):
            g = wgram[p]
            if g >= 0 and keep[g] and last_unit[g] != u:
                last_unit[g] = u
                count[u] += 1
    return count


@numba.njit(cache=True, nogil=True)
def place_grams(gkey, gpos, glen, lst, size, keys, pos, lens, slot_list):
    """The final table: each kept gram (lst >= 0) in the first free slot from its home slot."""
    mask = np.uint64(size - 1)
    shift = np.uint64(64 - _log2(size))
    for g in range(len(gkey)):
        if lst[g] < 0:
            continue
        i = gkey[g] >> shift
        while keys[i] != 0:
            i = (i + np.uint64(1)) & mask
        keys[i] = gkey[g]
        pos[i] = gpos[g]
        slot_list[i] = lst[g]
        if len(lens):
            lens[i] = glen[g]


@numba.njit(cache=True, nogil=True)
def key_bits(keys, shift, bits):
    """Set the bitmap bit (top bits) of every occupied slot's key."""
    for i in range(len(keys)):
        k = keys[i]
        if k != 0:
            idx = k >> shift
            bits[np.int64(idx >> np.uint64(3))] |= np.uint8(1) << np.uint8(idx & np.uint64(7))


@numba.njit(cache=True, nogil=True, inline="always")
def resolve(slot, keys, pos, lens, n, t_codes, codes, a, length):
    """The slot of the exact n-gram codes[a:a + length] whose hash is the key of `slot` (the first slot
    with that key, as the scans find it), or -1 when the window only shares a hash with the test side.
    `n` > 0: character n-grams (length n); 0: word n-grams (each slot's length in `lens`)."""
    key = keys[slot]
    mask = len(keys) - 1
    i = slot
    while keys[i] != 0:
        if keys[i] == key:
            size = n if n > 0 else lens[i]
            if size == length and same_codes(t_codes, pos[i], codes, a, length):
                return i
        i = (i + 1) & mask
    return -1


@dataclass
class GramTable:
    """The distinct n-grams of some texts (see the module docstring); `slots`, `bits`, `shift` and
    `slot_shift` are what the scan kernels probe (`contamination.ngrams.batch.Prefilter`)."""

    n: int  # characters per n-gram, or 0 for word n-grams (each slot's length in `lens`)
    slots: np.ndarray  # uint64 key per slot (a window hash; 0: empty)
    pos: np.ndarray  # int32: where the slot's n-gram first occurs in the texts' code points
    lens: np.ndarray  # int32 code points per slot (word n-grams; empty for character n-grams)
    lists: np.ndarray  # int32 unit list per slot
    list_lo: np.ndarray  # int64 bounds of each list in `list_units`
    list_units: np.ndarray  # int32, ascending within a list
    distinct: np.ndarray  # int64 distinct n-grams per unit
    bits: np.ndarray  # uint8 bitmap over the keys' top bits
    shift: np.uint64
    slot_shift: np.uint64

    def __len__(self) -> int:
        """Distinct n-grams (every kept one holds a list of at least one unit, and the lists are
        distinct, so an empty table is one without lists)."""
        return int(np.count_nonzero(self.slots)) if len(self.list_lo) > 1 else 0

    @property
    def empty(self) -> bool:
        return len(self.list_lo) <= 1

    @classmethod
    def of_chars(cls, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, n: int) -> GramTable:
        """The distinct n-character windows of the texts codes[starts[u]:ends[u]] (one per unit)."""
        wgram, gkey, gpos, _ = distinct_grams(codes, starts, ends, n, words=False)
        node_of, _items, distinct, parent, unit, depth = gram_units(
            wgram, starts, ends, len(gkey), np.zeros(len(starts), dtype=np.int64)
        )
        keep = np.ones(len(gkey), dtype=np.bool_)
        return cls.assemble(
            n, gkey, gpos, np.empty(0, np.int32), node_of, keep, parent, unit, depth, distinct
        )

    @classmethod
    def assemble(
        cls,
        n: int,
        gkey: np.ndarray,
        gpos: np.ndarray,
        glen: np.ndarray,
        node_of: np.ndarray,
        keep: np.ndarray,
        parent: np.ndarray,
        unit: np.ndarray,
        depth: np.ndarray,
        distinct: np.ndarray,
    ) -> GramTable:
        """The table of the kept grams (see `char_grams`, `gram_units`); `distinct`: kept grams per unit."""
        lst, list_lo, list_units = lists_of(node_of, keep, parent, unit, depth)
        kept = int(np.count_nonzero(lst >= 0))
        slot_bits = max(4, int(np.ceil(np.log2(max(kept, 1) / MAX_LOAD))))
        size = 1 << slot_bits
        slots = np.zeros(size, dtype=np.uint64)
        pos = np.zeros(size, dtype=np.int32)
        lens = np.zeros(size if n == 0 else 0, dtype=np.int32)
        slot_list = np.full(size, -1, dtype=np.int32)
        place_grams(gkey, gpos, glen, lst, size, slots, pos, lens, slot_list)
        # ~16 bits per n-gram, at most 4 MB: the bitmap stays in cache (see HashTable)
        k = int(min(25, max(16, np.ceil(np.log2(max(kept, 1) * 16)))))
        shift = np.uint64(64 - k)
        bits = np.zeros(1 << (k - 3), dtype=np.uint8)
        key_bits(slots, shift, bits)
        return cls(
            n,
            slots,
            pos,
            lens,
            slot_list,
            list_lo,
            list_units,
            distinct,
            bits,
            shift,
            np.uint64(64 - slot_bits),
        )

    def expand(self, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query index, unit) for every unit of the lists of the given slots."""
        lists = self.lists[slots]
        lo, hi = self.list_lo[lists], self.list_lo[lists + 1]
        count = hi - lo
        query = np.repeat(np.arange(len(slots), dtype=np.int64), count)
        offsets = np.arange(int(count.sum()), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
        return query, self.list_units[np.repeat(lo, count) + offsets].astype(np.int64)

    def find(
        self, codes: np.ndarray, starts: np.ndarray, rows: np.ndarray, n: int, test_codes: np.ndarray
    ) -> np.ndarray:
        """The slot of the exact n-gram that is each given row's first n characters (-1: none); `codes` and
        `starts` lay out the rows, `test_codes` the texts the table was built from."""
        out = np.full(len(rows), -1, dtype=np.int64)
        if len(rows) and not self.empty:
            find_prefixes(codes, starts, rows.astype(np.int64), n, self.bits, self.shift, self.slots,
                          self.slot_shift, self.pos, self.lens, self.n, test_codes, out)  # fmt: skip
        return out


@numba.njit(cache=True, nogil=True)
def find_prefixes(codes, starts, rows, n, bits, shift, keys, slot_shift, pos, lens, table_n, t_codes, out):
    """`GramTable.find`: hash each row's first n characters, look the hash up, resolve the exact n-gram."""
    for k in range(len(rows)):
        a = starts[rows[k]]
        f = kernels._finish(kernels._poly(codes, a, a + n), n)
        slot = kernels._lookup(f, bits, shift, keys, slot_shift)
        if slot >= 0:
            out[k] = resolve(slot, keys, pos, lens, table_n, t_codes, codes, a, n)
