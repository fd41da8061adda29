"""Static SVG bar charts (matplotlib's SVG backend): the audit report's summary and a build's funnel and
mix on its card. Byte-identical for identical data: no date, a fixed hash salt for element ids, text kept
as text (small files that render anywhere, on the hub too), no external resources."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

PALETTE = ("#3b6ea8", "#d9822b", "#5a9e5a", "#b84a4a", "#7f6aa8", "#8c7a5b", "#c26aa8", "#6a6a6a")


def _svg(fig: object) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")  # type: ignore[attr-defined]
    plt.close(fig)  # type: ignore[arg-type]
    return buf.getvalue()


def _pyplot() -> object:
    import matplotlib

    matplotlib.use("svg")  # no display, no GUI toolkit
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.hashsalt": "norcurate", "svg.fonttype": "none", "font.size": 9})
    return plt


def grouped_bars(
    title: str,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    xlabel: str = "",
    horizontal: bool = True,
) -> str:
    """One bar per (category, series), grouped by category; returns the SVG document."""
    plt = _pyplot()
    n_series = max(len(series), 1)
    height = max(1.6, 0.32 * len(categories) * max(1, n_series // 2 + 1) + 0.9)
    fig, ax = plt.subplots(figsize=(6.4, height))  # type: ignore[attr-defined]
    width = 0.8 / n_series
    for k, (name, values) in enumerate(series.items()):
        pos = [i - 0.4 + width * (k + 0.5) for i in range(len(categories))]
        color = PALETTE[k % len(PALETTE)]
        if horizontal:
            bars = ax.barh(pos, values, height=width, label=name, color=color)
        else:
            bars = ax.bar(pos, values, width=width, label=name, color=color)
        ax.bar_label(bars, labels=[f"{v:,.0f}" if v else "" for v in values], padding=2, fontsize=7)
    ticks = list(range(len(categories)))
    if horizontal:
        ax.set_yticks(ticks, categories)
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
    else:
        ax.set_xticks(ticks, categories)
        ax.set_ylabel(xlabel)
    ax.set_title(title, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(series) > 1:
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig)


def stacked_bars(
    title: str, categories: Sequence[str], series: Mapping[str, Sequence[float]], xlabel: str = ""
) -> str:
    """One horizontal bar per category, its segments the series (in order); returns the SVG document."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, max(1.6, 0.42 * len(categories) + 0.9)))  # type: ignore[attr-defined]
    left = [0.0] * len(categories)
    for k, (name, values) in enumerate(series.items()):
        bars = ax.barh(range(len(categories)), values, left=left, label=name, color=PALETTE[k % len(PALETTE)])
        ax.bar_label(bars, labels=[f"{v:,.0f}" if v else "" for v in values], label_type="center", fontsize=7)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(range(len(categories)), categories)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig)
