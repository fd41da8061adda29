"""`curate langid`: label rows of any supported input nb / nn / en / other, in the input's own format."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from contamination.common.cli import json_option, one_line_errors
from curation.language import LABELS
from curation.language.label import DEFAULT_FIELD, default_output, label_source


@click.command("langid")
@click.argument("source", metavar="INPUT")
@click.option(
    "--field",
    default=DEFAULT_FIELD,
    show_default=True,
    help="Field with the text or chat messages (dotted paths allowed; the default falls back to messages).",
)
@click.option("--column", default="lang", show_default=True, help="Column to write (and COLUMN_score).")
@click.option("--overwrite", is_flag=True, help="Replace the column when rows already have it.")
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file [default: beside INPUT, INPUT.langid.EXT; JSON Lines for a dataset folder].",
)
@json_option("the counts")
@one_line_errors
def langid_cmd(
    source: str, field: str, column: str, overwrite: bool, out_path: Path | None, as_json: bool
) -> None:
    """Label each row of INPUT (a file, a dataset folder, folder/SPLIT) nb / nn / en / other, adding
    COLUMN and COLUMN_score (probability of the label)."""
    out = out_path or default_output(source)
    counts = label_source(source, out, field, column, overwrite)
    total = sum(counts.values())
    summary = {label: counts.get(label, 0) for label in LABELS}
    if as_json:
        click.echo(orjson.dumps({"input": source, "output": str(out), "rows": total, "counts": summary}))
        return
    click.echo(f"wrote {out} ({total} rows)")
    click.echo(f"{'lang':<6} {'rows':>8} {'share':>7}")
    for label, n in summary.items():
        click.echo(f"{label:<6} {n:>8} {n / total if total else 0:>7.1%}")
