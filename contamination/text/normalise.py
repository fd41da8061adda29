"""Text normalisation shared by every audit method and by curation.

Two forms:
- `normalise` (for exact and substring matching): ftfy repair, Unicode NFKC, casefold, whitespace
  collapsed to single spaces and stripped.
- `ngram_form` (for n-gram methods): the same, then every punctuation or symbol character becomes a
  space and whitespace is collapsed again, so re-punctuated or re-wrapped copies still match.

Norwegian letters (æ ø å) are letters: they are never folded to ASCII. Both forms are idempotent.

Speed: `ftfy.fix_text` runs at a few MB/s, far below what an audit needs, yet on almost all real text
it changes nothing or only swaps single characters (curly quotes, ligatures, widths, controls). The
batch functions decide per row, in one compiled pass over the character classes ftfy's own tables
give, whether ftfy can do more than that; only those rows go through ftfy, the rest get the same per-character
table in one `str.translate`. tests/test_normalise.py checks `repair` against `ftfy.fix_text`.
"""

from __future__ import annotations

import functools
import re
import re._constants as sre
import re._parser as sre_parse
import unicodedata
from collections.abc import Sequence

import ftfy
import numpy as np
from ftfy import chardata, fixes
from ftfy.badness import BADNESS_RE, is_bad

from contamination.ngrams.batch import Batch
from contamination.text import kernels


def _class(codes: set[int]) -> str:
    return "".join(re.escape(chr(c)) for c in sorted(codes))


def _standalone_table() -> dict[int, str]:
    """What ftfy's per-character fixers make of each character that one of them changes."""
    chars: set[int] = set(chardata.CONTROL_CHARS) | set(chardata.LIGATURES) | set(chardata.WIDTH_MAP)
    chars.update(range(0x2018, 0x2020))
    chars.add(0x02BC)
    table: dict[int, str] = {}
    for code in sorted(chars):
        c = chr(code)
        out = fixes.remove_control_chars(
            fixes.uncurl_quotes(fixes.fix_character_width(fixes.fix_latin_ligatures(c)))
        )
        out = unicodedata.normalize("NFC", out)
        if out != c:
            table[code] = out
    return table


REPAIR_TABLE = _standalone_table()
# Characters that need the whole of ftfy: HTML entities, carriage returns and other line breaks,
# terminal escapes, C1 controls (surrogates: `repair` checks those first).
_FULL_FTFY_CODES = {ord(c) for c in "\r\x1b\x85\u2028\u2029"} | set(range(0x80, 0xA0))
_TABLE_RX = f"[{_class(set(REPAIR_TABLE))}]"


def _char_set(op: object, av: object) -> set[int] | None:
    """The code points one regex position matches (None: any, or a category such as \\s)."""
    if op is sre.LITERAL:
        return {av}  # type: ignore[arg-type]
    if op is sre.IN:
        chars: set[int] = set()
        for o, a in av:  # type: ignore[union-attr]
            if o is sre.LITERAL:
                chars.add(a)
            elif o is sre.RANGE:
                chars.update(range(a[0], a[1] + 1))
            else:  # NEGATE, CATEGORY
                return None
        return chars
    return None


def _mojibake_pairs() -> tuple[list[tuple[set[int], set[int]]], set[int]]:
    """What ftfy's mojibake detector (`ftfy.badness.BADNESS_RE`) needs in a text, read off the pattern.

    Returns (pairs, triggers): a text can only match if it holds, adjacent, a character of `left` then one
    of `right` for some (left, right) in `pairs` (one entry per alternative: its consecutive positions
    that match only non-ASCII characters), or one of the `triggers` (the non-ASCII characters of the few
    alternatives without two such positions in a row: C1 controls, Œ œ, Ã Â).
    """
    pairs: list[tuple[set[int], set[int]]] = []
    triggers: set[int] = set()
    for alternative in sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)[0][1][1]:
        positions = [
            _char_set(op, av) if op not in (sre.MAX_REPEAT, sre.AT) else None for op, av in alternative
        ]
        wide = [p if p and min(p) >= 128 else None for p in positions]
        adjacent = [(x, y) for x, y in zip(wide, wide[1:], strict=False) if x is not None and y is not None]
        if adjacent:
            pairs.append((set().union(*(x for x, _ in adjacent)), set().union(*(y for _, y in adjacent))))
        else:
            triggers.update(*(w for w in wide if w is not None))
    return pairs, triggers


