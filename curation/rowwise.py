"""The build's row-wise steps (load, repair, language, filters) cut in parts and run through an executor
(`curate build --executor ray`); the driver gets each part's surviving rows, dropped rows and counts, in
order, and the funnel, the tables and the sources' provenance come out as the local build makes them.

Each step judges a row on its own (ids and row numbers are positions in the source), so a part can run
anywhere. A local source is cut as `contam audit` cuts training data (`contamination.io.shards`: byte
ranges of JSON Lines and text files, row groups of parquet, rows of saved datasets, folders file by
file), counted first so that every part knows its first row; a hub source and one with `max_rows` are one
part each, loaded as the local build loads them (a hub source from the `datasets` cache of the node that
runs it). Dedup, mix and the writing stay on the driver (`curation.pipeline`), over the surviving rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from contamination.audit import TrainSource
from contamination.executors.base import Executor
from contamination.io.readers import Hasher
from contamination.io.shards import Shard, Span, read_shard
from contamination.sharded import digest_source, plan_audit
from curation.recipe.loading import LoadedRecipe
from curation.recipe.models import Recipe
from curation.sources.adapters import adapt
from curation.sources.loading import RawSource, columns_from_rows, load_source, provenance
from curation.steps import Step, step_counts
from curation.steps.filters import filter_step
from curation.steps.language import Identifier, language_step
from curation.steps.normalise import normalise_step
from curation.steps.runner import StepRunner

ROW_STEPS = ("repair", "language", "filters")
PART_BYTES: int | None = None  # a part of a large local source (None: as `contam audit` sizes shards)
_SORTED_COUNTS = ("dropped", "by_lang")  # count maps the steps give in key order
_READ_BATCH = 8192  # rows per read, as the local build reads a source


def row_steps(recipe: Recipe, identify: Identifier, workers: int) -> list[tuple[str, Step]]:
    """The row-wise steps after loading, in order (the local pipeline runs the same list)."""
    return [
        ("repair", lambda t: normalise_step(t, recipe.normalise)),
        ("language", lambda t: language_step(t, identify, workers)),
        ("filters", lambda t: filter_step(t, recipe.filters)),
    ]


@dataclass(frozen=True)
class Part:
    """A part of one source: a shard of it (with where its rows sit), or the whole source."""

    source: int
    shard: Shard | None = None  # None: the whole source
    span: Span | None = None


@dataclass(frozen=True)
class PartWork:
    """What every part needs (shared by all the tasks)."""

    lr: LoadedRecipe
    identify: Identifier


@dataclass
class PartDone:
    """A part's rows after the row-wise steps: those kept, those each step dropped, and the counts."""

    rows_read: int
    sha256: str | None  # the source's, when the part read all of it
    split: str | None
    kept: pl.DataFrame
    dropped: dict[str, pl.DataFrame]
    counts: dict[str, dict[str, Any]]


def _read_part(lr: LoadedRecipe, part: Part) -> tuple[RawSource, str | None]:
    """The part's rows as a source's columns, and the source's sha256 when the part read all of it."""
    if part.shard is None or part.span is None:
        raw = load_source(lr, part.source)
        return raw, raw.sha256
    spec = lr.recipe.sources[part.source]
    hasher = Hasher()
    rows = read_shard(part.shard, part.span, _READ_BATCH, hasher)
    cols, n = columns_from_rows(rows, spec, f"{spec.path}", None, part.span.first_row)
    raw = RawSource(part.source, spec, cols, n, "", split=part.shard.split, first_row=part.span.first_row)
    return raw, hasher.hexdigest() if part.shard.whole else None


def clean_part(work: PartWork, part: Part) -> PartDone:
    """A task: load one part and run the row-wise steps on it."""
    raw, sha256 = _read_part(work.lr, part)
    table = adapt(raw)
    counts = {"load": step_counts(table.height, table)}
    dropped: dict[str, pl.DataFrame] = {}
    for name, step in row_steps(work.lr.recipe, work.identify, 1):
        result = step(table)
        counts[name] = result.counts
        dropped[name] = result.dropped
        table = result.kept
    return PartDone(raw.rows, sha256, raw.split, table, dropped, counts)


