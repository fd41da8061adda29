"""Running steps: the timing, the funnel and the dropped rows set aside, kept apart from what the steps do.

`StepRunner.run(name, step, table)` calls a step (`curation.steps.StepResult` contract), records its
counts in the funnel (one entry per step: rows in, rows out, rows dropped per reason), reports them to
`on_step`, sets its dropped rows aside with their reasons and returns the rows it kept.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from curation.steps import Step

OnStep = Callable[[str, dict[str, Any]], None]


def _quiet(name: str, counts: dict[str, Any]) -> None:
    return None


@dataclass
class StepRunner:
    on_step: OnStep = _quiet
    funnel: list[dict[str, Any]] = field(default_factory=list)
    aside: list[pl.DataFrame] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step; never written to output files

    def record(self, name: str, counts: dict[str, Any]) -> None:
        self.funnel.append({"step": name, **counts})
        self.on_step(name, counts)

    @contextlib.contextmanager
    def timed(self, name: str) -> Iterator[None]:
        """Add the block's wall time to `timings[name]` (a step may run in several rounds)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    def set_aside(self, rows: pl.DataFrame) -> None:
        if rows.height:
            self.aside.append(rows)

    def run(self, name: str, step: Step, table: pl.DataFrame) -> pl.DataFrame:
        with self.timed(name):
            result = step(table)
        self.set_aside(result.dropped)
        self.record(name, result.counts)
        return result.kept

    def dropped(self, like: pl.DataFrame) -> pl.DataFrame:
        """Every row set aside, one table (empty, shaped like `like`, when none was)."""
        return pl.concat(self.aside, how="diagonal_relaxed") if self.aside else like.clear()
