"""Audit report output: canonical JSON bytes (identical for identical inputs) and a readable table.

A report whose findings are many holds them as `contamination.findings.FindingRows` (read from a
temporary file); it is written finding by finding, to the same bytes `canonical_json` gives for a list,
and the table reads them once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from contamination.common.atomic import atomic_path
from contamination.common.jsonio import canonical_json
from contamination.findings import DistinctCounter

if TYPE_CHECKING:
    from rich.console import Console


def _streamed(value: Any) -> bool:
    """A sequence of report rows held outside memory (`FindingRows`), written one row at a time."""
    return isinstance(value, Sequence) and not isinstance(value, list | str | bytes)


def _rows_chunks(rows: Sequence[Any]) -> Iterator[bytes]:
    """A list value of the report, as orjson indents it two levels deep, a row at a time."""
    if not len(rows):
        yield b"[]"
        return
    out = [b"[\n"]
    sep = b""
    for row in rows:
        out.append(sep + b"    " + orjson.dumps(row, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n    "))
        sep = b",\n"
        if len(out) >= 1024:
            yield b"".join(out)
            out = []
    out.append(b"\n  ]")
    yield b"".join(out)


def report_chunks(report: dict[str, Any]) -> Iterator[bytes]:
    """`canonical_json(report)` in pieces: lists of rows not held in memory (findings, templates) are
    written one row at a time, indented as orjson indents them inside the report."""
    if not any(_streamed(v) for v in report.values()):
        yield canonical_json(report)
        return
    yield b"{\n"
    keys = list(report)
    for i, key in enumerate(keys):
        value = report[key]
        head = b"  " + orjson.dumps(key) + b": "
        tail = b",\n" if i < len(keys) - 1 else b"\n"
        if _streamed(value):
            yield head
            yield from _rows_chunks(value)
            yield tail
        else:
            yield head + orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n  ") + tail
    yield b"}\n"


def report_bytes(report: dict[str, Any]) -> bytes:
    return b"".join(report_chunks(report))


def write_report(report: dict[str, Any], path: str | Path) -> None:
    """The report's bytes written atomically, a piece at a time."""
    with atomic_path(path) as tmp, tmp.open("wb") as fh:
        for chunk in report_chunks(report):
            fh.write(chunk)


def _scan_findings(
    findings: Iterable[dict[str, Any]], max_pairs: int
) -> tuple[dict[tuple[str, str], set[str]], dict[tuple[str, str, str], list[dict[str, Any]]], int]:
    """One pass over the findings: the test items flagged per (test set, method); the first `max_pairs`
    (train id, test set, test item) pairs with all their findings; the number of distinct pairs."""
    test_ids: dict[tuple[str, str], set[str]] = {}
    pairs: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    distinct = DistinctCounter()
    for f in findings:
        test_ids.setdefault((f["test_set"], f["method"]), set()).add(f["test_id"])
        pair = (f["train_id"], f["test_set"], f["test_id"])
        if pair in pairs:
            pairs[pair].append(f)
        elif len(pairs) < max_pairs:
            pairs[pair] = [f]
        distinct.add("", list(pair))
    return test_ids, pairs, distinct.counts().get("", 0)


def render_report(report: dict[str, Any], console: Console, max_findings: int = 20) -> None:
    from rich.table import Table  # only the table output needs rich; --json does not pay for it

    summary = report["summary"]
    test_ids, pairs, n_pairs = _scan_findings(report["findings"], max_findings)
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
            n = len(test_ids.get((name, method), ()))
            short = ts.get("too_short_for", {}).get(method)
            cells.append(f"{n}" + (f" ({short} short)" if short else ""))
        cells.append(str(summary["by_test_set"][name]["contaminated_test_items"]))
        table.add_row(*cells)
    console.print(table)
    if pairs:
        shown = min(max_findings, n_pairs)
        ft = Table(title=f"Flagged pairs (first {shown} of {n_pairs}; every finding is in the JSON report)")
        ft.add_column("train row", overflow="fold")
        ft.add_column("test item", overflow="fold")
        ft.add_column("methods (best score)", overflow="fold")
        ft.add_column("evidence", overflow="ellipsis", no_wrap=True, max_width=48)
        for (train_id, test_set, test_id), fs in pairs.items():
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
