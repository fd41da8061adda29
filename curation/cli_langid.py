"""`curate langid`: add `lang` and `lang_score` to every row of a dataset file, in the same format.

The rows go out in the input's format (jsonl, json, csv or parquet), written to a temporary file
beside the target and renamed over it, so an interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import click
import orjson

from curation.language import LABELS, identify, identify_examples

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet"}
BATCH = 4096  # rows identified per call; bounds the temporary per-batch lists


class InputProblem(Exception):
    """A problem with the user's input; the message is one line naming file, row, field and the fix."""


# ---------------------------------------------------------------------------------------------------
# Reading and writing. Small and local on purpose; the shared readers may replace these later.


def input_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputProblem(
            f"{path}: unsupported file type '{path.suffix}'; use .jsonl, .json, .csv or .parquet"
        )
    return fmt


def read_rows(path: Path, fmt: str) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InputProblem(f"{path}: no such file; check the path")
    if fmt == "jsonl":
        return _read_jsonl(path)
    if fmt == "json":
        return _read_json(path)
    if fmt == "csv":
        return _read_csv(path)
    raise AssertionError(fmt)  # parquet is handled column-wise in `run`


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError:
                raise InputProblem(
                    f"{path}:{lineno}: line {lineno} is not valid JSON; fix or remove it"
                ) from None
            if not isinstance(row, dict):
                raise InputProblem(f"{path}:{lineno}: line {lineno} must be a JSON object")
            rows.append(row)
    return rows


def _read_json(path: Path) -> list[dict[str, Any]]:
    try:
        doc = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise InputProblem(
            f"{path}: not valid JSON ({exc}); a .json file must hold one array of objects"
        ) from None
    if not isinstance(doc, list) or not all(isinstance(row, dict) for row in doc):
        raise InputProblem(f"{path}: expected a JSON array of objects; use .jsonl for one object per line")
    return doc


def _read_csv(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputProblem(f"{path}: not UTF-8 text; convert the file to UTF-8") from None
    return [dict(row) for row in csv.DictReader(io.StringIO(text, newline=""))]


def write_atomic(target: Path, data: bytes | None, writer: Any = None) -> None:
    """Write bytes (or call writer(tmp_path)) to a temp file beside `target`, then rename it over."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if data is not None:
                fh.write(data)
        if writer is not None:
            writer(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def encode_rows(rows: list[dict[str, Any]], fmt: str) -> bytes:
    if fmt == "jsonl":
        return b"".join(orjson.dumps(row) + b"\n" for row in rows)
    if fmt == "json":
        return orjson.dumps(rows, option=orjson.OPT_INDENT_2)
    buf = io.StringIO(newline="")
    fields = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------------------------------
# Identification


def label_values(values: list[Any], path: Path, field: str, first_row: int) -> list[tuple[str, float]]:
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
            raise InputProblem(
                f"{path}: row {first_row + i}: field '{field}' is {type(value).__name__}; "
                "it must be text or a list of chat messages (choose another with --field)"
            )
    out: list[tuple[str, float]] = [("other", 0.0)] * len(values)
    for i, result in zip(texts, identify(list(texts.values())), strict=True):
        out[i] = result
    for i, result in zip(chats, identify_examples(list(chats.values())), strict=True):
        out[i] = result
    return out


def field_values(rows: list[dict[str, Any]], path: Path, field: str) -> list[Any]:
    values = []
    for n, row in enumerate(rows, start=1):
        if field not in row:
            keys = ", ".join(sorted(row)[:8]) or "none"
            raise InputProblem(f"{path}: row {n} has no field '{field}' (fields: {keys}); pass --field NAME")
        values.append(row[field])
    return values


def label_all(values: list[Any], path: Path, field: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for start in range(0, len(values), BATCH):
        out.extend(label_values(values[start : start + BATCH], path, field, start + 1))
    return out


def run(path: Path, out: Path, field: str) -> Counter:
    fmt = input_format(path)
    if not path.is_file():
        raise InputProblem(f"{path}: no such file; check the path")
    if fmt == "parquet":
        return _run_parquet(path, out, field)
    rows = read_rows(path, fmt)
    results = label_all(field_values(rows, path, field), path, field)
    for row, (lang, score) in zip(rows, results, strict=True):
        row["lang"] = lang
        row["lang_score"] = round(score, 4)
    write_atomic(out, encode_rows(rows, fmt))
    return Counter(lang for lang, _ in results)


def _run_parquet(path: Path, out: Path, field: str) -> Counter:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several exception types for corrupt files
        raise InputProblem(f"{path}: cannot read as parquet ({str(exc).splitlines()[0]})") from None
    if field not in table.column_names:
        cols = ", ".join(table.column_names[:8])
        raise InputProblem(f"{path}: no column '{field}' (columns: {cols}); pass --field NAME")
    results = label_all(table.column(field).to_pylist(), path, field)
    for name, values in (
        ("lang", pa.array([lang for lang, _ in results], pa.string())),
        ("lang_score", pa.array([round(score, 4) for _, score in results], pa.float64())),
    ):
        if name in table.column_names:
            table = table.set_column(table.column_names.index(name), name, values)
        else:
            table = table.append_column(name, values)
    write_atomic(out, None, writer=lambda tmp: pq.write_table(table, tmp))
    return Counter(lang for lang, _ in results)


def default_output(path: Path) -> Path:
    return path.with_name(f"{path.stem}.langid{path.suffix}")


@click.command("langid")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--field", default="text", show_default=True, help="Column with the text or chat messages.")
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path), help="Output file [default: INPUT.langid.EXT]."
)
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def langid_cmd(input_path: Path, field: str, out_path: Path | None, as_json: bool) -> None:
    """Label each row nb / nn / en / other, adding `lang` and `lang_score` (probability of the label)."""
    out = out_path or default_output(input_path)
    try:
        counts = run(input_path, out, field)
    except InputProblem as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
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
