"""The template review: each method's findings re-scored without template text (what template text is,
and the rules, are in `contamination.methods.templates`).

Two steps, so that the training side's template text, known only once every batch is scanned, can count
without keeping any training row:
1. Per batch, each finding's *presence profile*: which of its unit's distinct character n-grams (the
   method's n; fuzzy: its 5-grams), word n-grams (token13) and words (exactly, or in another form, see
   `present`) the training row holds, or, for `fuzzy`, its matched window. Computed for all of a batch's
   findings at once: the windows' hashes in one compiled pass, membership by a compiled sorted search.
2. The decision, a function of the profile and the unit's template mask (`UnitView`), vectorised over
   findings (per-finding sums are `bincount`s over the profiles laid end to end). It is made per batch
   with the test side's template text, so `short` sees which findings stand, and again in `finalize`
   for the units whose template text grows once the training side is counted; a finding the test side
   set apart stays apart (the training side only ever sets findings apart).

Profiles compare 64-bit hashes of the n-grams and words (the engine's own hashes): two different
strings that collide would count as one, as a scan's candidate would.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numba
import numpy as np

from contamination.methods import templates as tp
from contamination.methods.base import Finding, ScanBatch, Units
from contamination.methods.doc_freq import DocFreq, idf
from contamination.methods.fuzzy import CHAR_N, MIN_WORD_SHARE
from contamination.ngrams.batch import Batch


@dataclass(frozen=True)
class ReviewParams:
    min_items: int
    min_rows: int
    info_floor: float
    threshold: float  # char50 / char30
    fuzzy_threshold: float
    # template text counted on the training side too (a small test side): findings are decided again
    # once every batch is counted (`Review.finalize`)
    training: bool = True


def present(word: str, words: set[str], grams: set[str]) -> bool:
    """Is `word` in a window with these words and character WORD_GRAM-grams? Exactly, or (a word of
    more than WORD_GRAM letters, no digits) by most of its WORD_GRAM-grams: another inflection or
    compound form ("befolkningens" / "befolkning", "røyken" / "røyk"), or its parts as a compound
    written apart ("kielfreden" / "freden i kiel"), as a re-translation writes it.
    (The reference for the profiles' `inflected`, which compute the same on hashes.)"""
    if word in words:
        return True
    if len(word) <= tp.WORD_GRAM or any(c.isdigit() for c in word):
        return False
    own = [word[i : i + tp.WORD_GRAM] for i in range(len(word) - tp.WORD_GRAM + 1)]
    if sum(g in grams for g in own) >= tp.WORD_GRAM_SHARE * len(own):
        return True
    # a compound written apart or with another linking letter: one run of missing grams, inside
    missing = [i for i, g in enumerate(own) if g not in grams]
    run = missing[-1] - missing[0] + 1
    return len(missing) == run <= tp.WORD_GRAM and missing[0] > 0 and missing[-1] < len(own) - 1


# ---------------------------------------------------------------------------- presence profiles


@dataclass
class Presence:
    """What one training row (fuzzy: its window) holds of one unit, packed (np.packbits) until decided."""

    grams: np.ndarray | None = None  # per distinct character n-gram (char methods: their n; fuzzy: 5)
    word_grams: np.ndarray | None = None  # per distinct word n-gram (token methods)
    words: np.ndarray | None = None  # per distinct word: exactly there
    inflected: np.ndarray | None = None  # per distinct word: there exactly or in another form
    # per distinct word TEMPLATE_N-gram: in the row (the whole row, also for fuzzy): which training rows
    # holding the unit's n-grams are leaks of it (see `Review.finalize`); None: the unit is in the row
    row_template_grams: np.ndarray | None = None


def _pack(bits: np.ndarray) -> np.ndarray:
    return np.packbits(bits)


def _unpack(packed: np.ndarray, n: int) -> np.ndarray:
    return np.unpackbits(packed, count=n).astype(bool)


@numba.njit(cache=True, nogil=True)
def _member(hay, hay_lo, hay_hi, needles, lo, hi, merge, out):
    """out[lo[k]:hi[k]] = needles[lo[k]:hi[k]] in hay[hay_lo[k]:hay_hi[k]], for each k (consecutive k with
    the same hay range sort it once). With `merge` every needle range is sorted: one pass over both."""
    buf = np.empty(max(int((hay_hi - hay_lo).max()) if len(hay_lo) else 0, 1), dtype=hay.dtype)
    m = 0
    for k in range(len(lo)):
        if k == 0 or hay_lo[k] != hay_lo[k - 1] or hay_hi[k] != hay_hi[k - 1]:
            m = hay_hi[k] - hay_lo[k]
            buf[:m] = np.sort(hay[hay_lo[k] : hay_hi[k]])
        if merge:
            i = 0
            for j in range(lo[k], hi[k]):
                x = needles[j]
                while i < m and buf[i] < x:
                    i += 1
                out[j] = i < m and buf[i] == x
        else:
            for j in range(lo[k], hi[k]):
                i = np.searchsorted(buf[:m], needles[j])
                out[j] = i < m and buf[i] == needles[j]


def _ragged(parts: Sequence[np.ndarray], dtype: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the arrays end to end, start of each, end of each)."""
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    hi = np.cumsum(lengths)
    flat = np.concatenate(parts).astype(dtype, copy=False) if len(parts) else np.empty(0, dtype=dtype)
    return flat, hi - lengths, hi


def _segments(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """The segment number of every position of ragged arrays laid end to end."""
    return np.repeat(np.arange(len(lo), dtype=np.int64), hi - lo)


@dataclass
class _Windows:
    """The hashes of one kind of window (character or word n-grams) of some rows, in (row, offset) order,
    with the ranges that fall inside given [a, b) spans of those rows."""

    hashes: np.ndarray
    row: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def within(self, rows: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per span: the range of windows inside [a, b) of its row."""
        big = np.int64(1) << np.int64(32)
        lo = np.searchsorted(self.row * big + self.start, rows * big + a, "left")
        hi = np.searchsorted(self.row * big + self.end, rows * big + b, "right")
        return lo, np.maximum(hi, lo)


def _char_windows(batch: Batch, n: int) -> _Windows:
    h, r, o = batch.char_ngrams(n)
    return _Windows(h, r, o, o + n)


def _word_windows(batch: Batch, n: int) -> _Windows:
    h, r, a, b = batch.word_ngrams(n)
    return _Windows(h, r, a, b)


def _present_in(
    windows: _Windows,
    rows: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    needles: Sequence[np.ndarray],
    ascending: bool = True,
) -> list[np.ndarray]:
    """Per span k: which of needles[k] (each ascending, unless said otherwise) are among the windows inside
    [a[k], b[k]) of row rows[k]."""
    hay_lo, hay_hi = windows.within(rows, a, b)
    flat, lo, hi = _ragged(needles, np.uint64)
    out = np.zeros(len(flat), dtype=bool)
    if len(flat):
        order = np.lexsort((hay_hi, hay_lo))  # spans of one row together: its windows are sorted once
        _member(windows.hashes, hay_lo[order], hay_hi[order], flat, lo[order], hi[order], ascending, out)
    return [out[s:e] for s, e in zip(lo.tolist(), hi.tolist(), strict=True)]


def _inflected(
    grams4: _Windows,
    rows: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    shapes: Sequence[tp.UnitShape],
    exact: Sequence[np.ndarray],
) -> list[np.ndarray]:
    """Per span: per distinct word of its unit, `present` (exactly, or by WORD_GRAM_SHARE of its own
    WORD_GRAM-grams found in the span)."""
    found = _present_in(grams4, rows, a, b, [s.own for s in shapes], ascending=False)
    out = []
    for shape, f, ex in zip(shapes, found, exact, strict=True):
        n_own = shape.own_hi - shape.own_lo
        counts = _sums(shape.own_lo, shape.own_hi, f.astype(np.float64))
        got = (counts >= tp.WORD_GRAM_SHARE * n_own) | _compound(shape, f)
        out.append(ex | (shape.inflectable & got))
    return out


def _compound(shape: tp.UnitShape, found: np.ndarray) -> np.ndarray:
    """Per distinct word: its parts are in the span though the word is not, written apart or with
    another linking letter ("kielfreden" / "freden i kiel", "tobakkrøyk" / "tobakksrøyk"): the
    WORD_GRAM-grams it misses are one run of at most WORD_GRAM (those across one joint) with found ones
    on both sides, so each part has at least WORD_GRAM letters."""
    seg = _segments(shape.own_lo, shape.own_hi)
    n = len(shape.own_lo)
    pos = np.arange(len(found), dtype=np.int64) - shape.own_lo[seg]
    missing = ~found
    n_missing = np.bincount(seg, weights=missing, minlength=n)
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, -1)
    np.minimum.at(first, seg[missing], pos[missing])
    np.maximum.at(last, seg[missing], pos[missing])
    size = shape.own_hi - shape.own_lo
    return (
        (n_missing > 0)
        & (n_missing == last - first + 1)  # one run
        & (n_missing <= tp.WORD_GRAM)
        & (first > 0)
        & (last < size - 1)
    )


