"""The build's charts for its card: where the rows went (the funnel) and what the mix became (language
and source, target against achieved), as static SVG files in the build folder (`charts/`), which the
hub renders in the card. They hold counts only, never text."""

from __future__ import annotations

from typing import Any

from contamination.common.charts import grouped_bars, stacked_bars

FUNNEL = "charts/funnel.svg"
MIX = "charts/mix.svg"


def funnel_svg(funnel: list[dict[str, Any]]) -> str:
    steps = [e["step"] for e in funnel]
    kept = [e["out"] for e in funnel]
    dropped = [sum(e.get("dropped", {}).values()) for e in funnel]
    return stacked_bars("Rows per step: kept and dropped", steps, {"kept": kept, "dropped": dropped}, "rows")


def mix_svg(mix: dict[str, Any]) -> str:
    target = (mix.get("target") or {}).get("by_lang") or {}
    achieved = (mix.get("achieved") or {}).get("by_lang") or {}
    langs = sorted(set(target) | set(achieved))
    series = {"achieved": [achieved.get(k, 0) for k in langs]}
    if target:
        series = {"target": [target.get(k, 0) for k in langs], **series}
    return grouped_bars("Language mix", langs, series, "rows")


def build_charts(funnel: list[dict[str, Any]], mix: dict[str, Any]) -> dict[str, str]:
    """Path in the build folder -> SVG document."""
    return {FUNNEL: funnel_svg(funnel), MIX: mix_svg(mix)}
