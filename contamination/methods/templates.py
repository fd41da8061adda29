"""Template text and the information a match carries: findings that rest on boilerplate are set apart.

Benchmarks repeat text that identifies no item: stems ("Hvilket av følgende utsagn er riktig?"), frames
shared by every item of a subject ("For hvilket av disse to scenarioene ..."), fixed or generic answer
options ("Kun I / Kun II / I og II"). A training row that shares only that text with a test unit is not a
leak, yet it can reach the fuzzy threshold, or char30's 0.3 (the published protocol), on its own.

Template text. A word `TEMPLATE_N`-gram found in at least `template_min_items` test items is template
text, unless it lies in a run of such n-grams longer than `TEMPLATE_MAX_RUN` words: a long shared run is
one passage several items are about (NorQuAD's articles), whose leak is a leak of each of them. Single
characters and roman numerals ("a", "ii", "iv") are template text too. Template text counts toward no
method's score: each finding is re-scored without it (`review`), and one whose score then falls under its
method's criterion is a *template finding*, reported apart (see `contamination.audit`) with the published
score kept. Applied after each method's verification, over its findings (few), never in a scan kernel.

Information. Each word of a test unit carries `information(word)` nats: the surprisal of finding it in a
text of `DOC_WORDS` words, under the larger of two probabilities, how common it is in Norwegian at large
(the bundled `data/norwegian_word_freq.txt`, see `data/make_word_freq.py`) and how common it is among the
test items (so "følgende" weighs little whatever the size of the test side, and "kun" or "bare" weigh
little even in a test set of ten items). Numbers weigh by their digits. For `fuzzy` and `short` (found
alone), a finding also needs
- the information of the distinct non-template words of the unit found in the matched window at least
  `info_floor` (an option list of "kun", "og" and numerals never reaches it), and
- for units of at most `SHORT_UNIT_WORDS` words, the item's distinguishing words in the window: every
  number, and at least `DISTINGUISHING_SHARE` of the information of its rare words (`RARE_INFO` nats
  and more: names, terms), so "Hva er 7 ganger 8?" does not match "Hva er 6 ganger 8?" and two short
  questions about the same treaty do not match each other.
Findings that fail are template findings too, with the reason.

The floor, the rare-word level and the share were chosen on half of the MMLU subjects and checked on the
other half (bench/paraphrase_bench.py, BENCHMARKS.md), not on the items they are reported on.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from contamination.methods.base import Finding, ScanBatch, Units
from contamination.methods.doc_freq import DocFreq
from contamination.methods.fuzzy import CHAR_N, MIN_WORD_SHARE
from contamination.ngrams.batch import Batch

TEMPLATE_N = 4  # words per template n-gram
TEMPLATE_MAX_RUN = 40  # words: a longer run of shared n-grams is a shared passage, not a template
DOC_WORDS = 20  # the text length `information` is the surprisal of a word in
MIN_ZIPF = 3.0  # the frequency table holds words of Zipf >= 3: rarer ones are taken to be Zipf 2.5
MAX_INFO = -math.log(1 - math.exp(-(10 ** (MIN_ZIPF - 0.5 - 9)) * DOC_WORDS))  # ~12.6 nats
SHORT_UNIT_WORDS = 25  # units up to this many words need their distinguishing words in the window
RARE_INFO = 8.0  # nats (a word rarer than ~Zipf 3.8 and in few test items): a distinguishing word
DISTINGUISHING_SHARE = 0.34  # of the rare words' information, in the window
WORD_GRAM = 4  # a word is in a window in another form when most of its character 4-grams are ...
WORD_GRAM_SHARE = 0.6  # ... at least this share of them
FREQ_TABLE = Path(__file__).with_name("data") / "norwegian_word_freq.txt"
# roman numerals up to 39 (option labels "i", "ii", "iv", "xii"), matched on the casefolded word
_ROMAN = re.compile(r"^x{0,3}(ix|iv|v?i{0,3})$")

TEMPLATE = "template"  # only template text is shared
LOW_INFORMATION = "low_information"  # the shared content carries too little information
NOT_DISTINGUISHED = "not_distinguished"  # a short item's numbers or rare words are missing


@functools.lru_cache(maxsize=1)
def word_zipf() -> dict[str, float]:
    """The bundled table: word (n-gram form) -> Zipf frequency (log10 per billion words)."""
    out: dict[str, float] = {}
    with FREQ_TABLE.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, zipf = line.rstrip("\n").split("\t")
            out[word] = int(zipf) / 100
    return out


def generic_shape(word: str) -> bool:
    """Single letters and roman numerals: option labels, never content (a digit is a number)."""
    return (len(word) <= 1 and not word.isdigit()) or _ROMAN.match(word) is not None


def _doc_prob(per_word: float) -> float:
    """Chance that a text of DOC_WORDS words holds a word of this frequency at least once."""
    return -math.expm1(-per_word * DOC_WORDS)


def background_prob(word: str, zipf: dict[str, float]) -> float:
    digits = sum(c.isdigit() for c in word)
    if digits:  # "7" is common, "1814" is not: a number weighs by its digits
        return 10.0**-digits
    return _doc_prob(10 ** (zipf.get(word, MIN_ZIPF - 0.5) - 9))


@dataclass
class UnitView:
    """One test unit's words as the review sees them (computed for units that have findings only)."""

    text: str  # n-gram form
    word_template: np.ndarray  # bool per word position: template text
    info: dict[str, float]  # distinct words with a non-template occurrence -> information
    template_words: set[str]  # words every occurrence of which is template text
    mask: np.ndarray  # bool per character: template text
    numbers: set[str]  # words with a digit, not template
    rare: dict[str, float]  # words of at least RARE_INFO nats, not template
    n_words: int

    @property
    def has_template(self) -> bool:
        return bool(self.mask.any())

    def nontemplate_grams(self, n: int) -> set[str]:
        """Distinct character n-grams with at least one occurrence that is not all template text."""
        t = self.text
        if len(t) < n:
            return set()
        free = np.concatenate([[0], np.cumsum(~self.mask)])
        ok = (free[n:] - free[:-n]) > 0
        return {t[i : i + n] for i in np.flatnonzero(ok).tolist()}

    def template_grams(self, n: int) -> set[str]:
        t = self.text
        every = {t[i : i + n] for i in range(len(t) - n + 1)}
        return every - self.nontemplate_grams(n)


