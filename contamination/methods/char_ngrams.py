"""char50, char30: the share of a test unit's distinct character n-grams (n-gram form) found in one training
example reaches `threshold` (the published protocol)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from contamination.index.grams import GramTable
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
    longest_runs,
    score_hits,
    text_spans,
)
from contamination.ngrams.batch import Anchor, Hits


class CharParams(MethodParams):
    threshold: float = Field(0.3, gt=0.0, le=1.0, allow_inf_nan=False)


@dataclass
class CharPart:
    table: GramTable  # every distinct character n-gram of the units' n-gram forms
    # the gating method's bitmap of the units' n/2-grams: lets its scan skip stretches of training text
    # that share none (see `Batch.char_hits`); None for the others, which look inside its hits
    anchor: Anchor | None


class CharNgrams(Method[CharParams, CharPart]):
    part_type = CharPart
    params_model = CharParams
    default = True
    stage = 0

    def __init__(self, n: int) -> None:
        self.n = self.gate_n = n
        self.name = f"char{n}"  # type: ignore[misc]

    def build(self, units: Units, params: CharParams, gate_n: int | None) -> CharPart:
        b = units.ngram_batch
        anchor = b.anchor(self.n // 2) if gate_n == self.n else None
        return CharPart(GramTable.of_chars(b.codes, b.starts, b.ends, self.n), anchor)

    def hits(self, batch: ScanBatch, part: CharPart) -> Hits:
        """This batch's n-gram hits. The longer n-grams are looked up only where two of a shorter
        method's hits say they can exist (every test n-gram contains test m-grams): the scans are bound by
        memory lookups, so this saves a whole pass."""
        ngram = batch.prepared.ngram
        shorter = [m for m in batch.char_hits if m < self.n]
        if shorter:
            m = min(shorter)
            return ngram.char_hits_within(self.n, part.table, batch.char_hits[m], m)
        return ngram.char_hits(self.n, part.table, part.anchor)

    def scan(self, batch: ScanBatch, units: Units, part: CharPart, params: CharParams) -> Hits:
        hits = batch.char_hits[self.n] = self.hits(batch, part)
        return hits

    def verify(
        self, batch: ScanBatch, units: Units, part: CharPart, params: CharParams, candidates: Hits
    ) -> list[Finding]:
        """Exact scores of every pair in one compiled pass (`score_hits`), then, for the pairs that pass
        and are the best of their test item, the evidence: the longest stretch of the row covered by
        overlapping n-grams of the unit."""
        if not len(candidates.rows):
            return []
        ngram = batch.prepared.ngram
        scored = score_hits(ngram, candidates, part.table, units.ngram_batch.codes)
        score = scored.shared / part.table.distinct[scored.units]
        passing = np.flatnonzero(score >= params.threshold)
        if not len(passing):
            return []
        # the report's rounding (Python's, exact), on the few pairs that pass
        rounded = [round(x, 4) for x in score[passing].tolist()]
        best = keep_for_review(batch, self.name, scored.rows[passing], scored.units[passing], rounded, units)
        keep = passing[best]
        rows = scored.rows[keep]
        evidence = text_spans(ngram, rows, longest_runs(scored, part.table, keep), EVIDENCE_CHARS)
        return gram_findings(batch, self.name, rows, scored.units[keep], rounded, best, evidence)

    def report_params(self, params: CharParams) -> dict[str, object]:
        return {
            "n": self.n,
            "unit": "character",
            "threshold": params.threshold,
            "score": "share of the test unit's distinct n-grams found in the training example",
            "normalisation": NGRAM_NORMALISATION,
        }

    def too_short(self, units: Units, part: CharPart, params: CharParams) -> np.ndarray:
        return np.array([len(t) < self.n for t in units.ngram], dtype=bool)


CHAR50 = CharNgrams(50)
CHAR30 = CharNgrams(30)
