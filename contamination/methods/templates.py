"""Template text and the information a match carries: findings that rest on boilerplate are set apart.

Benchmarks repeat text that identifies no item: stems ("Hvilket av følgende utsagn er riktig?"), frames
shared by every item of a subject ("For hvilket av disse to scenarioene ..."), fixed or generic answer
options ("Kun I / Kun II / I og II"). A training row that shares only that text with a test unit is not a
leak, yet it can reach the fuzzy threshold, or char30's 0.3 (the published protocol), on its own.

Template text. A word `TEMPLATE_N`-gram of a test unit is template text when
- it is found in at least `template_min_items` test items (the test side), or
- the test side repeats it (two items or more) and, counting the training rows that hold it beyond those
  that may be copies of the unit, it is found in at least `template_min_items` texts (when the test side
  is small: a stem two test items share and an unrelated training question repeats), or
- it is found in at least `template_min_rows` training rows beyond those that may be copies of the unit
  (text shared by many training rows: as `short` calls a unit found in more than `short_max_rows` = 5
  rows common).
Two kinds of training rows are not counted, as they show no other text: leaks of an item that holds the
n-gram (rows with a finding of such an item, set apart by the test side or not, that carries at least
`LEAK_INFO` nats outside the test side's template text and outside the run of candidate n-grams the
n-gram is in: two near-duplicate test items and their leaks share text that is no template), and rows
that may be copies of the unit's text around the n-gram: such a row holds every n-gram there, so of the
other rows holding an n-gram, at most as many as hold the rarest n-gram within `TEMPLATE_MAX_RUN` words
of it (longer than any template) are copies (`TrainingSide`). A part of an item copied into a few rows
that the audit does not flag is no template either: it is in one test item, and only `template_min_rows`
rows make it common. The training side is counted over the whole audit (every row; a counter per
distinct test n-gram) and applied once every batch is scanned, so reports do not depend on the batch
size; it only ever sets findings apart, never makes one (`contamination.methods.review`).
An n-gram in a run of such n-grams longer than `TEMPLATE_MAX_RUN` words is not template text: a long
shared run is one passage several items are about (NorQuAD's articles), whose leak is a leak of each of
them. Single characters and roman numerals ("a", "ii", "iv") are template text too. Template text counts
toward no method's score: each finding is re-scored without it (`contamination.methods.review`), and one
whose score then falls under its method's criterion is a *template finding*, reported apart (see
`contamination.audit`) with the published score kept.

Information. Each word of a test unit carries `information(word)` nats: the surprisal of finding it in a
text of `DOC_WORDS` words, under the larger of two probabilities, how common it is in Norwegian at large
(the bundled `data/norwegian_word_freq.txt`, see `data/make_word_freq.py` and `data/NOTICE.md`: derived
from wordfreq's data, CC BY-SA 4.0) and how common it is among the test items (so "følgende" weighs
little whatever the size of the test side, and "kun" or "bare" weigh little even in a test set of ten
items). Numbers weigh by their digits. For `fuzzy` and `short` (found alone), a finding also needs
- the information of the distinct non-template words of the unit found in the matched window at least
  `info_floor` (an option list of "kun", "og" and numerals never reaches it), and
- for units of at most `SHORT_UNIT_WORDS` words, the item's distinguishing words in the window: every
  number, and at least `DISTINGUISHING_SHARE` of the information of its rare words (`RARE_INFO` nats
  and more: names, terms), so "Hva er 7 ganger 8?" does not match "Hva er 6 ganger 8?" and two short
  questions about the same named thing do not match each other when the rest of their rare words differ
  (who found Heartbleed, and where). A word counts as found in another form too: most of its character
  4-grams, or its parts as a compound written apart or with another linking letter ("Kielfreden" /
  "freden i Kiel", "tobakkrøyk" / "tobakksrøyk"), as re-translations write them.
Findings that fail are template findings too, with the reason.

What this cannot tell apart: two short questions about the same named thing that differ only in common
words ("Når ble Kielfreden undertegnet?" / "Hvorfor ble Kielfreden undertegnet?"). Re-translations change
exactly those words: on the shared MMLU pair, 51% of the short questions' re-translations miss at least
one of the question's common content words, and a quarter keep under 65% of their information
(BENCHMARKS.md), so asking for them would lose true leaks.

The floor, the rare-word level and the share were chosen on half of the MMLU subjects and checked on the
other half (bench/paraphrase_bench.py, BENCHMARKS.md), not on the items they are reported on.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numba
import numpy as np

from contamination.index.hashtable import HashTable
from contamination.methods.base import Units
from contamination.methods.doc_freq import DocFreq
from contamination.ngrams.batch import Batch

TEMPLATE_N = 4  # words per template n-gram
TEMPLATE_MAX_RUN = 40  # words: a longer run of shared n-grams is a shared passage, not a template
DOC_WORDS = 20  # the text length `information` is the surprisal of a word in
MIN_ZIPF = 3.0  # the frequency table holds words of Zipf >= 3: rarer ones are taken to be Zipf 2.5
MAX_INFO = -math.log(1 - math.exp(-(10 ** (MIN_ZIPF - 0.5 - 9)) * DOC_WORDS))  # ~12.6 nats
SHORT_UNIT_WORDS = 25  # units up to this many words need their distinguishing words in the window
RARE_INFO = 8.0  # nats (a word rarer than ~Zipf 3.8 and in few test items): a distinguishing word
DISTINGUISHING_SHARE = 0.34  # of the rare words' information, in the window
LEAK_INFO = 25.0  # nats outside template text: a training row's match shows it is a leak of the item
# (the shipped `info_floor`, fixed here so that the training side's template text does not move with it)
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


def _distinct_ids(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct hashes, index of each position's hash among them)."""
    uniq, inv = np.unique(h, return_inverse=True)
    return uniq, inv.astype(np.int64).reshape(-1)


