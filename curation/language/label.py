"""Labelling the rows of any source with their language (`curate langid`), in the input's own format.

A source is what the readers take: a file, a `save_to_disk` folder, a dataset repo folder or `folder/SPLIT`
(a source with several splits needs its split named). Each row gets `COLUMN` (nb / nn / en / other) and
`COLUMN_score` (the probability of that label); a row that already has either column is refused unless
`overwrite`, so a label someone else wrote is never replaced silently.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

from contamination.common.errors import InputError
from contamination.io.fields import MISSING, get_path
from contamination.io.readers import (
    LocalSource,
    iter_batches,
    resolve_local,
    source_format,
)
from contamination.io.writers import write_rows
from curation.language import identify, identify_examples

DEFAULT_FIELD = "text"


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


def _value(row: dict[str, Any], field: str, where: str, n: int) -> Any:
    """The field to label; the default `text` falls back to chat `messages`, as `contam` does."""
    value = get_path(row, field)
    if value is MISSING and field == DEFAULT_FIELD and "messages" in row:
        value = row["messages"]
    if value is MISSING:
        keys = ", ".join(sorted(row)[:8]) or "none"
        raise InputError(f"{where}: row {n} has no field '{field}' (fields: {keys}); pass --field NAME")
    return value


def default_output(source: str) -> Path:
    """Beside the input: `x.langid.jsonl` for `x.jsonl`; `folder.langid.jsonl` (or `folder.SPLIT...`) for a
    dataset folder, never inside it (a file there would become part of the dataset)."""
    if source.startswith("hf:"):
        raise InputError(f"{source}: give --out for a hub source")
    local = resolve_local(source)
    if local.kind == "file":
        return local.path.with_name(f"{local.path.stem}.langid{local.path.suffix}")
    split = f".{local.split}" if local.split else ""
    folder = _dataset_root(local)
    return folder.with_name(f"{folder.name}{split}.langid.jsonl")


def _dataset_root(local: LocalSource) -> Path:
    """The dataset folder itself: for a split folder of a saved DatasetDict, the folder holding it."""
    path = Path(os.path.abspath(local.path))
    if local.split == path.name and (path.parent / "dataset_dict.json").is_file():
        return path.parent
    return path


def _check_output(source: str, out: Path) -> None:
    if source.startswith("hf:"):
        return
    local = resolve_local(source)
    target = Path(os.path.abspath(out))
    src = Path(os.path.abspath(local.path)) if local.kind == "file" else _dataset_root(local)
    if target == src or (local.kind != "file" and src in target.parents):
        raise InputError(f"{out}: the output may not overwrite or go inside the input; choose another --out")


def label_source(
    source: str, out: Path, field: str = DEFAULT_FIELD, column: str = "lang", overwrite: bool = False
) -> Counter:
    """Write `source`'s rows with `column` and `column_score` to `out` (the input's format for a file,
    JSON Lines for a folder or hub source, unless `out`'s suffix says otherwise); returns the counts."""
    _check_output(source, out)
    score = f"{column}_score"
    rows: list[dict[str, Any]] = []
    counts: Counter = Counter()
    for batch in iter_batches(source):
        first = len(rows) + 1
        values = []
        for n, row in enumerate(batch, start=first):
            if not overwrite and (taken := next((c for c in (column, score) if c in row), None)):
                raise InputError(
                    f"{source}: row {n} already has a '{taken}' column; pass --overwrite to replace it, or "
                    "--column NAME to write the label elsewhere"
                )
            values.append(_value(row, field, source, n))
        for row, (lang, p) in zip(batch, label_values(values, source, field, first), strict=True):
            row[column] = lang
            row[score] = round(p, 4)
            counts[lang] += 1
        rows.extend(batch)
    suffix = out.suffix.lower().lstrip(".")
    fmt = suffix if suffix in ("jsonl", "json", "csv", "parquet", "txt") else source_format(source)
    write_rows(out, rows, fmt)
    return counts
