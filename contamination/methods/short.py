"""short: test units too short for the n-gram methods (n-gram form under 50 characters: answer options,
short questions), found whole in a training row.

- A unit of >= 4 words and >= 20 characters found whole (word-bounded, n-gram form) in a training row,
  unless it is common: found in more than `short_max_rows` training rows of the audit, or in more than
  `fuzzy_max_df` test items ("i 20 år", "det er bra" are not leaks).
- Any short unit ("Ja", "1945", "Oslo" included) found whole in a training row that also has a finding of
  another method for the same test item (the question leaked with its answer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from pydantic import Field

from contamination.index.hashtable import HashTable
from contamination.methods.base import (
    EVIDENCE_CHARS,
    NGRAM_NORMALISATION,
    Finding,
    Method,
    MethodParams,
    ScanBatch,
    Units,
)
from contamination.methods.doc_freq import unit_bigrams, unit_word_counts

SHORT_MAX_CHARS = 50  # below the substring/char50 sizes
SHORT_MIN_WORDS = 4  # found alone, a short unit needs this many words and SHORT_MIN_CHARS
SHORT_MIN_CHARS = 20


class ShortParams(MethodParams):
    short_max_rows: int = Field(5, ge=1)
    fuzzy_max_df: int = Field(10, ge=1)


@dataclass
class ShortPart:
    """Derived from the units' n-gram forms alone, so rebuilt rather than stored."""

    item_key: np.ndarray  # unit -> item number
    table: HashTable  # rarest bigram of each short unit of >= SHORT_MIN_WORDS words -> unit
    common: set[int]  # short units found in too many test items
    item_units: dict[int, list[int]]  # item -> its short units


@dataclass
class ShortCandidates:
    alone: list[tuple[int, int]]  # (row, unit): the unit's rarest bigram is in the row
    with_item: list[tuple[int, int]]  # (row, item): another method flagged the item in the row


def find_word_bounded(unit: str, train: str) -> int:
    """Offset of `unit` in `train` (both n-gram form: words split by single spaces) at word boundaries."""
    start = 0
    while True:
        at = train.find(unit, start)
        if at < 0:
            return -1
        end = at + len(unit)
        if (at == 0 or train[at - 1] == " ") and (end == len(train) or train[end] == " "):
            return at
        start = at + 1


def around(train: str, at: int, length: int, chars: int = EVIDENCE_CHARS) -> str:
    """Up to `chars` characters of `train` centred on [at, at + length)."""
    pad = max((chars - length) // 2, 0)
    a = max(0, at - pad)
    return train[a : a + chars]


class Short(Method[ShortParams, ShortPart]):
    name = "short"
    part_type = ShortPart
    params_model = ShortParams
    stage = 2  # reads the findings of the other methods
    stored = False

    def build(self, units: Units, params: ShortParams, gate_n: int | None) -> ShortPart:
        item_key = units.item_key
        lengths = np.array([len(t) for t in units.ngram], dtype=np.int64)
        short_units = (lengths > 0) & (lengths < SHORT_MAX_CHARS)
        n_words = unit_word_counts(units)
        # each short unit's rarest bigram (ties: the first) finds it in a training row
        b = unit_bigrams(units)
        sel = (
            short_units[b.units]
            & (n_words[b.units] >= SHORT_MIN_WORDS)
            & (lengths[b.units] >= SHORT_MIN_CHARS)
        )
        su, sh, sdf = b.units[sel], b.hashes[sel], b.df[sel]
        order = np.lexsort((np.arange(len(su)), sdf, su))
        su, sh = su[order], sh[order]
        first = np.r_[True, su[1:] != su[:-1]] if len(su) else np.zeros(0, dtype=bool)
        table = HashTable.build(sh[first], su[first], len(units))
        # a short text found in more than fuzzy_max_df test items is common, never a leak on its own
        text_items: dict[str, set[int]] = {}
        short = np.flatnonzero(short_units).tolist()
        for u in short:
            text_items.setdefault(units.ngram[u], set()).add(int(item_key[u]))
        common = {u for u in short if len(text_items[units.ngram[u]]) > params.fuzzy_max_df}
        item_units: dict[int, list[int]] = {}
        for u in short:
            item_units.setdefault(int(item_key[u]), []).append(u)
        return ShortPart(item_key, table, common, item_units)

    def scan(self, batch: ScanBatch, units: Units, part: ShortPart, params: ShortParams) -> ShortCandidates:
        alone: list[tuple[int, int]] = []
        if len(part.table.hashes):
            hits = batch.prepared.ngram.word_hits(2, part.table)
            query, found = part.table.expand(hits.first, hits.count)
            pairs = set(zip(hits.rows[query].tolist(), found.tolist(), strict=True))
            alone = sorted((row, unit) for row, unit in pairs if unit not in part.common)
        row_of = {o: r for r, o in enumerate(batch.ordinals)}
        with_item = sorted(
            {
                (row_of[f.train_ordinal], int(part.item_key[f.unit]))
                for f in batch.findings
                if f.template is None
            }
        )
        return ShortCandidates(alone, with_item)

    def verify(
        self,
        batch: ScanBatch,
        units: Units,
        part: ShortPart,
        params: ShortParams,
        candidates: ShortCandidates,
    ) -> list[Finding]:
        out = []
        seen: set[tuple[int, int]] = set()

        def emit(row: int, unit: int, alone: bool) -> None:
            """A finding when the short unit stands word-bounded in the training row."""
            text = units.ngram[unit]
            at = find_word_bounded(text, batch.ngram[row])
            if at >= 0:
                seen.add((row, unit))
                evidence = around(batch.ngram[row], at, len(text))
                out.append(batch.finding(row, unit, self.name, 1.0, evidence, {"alone": alone, "at": at}))

        for row, unit in candidates.alone:
            emit(row, unit, alone=True)
        # any short unit of an item another method flagged in the same row: the answer leaked with it
        for row, item in candidates.with_item:
            for unit in part.item_units.get(item, ()):
                if (row, unit) not in seen:
                    emit(row, unit, alone=False)
        return out

    def finalize(
        self, findings: Iterable[Finding], part: ShortPart, params: ShortParams
    ) -> Iterable[Finding]:
        """Drop `short` findings (found alone) of units found in more than `short_max_rows` training rows:
        a common phrase, not a leak."""
        rows: dict[int, set[int]] = {}
        for f in findings:
            if f.method == self.name and f.detail and f.detail.get("alone") and f.template is None:
                rows.setdefault(f.unit, set()).add(f.train_ordinal)
        common = {u for u, r in rows.items() if len(r) > params.short_max_rows}
        if not common:
            return findings
        return (
            f
            for f in findings
            if not (f.method == self.name and f.unit in common and f.detail and f.detail.get("alone"))
        )

    def report_params(self, params: ShortParams) -> dict[str, object]:
        return {
            "max_chars": SHORT_MAX_CHARS,
            "alone_min_words": SHORT_MIN_WORDS,
            "alone_min_chars": SHORT_MIN_CHARS,
            "max_train_rows": params.short_max_rows,
            "max_test_items": params.fuzzy_max_df,
            "with_item": "any short unit found in a row that another method flags for its item",
            "normalisation": NGRAM_NORMALISATION,
        }


METHOD = Short()