@dataclass
class TemplateTable:
    """The test side's template n-grams and word document frequencies (rebuilt from the units)."""

    n_items: int
    template_hashes: np.ndarray  # sorted word TEMPLATE_N-gram hashes found in >= min_items items
    word_df: DocFreq
    _views: dict[int, UnitView]

    @classmethod
    def build(cls, units: Units, min_items: int) -> TemplateTable:
        item_key = units.item_key
        n_items = int(item_key.max()) + 1 if len(units) else 0
        h, owners, _, _ = units.ngram_batch.word_ngrams(TEMPLATE_N)
        grams = DocFreq.build(h, item_key[owners])
        wh, wo, _, _ = units.ngram_batch.word_ngrams(1)
        return cls(n_items, grams.hashes[grams.df >= min_items], DocFreq.build(wh, item_key[wo]), {})

    def information(self, words: list[str]) -> np.ndarray:
        """Nats per word: the surprisal of the larger of its background and test-side probabilities.

        A word in one test item says nothing about how common it is, so the test side counts df - 1."""
        zipf = word_zipf()
        batch = Batch.of(words)
        h, rows, _, _ = batch.word_ngrams(1)
        df = np.zeros(len(words), dtype=np.int64)
        df[rows] = self.word_df.lookup(h)
        out = np.empty(len(words), dtype=np.float64)
        for i, w in enumerate(words):
            p = max(background_prob(w, zipf), (df[i] - 1) / max(self.n_items, 1))
            out[i] = 0.0 if generic_shape(w) else min(-math.log(p), MAX_INFO)
        return out

    def view(self, unit: int, text: str) -> UnitView:
        got = self._views.get(unit)
        if got is None:
            got = self._views[unit] = self._view(text)
        return got

    def _view(self, text: str) -> UnitView:
        words = text.split(" ") if text else []
        starts = np.cumsum([0] + [len(w) + 1 for w in words[:-1]]).astype(np.int64)[: len(words)]
        covered = np.zeros(len(text), dtype=bool)
        if len(words) >= TEMPLATE_N and len(self.template_hashes):
            h, _, a, b = Batch.of([text]).word_ngrams(TEMPLATE_N)
            pos = np.searchsorted(self.template_hashes, h).clip(0, len(self.template_hashes) - 1)
            hit = self.template_hashes[pos] == h
            for s, e in zip(a[hit].tolist(), b[hit].tolist(), strict=True):
                covered[s:e] = True
        is_template = self._words_in_short_runs(words, starts, covered)
        for i, w in enumerate(words):
            if generic_shape(w):
                is_template[i] = True
        mask = np.zeros(len(text), dtype=bool)
        for i, w in enumerate(words):
            if is_template[i]:
                mask[starts[i] : starts[i] + len(w)] = True
                # the space after a template word is template when the next word is too
                if i + 1 < len(words) and is_template[i + 1]:
                    mask[starts[i] + len(w)] = True
        distinct = sorted({w for i, w in enumerate(words) if not is_template[i]})
        info = dict(zip(distinct, self.information(distinct).tolist(), strict=True)) if distinct else {}
        template_words = {w for w in words if w not in info}
        numbers = {w for w in distinct if any(c.isdigit() for c in w)}
        rare = {w: v for w, v in info.items() if v >= RARE_INFO and w not in numbers}
        return UnitView(
            text,
            is_template,
            {w: v for w, v in info.items() if v > 0},
            template_words,
            mask,
            numbers,
            rare,
            len(words),
        )

    @staticmethod
    def _words_in_short_runs(words: list[str], starts: np.ndarray, covered: np.ndarray) -> np.ndarray:
        """Per word: inside template n-grams, in a run of at most TEMPLATE_MAX_RUN such words."""
        inside = np.array(
            [
                len(w) > 0 and bool(covered[s : s + len(w)].all())
                for w, s in zip(words, starts.tolist(), strict=True)
            ],
            dtype=bool,
        )
        out = inside.copy()
        i = 0
        while i < len(words):
            if not inside[i]:
                i += 1
                continue
            j = i
            while j < len(words) and inside[j]:
                j += 1
            if j - i > TEMPLATE_MAX_RUN:
                out[i:j] = False
            i = j
        return out


