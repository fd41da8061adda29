"""token13: a word 13-gram of a test unit occurs in a training example; 13-grams found in more than
`token13_max_items` test items are boilerplate and ignored."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from pydantic import Field

from contamination.index.grams import GramTable, distinct_grams, gram_units, kept_per_unit
from contamination.methods.base import (
    EVIDENCE_CHARS,
    NGRAM_NORMALISATION,
    Finding,
    Method,
    MethodParams,
    ScanBatch,
    Units,
)
from contamination.methods.gram_scores import (
    gram_findings,
    keep_for_review,
    score_hits,
    smallest_grams,
    text_spans,
)
from contamination.ngrams.batch import Hits


class TokenParams(MethodParams):
    token13_max_items: int = Field(10, ge=1)


@dataclass
class TokenPart:
    table: GramTable  # every distinct word n-gram of the units' n-gram forms, boilerplate left out
    unit_grams: (
        np.ndarray
    )  # int64 distinct word n-grams per unit, boilerplate included (the score's denominator)
    boilerplate: int  # distinct n-grams left out
    # some unit may hold n words within fewer characters than the gating character n-gram: rows that may
    # hold such a window are scanned whatever the gate says (see `contamination.methods.base`)
    dense: bool


class TokenNgrams(Method[TokenParams, TokenPart]):
    part_type = TokenPart
    params_model = TokenParams
    default = True

    def __init__(self, n: int) -> None:
        self.n = n
        self.name = f"token{n}"  # type: ignore[misc]

    def build(self, units: Units, params: TokenParams, gate_n: int | None) -> TokenPart:
        b = units.ngram_batch
        item_key = units.item_key
        # boilerplate is counted in distinct items, one pass over units in order: an item's units are
        # consecutive (see `contamination.index.testindex.units_of`)
        if np.any(np.diff(item_key) < 0):
            raise ValueError("test units must come item by item")
        wgram, gkey, gpos, glen = distinct_grams(b.codes, b.starts, b.ends, self.n, words=True)
        node_of, items, unit_grams, parent, unit, depth = gram_units(
            wgram, b.starts, b.ends, len(gkey), item_key
        )
        keep = items <= params.token13_max_items
        kept = kept_per_unit(wgram, b.starts, b.ends, keep)
        table = GramTable.assemble(0, gkey, gpos, glen, node_of, keep, parent, unit, depth, kept)
        dense = gate_n is not None and bool(b.short_word_windows(self.n, gate_n).any())
        return TokenPart(table, unit_grams, int(len(keep) - np.count_nonzero(keep)), dense)

    def scan(self, batch: ScanBatch, units: Units, part: TokenPart, params: TokenParams) -> Hits:
        ngram = batch.prepared.ngram
        rows = batch.hit_rows
        if rows is not None and part.dense:
            rows = np.union1d(rows, np.flatnonzero(ngram.short_word_windows(self.n, batch.gate_n)))
        if rows is None:
            return ngram.word_hits(self.n, part.table)
        hits = ngram.take(rows).word_hits(self.n, part.table)
        return replace(hits, rows=rows[hits.rows])

    def verify(
        self, batch: ScanBatch, units: Units, part: TokenPart, params: TokenParams, candidates: Hits
    ) -> list[Finding]:
        """Exact shared n-grams of every pair in one compiled pass (`score_hits`); for the best pair of
        each test item, the evidence: the smallest shared n-gram."""
        if not len(candidates.rows):
            return []
        ngram = batch.prepared.ngram
        scored = score_hits(ngram, candidates, part.table, units.ngram_batch.codes)
        if not len(scored.rows):
            return []
        score = scored.shared / part.unit_grams[scored.units]
        rounded = [round(x, 4) for x in score.tolist()]
        keep = keep_for_review(batch, self.name, scored.rows, scored.units, rounded, units)
        rows = scored.rows[keep]
        evidence = text_spans(ngram, rows, smallest_grams(scored, ngram, part.table, keep), EVIDENCE_CHARS)
        return gram_findings(batch, self.name, rows, scored.units[keep], rounded, keep, evidence)

    def report_params(self, params: TokenParams) -> dict[str, object]:
        return {
            "n": self.n,
            "unit": "word",
            "min_shared": 1,
            "boilerplate_max_items": params.token13_max_items,
            "normalisation": NGRAM_NORMALISATION,
        }

    def too_short(self, units: Units, part: TokenPart, params: TokenParams) -> np.ndarray:
        return np.array([t.count(" ") + 1 < self.n if t else True for t in units.ngram], dtype=bool)

    def ignored(self, part: TokenPart) -> int:
        return part.boilerplate


TOKEN13 = TokenNgrams(13)