def profiles(
    batch: ScanBatch,
    method: str,
    found: Sequence[Finding],
    shapes: Sequence[tp.UnitShape],
    training: bool = True,
) -> list[Presence]:
    """The presence profile of each finding (of one method, one batch), computed together; findings of
    units with the same text in the same span (the questions on one NorQuAD passage) share one."""
    if not found:
        return []
    row_of = {o: r for r, o in enumerate(batch.ordinals)}
    rows = np.array([row_of[f.train_ordinal] for f in found], dtype=np.int64)
    if method == "fuzzy":  # the matched window
        a = np.array([f.detail["window"][0] if f.detail else 0 for f in found], dtype=np.int64)
        b = np.array([f.detail["window"][1] if f.detail else 0 for f in found], dtype=np.int64)
    else:
        a, b = np.zeros(len(found), dtype=np.int64), np.full(len(found), -1, dtype=np.int64)
    shape_no: dict[int, int] = {}
    which = np.array([shape_no.setdefault(id(s), len(shape_no)) for s in shapes], dtype=np.int64)
    _, first, again = np.unique(
        np.stack([rows, a, b, which], axis=1), axis=0, return_index=True, return_inverse=True
    )
    once = _profiles(
        batch, method, rows[first], a[first], b[first], [shapes[k] for k in first.tolist()], training
    )
    return [once[k] for k in again.reshape(-1).tolist()]


