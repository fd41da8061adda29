"""Audit report output: canonical JSON bytes (identical for identical inputs) and a readable table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from contamination.common.atomic import write_bytes_atomic
from contamination.common.jsonio import canonical_json

if TYPE_CHECKING:
    from rich.console import Console


def report_bytes(report: dict[str, Any]) -> bytes:
    return canonical_json(report)


def write_report(report: dict[str, Any], path: str | Path) -> None:
    write_bytes_atomic(path, report_bytes(report))


def _pairs(findings: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    pairs: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for f in findings:
        pairs.setdefault((f["train_id"], f["test_set"], f["test_id"]), []).append(f)
    return pairs


def render_report(report: dict[str, Any], console: Console, max_findings: int = 20) -> None:
    from rich.table import Table  # only the table output needs rich; --json does not pay for it

    summary = report["summary"]
    table = Table(title="Contamination audit", title_justify="left")
    table.add_column("test set")
    table.add_column("items", justify="right")
    for method in report["methods"]:
        table.add_column(method, justify="right")
    table.add_column("contaminated items", justify="right")
    for ts in report["test_sets"]:
        name = ts["name"]
        cells = [name, str(ts["items"])]
        for method in report["methods"]:
            n = len(
                {f["test_id"] for f in report["findings"] if f["test_set"] == name and f["method"] == method}
            )
            short = ts.get("too_short_for", {}).get(method)
            cells.append(f"{n}" + (f" ({short} short)" if short else ""))
        cells.append(str(summary["by_test_set"][name]["contaminated_test_items"]))
        table.add_row(*cells)
    console.print(table)
    pairs = _pairs(report["findings"])
    if pairs:
        shown = min(max_findings, len(pairs))
        ft = Table(
            title=f"Flagged pairs (first {shown} of {len(pairs)}; every finding is in the JSON report)"
        )
        ft.add_column("train row", overflow="fold")
        ft.add_column("test item", overflow="fold")
        ft.add_column("methods (best score)", overflow="fold")
        ft.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=48)
        for (train_id, test_set, test_id), fs in list(pairs.items())[:max_findings]:
            best = max(fs, key=lambda f: f["score"])
            methods = ", ".join(f["method"] for f in fs)
            ft.add_row(
                train_id,
                f"{test_set}/{test_id} [{best['test_field']}]",
                f"{methods} ({best['score']:.2f})",
                best["evidence"],
            )
        console.print(ft)
    templates = summary.get("templates")
    if templates and templates["findings"]:
        console.print(
            f"templates: {templates['flagged_train_rows']} more training rows share only template or generic "
            f"text with {templates['contaminated_test_items']} test items (not findings; see `templates` in "
            "the JSON report, --fail-on-templates to fail on them)"
        )
    verdict = "[bold red]CONTAMINATED[/]" if report["findings"] else "[bold green]CLEAN[/]"
    console.print(
        f"{verdict}: {summary['flagged_train_rows']} of {summary['train_rows']} training rows flagged, "
        f"{summary['contaminated_test_items']} of {summary['test_items']} test items contaminated"
    )