def template_table(units: Units, min_items: int) -> TemplateTable:
    """The template table of an index's units (computed once per index and setting)."""
    return units.memo(f"templates:{min_items}", lambda: TemplateTable.build(units, min_items))


@dataclass(frozen=True)
class ReviewParams:
    min_items: int
    info_floor: float
    threshold: float  # char50 / char30
    fuzzy_threshold: float


def present(word: str, words: set[str], grams: set[str]) -> bool:
    """Is `word` in a window with these words and character WORD_GRAM-grams? Exactly, or (a word of
    more than WORD_GRAM letters) by most of its WORD_GRAM-grams: another inflection or compound form
    ("befolkningens" / "befolkning", "røyken" / "røyk"), as a re-translation writes it."""
    if word in words:
        return True
    if len(word) <= WORD_GRAM or any(c.isdigit() for c in word):
        return False
    own = [word[i : i + WORD_GRAM] for i in range(len(word) - WORD_GRAM + 1)]
    return sum(g in grams for g in own) >= WORD_GRAM_SHARE * len(own)


def _char_grams(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _word_grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return set(zip(*(words[k:] for k in range(n)), strict=False)) if len(words) >= n else set()


class Review:
    """Re-scores each method's findings of one batch without template text (see the module docstring);
    a finding that no longer qualifies comes back with `template` set to the reason."""

    def __init__(self, units: Units, params: ReviewParams) -> None:
        self.units = units
        self.params = params
        self.table = template_table(units, params.min_items)

    def view(self, unit: int) -> UnitView:
        return self.table.view(unit, self.units.ngram[unit])

    def __call__(self, batch: ScanBatch, method: str, part: Any, found: list[Finding]) -> list[Finding]:
        if not found:
            return found
        row_of = {o: r for r, o in enumerate(batch.ordinals)}
        out = []
        for f in found:
            view = self.view(f.unit)
            row = row_of[f.train_ordinal]
            if method == "fuzzy":
                out.append(self._fuzzy(batch, row, f, view, part))
            elif method == "short":
                out.append(self._short(f, view))
            elif method.startswith("char"):
                out.append(self._char(batch, row, f, view, int(method[4:])))
            elif method.startswith("token"):
                out.append(self._token(batch, row, f, view, int(method[5:])))
            elif view.mask.all():  # exact, substring: the whole unit is matched
                out.append(_mark(f, TEMPLATE, {"template_free_score": 0.0}))
            else:
                out.append(f)
        return out

    def _char(self, batch: ScanBatch, row: int, f: Finding, view: UnitView, n: int) -> Finding:
        """char50/char30: the share of the unit's non-template n-grams found in the row."""
        if not view.has_template:
            return self._distinguishing(batch.ngram[row], f, view)
        free = view.nontemplate_grams(n)
        total = len(_char_grams(view.text, n))
        # every template n-gram shared, at worst: the share stays above the threshold without a look
        worst = (f.score * total - (total - len(free))) / len(free) if free else 0.0
        if worst >= self.params.threshold:
            share = worst
        elif free:
            share = len(free & _char_grams(batch.ngram[row], n)) / len(free)
        else:
            share = 0.0
        extra = {"template_free_score": round(share, 4)}
        if share < self.params.threshold - 1e-9:
            return _mark(f, TEMPLATE, extra)
        return self._distinguishing(batch.ngram[row], replace(f, detail={**(f.detail or {}), **extra}), view)

    def _distinguishing(self, train: str, f: Finding, view: UnitView) -> Finding:
        """A short unit's numbers and rare words must be in the row (char / token methods: the row is the
        window they match in)."""
        if view.n_words > SHORT_UNIT_WORDS or not (view.numbers or view.rare):
            return f
        _, rare, numbers = self._information(view, train, set(train.split(" ")))
        if self._distinguished(view, rare, numbers):
            return f
        extra: dict[str, Any] = {"distinguishing": round(rare, 3)}
        if not numbers:
            extra["numbers_missing"] = sorted(view.numbers - set(train.split(" ")))
        return _mark(f, NOT_DISTINGUISHED, extra)

    def _token(self, batch: ScanBatch, row: int, f: Finding, view: UnitView, n: int) -> Finding:
        """token13: a shared word n-gram that is not all template text."""
        flags = view.word_template
        run = (
            np.convolve(flags.astype(np.int64), np.ones(n, dtype=np.int64), mode="valid")
            if len(flags) >= n
            else []
        )
        if not len(run) or not (np.asarray(run) == n).any():
            # no n-gram of the unit is all template: every shared one counts
            return self._distinguishing(batch.ngram[row], f, view)
        words = view.text.split(" ")
        free = {tuple(words[i : i + n]) for i in range(len(words) - n + 1) if run[i] < n}
        if free & _word_grams(batch.ngram[row].split(" "), n):
            return self._distinguishing(batch.ngram[row], f, view)
        return _mark(f, TEMPLATE, {"template_free_score": 0.0})

    def _information(self, view: UnitView, window: str, words: set[str]) -> tuple[float, float, bool]:
        """(information of the unit's non-template words found in the window, share of its rare words'
        information found there, every number there) of one matched window."""
        grams = _char_grams(window, WORD_GRAM)
        found = {w for w in view.info if present(w, words, grams)}
        info = sum(view.info[w] for w in found)
        rare_total = sum(view.rare.values())
        rare = sum(v for w, v in view.rare.items() if w in found) / rare_total if rare_total else 1.0
        return info, rare, view.numbers <= words

    def _distinguished(self, view: UnitView, rare: float, numbers: bool) -> bool:
        return view.n_words > SHORT_UNIT_WORDS or (numbers and rare >= DISTINGUISHING_SHARE - 1e-9)

    def _fuzzy(self, batch: ScanBatch, row: int, f: Finding, view: UnitView, part: Any) -> Finding:
        a, b = f.detail["window"] if f.detail else (0, 0)
        window = batch.ngram[row][a:b]
        words = set(window.split(" "))
        score = self._fuzzy_free(f.unit, view, window, words, part)
        info, rare, numbers = self._information(view, window, words)
        extra: dict[str, Any] = {"information": round(info, 2)}
        if view.has_template:
            extra["template_free_score"] = round(score, 4)
        if view.n_words <= SHORT_UNIT_WORDS:
            extra["distinguishing"] = round(rare, 3)
            if not numbers:
                extra["numbers_missing"] = sorted(view.numbers - words)
        if score < self.params.fuzzy_threshold - 1e-9:
            return _mark(f, TEMPLATE, extra)
        if info < self.params.info_floor:
            return _mark(f, LOW_INFORMATION, extra)
        if not self._distinguished(view, rare, numbers):
            return _mark(f, NOT_DISTINGUISHED, extra)
        return replace(f, detail={**(f.detail or {}), **extra})

    @staticmethod
    def _fuzzy_free(unit: int, view: UnitView, window: str, words: set[str], part: Any) -> float:
        """`fuzzy`'s score of the window with the unit's template words and 5-grams left out."""
        if not view.has_template:
            return 1.0  # nothing left out: the published score stands
        cw, _, ww, _ = part.unit_features(unit, view.text)
        wtot = sum(v for k, v in ww.items() if k not in view.template_words)
        if not wtot:
            return 0.0
        w = sum(v for k, v in ww.items() if k in words and k not in view.template_words) / wtot
        if w < MIN_WORD_SHARE:
            return 0.0
        dropped = view.template_grams(CHAR_N)
        ctot = sum(v for k, v in cw.items() if k not in dropped)
        if not ctot:
            return 0.0
        grams = _char_grams(window, CHAR_N)
        c = sum(v for k, v in cw.items() if k in grams and k not in dropped) / ctot
        return (c + w) / 2

    def _short(self, f: Finding, view: UnitView) -> Finding:
        """short, found alone: the whole unit is in the row, so only its information decides."""
        if not (f.detail and f.detail.get("alone")):
            return f  # found with another method's finding of its item: the item leaked
        info = sum(view.info.values())
        extra = {"information": round(info, 2)}
        if view.mask.all():
            return _mark(f, TEMPLATE, extra)
        if info < self.params.info_floor:
            return _mark(f, LOW_INFORMATION, extra)
        return replace(f, detail={**f.detail, **extra})


def _mark(f: Finding, reason: str, extra: dict[str, Any]) -> Finding:
    """`f` as a template finding: its score stays the method's published score, the reason and the
    template-free figures go into its detail."""
    return replace(f, template=reason, detail={**(f.detail or {}), **extra, "template": reason})