def _profiles(
    batch: ScanBatch,
    method: str,
    rows: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    shapes: Sequence[tp.UnitShape],
    training: bool = True,
) -> list[Presence]:
    """The profiles of distinct (row, span, unit text) triples; b < 0: the whole row. Without the training
    side, which test n-grams the whole row holds is not needed (it only finds leaks for `finalize`)."""
    # the rows these are in, as a batch of their own (a row once)
    distinct_rows, local = np.unique(rows, return_inverse=True)
    local = local.astype(np.int64).reshape(-1)
    sub = batch.prepared.ngram.take(distinct_rows)
    row_len = (sub.ends - sub.starts)[local]
    whole = b < 0
    b = np.where(whole, row_len, b)
    out = [Presence() for _ in shapes]
    token = method.startswith("token")
    n = CHAR_N if method == "fuzzy" else int(method[4:]) if method.startswith("char") else 0
    if not (n or token):
        return out  # exact, substring, short: the whole unit is in the row
    # what lies in the spans: fuzzy's windows hashed alone (not their whole rows), else the rows
    if whole.all():
        spans, at, lo, hi = sub, local, a, b
    else:
        spans = _copied_spans(sub, local, a, b)
        at, lo, hi = np.arange(len(shapes), dtype=np.int64), np.zeros(len(shapes), dtype=np.int64), b - a
    if n:
        got = _present_in(
            _row_hits(batch, n, distinct_rows) if whole.all() else _char_windows(spans, n),
            at,
            lo,
            hi,
            [s.char_grams(n)[0] for s in shapes],
        )
        for p, g in zip(out, got, strict=True):
            p.grams = _pack(g)
    if token:
        m = int(method[5:])
        got = _present_in(_word_windows(spans, m), at, lo, hi, [s.word_grams(m)[0] for s in shapes])
        for p, g in zip(out, got, strict=True):
            p.word_grams = _pack(g)
    # words: fuzzy weighs them, char/token need them for a short unit's distinguishing words, and every
    # method for the information a leak carries outside template text. Other forms of a word count for
    # fuzzy and for short units; a char/token match of a longer unit is verbatim, so its exact words
    # estimate that information well enough, without a pass over every character 4-gram of the row.
    exact = _present_in(_word_windows(spans, 1), at, lo, hi, [s.word_hashes for s in shapes])
    inflected = list(exact)
    idx = [k for k, s in enumerate(shapes) if method == "fuzzy" or s.n_words <= tp.SHORT_UNIT_WORDS]
    if idx:
        sel = np.array(idx, dtype=np.int64)
        got = _inflected(
            _char_windows(spans, tp.WORD_GRAM),
            at[sel],
            lo[sel],
            hi[sel],
            [shapes[k] for k in idx],
            [exact[k] for k in idx],
        )
        for k, g in zip(idx, got, strict=True):
            inflected[k] = g
    for p, ex, inf in zip(out, exact, inflected, strict=True):
        p.words, p.inflected = _pack(ex), _pack(inf)
    if training:
        held = _present_in(  # the whole row: which training rows hold a unit's n-grams is counted per row
            _word_windows(sub, tp.TEMPLATE_N),
            local,
            np.zeros(len(shapes), dtype=np.int64),
            row_len,
            [s.word_grams(tp.TEMPLATE_N)[0] for s in shapes],
        )
        for p, g in zip(out, held, strict=True):
            p.row_template_grams = _pack(g)
    return out


def _copied_spans(batch: Batch, rows: np.ndarray, a: np.ndarray, b: np.ndarray) -> Batch:
    """The spans [a, b) of the given rows as a batch of their own, copied end to end (spans may overlap,
    and the kernels size their output by the code points they are given)."""
    lengths = b - a
    ends = np.cumsum(lengths)
    starts = ends - lengths
    take = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(starts, lengths)
    take += np.repeat(batch.starts[rows] + a, lengths)
    return Batch(batch.codes[take], starts, ends)


def _row_hits(batch: ScanBatch, n: int, rows: np.ndarray) -> _Windows:
    """The character n-grams of the given (sorted) batch rows that are test n-grams, rows renumbered in
    their order: the scan's own hits where it kept them (every test n-gram a row holds is one, see
    `contamination.methods.base`), else hashed again."""
    hits = batch.char_hits.get(n)
    if hits is None:
        return _char_windows(batch.prepared.ngram.take(rows), n)
    keep = tp.sorted_member(rows, hits.rows.astype(np.int64))
    order = np.lexsort((hits.starts[keep], hits.rows[keep]))
    at = np.searchsorted(rows, hits.rows[keep][order]).astype(np.int64)
    starts = hits.starts[keep][order].astype(np.int64)
    return _Windows(hits.hashes[keep][order], at, starts, starts + n)


# ---------------------------------------------------------------------------- decisions


def _mark(f: Finding, reason: str, extra: dict[str, Any]) -> Finding:
    """`f` as a template finding: its score stays the method's published score, the reason and the
    template-free figures go into its detail."""
    return replace(f, template=reason, detail={**(f.detail or {}), **extra, "template": reason})


def _with(f: Finding, extra: dict[str, Any]) -> Finding:
    return replace(f, detail={**(f.detail or {}), **extra})


