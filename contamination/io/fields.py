"""Choosing the text of a row: named fields, dotted paths, lists and chat `messages`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contamination.common.errors import InputError

MISSING = object()


def get_path(row: dict[str, Any], path: str) -> Any:
    """Follow a dotted path; through a list of dicts it collects the field of each element."""
    if "." not in path:  # the common case, once per row of every audit
        return row.get(path, MISSING)
    value: Any = row
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part, MISSING)
        elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
            value = [v.get(part, "") for v in value]
        else:
            return MISSING
        if value is MISSING:
            return MISSING
    return value


def is_messages(value: Any) -> bool:
    return (
        isinstance(value, list) and bool(value) and all(isinstance(m, dict) and "content" in m for m in value)
    )


def as_text(value: Any) -> str:
    """Lists join with newlines; chat messages flatten to their contents; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if is_messages(value):
        return "\n".join(as_text(m.get("content")) for m in value)
    if isinstance(value, list | tuple):
        return "\n".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(as_text(v) for v in value.values())
    return str(value)


def select_text(
    row: dict[str, Any],
    fields: Sequence[str],
    where: str,
    row_no: int | None = None,
    option: str = "--train-field/--test-field",
) -> str:
    """The text of `row` from `fields`; the default field `text` falls back to `messages`.

    Errors name `where` (and `row_no`, when given: formatted only if there is an error) and the
    command-line `option` that chooses the fields."""
    if len(fields) == 1:
        value = get_path(row, fields[0])
        if type(value) is str:
            return value
    parts: list[str] = []
    for field in fields:
        value = get_path(row, field)
        if value is MISSING and field == "text" and "messages" in row:
            value = row["messages"]
        if value is MISSING:
            available = ", ".join(sorted(row)) or "none"
            where = where if row_no is None else f"{where}: row {row_no}"
            raise InputError(
                f"{where}: no field '{field}' (fields here: {available}); choose one with {option}"
            )
        parts.append(as_text(value))
    return "\n".join(parts)


def row_id(row: dict[str, Any], id_field: str | None, ordinal: int) -> str:
    """The row's id field when present, else its 0-based row number."""
    if id_field:
        value = get_path(row, id_field)
        if value is not MISSING and value is not None:
            return str(value)
    return str(ordinal)


def select_texts(
    rows: Sequence[dict[str, Any]], fields: Sequence[str], where: str, first_row: int
) -> list[str]:
    """`select_text` of each row (row numbers counted from `first_row`, 0-based), with the common case,
    one plain field holding a string, as one dictionary lookup per row."""
    if len(fields) == 1 and "." not in fields[0]:
        field = fields[0]
        return [
            value
            if type(value := row.get(field)) is str
            else select_text(row, fields, where, first_row + i + 1)
            for i, row in enumerate(rows)
        ]
    return [select_text(row, fields, where, first_row + i + 1) for i, row in enumerate(rows)]


def row_ids(rows: Sequence[dict[str, Any]], id_field: str | None, first_row: int) -> list[str]:
    """`row_id` of each row, numbered from `first_row`."""
    if id_field and "." not in id_field:
        return [
            str(first_row + i) if (v := row.get(id_field)) is None else str(v) for i, row in enumerate(rows)
        ]
    return [row_id(row, id_field, first_row + i) for i, row in enumerate(rows)]
