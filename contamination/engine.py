"""The audit engine: stream batches of training text past a test-side index; every enabled method scans
each batch for candidates and verifies them on the text (see `contamination.methods.base`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from contamination.index.testindex import TestIndex
from contamination.methods.base import Finding, ScanBatch
from contamination.methods.review import Review, ReviewParams
from contamination.text.prepare import Scratch, prepare


class Scanner:
    """Scans batches of training texts against one `TestIndex`."""

    def __init__(self, index: TestIndex, gated: bool = True) -> None:
        self.index = index
        self.gated = gated
        self._methods = index.methods()
        self._scratch = Scratch()  # a batch's forms live only while it is scanned
        self._cache: dict[Any, Any] = {}
        config = index.config
        self._review = (
            Review(
                index.units,
                ReviewParams(
                    config.template_min_items,
                    config.template_min_rows,
                    config.info_floor,
                    config.threshold,
                    config.fuzzy_threshold,
                ),
            )
            if config.templates
            else None
        )

    def scan(self, ordinals: Sequence[int], ids: Sequence[str], texts: Sequence[str]) -> list[Finding]:
        index = self.index
        batch = ScanBatch(
            ordinals, ids, prepare(texts, self._scratch), index.gate_n if self.gated else None, self._cache
        )
        if self._review is not None:  # the training side's template counts: every row of every batch
            self._review.count(batch)
        for method, part, params in self._methods:
            candidates = method.scan(batch, index.units, part, params)
            found = method.verify(batch, index.units, part, params, candidates)
            if self._review is not None:  # after verification: over the findings, never in a kernel
                found = self._review(batch, method.name, part, found)
            batch.findings += found
        return batch.findings

    def finalize(self, findings: list[Finding]) -> list[Finding]:
        """The whole audit's findings after every method's last pass, one per (row, test item, method)."""
        for method, part, params in self._methods:
            findings = method.finalize(findings, part, params)
        return without_shadowed_templates(best_per_item(self.reviewed(findings), self.index), self.index)

    def reviewed(self, findings: list[Finding]) -> list[Finding]:
        """The findings with the training side's template text applied (once every batch is scanned),
        before the per-item reduction (see `contamination.methods.review`)."""
        return findings if self._review is None else self._review.finalize(findings)


def best_per_item(findings: Iterable[Finding], index: TestIndex) -> list[Finding]:
    """One finding per (training row, test item, method): the best-scoring unit, whole item first on ties."""
    units = index.units
    best: dict[tuple[int, int, str, str, bool], Finding] = {}
    for f in findings:
        key = (f.train_ordinal, units.unit_set[f.unit], units.unit_item[f.unit], f.method, f.template is None)
        cur = best.get(key)
        if cur is None or (f.score, units.unit_field[f.unit] == "item") > (
            cur.score,
            units.unit_field[cur.unit] == "item",
        ):
            best[key] = f
    return list(best.values())


def without_shadowed_templates(findings: list[Finding], index: TestIndex) -> list[Finding]:
    """Template findings of a (training row, test item) pair that some method flags anyway add nothing:
    dropped, so the templates section lists only pairs that would otherwise be clean."""
    units = index.units
    flagged = {
        (f.train_ordinal, units.unit_set[f.unit], units.unit_item[f.unit])
        for f in findings
        if f.template is None
    }
    return [
        f
        for f in findings
        if f.template is None
        or (f.train_ordinal, units.unit_set[f.unit], units.unit_item[f.unit]) not in flagged
    ]