@dataclass
class UnitShape:
    """One test unit's words and n-grams, whatever is template text in it: what a finding's presence
    profile (`contamination.methods.review`) is laid out over. Distinct words and n-grams are indexed in
    the order of their hashes; `*_id` maps each position to its distinct entry."""

    text: str  # n-gram form
    words: list[str]  # per position
    starts: np.ndarray  # character offset of each word
    word_id: np.ndarray
    distinct_words: list[str]
    word_hashes: np.ndarray  # per distinct word
    # per distinct word: its WORD_GRAM-grams (with repetition) are own[own_lo:own_hi]; none for words
    # that can only be present exactly (WORD_GRAM letters or fewer, digits), see `present`
    own: np.ndarray
    own_lo: np.ndarray
    own_hi: np.ndarray
    inflectable: np.ndarray  # bool per distinct word
    has_digit: np.ndarray  # bool per distinct word
    lengths: np.ndarray  # characters per word position
    generic: np.ndarray  # per word position: `generic_shape` (option labels)
    info: np.ndarray | None = None  # per distinct word: its information (set by `TemplateTable`)
    _char: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    _word: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    @property
    def n_words(self) -> int:
        return len(self.words)

    @classmethod
    def of(cls, text: str) -> UnitShape:
        words = text.split(" ") if text else []
        starts = np.cumsum([0] + [len(w) + 1 for w in words[:-1]]).astype(np.int64)[: len(words)]
        wh, _, _, _ = Batch.of([text]).word_ngrams(1)
        if len(wh) != len(words):  # n-gram form: single spaces; anything else is a bug upstream
            raise ValueError(f"test unit not in n-gram form: {text[:80]!r}")
        uniq, word_id = _distinct_ids(wh)
        first = np.full(len(uniq), len(words), dtype=np.int64)
        np.minimum.at(first, word_id, np.arange(len(words), dtype=np.int64))
        distinct_words = [words[i] for i in first.tolist()]
        inflectable = np.array(
            [len(w) > WORD_GRAM and not any(c.isdigit() for c in w) for w in distinct_words], dtype=bool
        )
        grams = [w if ok else "" for w, ok in zip(distinct_words, inflectable.tolist(), strict=True)]
        gh, grow, _ = Batch.of(grams).char_ngrams(WORD_GRAM)
        counts = np.bincount(grow, minlength=len(grams)).astype(np.int64)
        own_hi = np.cumsum(counts)
        has_digit = np.array([any(c.isdigit() for c in w) for w in distinct_words], dtype=bool)
        lo = own_hi - counts
        lengths = np.array([len(w) for w in words], dtype=np.int64)
        generic = np.array([generic_shape(w) for w in words], dtype=bool)
        return cls(
            text,
            words,
            starts,
            word_id,
            distinct_words,
            uniq,
            gh,
            lo,
            own_hi,
            inflectable,
            has_digit,
            lengths,
            generic,
        )

    def char_grams(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(distinct character n-gram hashes, index per start position)."""
        got = self._char.get(n)
        if got is None:
            h, _, _ = Batch.of([self.text]).char_ngrams(n)
            got = self._char[n] = _distinct_ids(h)
        return got

    def word_grams(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """(distinct word n-gram hashes, index per start word)."""
        got = self._word.get(n)
        if got is None:
            h, _, _, _ = Batch.of([self.text]).word_ngrams(n)
            got = self._word[n] = _distinct_ids(h)
        return got


@dataclass
class UnitView:
    """What is template text in one unit, laid out over its `UnitShape` (computed for units that have
    findings only)."""

    shape: UnitShape
    word_template: np.ndarray  # bool per word position: template text
    mask: np.ndarray  # bool per character: template text
    info: np.ndarray  # per distinct word: its information, 0 for words every occurrence of which is template
    template_word: np.ndarray  # per distinct word: every occurrence is template text
    number: np.ndarray  # per distinct word: has a digit and a non-template occurrence
    rare: np.ndarray  # per distinct word: its information when at least RARE_INFO (numbers aside), else 0
    _free_chars: dict[int, np.ndarray] = field(default_factory=dict)
    _free_words: dict[int, np.ndarray] = field(default_factory=dict)
    _all_template: dict[int, bool] = field(default_factory=dict)

    @property
    def n_words(self) -> int:
        return self.shape.n_words

    @property
    def has_template(self) -> bool:
        return bool(self.mask.any())

    @property
    def all_template(self) -> bool:
        return bool(self.mask.all())

    def free_chars(self, n: int) -> np.ndarray:
        """Per distinct character n-gram: an occurrence of it is not all template text."""
        got = self._free_chars.get(n)
        if got is None:
            uniq, ids = self.shape.char_grams(n)
            got = np.zeros(len(uniq), dtype=bool)
            if len(ids):
                free = np.concatenate([[0], np.cumsum(~self.mask)])
                got[ids[(free[n:] - free[:-n]) > 0]] = True
            self._free_chars[n] = got
        return got

    def all_template_word_grams(self, n: int) -> bool:
        """Is some word n-gram of the unit all template text?"""
        got = self._all_template.get(n)
        if got is None:
            flags = self.word_template.astype(np.int64)
            got = self._all_template[n] = len(flags) >= n and bool(
                (np.convolve(flags, np.ones(n, dtype=np.int64), "valid") == n).any()
            )
        return got

    def free_words(self, n: int) -> np.ndarray:
        """Per distinct word n-gram: an occurrence of it is not all template text."""
        got = self._free_words.get(n)
        if got is None:
            uniq, ids = self.shape.word_grams(n)
            got = np.zeros(len(uniq), dtype=bool)
            if len(ids):
                run = np.convolve(self.word_template.astype(np.int64), np.ones(n, dtype=np.int64), "valid")
                got[ids[run < n]] = True
            self._free_words[n] = got
        return got


def _short_runs(inside: np.ndarray) -> np.ndarray:
    """Per word: inside template n-grams, in a run of at most TEMPLATE_MAX_RUN such words."""
    out = inside.copy()
    i = 0
    while i < len(inside):
        if not inside[i]:
            i += 1
            continue
        j = i
        while j < len(inside) and inside[j]:
            j += 1
        if j - i > TEMPLATE_MAX_RUN:
            out[i:j] = False
        i = j
    return out


@dataclass
class TemplateTable:
    """The test side's template n-grams and word document frequencies (rebuilt from the units)."""

    n_items: int
    grams: DocFreq  # every distinct word TEMPLATE_N-gram of the units, with the test items it is in
    template_hashes: np.ndarray  # sorted word TEMPLATE_N-gram hashes found in >= min_items items
    word_df: DocFreq
    # by text: units with the same text (NorQuAD's questions on one passage) share them
    _shapes: dict[str, UnitShape] = field(default_factory=dict)
    _views: dict[str, UnitView] = field(default_factory=dict)

    @classmethod
    def build(cls, units: Units, min_items: int) -> TemplateTable:
        item_key = units.item_key
        n_items = int(item_key.max()) + 1 if len(units) else 0
        h, owners, _, _ = units.ngram_batch.word_ngrams(TEMPLATE_N)
        grams = DocFreq.build(h, item_key[owners])
        wh, wo, _, _ = units.ngram_batch.word_ngrams(1)
        return cls(n_items, grams, grams.hashes[grams.df >= min_items], DocFreq.build(wh, item_key[wo]))

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

    def shape(self, unit: int, text: str) -> UnitShape:
        got = self._shapes.get(text)
        if got is None:
            got = self._shapes[text] = UnitShape.of(text)
        return got

    def view(self, unit: int, text: str) -> UnitView:
        """The unit as the test side alone sees it (cached)."""
        got = self._views.get(text)
        if got is None:
            got = self._views[text] = self.view_with(self.shape(unit, text))
        return got

    def word_information(self, shape: UnitShape) -> np.ndarray:
        """`information` of each distinct word of the unit (whatever is template text), cached."""
        if shape.info is None:
            shape.info = self.information(shape.distinct_words) if shape.distinct_words else np.zeros(0)
        return shape.info

    def view_with(self, shape: UnitShape, added: np.ndarray | None = None) -> UnitView:
        """The unit's view when its word TEMPLATE_N-grams with the given hashes (sorted) are template text
        as well as the test side's."""
        text, starts = shape.text, shape.starts
        ends = starts + shape.lengths
        covered = np.zeros(len(text) + 1, dtype=np.int64)  # +1 / -1 at each template n-gram's ends
        if shape.n_words >= TEMPLATE_N:
            h, _, a, b = Batch.of([text]).word_ngrams(TEMPLATE_N)
            hit = sorted_member(self.template_hashes, h)
            if added is not None:
                hit |= sorted_member(added, h)
            np.add.at(covered, a[hit], 1)
            np.add.at(covered, b[hit], -1)
        # a word is inside template n-grams when every one of its characters is covered by one
        depth = np.cumsum(covered[:-1]) > 0
        inside_chars = np.concatenate([[0], np.cumsum(depth)])
        inside = (inside_chars[ends] - inside_chars[starts] == shape.lengths) & (shape.lengths > 0)
        is_template = _short_runs(inside) | shape.generic
        # template words' characters, and the space after one when the next word is template too
        mask = np.zeros(len(text) + 1, dtype=np.int64)
        np.add.at(mask, starts[is_template], 1)
        joined = is_template[:-1] & is_template[1:]
        tail = np.where(np.r_[joined, False], ends + 1, ends)
        np.add.at(mask, tail[is_template], -1)
        mask = np.cumsum(mask[:-1]) > 0
        free_word = np.zeros(len(shape.distinct_words), dtype=bool)
        free_word[shape.word_id[~is_template]] = True
        info = np.where(free_word, self.word_information(shape), 0.0)
        number = free_word & shape.has_digit
        rare = np.where((info >= RARE_INFO) & ~number, info, 0.0)
        return UnitView(shape, is_template, mask, info, ~free_word, number, rare)


def sorted_member(sorted_hashes: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Per hash of h: is it in the sorted array?"""
    if not len(sorted_hashes):
        return np.zeros(len(h), dtype=bool)
    pos = np.searchsorted(sorted_hashes, h).clip(0, len(sorted_hashes) - 1)
    return sorted_hashes[pos] == h


def template_table(units: Units, min_items: int) -> TemplateTable:
    """The template table of an index's units (computed once per index and setting)."""
    return units.memo(f"templates:{min_items}", lambda: TemplateTable.build(units, min_items))


class TrainingSide:
    """In how many training rows each of the test side's word TEMPLATE_N-grams occurs, over the whole
    audit (memory: one counter per distinct test n-gram), and the template text that makes of a unit."""

    def __init__(self, table: TemplateTable, min_items: int, min_rows: int) -> None:
        self.table = table
        self.min_items = min_items
        self.min_rows = min_rows
        hashes = table.grams.hashes
        self.lookup = HashTable.build(hashes, np.arange(len(hashes)), len(hashes))
        self.rows = np.zeros(len(hashes), dtype=np.int64)

    def count(self, ngram: Batch) -> None:
        """Add one batch of training rows (n-gram form): each row counts once per n-gram it holds."""
        if not len(self.rows) or not len(ngram):
            return
        hits = ngram.word_hits(TEMPLATE_N, self.lookup)
        if len(hits.rows):
            # hits come row by row: a row counts once per n-gram, without sorting them
            _count_rows(hits.rows, hits.first.astype(np.int64), np.full(len(self.rows), -1), self.rows)

    def positions(self, shape: UnitShape) -> TrainingCounts | None:
        """The counts of the unit's word TEMPLATE_N-grams, per position (None: the unit has none)."""
        if shape.n_words < TEMPLATE_N or not len(self.rows):
            return None
        uniq, ids = shape.word_grams(TEMPLATE_N)
        h = uniq[ids]
        at = np.searchsorted(self.table.grams.hashes, h)
        return TrainingCounts(h, self.table.grams.df[at], self.rows[at])

    def added(self, counts: TrainingCounts, leaks: np.ndarray | None = None) -> np.ndarray:
        """Per position: template text by the training side (and not by the test side alone), given how
        many of the rows holding each n-gram are leaks of a unit that holds it."""
        rows = counts.rows - (0 if leaks is None else leaks)
        # of the other rows, those holding the unit's text around an n-gram may be copies: as many as
        # hold the rarest n-gram within TEMPLATE_MAX_RUN words
        reach = TEMPLATE_MAX_RUN
        padded = np.concatenate([np.full(reach, rows.max()), rows, np.full(reach, rows.max())])
        other = rows - np.lib.stride_tricks.sliding_window_view(padded, 2 * reach + 1).min(axis=1)
        items = counts.items
        confirmed = (items >= 2) & (items + other >= self.min_items)  # the test side repeats it
        return (items < self.min_items) & (confirmed | (other >= self.min_rows))

    @staticmethod
    def hashes(counts: TrainingCounts, added: np.ndarray) -> np.ndarray:
        """The added template n-gram hashes (sorted, distinct)."""
        return np.unique(counts.hashes[added])


@numba.njit(cache=True, nogil=True)
def _count_rows(rows, first, last, counts):
    """counts[first[k]] += 1 for each hit k whose n-gram its row has not counted yet (hits in row order;
    last[i]: the last row counted for n-gram i)."""
    for k in range(len(rows)):
        i = first[k]
        if last[i] != rows[k]:
            last[i] = rows[k]
            counts[i] += 1


@dataclass
class TrainingCounts:
    """Per word TEMPLATE_N-gram position of a unit: its hash, and the test items and training rows that
    hold it."""

    hashes: np.ndarray
    items: np.ndarray
    rows: np.ndarray
