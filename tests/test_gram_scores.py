"""Compiled n-gram scores equal the reference computation on strings, whatever the hashes do.

The reference is the published definition, on Python sets of n-gram strings: a unit's distinct n-grams,
the share of them found in a training row, the longest stretch of the row covered by them (char
evidence), the smallest one found (word evidence). The compiled side is what the audit runs: a
`GramTable` built from the units, the scan's hits, `score_hits`, `longest_runs` and `smallest_grams`.
Collisions are forced two ways: tables whose keys are remapped onto a handful of values (every n-gram
shares its key with many others), and real collisions of the window hash itself (Thue-Morse strings
collide under any polynomial hash mod 2**64 at length 2048).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from contamination.index.grams import GramTable, distinct_grams, gram_units, kept_per_unit
from contamination.methods.gram_scores import longest_runs, score_hits, smallest_grams
from contamination.ngrams import kernels
from contamination.ngrams.batch import Batch, Hits

SETTINGS = settings(max_examples=150, deadline=None)

texts = st.lists(st.text(alphabet="abø", max_size=40), min_size=1, max_size=6)
word = st.sampled_from(["a", "b", "øy", "ab", "ba"])
word_texts = st.lists(st.lists(word, max_size=14).map(" ".join), min_size=1, max_size=5)


def char_reference(
    units: list[str], rows: list[str], n: int
) -> dict[tuple[int, int], tuple[int, int, tuple]]:
    """(row, unit) -> (shared distinct n-grams, unit's distinct n-grams, longest covered span)."""
    out = {}
    for u, unit in enumerate(units):
        grams = {unit[i : i + n] for i in range(len(unit) - n + 1)}
        for r, row in enumerate(rows):
            offsets = [o for o in range(len(row) - n + 1) if row[o : o + n] in grams]
            if not offsets:
                continue
            best = (offsets[0], offsets[0] + n)
            start, end = best
            for o in offsets[1:]:
                if o <= end:
                    end = max(end, o + n)
                else:
                    start, end = o, o + n
                if end - start > best[1] - best[0]:
                    best = (start, end)
            out[(r, u)] = (len({row[o : o + n] for o in offsets}), len(grams), best)
    return out


def word_reference(
    units: list[str], rows: list[str], n: int, max_items: int
) -> dict[tuple[int, int], tuple[int, int, str]]:
    """(row, unit) -> (shared non-boilerplate n-grams, unit's distinct n-grams, smallest shared one),
    each unit its own item; boilerplate: an n-gram found in more than `max_items` units."""

    def grams(text: str) -> set[str]:
        w = text.split(" ") if text else []
        return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}

    unit_grams = [grams(t) for t in units]
    counts: dict[str, int] = {}
    for g in unit_grams:
        for x in g:
            counts[x] = counts.get(x, 0) + 1
    out = {}
    for r, row in enumerate(rows):
        found = {x for x in grams(row) if counts.get(x, 0) <= max_items}
        for u, g in enumerate(unit_grams):
            shared = found & g
            if shared:
                out[(r, u)] = (len(shared), len(g), min(shared))
    return out


def char_table(units: list[str], n: int, weak: bool) -> tuple[Batch, GramTable]:
    b = Batch.of(units)
    table = GramTable.of_chars(b.codes, b.starts, b.ends, n)
    if weak:
        table = weaken(b, table, n)
    return b, table


def weaken(b: Batch, table: GramTable, n: int) -> GramTable:
    """The same n-grams with keys remapped onto 3 values: every probe walks past n-grams that share its key."""
    wgram, gkey, gpos, glen = distinct_grams(b.codes, b.starts, b.ends, n, words=False)
    node_of, _, distinct, parent, unit, depth = gram_units(
        wgram, b.starts, b.ends, len(gkey), np.zeros(len(b), np.int64)
    )
    keep = np.ones(len(gkey), dtype=np.bool_)
    return GramTable.assemble(n, weak_key(gkey), gpos, glen, node_of, keep, parent, unit, depth, distinct)


def weak_key(h: np.ndarray) -> np.ndarray:
    return ((h % np.uint64(3)) + np.uint64(1)) << np.uint64(62)


