"""The audit engine: stream batches of training text past a test-side index; every enabled method scans
each batch for candidates and verifies them on the text (see `contamination.methods.base`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from contamination.index.testindex import TestIndex
from contamination.methods.base import Finding, ScanBatch
from contamination.text.prepare import Scratch, prepare


class Scanner:
    """Scans batches of training texts against one `TestIndex`."""

    def __init__(self, index: TestIndex, gated: bool = True) -> None:
        self.index = index
        self.gated = gated
        self._methods = index.methods()
        self._scratch = Scratch()  # a batch's forms live only while it is scanned

    def scan(self, ordinals: Sequence[int], ids: Sequence[str], texts: Sequence[str]) -> list[Finding]:
        index = self.index
        batch = ScanBatch(ordinals, ids, prepare(texts, self._scratch), index.gate_n if self.gated else None)
        for method, part, params in self._methods:
            candidates = method.scan(batch, index.units, part, params)
            batch.findings += method.verify(batch, index.units, part, params, candidates)
        return batch.findings

    def finalize(self, findings: list[Finding]) -> list[Finding]:
        """The whole audit's findings after every method's last pass, one per (row, test item, method)."""
        for method, part, params in self._methods:
            findings = method.finalize(findings, part, params)
        return best_per_item(findings, self.index)


def best_per_item(findings: Iterable[Finding], index: TestIndex) -> list[Finding]:
    """One finding per (training row, test item, method): the best-scoring unit, whole item first on ties."""
    units = index.units
    best: dict[tuple[int, int, str, str], Finding] = {}
    for f in findings:
        key = (f.train_ordinal, units.unit_set[f.unit], units.unit_item[f.unit], f.method)
        cur = best.get(key)
        if cur is None or (f.score, units.unit_field[f.unit] == "item") > (
            cur.score,
            units.unit_field[cur.unit] == "item",
        ):
            best[key] = f
    return list(best.values())