def _sums(seg_lo: np.ndarray, seg_hi: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per segment: the sum of its values (values of ragged arrays laid end to end)."""
    return np.bincount(_segments(seg_lo, seg_hi), weights=values, minlength=len(seg_lo))


@dataclass
class _Words:
    """Word-level figures of findings whose profiles hold words, laid end to end."""

    lo: np.ndarray
    hi: np.ndarray
    words: np.ndarray  # exactly there
    inflected: np.ndarray
    info: np.ndarray
    rare: np.ndarray
    number: np.ndarray
    template_word: np.ndarray

    @classmethod
    def of(cls, views: Sequence[tp.UnitView], pres: Sequence[Presence]) -> _Words:
        n = [len(v.shape.distinct_words) for v in views]
        words, lo, hi = _ragged([_unpack(p.words, k) for p, k in zip(pres, n, strict=True)], bool)  # type: ignore[arg-type]
        inflected = _ragged([_unpack(p.inflected, k) for p, k in zip(pres, n, strict=True)], bool)[0]  # type: ignore[arg-type]
        return cls(
            lo,
            hi,
            words,
            inflected,
            _ragged([v.info for v in views], np.float64)[0],
            _ragged([v.rare for v in views], np.float64)[0],
            _ragged([v.number for v in views], bool)[0],
            _ragged([v.template_word for v in views], bool)[0],
        )

    def information(self) -> np.ndarray:
        """Information of the non-template words found (exactly or in another form)."""
        return _sums(self.lo, self.hi, self.info * self.inflected)

    def rare_share(self) -> np.ndarray:
        """Share of the rare words' information found (1 where a unit has no rare word)."""
        total = _sums(self.lo, self.hi, self.rare)
        got = _sums(self.lo, self.hi, self.rare * self.inflected)
        return np.divide(got, total, out=np.ones_like(total), where=total > 0)

    def numbers_missing(self) -> np.ndarray:
        return _sums(self.lo, self.hi, (self.number & ~self.words).astype(np.float64)) > 0

    def missing(self, k: int, view: tp.UnitView) -> list[str]:
        gone = np.flatnonzero((self.number & ~self.words)[self.lo[k] : self.hi[k]])
        return sorted(view.shape.distinct_words[i] for i in gone.tolist())


def _distinguished(n_words: int, rare: float, numbers: bool) -> bool:
    return n_words > tp.SHORT_UNIT_WORDS or (numbers and rare >= tp.DISTINGUISHING_SHARE - 1e-9)


def _distinguishing(
    found: Sequence[Finding], views: Sequence[tp.UnitView], pres: Sequence[Presence]
) -> list[Finding]:
    """A short unit's numbers and rare words must be in the row (char / token methods: the row is the
    window they match in)."""
    out = list(found)
    idx = [
        k
        for k, v in enumerate(views)
        if v.n_words <= tp.SHORT_UNIT_WORDS and (v.number.any() or v.rare.any())
    ]
    if not idx:
        return out
    w = _Words.of([views[k] for k in idx], [pres[k] for k in idx])
    rare, missing = w.rare_share(), w.numbers_missing()
    for j, k in enumerate(idx):
        numbers = not missing[j]
        if _distinguished(views[k].n_words, float(rare[j]), numbers):
            continue
        extra: dict[str, Any] = {"distinguishing": round(float(rare[j]), 3)}
        if not numbers:
            extra["numbers_missing"] = w.missing(j, views[k])
        out[k] = _mark(found[k], tp.NOT_DISTINGUISHED, extra)
    return out


def _char(
    found: Sequence[Finding], views: Sequence[tp.UnitView], pres: Sequence[Presence], n: int, thr: float
) -> list[Finding]:
    """char50/char30: the share of the unit's non-template n-grams found in the row."""
    free = [v.free_chars(n) for v in views]
    total = np.array([len(f) for f in free], dtype=np.float64)
    hit, lo, hi = _ragged([_unpack(p.grams, len(f)) for p, f in zip(pres, free, strict=True)], bool)  # type: ignore[arg-type]
    flat_free = _ragged(free, bool)[0]
    n_free = _sums(lo, hi, flat_free.astype(np.float64))
    found_free = _sums(lo, hi, (flat_free & hit).astype(np.float64))
    score = np.array([f.score for f in found], dtype=np.float64)
    # every template n-gram shared, at worst: the share stays above the threshold without a look
    with np.errstate(divide="ignore", invalid="ignore"):
        worst = np.where(n_free > 0, (score * total - (total - n_free)) / n_free, 0.0)
        exact = np.where(n_free > 0, found_free / n_free, 0.0)
    share = np.where(worst >= thr, worst, exact)
    out = list(found)
    passed = []
    for k, (f, v) in enumerate(zip(found, views, strict=True)):
        if not v.has_template:
            passed.append(k)
            continue
        extra = {"template_free_score": round(float(share[k]), 4)}
        if share[k] < thr - 1e-9:
            out[k] = _mark(f, tp.TEMPLATE, extra)
        else:
            out[k] = _with(f, extra)
            passed.append(k)
    return _then_distinguishing(out, views, pres, passed)


def _then_distinguishing(
    out: list[Finding], views: Sequence[tp.UnitView], pres: Sequence[Presence], passed: list[int]
) -> list[Finding]:
    done = _distinguishing([out[k] for k in passed], [views[k] for k in passed], [pres[k] for k in passed])
    for k, f in zip(passed, done, strict=True):
        out[k] = f
    return out


def _token(
    found: Sequence[Finding], views: Sequence[tp.UnitView], pres: Sequence[Presence], n: int
) -> list[Finding]:
    """token13: a shared word n-gram that is not all template text."""
    out = list(found)
    passed = []
    for k, (f, v, p) in enumerate(zip(found, views, pres, strict=True)):
        if not v.all_template_word_grams(n):
            passed.append(k)  # no n-gram of the unit is all template: every shared one counts
            continue
        free = v.free_words(n)
        if (_unpack(p.word_grams, len(free)) & free).any():  # type: ignore[arg-type]
            passed.append(k)
        else:
            out[k] = _mark(f, tp.TEMPLATE, {"template_free_score": 0.0})
    return _then_distinguishing(out, views, pres, passed)


def _whole(found: Sequence[Finding], views: Sequence[tp.UnitView]) -> list[Finding]:
    """exact, substring: the whole unit is matched; only a unit all of template text is set apart."""
    return [
        _mark(f, tp.TEMPLATE, {"template_free_score": 0.0}) if v.all_template else f
        for f, v in zip(found, views, strict=True)
    ]


def _short(found: Sequence[Finding], views: Sequence[tp.UnitView], floor: float) -> list[Finding]:
    """short, found alone: the whole unit is in the row, so only its information decides."""
    out = []
    for f, v in zip(found, views, strict=True):
        if not (f.detail and f.detail.get("alone")):
            out.append(f)  # found with another method's finding of its item: the item leaked
            continue
        info = float(v.info[v.info > 0].sum())
        extra = {"information": round(info, 2)}
        if v.all_template:
            out.append(_mark(f, tp.TEMPLATE, extra))
        elif info < floor:
            out.append(_mark(f, tp.LOW_INFORMATION, extra))
        else:
            out.append(_with(f, extra))
    return out


def _fuzzy(
    found: Sequence[Finding],
    views: Sequence[tp.UnitView],
    pres: Sequence[Presence],
    weights: Sequence[tuple[np.ndarray, np.ndarray]],
    params: ReviewParams,
) -> list[Finding]:
    """fuzzy: its score on the window with the unit's template words and 5-grams left out, the
    information of the words found there, and a short unit's distinguishing words."""
    w = _Words.of(views, pres)
    info, rare, missing = w.information(), w.rare_share(), w.numbers_missing()
    # the word half: the unit's non-template words' weights found exactly in the window
    ww = _ragged([c for c, _ in weights], np.float64)[0]
    keep = ~w.template_word
    wtot = _sums(w.lo, w.hi, ww * keep)
    wnum = _sums(w.lo, w.hi, ww * keep * w.words)
    # the character half: the 5-grams with a non-template occurrence
    free = [v.free_chars(CHAR_N) for v in views]
    hit, clo, chi = _ragged([_unpack(p.grams, len(f)) for p, f in zip(pres, free, strict=True)], bool)  # type: ignore[arg-type]
    flat_free = _ragged(free, bool)[0]
    cw = _ragged([c for _, c in weights], np.float64)[0]
    ctot = _sums(clo, chi, cw * flat_free)
    cnum = _sums(clo, chi, cw * flat_free * hit)
    with np.errstate(divide="ignore", invalid="ignore"):
        wshare = np.where(wtot > 0, wnum / wtot, 0.0)
        cshare = np.where(ctot > 0, cnum / ctot, 0.0)
    score = np.where((wtot > 0) & (ctot > 0) & (wshare >= MIN_WORD_SHARE), (cshare + wshare) / 2, 0.0)
    out = []
    for k, (f, v) in enumerate(zip(found, views, strict=True)):
        free_score = float(score[k]) if v.has_template else 1.0  # nothing left out: the score stands
        numbers = not missing[k]
        extra: dict[str, Any] = {"information": round(float(info[k]), 2)}
        if v.has_template:
            extra["template_free_score"] = round(free_score, 4)
        if v.n_words <= tp.SHORT_UNIT_WORDS:
            extra["distinguishing"] = round(float(rare[k]), 3)
            if not numbers:
                extra["numbers_missing"] = w.missing(k, v)
        if free_score < params.fuzzy_threshold - 1e-9:
            out.append(_mark(f, tp.TEMPLATE, extra))
        elif info[k] < params.info_floor:
            out.append(_mark(f, tp.LOW_INFORMATION, extra))
        elif not _distinguished(v.n_words, float(rare[k]), numbers):
            out.append(_mark(f, tp.NOT_DISTINGUISHED, extra))
        else:
            out.append(_with(f, extra))
    return out


# ---------------------------------------------------------------------------- the review


def _whole_unit_distinguished(v: tp.UnitView, n: int) -> bool:
    """Does a row holding every character n-gram of this unit surely hold its distinguishing words? Each
    n-gram of the unit is in the row, so each of its WORD_GRAM-grams is: a word `present` by its parts is
    there; a word with an occurrence inside the unit (not its first or last word) and 2 characters
    shorter than n is there exactly (some n-gram holds it with a space on both sides). Enough when the
    numbers are there exactly and the rare words that surely are carry DISTINGUISHING_SHARE."""
    shape = v.shape
    last = shape.n_words - 1
    inside = np.zeros(len(shape.distinct_words), dtype=bool)
    positions = np.arange(shape.n_words)
    ok = (positions > 0) & (positions < last) & (shape.lengths + 2 <= n)
    inside[shape.word_id[ok]] = True
    if (v.number & ~inside).any():
        return False
    total = float(v.rare.sum())
    if total <= 0:
        return True
    sure = float(v.rare[inside | shape.inflectable].sum())
    return sure / total >= tp.DISTINGUISHING_SHARE - 1e-9


Rule = Callable[[Finding], Finding | None]


def _needs_profile(f: Finding) -> Finding | None:
    return None


def _stands(f: Finding) -> Finding | None:
    return f


def _all_template(f: Finding) -> Finding | None:
    return _mark(f, tp.TEMPLATE, {"template_free_score": 0.0})


def _unit_rule(method: str, v: tp.UnitView, threshold: float) -> Rule:
    """The test side's decision on the findings of one unit by one method when it needs no look at the
    row (`decide`'s result, for most of a leaky corpus's findings: long passages whose few template words
    cannot bring the share under the threshold, and short units matched whole), as a rule over the
    finding (its score); the rule gives None when the finding needs its profile. Exactly what `decide`
    gives them. Worked out once per unit: what depends on the unit alone is computed here."""
    if method in ("fuzzy", "short"):
        return _needs_profile
    if method in ("exact", "substring"):  # the whole unit is in the row: its template text alone decides
        return _all_template if v.all_template else _stands
    distinguishing = v.n_words <= tp.SHORT_UNIT_WORDS and bool(v.number.any() or v.rare.any())
    if method.startswith("token"):
        m = int(method[5:])
        if not v.all_template_word_grams(m):
            return _needs_profile if distinguishing else _stands
        # as `_token` has it: no word n-gram of the unit outside template text, none to share
        return _all_template if not v.free_words(m).any() else _needs_profile
    n = int(method[4:])
    free = v.free_chars(n)
    if v.has_template and not free.any():  # as `_char` has it: no n-gram outside template text
        return _all_template
    total, n_free = float(len(free)), float(np.count_nonzero(free))
    whole: list[bool] = []  # `_whole_unit_distinguished`, once, when a finding asks

    def rule(f: Finding) -> Finding | None:
        # a short unit's distinguishing words: known without a look only when the row holds every n-gram
        # of the unit (a score of exactly 1: few enough n-grams that no rounding reaches it otherwise)
        if distinguishing:
            if not (f.score == 1.0 and total < 10_000):
                return None
            if not whole:
                whole.append(_whole_unit_distinguished(v, n))
            if not whole[0]:
                return None
        if not v.has_template:
            return f
        # as `_char` has it: every template n-gram shared, at worst, and still at the threshold
        worst = (f.score * total - (total - n_free)) / n_free if n_free > 0 else 0.0
        if worst < threshold:
            return None
        return _with(f, {"template_free_score": round(worst, 4)})

    return rule


_UNKNOWN = object()


class _RowTexts:
    """The n-gram form of the training rows whose findings' profiles wait for `finalize`, in a temporary
    file (a row once), so that memory does not grow with the rows that leak."""

    def __init__(self) -> None:
        self._file: Any = None
        self._at: dict[int, tuple[int, int]] = {}  # ordinal -> (offset, bytes)
        self._end = 0

    def keep(self, ordinal: int, text: str) -> None:
        if ordinal in self._at:
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="norcurate-review-")  # noqa: SIM115 (kept until finalize)
        data = text.encode("utf-8", "surrogatepass")
        self._file.write(data)
        self._at[ordinal] = (self._end, len(data))
        self._end += len(data)

    def get(self, ordinals: Sequence[int]) -> list[str]:
        self._file.flush()
        fd = self._file.fileno()
        return [os.pread(fd, n, at).decode("utf-8", "surrogatepass") for at, n in map(self._at.get, ordinals)]

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file, self._at, self._end = None, {}, 0

    def all(self) -> dict[int, str]:
        """Every row kept, by ordinal."""
        ordinals = list(self._at)
        return dict(zip(ordinals, self.get(ordinals), strict=True)) if ordinals else {}