def _merge_counts(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        if key not in out:
            out[key] = value
        elif isinstance(value, dict):
            out[key] = _merge_counts(out[key], value)
        else:
            out[key] = out[key] + value
    return out


def _in_step_order(counts: dict[str, Any]) -> dict[str, Any]:
    return {k: dict(sorted(v.items())) if k in _SORTED_COUNTS else v for k, v in counts.items()}


@dataclass(frozen=True)
class RowPlan:
    """The parts of every source, in order, and how each cut source's sha256 is had: known from the plan,
    or by one sequential read of it (beside the parts)."""

    parts: list[Part]
    sha256: dict[int, str]
    digest_paths: dict[int, str]
    splits: dict[int, str | None]  # the split read of each cut source


def plan_parts(executor: Executor, lr: LoadedRecipe, shard_bytes: int | None = None) -> RowPlan:
    """Every source's parts (see the module docstring); a missing or empty source is a recipe error."""
    sources = lr.recipe.sources
    cut = [i for i, spec in enumerate(sources) if spec.path is not None and spec.max_rows is None]
    paths = {i: lr.resolve(sources[i].path or "") for i in cut}
    for i in cut:
        if not paths[i].exists():
            raise lr.error(
                ("sources", i, "path"), f"{sources[i].path}: no such file or folder (relative to the recipe)"
            )
    plan = plan_audit(executor, [TrainSource(str(paths[i])) for i in cut], shard_bytes, require_rows=False)
    parts: dict[int, list[Part]] = {i: [] for i in cut}
    rows = dict.fromkeys(cut, 0)
    for shard, span, n in zip(plan.shards, plan.spans, plan.rows, strict=True):
        i = cut[shard.source]
        rows[i] += n
        if n:
            parts[i].append(Part(i, shard, span))
    for i, n in rows.items():
        if n == 0:
            raise lr.error(("sources", i, "path"), f"{sources[i].path}: the source has no rows")
    return RowPlan(
        [p for i in range(len(sources)) for p in parts.get(i, [Part(i)])],
        {cut[k]: sp.sha256 for k, sp in enumerate(plan.sources) if sp.sha256 is not None},
        {cut[k]: sp.digest_path for k, sp in enumerate(plan.sources) if sp.digest_path is not None},
        {cut[k]: sp.split for k, sp in enumerate(plan.sources)},
    )


def row_steps_on(
    executor: Executor,
    lr: LoadedRecipe,
    runner: StepRunner,
    identify: Identifier,
    shard_bytes: int | None = None,
) -> tuple[pl.DataFrame, list[dict[str, Any]]]:
    """Load every source and run the row-wise steps through `executor`; the surviving rows and the
    sources' provenance, with the funnel entries and dropped rows in `runner`, as the local build has
    them (`curation.pipeline`)."""
    recipe = lr.recipe
    with runner.timed("load"):
        plan = plan_parts(executor, lr, shard_bytes or PART_BYTES)  # module attribute: tests set it
        hashed = sorted(plan.digest_paths.items())
        digests = executor.map(digest_source, [path for _, path in hashed], None)  # beside the parts
        done = list(executor.map(clean_part, plan.parts, PartWork(lr, identify)))
    n = len(recipe.sources)
    rows_read, sha256 = [0] * n, dict(plan.sha256)
    split = [plan.splits.get(i) for i in range(n)]
    counts: dict[str, dict[str, Any]] = {}
    for part, d in zip(plan.parts, done, strict=True):
        rows_read[part.source] += d.rows_read
        if part.shard is None:  # a whole source names the split it read
            split[part.source] = d.split
        if d.sha256 is not None:
            sha256[part.source] = d.sha256
        for step, c in d.counts.items():
            counts[step] = _merge_counts(counts[step], c) if step in counts else c
    sha256.update((i, sha) for (i, _), sha in zip(hashed, digests, strict=True))
    sources = []
    for i, spec in enumerate(recipe.sources):
        entry = {**provenance(lr, spec), "rows_read": rows_read[i], "sha256": sha256[i]}
        if split[i] is not None:
            entry["split"] = split[i]
        sources.append(entry)
    splits = {s["name"]: s["split"] for s in sources if s.get("split") is not None}
    load = {**_in_step_order(counts["load"]), "by_source": {s["name"]: s["rows_read"] for s in sources}}
    runner.record("load", {**load, **({"splits": splits} if splits else {})})
    for step in ROW_STEPS:
        runner.set_aside(_concat([d.dropped[step] for d in done]))
        runner.record(step, _in_step_order(counts[step]))
    return _concat([d.kept for d in done]), sources


def _concat(frames: list[pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(frames, how="vertical") if len(frames) > 1 else frames[0]
