"""Audit step: the contamination engine over the flattened message contents of the mixed rows.

The test-side index is built once per build from the recipe's test sets (local files, and NorEval
tasks through `contamination.testside.benchmarks.resolve_against`). `audit_step` marks flagged rows
`contaminated`; with `on_contamination: drop` the pipeline refills their quota slots from the next rows
in line and audits again, with `fail` the build stops with exit 1.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from contamination.audit import AuditResult, audit_texts
from contamination.config import AuditConfig
from contamination.index.testindex import TestIndex
from contamination.testside.testsets import TestSet, load_test_set, test_set_name, unique_names
from curation.recipe.loading import LoadedRecipe
from curation.steps import DROP, step_counts


def load_test_sets(lr: LoadedRecipe) -> list[TestSet]:
    spec = lr.recipe.audit
    if spec is None:
        return []
    sets: list[TestSet] = []
    for i, ts in enumerate(spec.test_sets):
        path = lr.resolve(ts.path)
        if not path.exists():
            raise lr.error(
                ("audit", "test_sets", i, "path"),
                f"{ts.path}: no such file or folder (relative to the recipe)",
            )
        t = load_test_set(
            str(path),
            fields=ts.fields,
            id_field=ts.id_field,
            name=ts.name or test_set_name(ts.path),
            per_field=spec.per_field,
        )
        t.source = lr.relative(path)  # no machine- or working-directory-specific paths in reports
        sets.append(t)
    if spec.benchmarks:
        from contamination.testside.benchmarks import resolve_against

        bdir = str(lr.resolve(spec.benchmarks_dir)) if spec.benchmarks_dir else None
        for t in resolve_against(list(spec.benchmarks), bdir):
            t.source = lr.relative(t.source)
            sets.append(t)
    unique_names(sets)
    return sets


def audit_config(lr: LoadedRecipe) -> AuditConfig:
    spec = lr.recipe.audit
    assert spec is not None
    return AuditConfig(methods=list(spec.methods), threshold=spec.threshold, min_substring=spec.min_substring)


def build_index(lr: LoadedRecipe) -> TestIndex | None:
    if lr.recipe.audit is None:
        return None
    return TestIndex.build(load_test_sets(lr), audit_config(lr))


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
