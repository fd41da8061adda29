"""Fast normalisation of a batch into the two code-point forms the methods scan.

`prepare(texts)` gives the normalised form (exact, substring) and the n-gram form (char/word n-grams)
as `Batch`es, equal row for row to `normalise_many` / `ngram_form_many` (the reference). Rows made only
of characters whose normalisation is per-character go through a compiled table lookup; the rest take
the reference path. tests/test_prepare.py checks the equality.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from contamination import kernels
from contamination.ngrams import Batch, encode
from contamination.normalise import ngram_form_many, normalise_many, repair_many, settle, settle_ngram


@dataclass
class Prepared:
    """The normalised form (batch and decoded texts) and, computed on first use, the n-gram form."""

    norm: Batch
    norm_texts: list[str]
    _ngram: Batch | None = None

    @property
    def ngram(self) -> Batch:
        if self._ngram is None:
            self._ngram = _ngram_form(self.norm)
        return self._ngram


def _run(batch: Batch, fold: bool, strip_punct: bool) -> tuple[Batch, np.ndarray]:
    lengths, chars, is_space, is_punct = kernels.fold_tables()
    if not fold:
        lengths = _IDENTITY_LENGTHS
        chars = _IDENTITY_CHARS
    size = max(len(batch.codes) * kernels.MAX_EXPANSION, 1) if fold else max(len(batch.codes), 1)
    out = np.empty(size, dtype=np.uint32)
    starts = np.empty(len(batch), dtype=np.int64)
    ends = np.empty(len(batch), dtype=np.int64)
    ok = np.empty(len(batch), dtype=np.bool_)
    used = kernels.fold_rows(
        batch.codes,
        batch.starts,
        batch.ends,
        lengths,
        chars,
        is_space,
        is_punct,
        strip_punct,
        out,
        starts,
        ends,
        ok,
    )
    return Batch(out[:used], starts, ends), ok


def _identity() -> tuple[np.ndarray, np.ndarray]:
    lengths = np.ones(kernels.TABLE_SIZE, dtype=np.uint8)
    chars = np.zeros((kernels.TABLE_SIZE, kernels.MAX_EXPANSION), dtype=np.uint32)
    chars[:, 0] = np.arange(kernels.TABLE_SIZE, dtype=np.uint32)
    return lengths, chars


_IDENTITY_LENGTHS, _IDENTITY_CHARS = _identity()


def _splice(fast: Batch, ok: np.ndarray, slow: dict[int, str]) -> Batch:
    """Put the reference results of the rows the table could not do in their places.

    Those rows are empty in `fast`, so everything between two of them is one contiguous slice.
    """
    if not slow:
        return fast
    pieces: list[np.ndarray] = []
    lengths = fast.ends - fast.starts
    cursor = 0
    for r in sorted(slow):
        at = int(fast.starts[r])
        pieces.append(fast.codes[cursor:at])
        pieces.append(np.frombuffer(slow[r].encode("utf-32-le"), dtype=np.uint32))
        lengths[r] = len(slow[r])
        cursor = at
    pieces.append(fast.codes[cursor:])
    ends = np.cumsum(lengths)
    return Batch(np.concatenate(pieces), ends - lengths, ends)


def _blank(batch: Batch, rows: dict[int, str]) -> Batch:
    """The batch with `rows` emptied, the shape `_splice` fills in."""
    keep = np.ones(len(batch.codes), dtype=bool)
    lengths = batch.ends - batch.starts
    for r in rows:
        keep[batch.starts[r] : batch.ends[r]] = False
        lengths[r] = 0
    ends = np.cumsum(lengths)
    return Batch(batch.codes[keep], ends - lengths, ends)


def _resettle(
    batch: Batch, texts: list[str], settle_rows: Callable[[list[str]], list[str]]
) -> tuple[Batch, list[str]]:
    """Apply a settle function (see `contamination.normalise.settle`) and splice in the rows it changed."""
    settled = settle_rows(texts)
    unsettled = {r: t for r, (t, before) in enumerate(zip(settled, texts, strict=True)) if t != before}
    if unsettled:
        keep = np.array([r not in unsettled for r in range(len(batch))])
        batch = _splice(_blank(batch, unsettled), keep, unsettled)
    return batch, settled


def prepare(texts: Sequence[str]) -> Prepared:
    repaired = repair_many(texts)
    norm, ok = _run(Batch(*encode(repaired)), fold=True, strip_punct=False)
    slow_rows = np.flatnonzero(~ok).tolist()
    norm = _splice(
        norm, ok, dict(zip(slow_rows, normalise_many([repaired[r] for r in slow_rows]), strict=True))
    )
    norm, norm_texts = _resettle(norm, norm.texts(), settle)
    return Prepared(norm, norm_texts)


def _ngram_form(norm: Batch) -> Batch:
    ngram, ok = _run(norm, fold=False, strip_punct=True)
    slow_rows = np.flatnonzero(~ok).tolist()
    slow = dict(zip(slow_rows, ngram_form_many([norm.text(r) for r in slow_rows]), strict=True))
    ngram = _splice(ngram, ok, slow)
    return _resettle(ngram, ngram.texts(), settle_ngram)[0]
