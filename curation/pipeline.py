"""`curate build`'s pipeline: load -> repair -> language -> filters -> dedup -> mix -> audit.

Each step is a pure function over the example table (see `curation.steps`); this module runs them in
order, splits off the rows each one drops (kept aside with their reasons) and collects the funnel:
one entry per step with rows in, rows out and rows dropped per reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from contamination.audit import AuditResult, TrainStats, audit_texts, build_result
from contamination.common.errors import VerificationError
from contamination.index.testindex import TestIndex
from curation.recipe.loading import LoadedRecipe
from curation.sources.adapters import adapt
from curation.sources.loading import check_hub_pins, load_source, provenance
from curation.steps import DROP, dropped, live, step_counts
from curation.steps.audit import audit_step, build_index
from curation.steps.dedup import dedup_step
from curation.steps.filters import filter_step
from curation.steps.language import Identifier, language_step
from curation.steps.mix import assign_priority, mix_step
from curation.steps.normalise import normalise_step

OnStep = Callable[[str, dict[str, Any]], None]
MAX_AUDIT_ROUNDS = 20
# drop reasons of rows that are only not chosen by the mix: never written aside
UNWRITTEN_REASONS = ("over_quota", "not_in_mix", "over_source_quota")


class AuditFailed(VerificationError):
    """The mix overlaps the test sets and the recipe says `on_contamination: fail` (exit 1); carries the
    audit, so that its report can be kept (privately: its evidence quotes the test sets)."""

    def __init__(self, message: str, result: AuditResult) -> None:
        super().__init__(message)
        self.result = result


def first_pairs(report: dict[str, Any], n: int = 5) -> str:
    """The first flagged (training row, test item) pairs with their methods, for a one-line message."""
    pairs: dict[tuple[str, str, str], list[str]] = {}
    for f in report["findings"]:
        pairs.setdefault((f["train_id"], f["test_set"], f["test_id"]), []).append(f["method"])
    shown = [f"{row} ~ {ts}/{item} ({', '.join(m)})" for (row, ts, item), m in list(pairs.items())[:n]]
    more = f" (+{len(pairs) - n} more)" if len(pairs) > n else ""
    return "; ".join(shown) + more


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
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step; never written to output files


def _noop(name: str, counts: dict[str, Any]) -> None:
    return None


def run_pipeline(
    lr: LoadedRecipe, on_step: OnStep | None = None, identify: Identifier | None = None
) -> BuildResult:
    on_step = on_step or _noop
    recipe = lr.recipe
    check_hub_pins(lr)
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    index = build_index(lr)  # before any heavy work: a bad test set path fails fast
    timings["index"] = time.perf_counter() - clock
    clock = time.perf_counter()
    funnel: list[dict[str, Any]] = []
    aside: list[pl.DataFrame] = []

    def record(name: str, counts: dict[str, Any]) -> None:
        funnel.append({"step": name, **counts})
        on_step(name, counts)

    # load
    frames: list[pl.DataFrame] = []
    sources: list[dict[str, Any]] = []
    for i, spec in enumerate(recipe.sources):
        raw = load_source(lr, i)
        frames.append(adapt(raw))
        entry = {**provenance(lr, spec), "rows_read": raw.rows, "sha256": raw.sha256}
        if raw.split is not None:  # the split read (hub sources name theirs already)
            entry["split"] = raw.split
        sources.append(entry)
    table = pl.concat(frames, how="vertical")
    splits = {s["name"]: s["split"] for s in sources if s.get("split") is not None}
    record(
        "load",
        step_counts(
            table.height,
            table,
            by_source={s["name"]: s["rows_read"] for s in sources},
            **({"splits": splits} if splits else {}),
        ),
    )
    timings["load"] = time.perf_counter() - clock

    def run(name: str, fn: Callable[[pl.DataFrame], tuple[pl.DataFrame, dict[str, Any]]]) -> None:
        nonlocal table
        start = time.perf_counter()
        out, counts = fn(table)
        timings[name] = time.perf_counter() - start
        aside.append(dropped(out))
        table = live(out)
        record(name, counts)

    run("repair", lambda t: normalise_step(t, recipe.normalise))
    run("language", lambda t: language_step(t, identify))
    run("filters", lambda t: filter_step(t, recipe.filters))
    run("dedup", lambda t: dedup_step(t, recipe.dedup))

    pool = assign_priority(table, recipe.seed)
    share = recipe.filters.translation_share if recipe.filters.drop_translation else None
    audit_spec = recipe.audit
    excluded: list[str] = []
    audited: set[str] = set()
    contaminated_parts: list[pl.DataFrame] = []
    first: AuditResult | None = None
    final: AuditResult | None = None
    rounds = 0
    timings["mix"] = timings["audit"] = 0.0
    while True:
        start = time.perf_counter()
        candidates = pool.filter(~pl.col("id").is_in(excluded)) if excluded else pool
        mixed, mix_counts = mix_step(candidates, recipe.mix, recipe.seed, share, lr.where)
        selected = live(mixed)
        timings["mix"] += time.perf_counter() - start
        if index is None:
            break
        start = time.perf_counter()
        new = selected.filter(~pl.col("id").is_in(list(audited))) if audited else selected
        marked, _, result = audit_step(new, index)
        timings["audit"] += time.perf_counter() - start
        rounds += 1
        if first is None:
            first = result
        audited.update(new.get_column("id").to_list())
        hits = dropped(marked)
        if hits.height == 0:
            break
        assert audit_spec is not None
        if audit_spec.on_contamination == "fail":
            s = result.report["summary"]
            raise AuditFailed(
                f"audit: {s['flagged_train_rows']} of {selected.height} mixed rows overlap "
                f"{s['contaminated_test_items']} test items (on_contamination: fail); "
                f"first: {first_pairs(result.report)}",
                result,
            )
        contaminated_parts.append(
            hits.with_columns(pl.Series("findings", _findings(result, hits), dtype=pl.String))
        )
        excluded.extend(hits.get_column("id").to_list())
        if rounds >= MAX_AUDIT_ROUNDS:
            raise VerificationError(f"audit: still finding contaminated rows after {rounds} refill rounds")

    aside.append(dropped(mixed))
    n_contaminated = sum(p.height for p in contaminated_parts)
    mix_entry = {**mix_counts, "in": pool.height, "out": selected.height + n_contaminated}
    mix_report = mix_entry.pop("mix")
    funnel.append({"step": "mix", **mix_entry})
    on_step("mix", mix_entry)
    audit_info: dict[str, Any] = {}
    if index is not None:
        if n_contaminated:
            # Every selected row was audited in some round and had no finding (flagged rows left the
            # pool), and the engine judges each row on its own (findings are per training row, test
            # item and method), so the final set's audit has no findings: its report is built directly
            # instead of scanning all selected rows a second time.
            start = time.perf_counter()
            final = clean_result(selected.height, index)
            timings["audit"] += time.perf_counter() - start
        else:
            final = first
        assert final is not None
        contaminated = (
            pl.concat(contaminated_parts, how="diagonal_relaxed") if contaminated_parts else selected.clear()
        )
        aside.append(contaminated)
        audit_counts = {
            "in": selected.height + n_contaminated,
            "out": selected.height,
            "dropped": {"contaminated": n_contaminated} if n_contaminated else {},
            "rounds": rounds,
        }
        record("audit", audit_counts)
        audit_info = {"rounds": rounds, "dropped": n_contaminated}
    drop_table = (
        pl.concat([d for d in aside if d.height], how="diagonal_relaxed")
        if any(d.height for d in aside)
        else table.clear()
    )
    if index is not None and recipe.output is not None and recipe.output.write_dropped:
        start = time.perf_counter()
        drop_table = mark_test_text(drop_table, index)
        timings["audit"] += time.perf_counter() - start
    return BuildResult(
        table=selected.sort("_priority", "id").drop("_priority"),
        dropped=drop_table,
        funnel=funnel,
        sources=sources,
        mix=mix_report,
        audit=final,
        audit_initial=first if n_contaminated else None,
        audit_info=audit_info,
        timings=timings,
    )


def clean_result(rows: int, index: TestIndex) -> AuditResult:
    """The audit result `audit_step` gives for `rows` rows without any finding (as `audit_texts` names
    and describes the in-memory training table)."""
    return build_result(index, [TrainStats(path="train", rows=rows, sha256="", fields=["messages"])], [], {})


def mark_test_text(drop: pl.DataFrame, index: TestIndex) -> pl.DataFrame:
    """Give each dropped row that will be written aside and holds test-set text its findings (JSON), as
    contaminated rows have theirs. Rows dropped before the mix (a duplicate or a filtered copy of a
    leaked passage) were never audited; the writer keeps every row with findings out of the
    publishable folder."""
    if "findings" not in drop.columns:
        drop = drop.with_columns(pl.lit(None, dtype=pl.String).alias("findings"))
    findings = drop.get_column("findings").to_list()
    reasons = drop.get_column(DROP).to_list()
    todo = [
        i
        for i, (f, r) in enumerate(zip(findings, reasons, strict=True))
        if f is None and r not in UNWRITTEN_REASONS
    ]
    if not todo:
        return drop
    ids = drop.get_column("id").gather(todo).to_list()
    texts = drop.get_column("text").gather(todo).to_list()
    result = audit_texts(ids, texts, index, name="dropped")
    import orjson

    for (_, k), hits in result.flagged.items():
        findings[todo[k]] = orjson.dumps(hits).decode()
    return drop.with_columns(pl.Series("findings", findings, dtype=pl.String))


def _findings(result: AuditResult, hits: pl.DataFrame) -> list[str]:
    import orjson

    by_id: dict[str, list[dict[str, Any]]] = {}
    for f in result.report["findings"]:
        by_id.setdefault(f["train_id"], []).append(f)
    return [orjson.dumps(by_id.get(i, [])).decode() for i in hits.get_column("id").to_list()]


__all__ = ["BuildResult", "run_pipeline", "DROP"]
