"""exact: a normalised training example equals a normalised test unit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from contamination.index.hashtable import HashTable
from contamination.methods.base import NORMALISATION, Finding, Method, MethodParams, ScanBatch, Units


class ExactParams(MethodParams):
    pass


@dataclass
class ExactPart:
    table: HashTable  # whole normalised units, by hash
    lengths: np.ndarray  # the distinct lengths of non-empty units: only rows this long can equal one


class Exact(Method[ExactParams, ExactPart]):
    name = "exact"
    part_type = ExactPart
    params_model = ExactParams
    default = True

    def build(self, units: Units, params: ExactParams, gate_n: int | None) -> ExactPart:
        batch = units.norm_batch
        nonempty = np.flatnonzero(batch.ends > batch.starts)  # an empty unit matches nothing
        lengths = batch.ends - batch.starts
        table = HashTable.build(batch.row_hashes()[nonempty], nonempty, len(units))
        return ExactPart(table, np.unique(lengths[lengths > 0]).astype(np.int64))

    def scan(
        self, batch: ScanBatch, units: Units, part: ExactPart, params: ExactParams
    ) -> tuple[np.ndarray, np.ndarray]:
        """(row, unit) pairs whose whole-text hashes are equal."""
        if not len(part.table.hashes):
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        norm = batch.prepared.norm
        rows = np.flatnonzero(np.isin(norm.ends - norm.starts, part.lengths))
        h = norm.take(rows).row_hashes()
        hit = part.table.maybe_present(h)
        query, found = part.table.postings(h[hit])
        return rows[hit][query], found

    def verify(
        self,
        batch: ScanBatch,
        units: Units,
        part: ExactPart,
        params: ExactParams,
        candidates: tuple[np.ndarray, np.ndarray],
    ) -> list[Finding]:
        out = []
        for row, unit in zip(*(c.tolist() for c in candidates), strict=True):
            text = batch.norm[row]
            if text == units.norm[unit]:  # hashes only propose; the text decides
                out.append(batch.finding(row, unit, self.name, 1.0, text))
        return out

    def report_params(self, params: ExactParams) -> dict[str, object]:
        return {"normalisation": NORMALISATION}


METHOD = Exact()
