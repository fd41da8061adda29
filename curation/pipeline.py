"""`curate build`'s pipeline: load -> repair -> language -> filters -> dedup -> mix -> audit.

Each step is a pure function over the example table (see `curation.steps`); this module runs them in
order, splits off the rows each one drops (kept aside with their reasons) and collects the funnel:
one entry per step with rows in, rows out and rows dropped per reason.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from contamination.audit import AuditResult, audit_texts
from contamination.executors.base import Executor
from contamination.report_html import ReportTexts, texts_from_rows
from contamination.sharded import audit_texts_on
from curation.recipe.loading import LoadedRecipe
from curation.rowwise import row_steps, row_steps_on
from curation.sources.adapters import adapt
from curation.sources.loading import check_hub_pins, load_source, provenance
from curation.steps import DROP, step_counts
from curation.steps import language as language_steps
from curation.steps.audit import AuditFailed, TextAudit, build_index, mark_test_text
from curation.steps.certify import mix_and_audit
from curation.steps.dedup import dedup_step
from curation.steps.language import Identifier
from curation.steps.mix import assign_priority
from curation.steps.runner import OnStep, StepRunner

# drop reasons of rows that are only not chosen by the mix: never written aside
UNWRITTEN_REASONS = ("over_quota", "not_in_mix", "over_source_quota")


@dataclass
class BuildResult:
    table: pl.DataFrame  # the final rows, in output order
    dropped: pl.DataFrame  # every dropped row with its drop_reason
    funnel: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    mix: dict[str, Any]
    audit: AuditResult | None = None  # the final set's audit
    audit_initial: AuditResult | None = None  # the first mix's audit, when rows were dropped
    audit_info: dict[str, Any] = field(default_factory=dict)
    # the texts the first audit's findings point at (for the private HTML report: they quote test sets)
    report_texts: ReportTexts | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step; never written to output files


def _load(lr: LoadedRecipe, runner: StepRunner) -> tuple[pl.DataFrame, list[dict[str, Any]]]:
    """Every source read and adapted to the example schema, with its provenance for the manifest."""
    frames: list[pl.DataFrame] = []
    sources: list[dict[str, Any]] = []
    with runner.timed("load"):
        for i, spec in enumerate(lr.recipe.sources):
            raw = load_source(lr, i)
            frames.append(adapt(raw))
            entry = {**provenance(lr, spec), "rows_read": raw.rows, "sha256": raw.sha256}
            if raw.split is not None:  # the split read (hub sources name theirs already)
                entry["split"] = raw.split
            sources.append(entry)
        table = pl.concat(frames, how="vertical")
    splits = {s["name"]: s["split"] for s in sources if s.get("split") is not None}
    by_source = {s["name"]: s["rows_read"] for s in sources}
    runner.record(
        "load",
        step_counts(table.height, table, by_source=by_source, **({"splits": splits} if splits else {})),
    )
    return table, sources


def run_pipeline(
    lr: LoadedRecipe,
    on_step: OnStep | None = None,
    identify: Identifier | None = None,
    executor: Executor | None = None,
) -> BuildResult:
    """The whole build but the writing; `identify` replaces the language identifier (it then runs in
    process; the default one runs on NORCURATE_LANG_WORKERS processes). With `executor` the row-wise
    steps and the audit run through it (`curation.rowwise`); the result is the same."""
    recipe = lr.recipe
    check_hub_pins(lr)
    runner = StepRunner(on_step) if on_step else StepRunner()
    with runner.timed("index"):
        index = build_index(lr)  # before any heavy work: a bad test set path fails fast
    if identify is None:
        identify, workers = language_steps.identify_batch, language_steps.default_workers()
    else:
        workers = 1
    if executor is None:
        table, sources = _load(lr, runner)
        for name, step in row_steps(recipe, identify, workers):
            table = runner.run(name, step, table)
        audit: TextAudit = audit_texts
    else:
        table, sources = row_steps_on(executor, lr, runner, identify)
        audit = functools.partial(audit_texts_on, executor)
    table = runner.run("dedup", lambda t: dedup_step(t, recipe.dedup), table)
    pool = assign_priority(table, recipe.seed)
    cert = mix_and_audit(pool, recipe, index, runner, lr.where, audit)
    runner.set_aside(cert.mixed.filter(pl.col(DROP).is_not_null()))
    n_contaminated = cert.contaminated.height
    mix_entry = {**cert.mix_counts, "in": pool.height, "out": cert.selected.height + n_contaminated}
    mix_report = mix_entry.pop("mix")
    runner.record("mix", mix_entry)
    audit_info: dict[str, Any] = {}
    if index is not None:
        runner.set_aside(cert.contaminated)
        audit_counts = {
            "in": cert.selected.height + n_contaminated,
            "out": cert.selected.height,
            "dropped": {"contaminated": n_contaminated} if n_contaminated else {},
            "rounds": cert.rounds,
        }
        runner.record("audit", audit_counts)
        audit_info = {"rounds": cert.rounds, "dropped": n_contaminated}
    drop_table = runner.dropped(table)
    if index is not None and recipe.output is not None and recipe.output.write_dropped:
        with runner.timed("audit"):
            drop_table = mark_test_text(drop_table, index, UNWRITTEN_REASONS, audit)
    texts = None
    if index is not None and cert.first is not None and n_contaminated:
        rows = dict(zip(*(cert.contaminated.get_column(c).to_list() for c in ("id", "text")), strict=True))
        texts = texts_from_rows(cert.first.report, rows, index)
    return BuildResult(
        table=cert.selected.sort("_priority", "id").drop("_priority"),
        dropped=drop_table,
        funnel=runner.funnel,
        sources=sources,
        mix=mix_report,
        audit=cert.final,
        audit_initial=cert.first if n_contaminated else None,
        audit_info=audit_info,
        report_texts=texts,
        timings=runner.timings,
    )


__all__ = ["AuditFailed", "BuildResult", "DROP", "OnStep", "UNWRITTEN_REASONS", "run_pipeline"]
