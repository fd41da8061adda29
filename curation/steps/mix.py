"""Mix: seeded quotas by language and/or source, as counts or fractions of `total`.

- Every row gets a priority from `numpy.random.Generator(PCG64(seed))` once, over the deduplicated
  table in its deterministic order (`assign_priority`); a quota takes the rows of its group with the
  lowest priorities. Rows removed later (the audit's drops) free their slot to the next row in line, so
  a refill changes nothing else.
- `by_lang` alone or `by_source` alone: exact quotas. Both: source quotas are upper bounds applied first,
  then the language quotas are exact. Neither: `total` rows (or all rows without a total).
- Fractions are turned into counts by the largest-remainder method, so they add up exactly.
- A quota that cannot be filled is an `InputError` naming the quota and what was available, unless
  `upsample` (rows repeat, ids `ID#2`, `ID#3`...) or `allow_shortfall` (take what there is).
- Translation examples (when the filters keep them) are capped at `translation_share` of the total.
The output order is the priority order: a seeded shuffle.
Drop reasons: over_quota, not_in_mix (no quota for its language/source), over_source_quota,
translation_over_share.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import polars as pl

from contamination.common.errors import InputError
from curation.recipe.models import MixSpec
from curation.steps import DROP, StepResult, step_counts

PRIORITY = "_priority"


def assign_priority(table: pl.DataFrame, seed: int) -> pl.DataFrame:
    rng = np.random.Generator(np.random.PCG64(seed))
    return table.with_columns(pl.Series(PRIORITY, rng.random(table.height), dtype=pl.Float64))


def quota_targets(quotas: dict[str, int | float], total: int | None) -> dict[str, int]:
    """Counts per key: integers as given, fractions of `total` by largest remainder."""
    out: dict[str, int] = {k: int(v) for k, v in quotas.items() if not isinstance(v, float)}
    fracs = {k: v for k, v in quotas.items() if isinstance(v, float)}
    if fracs:
        assert total is not None
        raw = {k: v * total for k, v in fracs.items()}
        floors = {k: math.floor(x + 1e-9) for k, x in raw.items()}
        budget = min(round(sum(raw.values())), total - sum(out.values()))
        left = budget - sum(floors.values())
        order = sorted(fracs, key=lambda k: (-(raw[k] - floors[k]), list(quotas).index(k)))
        for k in order[: max(left, 0)]:
            floors[k] += 1
        out.update(floors)
    return {k: out[k] for k in quotas}


def plan_targets(spec: MixSpec) -> dict[str, Any]:
    """Targets the mix aims for (for dry runs and the manifest)."""
    plan: dict[str, Any] = {"total": spec.total}
    if spec.by_lang:
        plan["by_lang"] = quota_targets(dict(spec.by_lang), spec.total)
    if spec.by_source:
        plan["by_source"] = quota_targets(dict(spec.by_source), spec.total)
    primary = plan.get("by_lang") or plan.get("by_source")
    plan["expected_rows"] = sum(primary.values()) if primary else spec.total
    return plan


def _where_default(*loc: Any) -> str:
    return "recipe"


def mix_step(
    table: pl.DataFrame,
    spec: MixSpec,
    seed: int = 0,
    translation_share: float | None = None,
    where: Callable[..., str] = _where_default,
) -> StepResult:
    if PRIORITY not in table.columns:
        table = assign_priority(table, seed)
    t = table.with_row_index("_i").sort(PRIORITY, "id")
    langs = (
        t.get_column("lang").to_numpy() if "lang" in t.columns else np.full(t.height, "other", dtype=object)
    )
    sources = t.get_column("source").to_numpy()
    is_tr = (
        t.get_column("is_translation").fill_null(False).to_numpy() if "is_translation" in t.columns else None
    )
    n = t.height
    reason = np.full(n, None, dtype=object)
    selected = np.zeros(n, dtype=bool)
    extra: list[tuple[int, int]] = []  # (position in t, repeat number) of upsampled copies
    report: dict[str, Any] = {"total": spec.total}
    shortfalls: list[str] = []
    targets_all = plan_targets(spec)
    final_total = targets_all["expected_rows"] or n

    if translation_share is not None and translation_share > 0 and is_tr is not None:
        cap = math.floor(translation_share * final_total + 1e-9)
        pos = np.flatnonzero(is_tr)
        reason[pos[cap:]] = "translation_over_share"
        report["translation"] = {"share": translation_share, "cap": cap, "available": len(pos)}

    if spec.by_lang and spec.by_source:
        caps = quota_targets(dict(spec.by_source), spec.total)
        report["source_caps"] = {}
        for s, cap in caps.items():
            pos = np.flatnonzero((sources == s) & (reason == None))  # noqa: E711
            reason[pos[cap:]] = "over_source_quota"
            report["source_caps"][s] = {"cap": cap, "available": len(pos), "kept": min(cap, len(pos))}

    dim = "by_lang" if spec.by_lang else ("by_source" if spec.by_source else None)
    if dim is not None:
        groups = langs if dim == "by_lang" else sources
        targets = quota_targets(dict(getattr(spec, dim)), spec.total)
        quota_report: dict[str, Any] = {}
        for g, target in targets.items():
            pos = np.flatnonzero((groups == g) & (reason == None))  # noqa: E711
            avail = len(pos)
            take = pos[:target]
            selected[take] = True
            reason[pos[target:]] = "over_quota"
            repeats = 0
            if avail < target:
                if spec.upsample and avail > 0:
                    need = target - avail
                    for k in range(need):
                        extra.append((int(pos[k % avail]), 2 + k // avail))
                    repeats = need
                elif not spec.allow_shortfall:
                    shortfalls.append(
                        f"{where('mix', dim, g)}: mix.{dim}.{g}: quota {target} but only {avail} "
                        f"{'examples in ' + g if dim == 'by_lang' else 'examples from ' + g} after filters and dedup"
                    )
            quota_report[g] = {
                "target": target,
                "available": avail,
                "achieved": min(avail, target) + repeats,
                "upsampled": repeats,
            }
        rest = (reason == None) & ~selected  # noqa: E711
        reason[rest] = "not_in_mix"
        report[dim] = quota_report
    else:
        pos = np.flatnonzero(reason == None)  # noqa: E711
        target = spec.total if spec.total is not None else len(pos)
        selected[pos[:target]] = True
        reason[pos[target:]] = "over_quota"
        if len(pos) < target:
            if spec.upsample and len(pos):
                for k in range(target - len(pos)):
                    extra.append((int(pos[k % len(pos)]), 2 + k // len(pos)))
            elif not spec.allow_shortfall:
                shortfalls.append(
                    f"{where('mix', 'total')}: mix.total: {target} rows wanted but only {len(pos)} are left after filters and dedup"
                )
        report["all"] = {
            "target": target,
            "available": len(pos),
            "achieved": min(len(pos), target) + len(extra),
        }
    if shortfalls:
        raise InputError(
            "; ".join(shortfalls)
            + " — lower the quota, add data, or set mix.upsample: true or mix.allow_shortfall: true"
        )

    out = t.with_columns(pl.Series(DROP, reason.tolist(), dtype=pl.String))
    parts = [out]
    if extra:
        pos_arr = np.array([p for p, _ in extra], dtype=np.int64)
        reps = [k for _, k in extra]
        copies = out[pos_arr].with_columns(
            (pl.col("id") + pl.Series([f"#{k}" for k in reps], dtype=pl.String)).alias("id"),
            ((pl.col(PRIORITY) + pl.Series(reps, dtype=pl.Float64) * 0.6180339887498949) % 1.0).alias(
                PRIORITY
            ),
        )
        parts.append(copies)
    out = pl.concat(parts)
    kept = out.filter(pl.col(DROP).is_null()).sort(PRIORITY, "id")
    out = pl.concat([kept, out.filter(pl.col(DROP).is_not_null()).sort("_i")]).drop("_i")
    achieved = {
        "total": kept.height,
        "by_lang": dict(
            sorted((str(k), int(v)) for k, v in kept.get_column("lang").value_counts().iter_rows())
        )
        if "lang" in kept.columns
        else {},
        "by_source": dict(
            sorted((str(k), int(v)) for k, v in kept.get_column("source").value_counts().iter_rows())
        ),
    }
    if "translation" in report and "is_translation" in kept.columns:
        report["translation"]["achieved"] = int(kept.get_column("is_translation").sum())
    report["achieved"] = achieved
    report["target"] = targets_all
    return StepResult(out, step_counts(table.height, out, mix=report))
