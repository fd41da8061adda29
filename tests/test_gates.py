"""Gated scans (substring and token13 only in rows with a character-method hit) find exactly what scanning
every row finds: the gating argument in `contamination.methods.base` is a proof, this checks it on hostile text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from contamination.config import AuditConfig
from contamination.engine import Scanner
from contamination.index.testindex import TestIndex
from contamination.ngrams.batch import Batch
from contamination.testside.testsets import TestSet, TestUnit
from contamination.text.normalise import strip_punctuation
from contamination.text.prepare import ngram_is_stripped_norm, prepare

SETTINGS = settings(max_examples=60, deadline=None)

PIECES = [
    "Geirangerfjorden er ein av dei mest kjende fjordane i Noreg",
    "og turistane kjem frå heile verda for å sjå han",
    "1 2 3 4 5 6 7 8 9 1 2 3 4 5 6",  # 13 words in fewer than 30 characters
    "a b c d e f g h i j k l m n o",
    "———————————————————————————————————————————————— ok",  # long normalised form, short n-gram form
    "!!! ??? ... ,,, ;;; ::: --- ((( ))) [[[ ]]] {{{ }}} *** ### @@@ %%% &&& +++",
    "Ã¥rets beste bÃ¸ker",  # mojibake: repaired
    "smørbrød 😀 med reker",  # outside the compiled lane
    "kafe\u0301 og «sitat» – “curly”",
    "ＦＵＬＬＷＩＤＴＨ ﬂyttet",
    "&amp; &lt;b&gt;",
    "Det var en gang en konge som hadde tre døtre",
]
piece = st.sampled_from(PIECES)
unit_text = st.lists(piece, min_size=1, max_size=6).map(" ".join)


@st.composite
def train_texts(draw: st.DrawFn, units: list[str]) -> list[str]:
    out = []
    for _ in range(draw(st.integers(1, 8))):
        source = draw(st.sampled_from(units))
        a = draw(st.integers(0, len(source)))
        b = draw(st.integers(a, len(source)))
        before = draw(st.lists(piece, max_size=2).map(" ".join))
        after = draw(st.lists(piece, max_size=2).map(" ".join))
        sep = draw(st.sampled_from([" ", "\n", ". ", ""]))
        out.append(sep.join([before, source[a:b], after]))
    return out


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    units = draw(st.lists(unit_text, min_size=1, max_size=5))
    return units, draw(train_texts(units))


def findings(index: TestIndex, train: list[str], gated: bool) -> list[tuple]:
    scanner = Scanner(index, gated=gated)
    found = scanner.scan(list(range(len(train))), [f"t{i}" for i in range(len(train))], train)
    return sorted((f.train_ordinal, f.unit, f.method, f.score, f.evidence) for f in found)


def build(units: list[str], **config: object) -> TestIndex:
    test_set = TestSet(
        name="t",
        units=[TestUnit(str(i), "item", u) for i, u in enumerate(units)],
        items=len(units),
        sha256="0" * 64,
        source="t.jsonl",
    )
    return TestIndex.build([test_set], AuditConfig(**config))


@SETTINGS
@given(cases())
def test_gated_scan_equals_full_scan(case: tuple[list[str], list[str]]) -> None:
    units, train = case
    index = build(units)
    assert findings(index, train, gated=True) == findings(index, train, gated=False)


@SETTINGS
@given(cases(), st.sampled_from([("char50", "token13", "substring"), ("char30", "exact", "substring")]))
def test_gated_scan_equals_full_scan_other_methods(case: tuple[list[str], list[str]], methods: tuple) -> None:
    units, train = case
    index = build(units, methods=list(methods), min_substring=40)
    assert findings(index, train, gated=True) == findings(index, train, gated=False)


def test_gates_cover_the_hard_units() -> None:
    """The hostile pieces really exercise the fallbacks the gates need."""
    index = build([PIECES[2], PIECES[4], PIECES[0] + " " + PIECES[1]])
    assert index.gate_n == 30  # char30 gates
    assert index.parts["token13"].dense  # "1 2 3 ..." has 13 words in under 30 characters
    assert (
        index.parts["substring"].ungated_prefix_table is not None
    )  # the dash line: 50+ characters, n-gram form "ok"
    assert build([PIECES[0] + " " + PIECES[1]]).parts["substring"].ungated_prefix_table is None


def test_no_character_method_no_gates() -> None:
    index = build([PIECES[0]], methods=["exact", "substring", "token13"])
    assert index.gate_n is None and not index.parts["token13"].dense
    assert not len(index.parts["substring"].ungated)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="ab1 ", max_size=4), max_size=20).map(" ".join), max_size=5))
def test_short_word_windows_flags_every_row_with_one(texts: list[str]) -> None:
    texts = [" ".join(t.split()) for t in texts]  # n-gram form: single spaces
    flags = Batch.of(texts).short_word_windows(4, 9).tolist()
    for text, flag in zip(texts, flags, strict=True):
        words = text.split(" ") if text else []
        has = any(len(" ".join(words[i : i + 4])) < 9 for i in range(len(words) - 3))
        assert flag or not has, text


@settings(max_examples=200, deadline=None)
@given(st.lists(unit_text, max_size=5))
def test_ngram_is_stripped_norm_matches_the_reference(texts: list[str]) -> None:
    prepared = prepare(texts)
    norm, ngram = prepared.norm.texts(), prepared.ngram.texts()
    same = ngram_is_stripped_norm(prepared.norm, prepared.ngram).tolist()
    for a, b, s in zip(norm, ngram, same, strict=True):
        # rows with characters past the compiled table's range are answered "no" (a safe answer)
        assert s == (strip_punctuation(a) == b) or (not s and any(ord(c) > 0xFFFF for c in a))
    # the plain lane keeps the relation by construction (the gates rely on it for training rows)
    assert all(
        strip_punctuation(a) == b for a, b, p in zip(norm, ngram, prepared.plain.tolist(), strict=True) if p
    )
