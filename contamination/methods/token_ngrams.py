"""token13: a word 13-gram of a test unit occurs in a training example; 13-grams found in more than
`token13_max_items` test items are boilerplate and ignored."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from pydantic import Field

from contamination.index.hashtable import HashTable
from contamination.methods.base import NGRAM_NORMALISATION, Finding, Method, MethodParams, ScanBatch, Units
from contamination.methods.candidates import group_by_row, shared_pairs
from contamination.ngrams.batch import Hits


class TokenParams(MethodParams):
    token13_max_items: int = Field(10, ge=1)


@dataclass
class TokenPart:
    table: HashTable  # every word n-gram of every unit's n-gram form, boilerplate left out
    boilerplate: int  # distinct n-grams left out
    boilerplate_grams: list[str]  # their text (sorted), left out of the verification too
    # some unit may hold n words within fewer characters than the gating character n-gram: rows that may
    # hold such a window are scanned whatever the gate says (see `contamination.methods.base`)
    dense: bool


@dataclass
class TokenCandidates:
    hits: Hits
    rows: np.ndarray
    units: np.ndarray


def _word_ngram_set(text: str, n: int) -> set[tuple[str, ...]]:
    """The distinct n-word windows of an n-gram-form text, as word tuples (cheaper than joined strings)."""
    words = text.split(" ")
    return set(zip(*(words[k:] for k in range(n)), strict=False)) if len(words) >= n else set()


class TokenNgrams(Method[TokenParams, TokenPart]):
    part_type = TokenPart
    params_model = TokenParams
    default = True

    def __init__(self, n: int) -> None:
        self.n = n
        self.name = f"token{n}"  # type: ignore[misc]

    def build(self, units: Units, params: TokenParams, gate_n: int | None) -> TokenPart:
        h, owners, starts, ends = units.ngram_batch.word_ngrams(self.n)
        keep = np.ones(len(h), dtype=bool)
        grams: list[str] = []
        common = np.empty(0, dtype=np.uint64)
        if len(h):
            # boilerplate: an n-gram found in more than token13_max_items distinct test items
            pairs = np.unique(np.stack([h, units.item_key[owners].astype(np.uint64)], axis=1), axis=0)
            uniq, counts = np.unique(pairs[:, 0], return_counts=True)
            common = uniq[counts > params.token13_max_items]
            keep = ~np.isin(h, common)
            grams = sorted(
                {
                    units.ngram[u][a:b]
                    for u, a, b in zip(
                        owners[~keep].tolist(), starts[~keep].tolist(), ends[~keep].tolist(), strict=True
                    )
                }
            )
        dense = gate_n is not None and bool(units.ngram_batch.short_word_windows(self.n, gate_n).any())
        return TokenPart(HashTable.build(h[keep], owners[keep], len(units)), len(common), grams, dense)

    def scan(self, batch: ScanBatch, units: Units, part: TokenPart, params: TokenParams) -> TokenCandidates:
        ngram = batch.prepared.ngram
        rows = batch.hit_rows
        if rows is not None and part.dense:
            rows = np.union1d(rows, np.flatnonzero(ngram.short_word_windows(self.n, batch.gate_n)))
        if rows is None:
            hits = ngram.word_hits(self.n, part.table)
        else:
            hits = ngram.take(rows).word_hits(self.n, part.table)
            hits = replace(hits, rows=rows[hits.rows])
        pair_rows, pair_units, _shared = shared_pairs(hits, part.table, len(units))
        return TokenCandidates(hits, pair_rows, pair_units)

    def verify(
        self,
        batch: ScanBatch,
        units: Units,
        part: TokenPart,
        params: TokenParams,
        candidates: TokenCandidates,
    ) -> list[Finding]:
        if not len(candidates.rows):
            return []
        n = self.n
        hits = candidates.hits
        spans = group_by_row(hits.rows, np.stack([hits.starts, hits.ends], axis=1))
        cache = batch.cache.setdefault(self.name, {})
        boilerplate = cache.get("boilerplate")
        if boilerplate is None:
            boilerplate = cache["boilerplate"] = {tuple(g.split(" ")) for g in part.boilerplate_grams}
        unit_grams = cache.setdefault("units", {})
        row_grams: dict[int, set[tuple[str, ...]]] = {}
        out = []
        for row, unit in zip(candidates.rows.tolist(), candidates.units.tolist(), strict=True):
            grams = unit_grams.get(unit)
            if grams is None:
                grams = unit_grams[unit] = _word_ngram_set(units.ngram[unit], n)
            train_grams = row_grams.get(row)
            if train_grams is None:
                train = batch.ngram[row]
                train_grams = row_grams[row] = {
                    tuple(train[a:b].split(" ")) for a, b in spans[row]
                } - boilerplate
            exact_shared = train_grams & grams
            if exact_shared and part.table.distinct[unit]:
                score = len(exact_shared) / max(len(grams), 1)
                # the smallest shared n-gram as a string: n-gram-form words hold no character at or
                # below the space (whitespace splits, ftfy drops the other controls), so word tuples
                # sort as their joined strings do
                out.append(batch.finding(row, unit, self.name, round(score, 4), " ".join(min(exact_shared))))
        return out

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
