"""The audit engine: stream batches of training text past a test-side index; every enabled method scans
each batch for candidates and verifies them on the text (see `contamination.methods.base`)."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator, Sequence

from contamination.index.testindex import TestIndex
from contamination.methods.base import Finding, Method, ScanBatch
from contamination.methods.review import Review, ReviewParams, ReviewState
from contamination.text.prepare import Scratch, prepare


def audits_whole(method: Method) -> bool:
    """Does the method take a pass over the whole audit's findings (`Method.finalize`)?"""
    return type(method).finalize is not Method.finalize


class Scanner:
    """Scans batches of training texts against one `TestIndex`."""

    def __init__(self, index: TestIndex, gated: bool = True) -> None:
        self.index = index
        self.gated = gated
        self._methods = index.methods()
        self._scratch = Scratch()  # a batch's forms live only while it is scanned
        self._whole = {m.name for m, _, _ in self._methods if audits_whole(m)}
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
                    training=sum(ts.items for ts in index.test_sets) < config.template_training_below,
                ),
            )
            if config.templates
            else None
        )

    def scan(self, ordinals: Sequence[int], ids: Sequence[str], texts: Sequence[str]) -> list[Finding]:
        index = self.index
        batch = ScanBatch(ordinals, ids, prepare(texts, self._scratch), index.gate_n if self.gated else None)
        if self._review is not None:  # the training side's template counts: every row of every batch
            self._review.count(batch)
            batch.settable = self._review.settable
        for method, part, params in self._methods:
            candidates = method.scan(batch, index.units, part, params)
            found = method.verify(batch, index.units, part, params, candidates)
            if self._review is not None:  # after verification: over the findings, never in a kernel
                found = self._review(batch, method.name, part, found)
            batch.findings += found
        return batch.findings

    def handoff(self) -> ReviewState | None:
        """The review's state for `finalize`, when it counts the training side (see `Review.handoff`):
        a shard's scanner hands it to the scanner that settles the whole audit."""
        return None if self._review is None else self._review.handoff()

    def absorb(self, state: ReviewState) -> None:
        """Take in a shard's `handoff`."""
        if self._review is None:
            raise ValueError("this scanner reviews no templates")
        self._review.absorb(state, {m.name: part for m, part, _ in self._methods})

    def settle(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """A batch's findings as (final: one per row, test item and method; deferred: those of the
        methods with a pass over the whole audit, settled by `settle_deferred` at the end). When template
        text is counted on the training side too, every finding is deferred: that text is known only once
        every batch is counted, and it can set a finding apart (`Review.finalize`)."""
        if self._review is not None and self._review.params.training:
            return [], findings
        deferred = [f for f in findings if f.method in self._whole]
        final = best_per_item([f for f in findings if f.method not in self._whole], self.index)
        return _without_shadowed_templates(final, self.index), deferred

    def settle_deferred(self, pending: dict[str, Iterable[Finding]]) -> Iterator[Finding]:
        """The deferred findings after each method's pass over its own (given per method, in row order):
        one per row, test item and method, in row order."""
        streams = []
        for method, part, params in self._methods:
            if method.name in pending:
                stream = pending[method.name]
                if method.name in self._whole:
                    stream = method.finalize(stream, part, params)
                streams.append(iter(stream))
        merged: Iterable[Finding] = heapq.merge(*streams, key=lambda f: f.train_ordinal)
        if self._review is not None and self._review.params.training:
            # its pass needs every finding at once (their presence profiles are held until now anyway)
            merged = sorted(self._review.finalize(list(merged)), key=lambda f: f.train_ordinal)
        for _, row in itertools.groupby(merged, key=lambda f: f.train_ordinal):
            yield from best_per_item(row, self.index)

    def finalize(self, findings: list[Finding]) -> list[Finding]:
        """The whole audit's findings after every method's last pass, one per (row, test item, method)."""
        final, deferred = self.settle(findings)
        pending: dict[str, list[Finding]] = {}
        for f in sorted(deferred, key=lambda f: f.train_ordinal):
            pending.setdefault(f.method, []).append(f)
        return final + list(self.settle_deferred(pending))


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


def _without_shadowed_templates(findings: list[Finding], index: TestIndex) -> list[Finding]:
    """Template findings of a (training row, test item) pair that a final finding flags anyway: the report
    leaves them out (`contamination.audit`), so they are dropped as soon as the pair's findings are final,
    before they cost a report row."""
    units = index.units

    def pair(f: Finding) -> tuple[int, int, str]:
        return f.train_ordinal, units.unit_set[f.unit], units.unit_item[f.unit]

    flagged = {pair(f) for f in findings if f.template is None}
    if not flagged:
        return findings
    return [f for f in findings if f.template is None or pair(f) not in flagged]