def weak_hits(rows: Batch, table: GramTable, n: int) -> Hits:
    """Every row window whose weak key is a key of the table, with the first slot of that key."""
    h, r, o = rows.char_ngrams(n)
    keys = weak_key(h)
    slots = np.array(
        [kernels._lookup(k, table.bits, table.shift, table.slots, table.slot_shift) for k in keys],
        dtype=np.int64,
    )
    keep = slots >= 0
    return Hits(r[keep], o[keep], o[keep] + n, slots[keep], table.slots)


def check_char(units: list[str], rows: list[str], n: int, weak: bool) -> None:
    ub, table = char_table(units, n, weak)
    expected = char_reference(units, rows, n)
    rb = Batch.of(rows)
    hits = weak_hits(rb, table, n) if weak else rb.char_hits(n, table)
    scored = score_hits(rb, hits, table, ub.codes)
    got = {
        (r, u): s
        for r, u, s in zip(scored.rows.tolist(), scored.units.tolist(), scored.shared.tolist(), strict=True)
    }
    assert got == {k: v[0] for k, v in expected.items()}
    assert [table.distinct[u] for u in range(len(units))] == [
        len({t[i : i + n] for i in range(len(t) - n + 1)}) for t in units
    ]
    spans = longest_runs(scored, table, np.arange(len(scored.rows)))
    for k, (r, u) in enumerate(zip(scored.rows.tolist(), scored.units.tolist(), strict=True)):
        assert tuple(spans[k].tolist()) == expected[(r, u)][2]


@SETTINGS
@given(texts, texts, st.integers(1, 5), st.booleans())
def test_char_scores_equal_the_reference(units: list[str], rows: list[str], n: int, weak: bool) -> None:
    check_char(units, rows, n, weak)


@SETTINGS
@given(word_texts, word_texts, st.integers(1, 4), st.integers(1, 3), st.booleans())
def test_word_scores_equal_the_reference(
    units: list[str], rows: list[str], n: int, max_items: int, weak: bool
) -> None:
    ub = Batch.of(units)
    wgram, gkey, gpos, glen = distinct_grams(ub.codes, ub.starts, ub.ends, n, words=True)
    node_of, items, unit_grams, parent, unit, depth = gram_units(
        wgram, ub.starts, ub.ends, len(gkey), np.arange(len(units), dtype=np.int64)
    )
    keep = items <= max_items
    kept = kept_per_unit(wgram, ub.starts, ub.ends, keep)
    keys = weak_key(gkey) if weak else gkey
    table = GramTable.assemble(0, keys, gpos, glen, node_of, keep, parent, unit, depth, kept)
    rb = Batch.of(rows)
    hits = rb.word_hits(n, table)
    if weak:
        h, r, a, b = rb.word_ngrams(n)
        slots = np.array(
            [kernels._lookup(k, table.bits, table.shift, table.slots, table.slot_shift) for k in weak_key(h)],
            dtype=np.int64,
        )
        ok = slots >= 0
        hits = Hits(r[ok], a[ok], b[ok], slots[ok], table.slots)
    scored = score_hits(rb, hits, table, ub.codes)
    expected = word_reference(units, rows, n, max_items)
    got = {
        (r, u): (s, int(unit_grams[u]))
        for r, u, s in zip(scored.rows.tolist(), scored.units.tolist(), scored.shared.tolist(), strict=True)
    }
    assert got == {k: v[:2] for k, v in expected.items()}
    spans = smallest_grams(scored, rb, table, np.arange(len(scored.rows)))
    for k, (r, u) in enumerate(zip(scored.rows.tolist(), scored.units.tolist(), strict=True)):
        a, b = spans[k].tolist()
        assert rows[r][a:b] == expected[(r, u)][2]


def thue_morse(length: int) -> str:
    return "".join("ab"[bin(i).count("1") % 2] for i in range(length))


def test_real_hash_collisions_neither_create_nor_merge_ngrams() -> None:
    n = 2048
    a = thue_morse(n)
    b = a.translate(str.maketrans("ab", "ba"))
    # the window hash really collides: a and b are different strings with one hash
    hashes, _, _ = Batch.of([a, b]).char_ngrams(n)
    assert a != b and hashes[0] == hashes[1]
    # a unit holding both has two distinct n-grams; a row holding b shares only b with a unit of a
    units = [a, a + "x" + b, "c" * n]
    rows = [b, a, "y" + b + "y", b + "c"]
    check_char(units, rows, n, weak=False)
    ub, table = char_table(units, n, weak=False)
    assert table.distinct.tolist() == [1, n + 2, 1]
