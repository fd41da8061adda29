"""contamination.text.normalise: repair == ftfy.fix_text exactly; the normal forms and their properties."""

from __future__ import annotations

import unicodedata

import ftfy
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contamination.text.normalise import (
    REPAIR_TABLE,
    ngram_form,
    ngram_form_many,
    normalise,
    normalise_many,
    repair,
    repair_many,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that exercise every path of `repair`: ftfy's per-character tables, the full-ftfy triggers
# (entities, \r, C1 controls, terminal escapes, line separators) and the mojibake detector.
PIECES = [
    *"abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 .,;:!?-'\"()/",
    *"æøåÆØÅéèêüöÉÜÖßẞ",
    *"«»–—’‘“”…‚„′″ʼ",
    "\x80",
    "\x85",
    "\x8d",
    "\x9c",
    "\x9f",
    "\x00",
    "\x07",
    "\x1b",
    "\x1b[31m",
    "\x7f",
    "\ufeff",
    "\u200b",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
    "&aring;",
    "&oslash;",
    "&AElig;",
    "&#229;",
    "&#xe5;",
    "&",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\u2028",
    "\u2029",
    "\xa0",
    "\u3000",
    "ﬁ",
    "ﬂ",
    "ﬀ",
    "ﬃ",
    "Ａ",
    "ｂ",
    "１",
    "！",
    "Ã¥",
    "Ã¸",
    "Ã¦",
    "Ã…",
    "Ã˜",
    "Ã†",
    "Ã©",
    "â€™",
    "â€œ",
    "â€\x9d",
    "â€“",
    "â€”",
    "Â«",
    "Â»",
    "Â ",
    "Ã",
    "Â",
    "Œ",
    "œ",
    *"αβγΑΒΓΞΟωδ",
    *"абвгдВГРСжшщЖ",
    "\u0301",
    "\u0308",
    "\u030a",
    "e\u0301",
    "a\u030a",
    "o\u0308",
    "😀",
    "\U0001f1f3\U0001f1f4",
]

_MOJIBAKE_PIECES = {p for p in PIECES if p[0] in "ÃÂâŒœ" or "\x80" <= p[0] <= "\x9f"}
# characters ftfy's per-character fixers change (curly quotes, controls, ligatures, widths)
_TABLE_PIECES = {p for p in PIECES if any(ord(c) in REPAIR_TABLE for c in p)}

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# no per-character-table characters: mojibake, entities, line breaks, scripts, combining marks
texts_no_table = st.lists(st.sampled_from([p for p in PIECES if p not in _TABLE_PIECES]), max_size=40).map(
    "".join
)
# no mojibake-looking characters: everything else, table characters included
texts_no_mojibake = st.lists(
    st.sampled_from([p for p in PIECES if p not in _MOJIBAKE_PIECES]), max_size=40
).map("".join)
# Lone surrogates cannot become UTF-8; repair must still agree with ftfy on them.
texts_with_surrogates = st.lists(
    st.sampled_from([p for p in PIECES if p not in _TABLE_PIECES] + ["\ud800", "\udc00", "\udfff"]),
    max_size=20,
).map("".join)

MOJIBAKE = [
    "pÃ¥ skolen",
    "SÃ¸r-TrÃ¸ndelag fylkeskommune",
    "Ã†rlig talt, Ã¦ra er vÃ¥r",
    "Det erâ€™s ikke lett",
    "â€œHeiâ€\x9d sa hun â€“ og gikk",
    "BlÃ¥bÃ¦rsyltetÃ¸y",
    "KÃ¸benhavn og MalmÃ¶",
    "cafÃ©",
    "ÃƒÂ¥",  # double-encoded å
    "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",  # Russian as latin-1
    "&lt;p&gt;Bl&aring;b&aelig;r&lt;/p&gt;",
    "Linje én\r\nLinje to\r\n",
    "\x1b[1mfet\x1b[0m tekst",
    "ﬁnne ﬂere ﬁsker",
    "Ｏｓｌｏ ｋｏｍｍｕｎｅ",
    "“Sitat” og ‘sitat’",
    "Æ Ø Å æ ø å",
    "Ø1Ø",
    "ØÙ",
]


@SETTINGS
@given(texts_no_table)
@example("Ã¥")
@example("â€™")
@example("&amp;amp;")
def test_repair_equals_ftfy_without_table_chars(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)


@SETTINGS
@given(texts_no_mojibake)
def test_repair_equals_ftfy_without_mojibake(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)


@SETTINGS
@given(texts)
def test_repair_equals_ftfy_full_alphabet(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)


# regressions: a per-character fix (ligature, width, control) next to mojibake; ftfy re-checks after it
@pytest.mark.parametrize("text", ["ﬀÃ¥", "Ã\u3000", "\x00Â ", "\x1fÂ "])
def test_repair_table_char_next_to_mojibake(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)
    assert repair_many([text]) == [ftfy.fix_text(text)]


@SETTINGS
@given(texts_with_surrogates)
def test_repair_equals_ftfy_with_surrogates(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)
    assert repair_many([text, "abc"]) == [ftfy.fix_text(text), "abc"]


@SETTINGS
@given(st.lists(texts, max_size=8))
def test_repair_many_equals_ftfy(batch: list[str]) -> None:
    assert repair_many(batch) == [ftfy.fix_text(t) for t in batch]


@SETTINGS
@given(st.lists(st.text(max_size=30), max_size=6))
def test_repair_many_equals_ftfy_any_unicode(batch: list[str]) -> None:
    assert repair_many(batch) == [ftfy.fix_text(t) for t in batch]


@pytest.mark.parametrize("text", MOJIBAKE)
def test_repair_real_mojibake(text: str) -> None:
    assert repair(text) == ftfy.fix_text(text)
    assert repair_many([text]) == [ftfy.fix_text(text)]


def test_repair_fixes_norwegian_mojibake() -> None:
    assert repair("pÃ¥ skolen") == "på skolen"
    assert repair("SÃ¸r-TrÃ¸ndelag") == "Sør-Trøndelag"
    assert repair("BlÃ¥bÃ¦rsyltetÃ¸y") == "Blåbærsyltetøy"
    assert repair("&aring;") == "å"


def test_repair_many_empty() -> None:
    assert repair_many([]) == []
    assert normalise_many([]) == []
    assert ngram_form_many([]) == []


@SETTINGS
@given(texts)
def test_normalise_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@pytest.mark.parametrize("text", ["Ã¥ a", "ÂŒŒ", "ÂœÃ"])
def test_normalise_idempotent_on_unrepaired_mojibake(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert ngram_form(ngram_form(text)) == ngram_form(text)


@SETTINGS
@given(texts)
def test_ngram_form_idempotent(text: str) -> None:
    once = ngram_form(text)
    assert ngram_form(once) == once
    # the n-gram form of a normalised text is the n-gram form of the raw text
    assert ngram_form(normalise(text)) == once


@pytest.mark.parametrize("text", ["«â€œâ€œ"])
def test_ngram_form_idempotent_when_stripping_makes_mojibake(text: str) -> None:
    once = ngram_form(text)
    assert ngram_form(once) == once


@SETTINGS
@given(texts)
def test_normal_forms_whitespace_collapsed(text: str) -> None:
    for out in (normalise(text), ngram_form(text)):
        assert out == out.strip()
        assert "  " not in out
        assert out.split() == out.split(" ") or out == ""
        assert not any(c.isspace() and c != " " for c in out)


@SETTINGS
@given(texts)
def test_ngram_form_has_no_punctuation(text: str) -> None:
    out = ngram_form(text)
    assert not any(unicodedata.category(c)[0] in "PS" for c in out), out


@SETTINGS
@given(st.lists(texts, max_size=8))
def test_batch_equals_per_item(batch: list[str]) -> None:
    assert repair_many(batch) == [repair(t) for t in batch]
    norm = normalise_many(batch)
    assert norm == [normalise(t) for t in batch]
    assert ngram_form_many(norm) == [ngram_form(t) for t in batch]


# Words as Norwegian writes them: lower case, Capitalised or UPPER CASE. (A word that mixes a lower-case
# letter with upper-case Æ/Ø, such as "åÆÆ", is what UTF-8 misread as Latin-1 looks like, and ftfy,
# which the normalisation follows, repairs it: see test_ftfy_decides_on_mojibake_lookalikes.)
NORWEGIAN_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=12).flatmap(
    lambda w: st.sampled_from([w, w.capitalize(), w.upper()])
)


@SETTINGS
@given(st.lists(NORWEGIAN_WORD, min_size=1, max_size=12), st.sampled_from([" ", "  ", "\n", "\t", " \n "]))
def test_norwegian_letters_kept(words: list[str], sep: str) -> None:
    text = sep.join(words)
    expected = " ".join(w.lower() for w in words)
    assert normalise(text) == expected
    assert ngram_form(text) == expected


def test_ftfy_decides_on_mojibake_lookalikes() -> None:
    # "åÆÆ" is the byte pattern of UTF-8 read as Latin-1; ftfy decodes it, and normalisation follows ftfy
    assert normalise("åÆÆ") == ftfy.fix_text("åÆÆ").casefold()
    assert normalise("blåbær ÆRA") == "blåbær æra"


def test_norwegian_letters_not_ascii_folded() -> None:
    assert normalise("Blåbærsyltetøy på BRØDSKIVA") == "blåbærsyltetøy på brødskiva"
    assert normalise("ÆØÅ") == "æøå"
    assert ngram_form("«Kjære Åse», sa Øystein!") == "kjære åse sa øystein"


def test_casefold_and_nfkc() -> None:
    assert normalise("Straße") == "strasse"
    assert normalise("STRAẞE") == "strasse"
    assert normalise("ﬁnne") == "finne"
    assert normalise("Ｏｓｌｏ") == "oslo"
    assert normalise("a\u030a") == "å"  # combining ring composes to å
    assert normalise("ΣΟΦΊΑ") == normalise("σοφία")


def test_whitespace_collapsed() -> None:
    assert normalise("  Hei \t\n  på\r\n deg\u00a0 \u3000 ") == "hei på deg"
    assert normalise("") == ""
    assert normalise(" \n\t ") == ""


def test_punctuation_only_removed_in_ngram_form() -> None:
    text = "Hei, verden! «Sitat» – (parentes) 50 % … $5"
    assert normalise(text) == "hei, verden! «sitat» – (parentes) 50 % ... $5"
    assert ngram_form(text) == "hei verden sitat parentes 50 5"


def test_curly_quotes_and_mojibake_normalise_like_clean_text() -> None:
    assert normalise("Det erâ€™s pÃ¥ SKOLEN") == normalise("Det er's på skolen")
    assert normalise("“Hei”") == '"hei"'


def test_real_data_repair_equals_ftfy(norquad_test, norquad_validation, nocola_test, norne_rows) -> None:
    texts_: list[str] = []
    for rows in (norquad_test, norquad_validation):
        texts_ += sorted({r["context"] for r in rows})
        texts_ += [r["question"] for r in rows]
    texts_ += [r["text"] for r in nocola_test]
    texts_ += [r["text"] for r in norne_rows]
    got = repair_many(texts_)
    mismatches = [(t, g) for t, g in zip(texts_, got, strict=True) if g != ftfy.fix_text(t)]
    assert not mismatches, mismatches[:3]


def test_repair_many_past_one_chunk() -> None:
    """Rows are screened in chunks; a row to repair in a later chunk is still found."""
    texts = ["plain text"] * 5000
    texts[4500] = "pÃ¥ skolen &amp; “sitat”"
    texts[4097] = "a\ud800b"
    out = repair_many(texts)
    assert out[4500] == ftfy.fix_text(texts[4500]) == 'på skolen & "sitat"'
    assert out[4097] == ftfy.fix_text(texts[4097])
    assert out[:4097] == texts[:4097]


@pytest.mark.parametrize("text", ["\nÂ ", "a\n\nÂ x", "ok\nÂ \nÂ "])
def test_repair_sees_lines_as_ftfy_does(text: str) -> None:
    """ftfy fixes each line on its own, so a detector anchored at the start of a text fires at the start
    of every line ("Â " after a newline is a no-break space that lost its byte); found by hypothesis."""
    assert repair(text) == ftfy.fix_text(text)
    assert normalise_many([text]) == [" ".join(ftfy.fix_text(text).casefold().split())]
