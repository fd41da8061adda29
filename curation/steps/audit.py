"""Audit step: the contamination engine over the flattened message contents of the mixed rows.

The test-side index is built once per build from the recipe's test sets (local files, and NorEval
tasks through `contamination.testside.benchmarks.resolve_against`). `audit_step` marks flagged rows
`contaminated`; with `on_contamination: drop` the pipeline refills their quota slots from the next rows
in line and audits again, with `fail` the build stops with exit 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import polars as pl

from contamination.audit import (
    AuditResult,
    TestSource,
    audit_texts,
    build_result,
    load_test_sets,
    texts_stats,
)
from contamination.common.errors import VerificationError
from contamination.index.testindex import TestIndex
from curation.recipe.loading import LoadedRecipe
from curation.steps import DROP, StepResult, step_counts


def test_sources(lr: LoadedRecipe) -> list[TestSource]:
    """The recipe's test sets, paths resolved against the recipe."""
    spec = lr.recipe.audit
    assert spec is not None
    sources = []
    for i, ts in enumerate(spec.test_sets):
        path = lr.resolve(ts.path)
        if not path.exists():
            raise lr.error(
                ("audit", "test_sets", i, "path"),
                f"{ts.path}: no such file or folder (relative to the recipe)",
            )
        fields = tuple(ts.fields) if ts.fields else None
        # reports name the file relative to the recipe: the same bytes from any working directory
        sources.append(TestSource(str(path), fields, ts.id_field, ts.name, shown_as=lr.relative(path)))
    return sources


def build_index(lr: LoadedRecipe) -> TestIndex | None:
    spec = lr.recipe.audit
    if spec is None:
        return None
    bdir = lr.resolve(spec.benchmarks_dir) if spec.benchmarks_dir else None
    test_sets = load_test_sets(spec.config(), test_sources(lr), spec.benchmarks, bdir)
    for ts in test_sets[len(spec.test_sets) :]:  # NorEval tasks, found in the benchmarks folder
        ts.source = lr.relative(ts.source)
    return TestIndex.build(test_sets, spec.config())


# how the build audits its rows: `audit_texts`, or the same through an executor (`audit_texts_on`)
TextAudit = Callable[..., AuditResult]


class AuditFailed(VerificationError):
    """The mix overlaps the test sets and the recipe says `on_contamination: fail` (exit 1); carries the
    audit, so that its report can be kept (privately: its evidence quotes the test sets)."""

    def __init__(self, message: str, result: AuditResult) -> None:
        super().__init__(message)
        self.result = result


def audit_step(
    table: pl.DataFrame, index: TestIndex, audit: TextAudit = audit_texts
) -> tuple[StepResult, AuditResult]:
    """Mark rows with findings `contaminated`; the step's result, and the engine's result."""
    ids = table.get_column("id").to_list()
    texts = table.get_column("text").to_list()
    result = audit(ids, texts, index, name="train")
    flagged = sorted(row for (_, row) in result.flagged)
    reason = [None] * table.height
    for r in flagged:
        reason[r] = "contaminated"
    out = table.with_columns(pl.Series(DROP, reason, dtype=pl.String))
    return StepResult(out, step_counts(table.height, out)), result


def findings_json(result: AuditResult, ids: list[str]) -> list[str]:
    """The findings of each of `ids`, as JSON text (the column contaminated rows carry aside)."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for f in result.report["findings"]:
        by_id.setdefault(f["train_id"], []).append(f)
    return [orjson.dumps(by_id.get(i, [])).decode() for i in ids]


def first_pairs(report: dict[str, Any], n: int = 5) -> str:
    """The first flagged (training row, test item) pairs with their methods, for a one-line message."""
    pairs: dict[tuple[str, str, str], list[str]] = {}
    for f in report["findings"]:
        pairs.setdefault((f["train_id"], f["test_set"], f["test_id"]), []).append(f["method"])
    shown = [f"{row} ~ {ts}/{item} ({', '.join(m)})" for (row, ts, item), m in list(pairs.items())[:n]]
    more = f" (+{len(pairs) - n} more)" if len(pairs) > n else ""
    return "; ".join(shown) + more


def clean_result(rows: int, index: TestIndex) -> AuditResult:
    """The audit result `audit_step` gives for `rows` rows without any finding (as `audit_texts` names
    and describes the in-memory training table)."""
    return build_result(index, [texts_stats("train", rows)], [], {})


def mark_test_text(
    drop: pl.DataFrame, index: TestIndex, unwritten: tuple[str, ...], audit: TextAudit = audit_texts
) -> pl.DataFrame:
    """Give each dropped row that will be written aside and holds test-set text its findings (JSON), as
    contaminated rows have theirs. Rows dropped before the mix (a duplicate or a filtered copy of a
    leaked passage) were never audited; the writer keeps every row with findings out of the
    publishable folder. Rows whose reason is in `unwritten` are never written, so never audited."""
    if "findings" not in drop.columns:
        drop = drop.with_columns(pl.lit(None, dtype=pl.String).alias("findings"))
    findings = drop.get_column("findings").to_list()
    reasons = drop.get_column(DROP).to_list()
    todo = [
        i for i, (f, r) in enumerate(zip(findings, reasons, strict=True)) if f is None and r not in unwritten
    ]
    if not todo:
        return drop
    ids = drop.get_column("id").gather(todo).to_list()
    texts = drop.get_column("text").gather(todo).to_list()
    result = audit(ids, texts, index, name="dropped")
    for (_, k), hits in result.flagged.items():
        findings[todo[k]] = orjson.dumps(hits).decode()
    return drop.with_columns(pl.Series("findings", findings, dtype=pl.String))
