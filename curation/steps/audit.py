"""Audit step: the contamination engine over the flattened message contents of the mixed rows.

The test-side index is built once per build from the recipe's test sets (local files, and NorEval
tasks through `contamination.testside.benchmarks.resolve_against`). `audit_step` marks flagged rows
`contaminated`; with `on_contamination: drop` the pipeline refills their quota slots from the next rows
in line and audits again, with `fail` the build stops with exit 1.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from contamination.audit import AuditResult, TestSource, audit_texts, load_test_sets
from contamination.index.testindex import TestIndex
from curation.recipe.loading import LoadedRecipe
from curation.steps import DROP, step_counts


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


def audit_step(table: pl.DataFrame, index: TestIndex) -> tuple[pl.DataFrame, dict[str, Any], AuditResult]:
    """Mark rows with findings `contaminated`; returns the table, counts and the engine's result."""
    ids = table.get_column("id").to_list()
    texts = table.get_column("text").to_list()
    result = audit_texts(ids, texts, index, name="train")
    flagged = sorted(row for (_, row) in result.flagged)
    reason = [None] * table.height
    for r in flagged:
        reason[r] = "contaminated"
    out = table.with_columns(pl.Series(DROP, reason, dtype=pl.String))
    return out, step_counts(table.height, out), result
