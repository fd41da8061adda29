"""`curate langid`: label rows of any supported file nb / nn / en / other, in the input's own format."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import click
import orjson

from contamination.common.cli import one_line_errors
from contamination.common.errors import InputError
from contamination.io.fields import MISSING, get_path
from contamination.io.readers import file_format, iter_batches
from contamination.io.writers import write_rows
from curation.language import LABELS, identify, identify_examples


def label_values(values: list[Any], where: str, field: str, first_row: int) -> list[tuple[str, float]]:
    """Labels for one batch of field values: strings via `identify`, message lists via examples."""
    texts: dict[int, str] = {}
    chats: dict[int, list] = {}
    for i, value in enumerate(values):
        if isinstance(value, str):
            texts[i] = value
        elif isinstance(value, list):
            chats[i] = value
        elif value is None:
            texts[i] = ""
        else:
            raise InputError(
                f"{where}: row {first_row + i}: field '{field}' is {type(value).__name__}; "
                "it must be text or a list of chat messages (choose another with --field)"
            )
    out: list[tuple[str, float]] = [("other", 0.0)] * len(values)
    for i, result in zip(texts, identify(list(texts.values())), strict=True):
        out[i] = result
    for i, result in zip(chats, identify_examples(list(chats.values())), strict=True):
        out[i] = result
    return out


def label_file(path: Path, out: Path, field: str) -> Counter:
    """Write `path`'s rows with `lang` and `lang_score` to `out` (same format); return the label counts."""
    fmt = file_format(path)
    rows: list[dict[str, Any]] = []
    counts: Counter = Counter()
    for batch in iter_batches(str(path)):
        values = []
        for n, row in enumerate(batch, start=len(rows) + 1):
            value = get_path(row, field)
            if value is MISSING:
                keys = ", ".join(sorted(row)[:8]) or "none"
                raise InputError(
                    f"{path}: row {n} has no field '{field}' (fields: {keys}); pass --field NAME"
                )
            values.append(value)
        for row, (lang, score) in zip(
            batch, label_values(values, str(path), field, len(rows) + 1), strict=True
        ):
            row["lang"] = lang
            row["lang_score"] = round(score, 4)
            counts[lang] += 1
        rows.extend(batch)
    write_rows(out, rows, fmt)
    return counts


def default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}.langid{path.suffix}")


@click.command("langid")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "--field",
    default="text",
    show_default=True,
    help="Field with the text or chat messages (dotted paths allowed).",
)
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path), help="Output file [default: INPUT.langid.EXT]."
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@one_line_errors
def langid_cmd(input_path: Path, field: str, out_path: Path | None, as_json: bool) -> None:
    """Label each row nb / nn / en / other, adding `lang` and `lang_score` (probability of the label)."""
    out = out_path or default_output(input_path)
    if out.resolve() == input_path.resolve():
        raise InputError(f"{out}: the output may not overwrite the input; choose another --out")
    if not input_path.is_file():
        raise InputError(f"{input_path}: no such file; check the path")
    counts = label_file(input_path, out, field)
    total = sum(counts.values())
    summary = {label: counts.get(label, 0) for label in LABELS}
    if as_json:
        click.echo(
            orjson.dumps({"input": str(input_path), "output": str(out), "rows": total, "counts": summary})
        )
        return
    click.echo(f"wrote {out} ({total} rows)")
    click.echo(f"{'lang':<6} {'rows':>8} {'share':>7}")
    for label, n in summary.items():
        click.echo(f"{label:<6} {n:>8} {n / total if total else 0:>7.1%}")