MOJIBAKE_PAIRS, MOJIBAKE_TRIGGERS = _mojibake_pairs()
MOJIBAKE_LEFT = set().union(*(x for x, _ in MOJIBAKE_PAIRS))
MOJIBAKE_RIGHT = set().union(*(y for _, y in MOJIBAKE_PAIRS))
# A cheap superset of "ftfy's detector could match here": a left character followed by a right one, or a
# trigger. Rows without either cannot be flagged, so the slow detector only runs on the rest (and only
# around these spots; see `_looks_bad`).
_MAYBE_BAD_RX = f"[{_class(MOJIBAKE_LEFT)}][{_class(MOJIBAKE_RIGHT)}]|[{_class(MOJIBAKE_TRIGGERS)}]"

_FULL_FTFY_CHARS_RE = re.compile(f"[{_class(_FULL_FTFY_CODES)}]")


def _needs_full_ftfy(text: str) -> bool:
    # ftfy only unescapes what its entity pattern matches; a bare "&" leaves the text alone.
    # Two searches: one alternation of a character class and "&..." defeats the regex engine's
    # fast scanning and costs ~50x more on long texts
    return _FULL_FTFY_CHARS_RE.search(text) is not None or (
        "&" in text and chardata.HTML_ENTITY_RE.search(text) is not None
    )


_TABLE_RE = re.compile(_TABLE_RX)
_MAYBE_BAD_RE = re.compile(_MAYBE_BAD_RX)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


_BAD_REACH = 12  # longer than any alternative of BADNESS_RE


def _segment_bounds(text: str, at: int) -> tuple[int, int]:
    """The [start, end) of the segment ftfy fixes `text[at]` in: `ftfy.fix_text` works line by line (a
    segment ends after each newline, or after `max_decode_length` characters), and its detector's anchors
    see the segment, not the whole text."""
    limit = ftfy.TextFixerConfig().max_decode_length
    pos = 0
    while True:
        end = text.find("\n", pos) + 1 or len(text)
        end = min(end, pos + limit)
        if at < end or end >= len(text):
            return pos, end
        pos = end


def _looks_bad(text: str) -> bool:
    """`ftfy.badness.is_bad` of each segment ftfy would fix, searched only around the places that could
    start a match."""
    for hits, m in enumerate(_MAYBE_BAD_RE.finditer(text)):
        if hits >= 16:
            return any(is_bad(text[a:b]) for a, b in _segments(text))
        a, b = _segment_bounds(text, m.start())
        segment = text[a:b]
        lo, hi = m.start() - a, m.end() - a
        if BADNESS_RE.search(segment, max(0, lo - _BAD_REACH), hi + _BAD_REACH):
            return True
    return False


