"""The test-side index: every test unit, normalised, and each enabled method's part built from them.

Built once per set of test sets (and, via `contamination.index.store`, reusable across audits). Memory is
bounded by the test side: training data is only ever streamed past it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contamination.config import AuditConfig
from contamination.methods.base import Method, MethodParams, Units
from contamination.methods.registry import METHODS
from contamination.testside.testsets import TestSet
from contamination.text.prepare import prepare


def gate_n(config: AuditConfig) -> int | None:
    """The n of the shortest enabled character method, whose hits gate the other scans (see
    `contamination.methods.base`); None when no character method runs."""
    ns = [METHODS[m].gate_n for m in config.methods if METHODS[m].gate_n is not None]
    return min(ns) if ns else None  # type: ignore[type-var]


def units_of(test_sets: list[TestSet]) -> Units:
    unit_set: list[int] = []
    unit_item: list[str] = []
    unit_field: list[str] = []
    raw: list[str] = []
    for s_idx, ts in enumerate(test_sets):
        for u in ts.units:
            unit_set.append(s_idx)
            unit_item.append(u.item_id)
            unit_field.append(u.field)
            raw.append(u.text)
    prepared = prepare(raw)
    return Units(
        unit_set,
        unit_item,
        unit_field,
        prepared.norm_texts,
        prepared.ngram.texts(),
        prepared.norm,
        prepared.ngram,
    )


@dataclass
class TestIndex:
    """All test units of all test sets with the parts of the enabled methods, keyed by method name."""

    __test__ = False

    config: AuditConfig
    test_sets: list[TestSet]
    units: Units
    parts: dict[str, Any] = field(default_factory=dict)
    params: dict[str, MethodParams] = field(init=False)
    gate_n: int | None = field(init=False)

    def __post_init__(self) -> None:
        self.params = self.config.method_params()  # type: ignore[assignment]
        self.gate_n = gate_n(self.config)

    @classmethod
    def build(cls, test_sets: list[TestSet], config: AuditConfig) -> TestIndex:
        index = cls(config, test_sets, units_of(test_sets))
        for name in config.methods:
            index.parts[name] = index.build_part(name)
        return index

    def build_part(self, name: str) -> Any:
        return METHODS[name].build(self.units, self.params[name], self.gate_n)

    def methods(self) -> list[tuple[Method, Any, MethodParams]]:
        """(method, part, params) of every enabled method, in scan order."""
        enabled = sorted(self.config.methods, key=lambda m: METHODS[m].order)
        return [(METHODS[m], self.parts[m], self.params[m]) for m in enabled]

    @property
    def n_units(self) -> int:
        return len(self.units)

    def too_short_items(self) -> dict[str, dict[str, int]]:
        """Per method, per test set: whole items too short for the method (covered by exact/substring)."""
        out: dict[str, dict[str, int]] = {}
        for name in self.config.methods:
            method = METHODS[name]
            short = method.too_short(self.units, self.parts[name], self.params[name])
            if short is None:
                continue
            counts = out.setdefault(name, {})
            for u in short.nonzero()[0].tolist():
                if self.units.unit_field[u] == "item":
                    set_name = self.test_sets[self.units.unit_set[u]].name
                    counts[set_name] = counts.get(set_name, 0) + 1
        return out

    def boilerplate(self) -> dict[str, int]:
        """Per method that ignores boilerplate n-grams: how many (sorted by method name)."""
        counts = {m: METHODS[m].ignored(self.parts[m]) for m in self.config.methods}
        return {m: n for m, n in sorted(counts.items()) if n is not None}
