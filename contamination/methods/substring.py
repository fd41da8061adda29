"""substring: a normalised test unit (>= min_substring characters) occurs inside a training example, or a
training example (>= min_substring characters) occurs inside a test unit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from contamination.index.grams import GramTable
from contamination.index.hashtable import HashTable
from contamination.methods.base import NORMALISATION, Finding, Method, MethodParams, ScanBatch, Units
from contamination.ngrams.batch import Anchor, Batch
from contamination.text.prepare import ngram_is_stripped_norm


class SubstringParams(MethodParams):
    min_substring: int = Field(50, ge=1)


@dataclass
class SubstringPart:
    # a unit inside a training text starts with one of the text's windows: the first min_substring
    # characters of each long unit
    prefix_table: HashTable
    # a training text inside a unit starts with one of the unit's windows: every distinct min_substring
    # window of the normalised forms
    window_table: GramTable
    # units a character-method hit does not announce (see `contamination.methods.base`): looked for in
    # every row, through their own prefix table
    ungated: np.ndarray  # int64 unit numbers
    ungated_prefix_table: HashTable | None
    # a bitmap of the prefixes' min_substring/2-grams: the prefix scans skip stretches of training text
    # that share none (`Batch.char_hits`), which is most of a row, even one that leaks a passage
    prefix_anchor: Anchor | None


Pairs = set[tuple[int, int]]


class Substring(Method[SubstringParams, SubstringPart]):
    name = "substring"
    part_type = SubstringPart
    params_model = SubstringParams
    default = True

    def build(self, units: Units, params: SubstringParams, gate_n: int | None) -> SubstringPart:
        m = params.min_substring
        norm = units.norm_batch
        prefixes = norm.prefix_hashes(m)
        long_units = np.flatnonzero((norm.ends - norm.starts) >= m)
        prefix_table = HashTable.build(prefixes[long_units], long_units, len(units))
        window_table = GramTable.of_chars(norm.codes, norm.starts, norm.ends, m)
        ungated = np.empty(0, dtype=np.int64)
        if gate_n is not None and len(prefix_table.units):
            ngram = units.ngram_batch
            present = np.unique(prefix_table.units)
            safe = ngram_is_stripped_norm(norm, ngram) & (ngram.ends - ngram.starts >= gate_n)
            ungated = present[~safe[present]].astype(np.int64)
        ungated_table = HashTable.build(prefixes[ungated], ungated, len(units)) if len(ungated) else None
        anchor = None
        if m >= 2 and len(long_units):
            starts = norm.starts[long_units]
            anchor = Batch(norm.codes, starts, starts + m).anchor(m // 2)
        return SubstringPart(prefix_table, window_table, ungated, ungated_table, anchor)

    def scan(
        self, batch: ScanBatch, units: Units, part: SubstringPart, params: SubstringParams
    ) -> tuple[Pairs, Pairs]:
        """(pairs whose unit may be inside the row, pairs whose row may be inside the unit)."""
        m = params.min_substring
        norm = batch.prepared.norm
        inside_row: Pairs = set()
        scans: list[tuple[HashTable | None, np.ndarray | None]] = [(part.prefix_table, None)]
        hit_rows = batch.hit_rows
        if hit_rows is not None:
            # gated units can only be inside rows with a character-method hit (or rows whose n-gram form
            # is not their stripped normalised form); the others are looked for everywhere
            rows = np.union1d(hit_rows, np.flatnonzero(~batch.prepared.plain))
            scans = [(part.prefix_table, rows), (part.ungated_prefix_table, None)]
        for table, rows in scans:
            if table is None or not len(table.hashes):
                continue
            hits = (norm if rows is None else norm.take(rows)).char_hits(m, table, part.prefix_anchor)
            query, found = table.expand(hits.first, hits.count)
            found_rows = hits.rows[query] if rows is None else rows[hits.rows[query]]
            inside_row.update(zip(found_rows.tolist(), found.tolist(), strict=True))
        inside_unit: Pairs = set()
        window = part.window_table
        if not window.empty:
            long_rows = np.flatnonzero((norm.ends - norm.starts) >= m)
            slots = window.find(norm.codes, norm.starts, long_rows, m, units.norm_batch.codes)
            hit = slots >= 0
            query, found = window.expand(slots[hit])
            rows = long_rows[hit][query]
            inside_unit.update(zip(rows.tolist(), found.tolist(), strict=True))
        return inside_row, inside_unit

    def verify(
        self,
        batch: ScanBatch,
        units: Units,
        part: SubstringPart,
        params: SubstringParams,
        candidates: tuple[Pairs, Pairs],
    ) -> list[Finding]:
        inside_row, inside_unit = candidates
        pairs = {(r, u) for r, u in inside_row if units.norm[u] in batch.norm[r]}
        pairs |= {(r, u) for r, u in inside_unit if batch.norm[r] in units.norm[u]}
        out = []
        for row, unit in sorted(pairs):
            a, b = batch.norm[row], units.norm[unit]
            out.append(batch.finding(row, unit, self.name, 1.0, b if b in a else a))
        return out

    def report_params(self, params: SubstringParams) -> dict[str, object]:
        return {"min_chars": params.min_substring, "normalisation": NORMALISATION}


METHOD = Substring()