def _segments(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    while pos < len(text):
        _, end = _segment_bounds(text, pos)
        out.append((pos, end))
        pos = end
    return out


def _repair_one(text: str, full: bool, table: bool, maybe_bad: bool, ascii_only: bool) -> str:
    if (
        full
        or (maybe_bad and _looks_bad(text))
        or (not ascii_only and not unicodedata.is_normalized("NFC", text))
    ):
        return ftfy.fix_text(text)
    if table:
        fixed = unicodedata.normalize("NFC", text.translate(REPAIR_TABLE))
        # ftfy runs its fixers in a loop: what the per-character fixes leave (a removed control
        # character, an unfolded ligature) can itself be mojibake or an entity on the next round
        if _needs_full_ftfy(fixed) or _looks_bad(fixed):
            return ftfy.fix_text(text)
        return fixed
    return text


def repair(text: str) -> str:
    """ftfy's repair (mojibake, HTML entities, curly quotes, control characters), cheap when a no-op."""
    if _SURROGATE_RE.search(text):
        return ftfy.fix_text(text)
    return _repair_one(
        text,
        _needs_full_ftfy(text),
        _TABLE_RE.search(text) is not None,
        _MAYBE_BAD_RE.search(text) is not None,
        text.isascii(),
    )


@functools.lru_cache(maxsize=1)
def _repair_classes() -> np.ndarray:
    """Per BMP character, the classes `kernels.row_repair_flags` reads (the sets the regexes of
    `repair` are made of: all of them lie in the BMP)."""
    classes = np.zeros(0x10000, dtype=np.uint8)
    for codes, bit in (
        (_FULL_FTFY_CODES, kernels.NEEDS_FTFY),
        (set(REPAIR_TABLE), kernels.TABLE_CHAR),
        (MOJIBAKE_LEFT, kernels.PAIR_LEFT),
        (MOJIBAKE_RIGHT, kernels.PAIR_RIGHT),
        (MOJIBAKE_TRIGGERS, kernels.BAD_ALONE),
    ):
        classes[sorted(codes)] |= bit
    return classes


_FLAG_CHUNK = 4096


def repair_many(texts: Sequence[str], known_nfc: bool = False) -> list[str]:
    """`repair` over a batch: one compiled pass finds the few rows that need a closer look, with the
    same answers as the regexes `repair` searches (tests/test_normalise.py checks the batch against it).

    `known_nfc` skips the per-row NFC check for texts that are NFC by construction (NFKC output).
    """
    if known_nfc:
        out = list(texts)
    else:
        out = [t if t.isascii() or unicodedata.is_normalized("NFC", t) else repair(t) for t in texts]
    flags = np.zeros(len(texts), dtype=np.uint8)
    for start in range(0, len(texts), _FLAG_CHUNK):  # in chunks: a whole dataset as UTF-32 is large
        batch = Batch.of(texts[start : start + _FLAG_CHUNK])
        kernels.row_repair_flags(
            batch.codes, batch.starts, batch.ends, _repair_classes(), flags[start : start + _FLAG_CHUNK]
        )
    for row in np.flatnonzero(flags).tolist():
        f, t = int(flags[row]), texts[row]
        if f & kernels.SURROGATE:
            out[row] = ftfy.fix_text(t)
        else:
            full, table, maybe_bad = (
                bool(f & k) for k in (kernels.NEEDS_FTFY, kernels.TABLE_CHAR, kernels.MAYBE_BAD)
            )
            out[row] = _repair_one(t, full, table, maybe_bad, t.isascii())
    return out


def fold(text: str) -> str:
    """NFKC and casefold; NFKC again because casefolding can leave non-NFKC sequences."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


class _PunctTable(dict[int, str]):
    """For `str.translate`: punctuation (P*) and symbols (S*) become a space, other characters stay.

    Filled on demand (one `unicodedata.category` call per distinct character seen), so nobody pays
    for classifying all 1.1 million code points up front.
    """

    def __missing__(self, cp: int) -> str:
        c = chr(cp)
        out = " " if unicodedata.category(c)[0] in "PS" else c
        self[cp] = out
        return out


_PUNCT = _PunctTable()


def _punct_table() -> dict[int, str]:
    return _PUNCT


def normalise_many(texts: Sequence[str]) -> list[str]:
    """`normalise` over a batch (the reference implementation; `contamination.text.prepare` is the fast one).

    Whitespace is what `str.split` splits on.
    """
    return settle([" ".join(fold(t).split()) for t in repair_many(texts)])


_MAX_ROUNDS = 4


def settle(normalised: list[str]) -> list[str]:
    """Make normalisation idempotent: casefolding unrepaired mojibake ("Ã¥" -> "ã¥") can make text
    that ftfy repairs on a second pass, so rows that change are normalised again until they stop."""
    out = list(normalised)
    pending = list(range(len(out)))
    for _ in range(_MAX_ROUNDS):
        again = repair_many([out[i] for i in pending], known_nfc=True)
        changed = [(i, t) for i, t in zip(pending, again, strict=True) if t != out[i]]
        if not changed:
            break
        for i, t in changed:
            out[i] = " ".join(fold(t).split())
        pending = [i for i, _ in changed]
    return out


def strip_punctuation(text: str) -> str:
    return " ".join(text.translate(_punct_table()).split())


def ngram_form_many(normalised: Sequence[str]) -> list[str]:
    """`ngram_form` of already-normalised texts: punctuation and symbols become spaces."""
    return settle_ngram([strip_punctuation(t) for t in normalised])


def settle_ngram(stripped: list[str]) -> list[str]:
    """Make the n-gram form idempotent: removing punctuation from leftover mojibake can leave text that
    normalising changes again ("«â€œâ€œ" -> "â œâ œ" -> "⠜⠜"), so those rows go round until they stop."""
    out = list(stripped)
    pending = [i for i, (t, r) in enumerate(zip(out, repair_many(out), strict=True)) if r != t]
    for _ in range(_MAX_ROUNDS):
        if not pending:
            break
        again = [strip_punctuation(t) for t in normalise_many([out[i] for i in pending])]
        changed = [(i, t) for i, t in zip(pending, again, strict=True) if t != out[i]]
        for i, t in changed:
            out[i] = t
        pending = [i for i, _ in changed]
    return out


def normalise(text: str) -> str:
    return normalise_many([text])[0]


def ngram_form(text: str) -> str:
    """The n-gram form of a raw text (normalises first)."""
    return ngram_form_many(normalise_many([text]))[0]
