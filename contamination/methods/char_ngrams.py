"""char50, char30: the share of a test unit's distinct character n-grams (n-gram form) found in one training
example reaches `threshold` (the published protocol)."""

from __future__ import annotations

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
from contamination.methods.candidates import group_by_row, shared_pairs
from contamination.ngrams.batch import Anchor, Hits


class CharParams(MethodParams):
    threshold: float = Field(0.3, gt=0.0, le=1.0, allow_inf_nan=False)


@dataclass
class CharPart:
    table: HashTable  # every character n-gram of every unit's n-gram form
    # the gating method's bitmap of the units' n/2-grams: lets its scan skip stretches of training text
    # that share none (see `Batch.char_hits`); None for the others, which look inside its hits
    anchor: Anchor | None


@dataclass
class CharCandidates:
    hits: Hits
    rows: np.ndarray
    units: np.ndarray


def _char_ngram_set(text: str, n: int) -> set[str]:
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def _longest_run(train: str, offsets: list[int], n: int) -> str:
    """The longest stretch of `train` covered by overlapping shared n-grams (the evidence)."""
    best_start, best_end = offsets[0], offsets[0] + n
    start, end = best_start, best_end
    for o in offsets[1:]:
        if o <= end:
            end = max(end, o + n)
        else:
            start, end = o, o + n
        if end - start > best_end - best_start:
            best_start, best_end = start, end
    return train[best_start:best_end][:EVIDENCE_CHARS]


class CharNgrams(Method[CharParams, CharPart]):
    part_type = CharPart
    params_model = CharParams
    default = True
    stage = 0

    def __init__(self, n: int) -> None:
        self.n = self.gate_n = n
        self.name = f"char{n}"  # type: ignore[misc]

    def build(self, units: Units, params: CharParams, gate_n: int | None) -> CharPart:
        h, owners, _ = units.ngram_batch.char_ngrams(self.n)
        anchor = units.ngram_batch.anchor(self.n // 2) if gate_n == self.n else None
        return CharPart(HashTable.build(h, owners, len(units)), anchor)

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

    def scan(self, batch: ScanBatch, units: Units, part: CharPart, params: CharParams) -> CharCandidates:
        hits = batch.char_hits[self.n] = self.hits(batch, part)
        rows, found, shared = shared_pairs(hits, part.table, len(units))
        keep = shared >= params.threshold * part.table.distinct[found] - 1e-9
        return CharCandidates(hits, rows[keep], found[keep])

    def verify(
        self, batch: ScanBatch, units: Units, part: CharPart, params: CharParams, candidates: CharCandidates
    ) -> list[Finding]:
        if not len(candidates.rows):
            return []
        n = self.n
        hit_offsets = group_by_row(candidates.hits.rows, candidates.hits.starts)
        unit_sets = batch.cache.setdefault(self.name, {})
        out = []
        for row, unit in zip(candidates.rows.tolist(), candidates.units.tolist(), strict=True):
            grams = unit_sets.get(unit)
            if grams is None:
                grams = unit_sets[unit] = _char_ngram_set(units.ngram[unit], n)
            # a shared n-gram always hashes equal, so the hit windows hold every real match
            train = batch.ngram[row]
            offsets = [o for o in hit_offsets[row] if train[o : o + n] in grams]
            score = len({train[o : o + n] for o in offsets}) / len(grams)
            if score >= params.threshold:
                out.append(
                    batch.finding(row, unit, self.name, round(score, 4), _longest_run(train, offsets, n))
                )
        return out

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
