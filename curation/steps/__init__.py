"""The steps of `curate build`, each a pure function over one example table, with one contract.

Every step takes the live rows (``drop_reason`` null) and returns a `StepResult`: the same rows, with
``drop_reason`` set on the rows it drops (plus any columns it adds), and its counts
``{"in": n, "out": kept, "dropped": {reason: n}}`` (some steps add ``flags``). Running them is
`curation.steps.runner.StepRunner`'s job (timing, the funnel, the dropped rows set aside), not theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import polars as pl

DROP = "drop_reason"


class StepResult(NamedTuple):
    """What a step gives back: its input rows, the dropped ones marked with their reason, and counts."""

    table: pl.DataFrame
    counts: dict[str, Any]

    @property
    def kept(self) -> pl.DataFrame:
        return live(self.table)

    @property
    def dropped(self) -> pl.DataFrame:
        return dropped(self.table)


Step = Callable[[pl.DataFrame], StepResult]


def live(table: pl.DataFrame) -> pl.DataFrame:
    return table.filter(pl.col(DROP).is_null())


def dropped(table: pl.DataFrame) -> pl.DataFrame:
    return table.filter(pl.col(DROP).is_not_null())


def step_counts(n_in: int, table: pl.DataFrame, **extra: Any) -> dict[str, Any]:
    reasons = table.get_column(DROP).drop_nulls().value_counts()
    by_reason = {str(r): int(n) for r, n in sorted(reasons.iter_rows())}
    counts: dict[str, Any] = {"in": n_in, "out": table.height - sum(by_reason.values()), "dropped": by_reason}
    counts.update(extra)
    return counts


def flat_text(messages: pl.Expr, role: str | None = None, sep: str = "\n") -> pl.Expr:
    """All message contents (or those of one role) joined: the text filters, dedup and audit look at."""
    if role is None:
        contents = messages.list.eval(pl.element().struct.field("content"))
    else:
        contents = messages.list.eval(
            pl.element().filter(pl.element().struct.field("role") == role).struct.field("content")
        )
    return contents.list.join(sep)
