"""contamination.text.prepare: the compiled fast path equals the reference normalisation, row for row."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_normalise import PIECES

from contamination.text.normalise import ngram_form_many, normalise_many
from contamination.text.prepare import prepare

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTRA = ["ØxØ", "ØØ", "Ù Ù", "&amp", "&#;", "&a;", "& amp;", "<b>", "´", "İ", "ǆ", "½", "Å", "Ω", "\u0149"]
# characters the lane admits as texts bring them, and the neighbours that could make a character
# normalise differently in a text than alone: combining marks, Hangul jamo, kana voicing marks,
# two-part Indic vowels, variation selectors, joiners, astral letters and symbols
SCRIPTS = [
    "🇳🇴",
    "🏳️‍🌈",
    "👍🏽",
    "😀",
    "\ufe0f",
    "\u200d",
    "𝐀",
    "𝒜",
    "🄐",
    "🈀",
    "\U0001d165",
    "\U000110ba",
    "مرحبا",
    "\u064e",
    "\u0651",
    "\u0675",
    "שָׁלוֹם",
    "\ufb1d",
    "江長",
    "\uf900",
    "カ",
    "\u3099",
    "\u309b",
    "ｶ",
    "\uff9e",
    "가",
    "\u1100",
    "\u1161",
    "\u11a8",
    "\u3131",
    "\u314f",
    "க",
    "\u0bc6",
    "\u0bbe",
    "क",
    "\u093c",
    "\u0e33",
    "ก",
    "\u0301",
    "\u0345",
    "\u037a",
    "\u0130",
    "\u00b4",
    "ß",
    "ﬃ",
    "Ω",
]
rows = st.lists(st.lists(st.sampled_from(PIECES + EXTRA + SCRIPTS), max_size=30).map("".join), max_size=8)


def _check(texts: list[str]) -> None:
    prepared = prepare(texts)
    norm = normalise_many(texts)
    assert prepared.norm.texts() == norm
    assert prepared.norm_texts == norm
    assert prepared.ngram.texts() == ngram_form_many(norm)


@SETTINGS
@given(rows)
@example(["it’s «fint» – ﬁne ＡＢ", "AT&T &amp; co", "Ã¥ være", "«â€œâ€œ", "plain text"])
@example(["a\ud800b", "", " ", "\t\n"])
@example(["\ufdfa\ufdfa\ufdfa", "plain", "\ufdfa"])  # expands 18x: more than the batch buffer holds
@example(["x 😀", "plain row", "e\u0301 y", "z"])  # rows from the reference path between plain ones
@example(["  a,,b  ", ",,,", "ab. ,cd", "a\rb", "x\x1b[31m", "a & b", "Q&A", "-- x --", "æ. ø,å"])
def test_prepare_equals_reference(texts: list[str]) -> None:
    _check(texts)


@SETTINGS
@given(st.lists(st.text(max_size=40), max_size=6))
def test_prepare_equals_reference_on_any_unicode(texts: list[str]) -> None:
    _check(texts)


def test_prepare_on_real_text(shared_data) -> None:
    from conftest import read_jsonl

    texts = [r["context"] for r in read_jsonl(shared_data / "norquad" / "test.jsonl")]
    texts += [r["text"] for r in read_jsonl(shared_data / "nocola" / "test.jsonl")]
    texts += [
        r["text"]
        for name in ("nb_dev", "nn_dev")
        for r in read_jsonl(shared_data / "norne" / f"{name}.jsonl")
    ]
    _check(texts)


def test_mojibake_pairs_never_involve_ascii() -> None:
    # the compiled lane skips the pair masks for ASCII characters; that is only sound if they are zero
    from contamination.text.prepare import suspicious_pairs

    left, right = suspicious_pairs()
    assert not left[:128].any() and not right[:128].any()
    assert left.any() and right.any()