@dataclass
class _Prepared:
    ngram: Batch


@dataclass
class _TextRows:
    """Training rows read back for their profiles: what `profiles` needs of a `ScanBatch`."""

    ordinals: list[int]
    prepared: Any
    char_hits: dict[int, Any]


@dataclass
class ReviewState:
    """A review's state that `finalize` needs (see `Review.handoff`): the training side's counts, the
    findings' presence profiles, and the rows of those whose profile waits."""

    rows: np.ndarray
    profiles: dict[tuple[int, int, str], Presence]
    waiting: set[tuple[int, int, str]]
    texts: dict[int, str]


class Review:
    """Re-scores each method's findings of one batch without template text (see the module docstring); a
    finding that no longer qualifies comes back with `template` set to the reason. Keeps each finding's
    profile until `finalize` applies the training side's template text. The findings decided without one
    (`_unit_rule`: most of a leaky corpus's, long passages) get their profile only if
    `finalize` needs it, from their row's text kept aside (`_RowTexts`)."""

    def __init__(self, units: Units, params: ReviewParams) -> None:
        self.units = units
        self.params = params
        self.table = tp.template_table(units, params.min_items)
        self.training = (
            tp.TrainingSide(self.table, params.min_items, params.min_rows) if params.training else None
        )
        self._profiles: dict[tuple[int, int, str], Presence] = {}
        self._waiting: set[tuple[int, int, str]] = set()  # char/token findings whose profile waits
        self._texts = _RowTexts()
        self._parts: dict[str, Any] = {}
        self._quick_memo: dict[tuple[str, int, float], Any] = {}
        self._rules: dict[tuple[str, int], Rule] = {}  # `_unit_rule` of each (method, unit) seen
        self._settable: dict[tuple[str, int], bool] = {}
        self._weights: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def shape(self, unit: int) -> tp.UnitShape:
        return self.table.shape(unit, self.units.ngram[unit])

    def handoff(self) -> ReviewState | None:
        """What `finalize` will need of the rows reviewed so far, handed over (and dropped here) so that
        the review of another part of the training data can take it in (`absorb`): an audit cut in
        shards is finalized once, on the training side of all of them. None without the training side
        (each finding is then decided with its batch)."""
        if self.training is None:
            return None
        state = ReviewState(self.training.rows.copy(), self._profiles, self._waiting, self._texts.all())
        self.training.rows[:] = 0
        self._profiles, self._waiting = {}, set()
        self._texts.close()
        return state

    def absorb(self, state: ReviewState, parts: dict[str, Any]) -> None:
        """Take in the `handoff` of a review of other training rows (`parts`: the index part of each
        method, for the decisions `finalize` takes again)."""
        if self.training is None:
            raise ValueError("only a review with the training side takes in another's")
        self.training.rows += state.rows
        self._profiles.update(state.profiles)
        self._waiting |= state.waiting
        for ordinal, text in state.texts.items():
            self._texts.keep(ordinal, text)
        self._parts.update(parts)

    def view(self, unit: int) -> tp.UnitView:
        return self.table.view(unit, self.units.ngram[unit])

    def count(self, batch: ScanBatch) -> None:
        """The training side's n-gram counts: every batch, every row."""
        if self.training is not None:
            self.training.count(batch.prepared.ngram)

    def __call__(self, batch: ScanBatch, method: str, part: Any, found: list[Finding]) -> list[Finding]:
        if not found:
            return found
        self._parts[method] = part
        views = [self.view(f.unit) for f in found]
        out = [self._quick(method, f, v) for f, v in zip(found, views, strict=True)]
        need = [k for k, decided in enumerate(out) if decided is None]
        if self.training is not None:
            done = [k for k, decided in enumerate(out) if decided is not None]
            if done:
                self._wait(batch, method, [found[k] for k in done])
        elif need:
            need = self._ranked_need(found, out, need)
        if need:
            self._decide_with_profiles(batch, method, found, views, out, need)
        return out  # type: ignore[return-value]

    def settable(self, method: str, units: np.ndarray) -> np.ndarray:
        """Per unit: may the review set a finding of it apart (`ScanBatch.settable`)? With the training side
        any may be (its template text is known only at the end); else a unit whose findings stand
        whatever the row holds (no template text, no distinguishing words to look for) may not."""
        if self.training is not None:
            return np.ones(len(units), dtype=bool)
        out = np.empty(len(units), dtype=bool)
        for k, unit in enumerate(units.tolist()):
            key = (method, unit)
            got = self._settable.get(key)
            if got is None:
                v = self.view(unit)
                distinguishing = v.n_words <= tp.SHORT_UNIT_WORDS and bool(v.number.any() or v.rare.any())
                if method.startswith("token"):
                    got = distinguishing or v.all_template_word_grams(int(method[5:]))
                else:
                    got = distinguishing or v.has_template
                self._settable[key] = got
            out[k] = got
        return out

    def _ranked_need(self, found: list[Finding], out: list[Finding | None], need: list[int]) -> list[int]:
        """Of the findings that need a profile, those whose decision can matter. Without the training side
        a finding outranked by one of the same method, row and test item that stands (a higher score, or
        the same on the whole item) is left out of the report whatever the review makes of it: the
        per-item choice drops it, or, set apart, the standing one shadows it. Such a finding is left as
        found, with no profile (in a leaky corpus, an answer inside its leaked passage)."""
        units = self.units

        def pair(f: Finding) -> tuple[int, int, str]:
            return f.train_ordinal, units.unit_set[f.unit], units.unit_item[f.unit]

        def rank(f: Finding) -> tuple[float, bool]:
            return f.score, units.unit_field[f.unit] == "item"

        best: dict[tuple[int, int, str], tuple[float, bool]] = {}
        for decided in out:
            if decided is not None and decided.template is None:
                key, r = pair(decided), rank(decided)
                if key not in best or r > best[key]:
                    best[key] = r
        keep = []
        for k in need:
            top = best.get(pair(found[k]))
            if top is not None and rank(found[k]) < top:
                out[k] = found[k]  # outranked by a finding that stands: dropped either way
            else:
                keep.append(k)
        return keep

    def _decide_with_profiles(
        self,
        batch: ScanBatch,
        method: str,
        found: list[Finding],
        views: list[tp.UnitView],
        out: list[Finding | None],
        need: list[int],
    ) -> None:
        """Decide found[k] for k in `need` from their presence profiles, computed together."""
        looked = [found[k] for k in need]
        pres = profiles(
            batch, method, looked, [self.shape(f.unit) for f in looked], training=self.training is not None
        )
        if self.training is not None:  # kept for `finalize`
            for f, p in zip(looked, pres, strict=True):
                self._profiles[(f.train_ordinal, f.unit, method)] = p
        for k, f in zip(need, self.decide(method, looked, [views[k] for k in need], pres), strict=True):
            out[k] = f

    def _quick(self, method: str, f: Finding, v: tp.UnitView) -> Finding | None:
        """The unit's `_unit_rule` on `f`, worked out once per method, unit and score: the decision is the
        same for every finding that shares them, up to the finding itself."""
        key = (method, f.unit, f.score)
        got = self._quick_memo.get(key, _UNKNOWN)
        if got is _UNKNOWN:
            rule = self._rules.get((method, f.unit))
            if rule is None:
                rule = self._rules[(method, f.unit)] = _unit_rule(method, v, self.params.threshold)
            decided = rule(f)
            got = None if decided is None else (decided.template, None if decided is f else decided.detail)
            self._quick_memo[key] = got
        if got is None:
            return None
        template, detail = got
        if detail is None:
            return f
        return replace(f, template=template, detail=detail) if f.detail is None else None

    def _wait(self, batch: ScanBatch, method: str, found: list[Finding]) -> None:
        """Findings decided without a profile: exact and substring need none (the whole unit is in the
        row); char/token keep their row's text for `finalize`, should it need their profile."""
        if not (method.startswith("char") or method.startswith("token")):
            for f in found:
                self._profiles[(f.train_ordinal, f.unit, method)] = Presence()
            return
        row_of = {o: r for r, o in enumerate(batch.ordinals)}
        for f in found:
            self._waiting.add((f.train_ordinal, f.unit, method))
            self._texts.keep(f.train_ordinal, batch.ngram[row_of[f.train_ordinal]])

    def _ensure_profiles(self, findings: Sequence[Finding]) -> None:
        """The profiles of the given findings that wait for one, from their rows' texts."""
        by_method: dict[str, list[Finding]] = {}
        for f in findings:
            key = (f.train_ordinal, f.unit, f.method)
            if key in self._waiting:
                self._waiting.discard(key)
                by_method.setdefault(f.method, []).append(f)
        for method, found in by_method.items():
            ordinals = sorted({f.train_ordinal for f in found})
            rows = _TextRows(ordinals, _Prepared(Batch.of(self._texts.get(ordinals))), {})
            pres = profiles(rows, method, found, [self.shape(f.unit) for f in found])  # type: ignore[arg-type]
            for f, p in zip(found, pres, strict=True):
                self._profiles[(f.train_ordinal, f.unit, method)] = p

    def decide(
        self, method: str, found: Sequence[Finding], views: Sequence[tp.UnitView], pres: Sequence[Presence]
    ) -> list[Finding]:
        """The findings of one method, decided with the given views of their units."""
        if method == "fuzzy":
            weights = [self._fuzzy_weights(f.unit, self._parts[method]) for f in found]
            return _fuzzy(found, views, pres, weights, self.params)
        if method == "short":
            return _short(found, views, self.params.info_floor)
        if method.startswith("char"):
            return _char(found, views, pres, int(method[4:]), self.params.threshold)
        if method.startswith("token"):
            return _token(found, views, pres, int(method[5:]))
        return _whole(found, views)

    def _fuzzy_weights(self, unit: int, part: Any) -> tuple[np.ndarray, np.ndarray]:
        """fuzzy's idf weights of the unit's distinct words and 5-grams (as `FuzzyPart.score` weighs)."""
        got = self._weights.get(unit)
        if got is None:
            shape = self.shape(unit)
            words = idf(part.word_w.lookup(shape.word_hashes), part.n_items)
            grams = idf(part.char_w.lookup(shape.char_grams(CHAR_N)[0]), part.n_items)
            got = self._weights[unit] = (words, grams)
        return got

    def finalize(self, findings: list[Finding]) -> list[Finding]:
        """The whole audit's findings with the training side's template text (see
        `contamination.methods.templates`): the findings of units it adds template text to are decided
        again (a finding already set apart stays apart), then `short` findings made with an item's other
        findings follow them. Once per audit: it hands the profiles back."""
        if self.training is None or (not self._profiles and not self._waiting):
            return findings  # no training side, nothing was reviewed, or this audit's pass is done
        try:
            views = self._training_views(findings)
            self._ensure_profiles([f for f in findings if f.template is None and f.unit in views])
        finally:
            profiles, self._profiles = self._profiles, {}
            self._waiting = set()
            self._texts.close()
        if not views:
            return findings
        out = list(findings)
        todo: dict[str, list[int]] = {}
        for k, f in enumerate(findings):
            if f.template is None and f.unit in views:
                todo.setdefault(f.method, []).append(k)
        for method, idx in todo.items():
            found = [findings[k] for k in idx]
            pres = [profiles[(f.train_ordinal, f.unit, method)] for f in found]
            decided = self.decide(method, found, [views[f.unit] for f in found], pres)
            for k, f in zip(idx, decided, strict=True):
                out[k] = f
        return _short_follows(out, self.units)

    def _training_views(self, findings: list[Finding]) -> dict[int, tp.UnitView]:
        """The views of the units the training side adds template text to (and that it changes)."""
        training = self.training
        counts: dict[int, tp.TrainingCounts] = {}
        first: list[np.ndarray] = []  # the candidates: template text before leaks are left out
        for unit in sorted({f.unit for f in findings}):
            c = training.positions(self.shape(unit))
            added = None if c is None else training.added(c)
            if c is not None and added is not None and added.any():
                counts[unit] = c
                first.append(c.hashes[added])
        if not counts:
            return {}
        candidates = np.unique(np.concatenate(first))
        wanted = np.unique(np.concatenate([c.hashes for c in counts.values()]))
        leaks = self._leak_rows(findings, candidates, wanted)
        views = {}
        for unit, c in counts.items():
            added = training.added(c, leaks.lookup(c.hashes))
            if not added.any():
                continue
            view = self.table.view_with(self.shape(unit), training.hashes(c, added))
            if not np.array_equal(view.mask, self.view(unit).mask):
                views[unit] = view
        return views

    def _leak_rows(self, findings: list[Finding], candidates: np.ndarray, wanted: np.ndarray) -> DocFreq:
        """For the wanted n-grams: how many distinct training rows holding each are leaks of a unit that
        holds it. A row is a leak of a unit when a finding of the unit in that row, set apart by the test
        side or not, carries at least LEAK_INFO nats outside the test side's template text, and, for
        the n-grams of a run of candidate template n-grams, outside that run's words too."""
        by_unit: dict[int, list[Finding]] = {}
        for f in findings:
            by_unit.setdefault(f.unit, []).append(f)
        holding: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}  # unit -> its wanted n-grams
        for unit in by_unit:
            shape = self.shape(unit)
            if shape.n_words < tp.TEMPLATE_N:
                continue
            uniq, ids = shape.word_grams(tp.TEMPLATE_N)
            is_wanted = tp.sorted_member(wanted, uniq)
            if is_wanted.any():
                holding[unit] = (uniq, ids, is_wanted)
        # the profiles these findings wait for, all at once
        self._ensure_profiles([f for unit in holding for f in by_unit[unit]])
        pairs_h: list[np.ndarray] = []
        pairs_r: list[np.ndarray] = []
        for unit, (uniq, ids, is_wanted) in holding.items():
            found = by_unit[unit]
            shape = self.shape(unit)
            view = self.view(unit)
            pres = [self._profiles[(f.train_ordinal, f.unit, f.method)] for f in found]
            # per finding: the unit's words found (all of them: the unit is in the row) and n-grams held
            n_words = len(shape.distinct_words)
            inflected = np.ones((len(found), n_words), dtype=bool)
            held = np.tile(is_wanted, (len(found), 1))
            for k, p in enumerate(pres):
                if p.row_template_grams is not None:
                    inflected[k] = _unpack(p.inflected, n_words)  # type: ignore[arg-type]
                    held[k] &= _unpack(p.row_template_grams, len(uniq))
            # the n-grams outside every candidate run, then each run's, with that run's words left out
            is_candidate = tp.sorted_member(candidates, uniq)
            groups = [~is_candidate]
            info = [view.info]
            free = ~view.word_template
            for run in _runs(is_candidate[ids]):
                in_run = np.zeros(len(uniq), dtype=bool)
                in_run[ids[run]] = True
                groups.append(in_run)
                words = np.zeros(shape.n_words, dtype=bool)
                words[run[0] : run[-1] + tp.TEMPLATE_N] = True
                # a word keeps its information while it has a non-template occurrence outside the run
                outside = np.bincount(shape.word_id[free & ~words], minlength=n_words) > 0
                info.append(np.where(outside, view.info, 0.0))
            carried = inflected.astype(np.float64) @ np.stack(info, axis=1)  # (findings, groups)
            # per finding: the n-grams whose group its row is a leak for, among those it holds
            leak = held & ((carried >= tp.LEAK_INFO).astype(np.int64) @ np.stack(groups).astype(np.int64) > 0)
            k, j = np.nonzero(leak)
            rows = np.array([f.train_ordinal for f in found], dtype=np.uint64)
            pairs_h.append(uniq[j])
            pairs_r.append(rows[k])
        if not pairs_h:
            return DocFreq(np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64))
        # distinct rows per n-gram: a DocFreq over (hash, row) pairs
        return DocFreq.build(np.concatenate(pairs_h), np.concatenate(pairs_r))


def _runs(flags: np.ndarray) -> list[np.ndarray]:
    """The positions of each maximal run of True."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flags.astype(np.int8), [0]])))
    return [np.arange(a, b) for a, b in zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True)]


def _short_follows(findings: list[Finding], units: Units) -> list[Finding]:
    """A `short` finding made because another method flagged its item in the row is set apart when every
    such finding of the item in that row is."""
    item = units.item_key
    standing = {
        (f.train_ordinal, int(item[f.unit])) for f in findings if f.template is None and f.method != "short"
    }
    return [
        _mark(f, tp.TEMPLATE, {})
        if f.method == "short"
        and f.template is None
        and f.detail
        and not f.detail.get("alone")
        and (f.train_ordinal, int(item[f.unit])) not in standing
        else f
        for f in findings
    ]
