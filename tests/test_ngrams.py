"""contamination.ngrams.batch.Batch: window hashes depend only on the window's text and never span two texts."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from contamination.index.hashtable import HashTable
from contamination.ngrams.batch import Batch

SETTINGS = settings(max_examples=200, deadline=None)

# a small alphabet so equal substrings across texts are common; astral characters check code points
CHARS = "abø å\u00e9\U0001f600"
raw_texts = st.lists(st.text(alphabet=CHARS, max_size=25), max_size=6)
words = st.text(alphabet="abæøå1", min_size=1, max_size=3)
ngram_texts = st.lists(st.lists(words, max_size=10).map(" ".join), max_size=6)


def char_windows(batch: Batch, texts: list[str], n: int) -> list[tuple[int, str, int]]:
    """(hash, substring, text index) of every window Batch.char_ngrams returns."""
    hashes, doc, offset = batch.char_ngrams(n)
    assert hashes.dtype == np.uint64 and len(hashes) == len(doc) == len(offset)
    out = []
    for h, d, o in zip(hashes.tolist(), doc.tolist(), offset.tolist(), strict=True):
        assert o >= 0 and o + n <= len(texts[d]), "a window must lie inside one text"
        out.append((h, texts[d][o : o + n], d))
    return out


@SETTINGS
@given(raw_texts, st.integers(1, 8))
def test_char_ngram_count_and_positions(texts: list[str], n: int) -> None:
    batch = Batch.of(texts)
    windows = char_windows(batch, texts, n)
    assert len(windows) == sum(max(len(t) - n + 1, 0) for t in texts)
    expected = sorted((d, t[i : i + n]) for d, t in enumerate(texts) for i in range(len(t) - n + 1))
    assert sorted((d, s) for _, s, d in windows) == expected


@SETTINGS
@given(raw_texts, raw_texts, st.integers(1, 6))
def test_char_ngram_hash_is_a_function_of_the_substring(a: list[str], b: list[str], n: int) -> None:
    by_text: dict[str, int] = {}
    by_hash: dict[int, str] = {}
    for texts in (a, b, a + b, b[::-1]):
        for h, s, _ in char_windows(Batch.of(texts), texts, n):
            assert by_text.setdefault(s, h) == h, "equal substrings must hash equal in any batch"
            assert by_hash.setdefault(h, s) == s, "different substrings collided"


@SETTINGS
@given(raw_texts, st.integers(1, 6))
def test_prefix_hashes_equal_first_window(texts: list[str], n: int) -> None:
    batch = Batch.of(texts)
    first = {d: h for h, s, d in reversed(char_windows(batch, texts, n))}  # the window at offset 0 wins
    for d, h in enumerate(batch.prefix_hashes(n).tolist()):
        if len(texts[d]) >= n:
            assert h == first[d]


def table_of(hashes: set[int]) -> HashTable:
    """The test-side hash table (bitmap + exact set) holding `hashes`."""
    keys = np.array(sorted(hashes), dtype=np.uint64)
    return HashTable.build(keys, np.zeros(len(keys), dtype=np.int64), 1)


@SETTINGS
@given(raw_texts, st.integers(1, 5), st.data())
def test_char_ngram_prefilter_keeps_every_wanted_window(
    texts: list[str], n: int, data: st.DataObject
) -> None:
    batch = Batch.of(texts)
    all_h, all_rows, all_off = batch.char_ngrams(n)
    wanted = data.draw(st.sets(st.sampled_from(all_h.tolist()))) if len(all_h) else set()
    table = table_of(wanted)
    hits = batch.char_hits(n, table)
    kept = set(zip(hits.hashes.tolist(), hits.rows.tolist(), hits.starts.tolist(), strict=True))
    # exactly the wanted windows: the bitmap lets some others through, the exact map stops them
    everything = zip(all_h.tolist(), all_rows.tolist(), all_off.tolist(), strict=True)
    assert kept == {w for w in everything if w[0] in wanted}
    # and each hit points at its postings in the table
    for h, first, count in zip(hits.hashes.tolist(), hits.first.tolist(), hits.count.tolist(), strict=True):
        assert count >= 1 and set(table.hashes[first : first + count].tolist()) == {h}


def test_char_ngrams_never_span_two_texts() -> None:
    texts = ["abc", "def", "", "g", "hijk"]
    windows = char_windows(Batch.of(texts), texts, 3)
    assert sorted(s for _, s, _ in windows) == ["abc", "def", "hij", "ijk"]
    assert "cde" not in {s for _, s, _ in windows}


def test_char_ngrams_empty_inputs() -> None:
    for texts in ([], [""], ["", ""], ["ab"]):
        hashes, rows, offsets = Batch.of(texts).char_ngrams(3)
        assert len(hashes) == len(rows) == len(offsets) == 0


def test_char_ngram_depends_on_n() -> None:
    h2, _, _ = Batch.of(["ab"]).char_ngrams(2)
    h1, _, _ = Batch.of(["ab"]).char_ngrams(1)
    assert not set(h2.tolist()) & set(h1.tolist())


def word_windows(batch: Batch, texts: list[str], n: int) -> list[tuple[int, int, int, int]]:
    hashes, doc, start, end = batch.word_ngrams(n)
    assert len(hashes) == len(doc) == len(start) == len(end)
    return list(zip(hashes.tolist(), doc.tolist(), start.tolist(), end.tolist(), strict=True))


@SETTINGS
@given(ngram_texts, st.integers(1, 5))
def test_word_ngram_windows_are_n_words_of_one_text(texts: list[str], n: int) -> None:
    windows = word_windows(Batch.of(texts), texts, n)
    expected = sorted(
        (d, " ".join(t.split(" ")[i : i + n]))
        for d, t in enumerate(texts)
        if t
        for i in range(len(t.split(" ")) - n + 1)
    )
    got = []
    for _, d, a, b in windows:
        t = texts[d]
        window = t[a:b]
        assert a == 0 or t[a - 1] == " "
        assert b == len(t) or t[b] == " "
        assert len(window.split(" ")) == n and "" not in window.split(" ")
        got.append((d, window))
    assert sorted(got) == expected
    assert len(windows) == sum(max(len(t.split(" ")) - n + 1, 0) for t in texts if t)


@SETTINGS
@given(ngram_texts, ngram_texts, st.integers(1, 4))
def test_word_ngram_hash_independent_of_batch(a: list[str], b: list[str], n: int) -> None:
    by_text: dict[str, int] = {}
    by_hash: dict[int, str] = {}
    for texts in (a, b, b + a, a[::-1]):
        for h, d, s, e in word_windows(Batch.of(texts), texts, n):
            w = texts[d][s:e]
            assert by_text.setdefault(w, h) == h, "equal windows must hash equal in any batch"
            assert by_hash.setdefault(h, w) == w, "different windows collided"


@SETTINGS
@given(ngram_texts, st.integers(1, 4), st.data())
def test_word_ngram_prefilter_keeps_every_wanted_window(
    texts: list[str], n: int, data: st.DataObject
) -> None:
    batch = Batch.of(texts)
    full = word_windows(batch, texts, n)
    wanted = data.draw(st.sets(st.sampled_from([w[0] for w in full]))) if full else set()
    hits = batch.word_hits(n, table_of(wanted))
    kept = set(
        zip(hits.hashes.tolist(), hits.rows.tolist(), hits.starts.tolist(), hits.ends.tolist(), strict=True)
    )
    assert kept == {w for w in full if w[0] in wanted}


def test_word_ngrams_never_span_two_texts() -> None:
    texts = ["a b", "c d e", "", "f"]
    windows = word_windows(Batch.of(texts), texts, 2)
    assert sorted(texts[d][s:e] for _, d, s, e in windows) == ["a b", "c d", "d e"]
    assert word_windows(Batch.of(texts), texts, 4) == []
    assert word_windows(Batch.of([]), [], 1) == []
    assert word_windows(Batch.of(["", ""]), ["", ""], 1) == []


def test_word_ngrams_thirteen() -> None:
    text = " ".join(f"ord{i}" for i in range(20))
    windows = word_windows(Batch.of(["kort tekst", text]), ["kort tekst", text], 13)
    assert len(windows) == 8
    assert all(d == 1 for _, d, _, _ in windows)


@SETTINGS
@given(raw_texts, raw_texts, st.integers(1, 4), st.integers(1, 4))
def test_char_hits_within_equals_a_full_scan(tests: list[str], train: list[str], m: int, extra: int) -> None:
    """Looking the longer n-grams up only where two shorter hits allow it finds exactly what a full scan
    finds, as long as both tables come from the same test texts."""
    n = m + extra
    test_batch, train_batch = Batch.of(tests), Batch.of(train)
    tables = {}
    for k in (m, n):
        h, rows, _ = test_batch.char_ngrams(k)
        tables[k] = HashTable.build(h, rows, max(len(tests), 1))
    shorter = train_batch.char_hits(m, tables[m])
    within = train_batch.char_hits_within(n, tables[n], shorter, m)
    full = train_batch.char_hits(n, tables[n])
    for field in ("hashes", "rows", "starts", "ends", "first", "count"):
        assert getattr(within, field).tolist() == getattr(full, field).tolist()


@SETTINGS
@given(raw_texts, raw_texts, st.integers(2, 8), st.integers(1, 7))
def test_anchored_char_hits_equal_a_full_scan(tests: list[str], train: list[str], n: int, q: int) -> None:
    """Skipping stretches whose q-gram the test texts lack loses no hit, as long as the anchor and the
    table come from the same test texts."""
    q = min(q, n - 1)
    test_batch, train_batch = Batch.of(tests), Batch.of(train)
    h, rows, _ = test_batch.char_ngrams(n)
    table = HashTable.build(h, rows, max(len(tests), 1))
    full = train_batch.char_hits(n, table)
    anchored = train_batch.char_hits(n, table, test_batch.anchor(q))
    for field in ("hashes", "rows", "starts", "ends", "first", "count"):
        assert getattr(anchored, field).tolist() == getattr(full, field).tolist()


def test_anchor_skips_unshared_text() -> None:
    """Text sharing no q-gram with the tests is looked up nowhere; a copied window is still found."""
    tests = ["geirangerfjorden er ein fjord i sunnmøre"]
    table = HashTable.build(*Batch.of(tests).char_ngrams(10)[:2], 1)
    anchor = Batch.of(tests).anchor(5)
    train = Batch.of(["xxxxxxxxxxxxxxxxxxxxxxxxx qqqqqqqq geirangerfjorden er zzzzzzzzzz"])
    hits = train.char_hits(10, table, anchor)
    assert hits.starts.tolist() == train.char_hits(10, table).starts.tolist() != []
