"""Mix, audit, refill: the unit that turns the deduplicated pool into a certified mix.

The mix takes rows by quota in seeded priority order; the audit flags the rows that overlap a test set.
With `on_contamination: drop` the flagged rows leave the pool and the mix is drawn again, so their quota
slots go to the next rows in line, and only rows not audited before are audited; this repeats until a mix
has no finding (at most `MAX_AUDIT_ROUNDS`). With `fail` the first finding stops the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import polars as pl

from contamination.audit import AuditResult, audit_texts
from contamination.common.errors import VerificationError
from contamination.index.testindex import TestIndex
from curation.recipe.models import Recipe
from curation.steps import live
from curation.steps.audit import (
    AuditFailed,
    TextAudit,
    audit_step,
    clean_result,
    findings_json,
    first_pairs,
)
from curation.steps.mix import mix_step
from curation.steps.runner import StepRunner

MAX_AUDIT_ROUNDS = 20


@dataclass
class Certified:
    selected: pl.DataFrame  # the final mix: every row audited, none flagged
    mixed: pl.DataFrame  # the last mix's input, the rows it left out marked with their reasons
    mix_counts: dict[str, Any]  # the last mix's counts (its report under "mix")
    contaminated: pl.DataFrame  # rows the audit dropped, with their findings (JSON) in `findings`
    rounds: int
    first: AuditResult | None  # the first mix's audit
    final: AuditResult | None  # the final mix's audit


def _template_rows(result: AuditResult) -> set[str]:
    return {f["train_id"] for f in result.report.get("templates", [])}


def mix_and_audit(
    pool: pl.DataFrame,
    recipe: Recipe,
    index: TestIndex | None,
    runner: StepRunner,
    where: Callable[..., str],
    audit: TextAudit = audit_texts,
) -> Certified:
    """See the module docstring; `runner` times the mix and the audit (`audit`: in process, or through
    an executor)."""
    share = recipe.filters.translation_share if recipe.filters.drop_translation else None
    excluded: list[str] = []
    audited: set[str] = set()
    with_templates: set[str] = set()  # rows with template findings (reported apart, not dropped)
    contaminated: list[pl.DataFrame] = []
    first: AuditResult | None = None
    rounds = 0
    while True:
        with runner.timed("mix"):
            candidates = pool.filter(~pl.col("id").is_in(excluded)) if excluded else pool
            mixed, mix_counts = mix_step(candidates, recipe.mix, recipe.seed, share, where)
            selected = live(mixed)
        if index is None:
            return Certified(selected, mixed, mix_counts, selected.clear(), 0, None, None)
        with runner.timed("audit"):
            new = selected.filter(~pl.col("id").is_in(list(audited))) if audited else selected
            marked, result = audit_step(new, index, audit)
        rounds += 1
        first = first or result
        audited.update(new.get_column("id").to_list())
        with_templates |= _template_rows(result)
        hits = marked.dropped
        if hits.height == 0:
            break
        assert recipe.audit is not None
        if recipe.audit.on_contamination == "fail":
            s = result.report["summary"]
            raise AuditFailed(
                f"audit: {s['flagged_train_rows']} of {selected.height} mixed rows overlap "
                f"{s['contaminated_test_items']} test items (on_contamination: fail); "
                f"first: {first_pairs(result.report)}",
                result,
            )
        ids = hits.get_column("id").to_list()
        contaminated.append(
            hits.with_columns(pl.Series("findings", findings_json(result, ids), dtype=pl.String))
        )
        excluded.extend(ids)
        if rounds >= MAX_AUDIT_ROUNDS:
            raise VerificationError(f"audit: still finding contaminated rows after {rounds} refill rounds")
    dropped_rows = pl.concat(contaminated, how="diagonal_relaxed") if contaminated else selected.clear()
    with runner.timed("audit"):
        final = _final_audit(selected, index, first, rounds, with_templates, audit)
    return Certified(selected, mixed, mix_counts, dropped_rows, rounds, first, final)


def _final_audit(
    selected: pl.DataFrame,
    index: TestIndex,
    first: AuditResult,
    rounds: int,
    with_templates: set[str],
    audit: TextAudit,
) -> AuditResult:
    """The final mix's audit. After one round it is the first audit. After refills, every selected row was
    audited in some round without a finding, and the engine judges each row on its own (findings are per
    training row, test item and method), so the report is built without scanning the rows again, unless
    some of them had template findings: those belong in the final report, so it is then scanned afresh."""
    if rounds == 1:
        return first
    ids = selected.get_column("id").to_list()
    if with_templates.isdisjoint(ids):
        return clean_result(selected.height, index)
    return audit(ids, selected.get_column("text").to_list(), index, name="train")
