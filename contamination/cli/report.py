"""`contam report REPORT.json --html PAGE`: an existing audit report as a page a reviewer can open."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from contamination.common.atomic import write_bytes_atomic
from contamination.common.cli import one_line_errors
from contamination.common.errors import InputError
from contamination.report_html import render_html, texts_from_files


def read_report(path: Path) -> dict:
    try:
        report = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise InputError(f"{path}: cannot read the report ({exc.strerror})") from None
    except orjson.JSONDecodeError:
        raise InputError(f"{path}: not valid JSON; give a report written by contam audit --report") from None
    if not isinstance(report, dict) or not str(report.get("schema", "")).startswith("norcurate.audit/"):
        raise InputError(f"{path}: not a norcurate audit report (no norcurate.audit schema)")
    return report


@click.command("report")
@click.argument("report_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--html", "html_path", required=True, type=click.Path(dir_okay=False), help="HTML page to write."
)
@click.option("--id-field", default="id", show_default=True, help="Id field of the files the report names.")
@click.option(
    "--texts/--no-texts",
    default=True,
    show_default=True,
    help="Re-read the texts from the files the report names.",
)
@one_line_errors
def report_cmd(report_path: Path, html_path: str, id_field: str, texts: bool) -> None:
    """Render REPORT_PATH (from `contam audit --report`) as one self-contained HTML page: the training and
    test texts side by side with the matched span marked, re-read from the files the report names when they
    are still there unchanged (else the evidence alone)."""
    report = read_report(report_path)
    page_texts, notes = texts_from_files(report, id_field) if texts else (None, [])
    for note in notes:
        click.echo(f"note: {note}", err=True)
    write_bytes_atomic(html_path, render_html(report, page_texts).encode("utf-8"))
    click.echo(f"wrote {html_path} ({len(report['findings']):,} findings)", err=True)
