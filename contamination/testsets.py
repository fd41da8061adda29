"""Benchmark test sets as the audit engine sees them: items, each audited as a whole and per field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from contamination.errors import InputError
from contamination.fields import row_id, select_text
from contamination.readers import Hasher, iter_batches


@dataclass(frozen=True)
class TestUnit:
    """One text the engine matches: a whole item (`field="item"`) or one of its fields."""

    __test__ = False  # not a pytest class

    item_id: str
    field: str
    text: str


@dataclass
class TestSet:
    __test__ = False

    name: str
    units: list[TestUnit]
    items: int
    sha256: str
    source: str
    revision: str | None = None
    fields: list[str] = field(default_factory=list)


def test_set_name(source: str) -> str:
    if source.startswith("hf:"):
        return source[3:].split("@")[0]
    path = Path(source)
    return path.stem if path.suffix else path.name


def load_test_set(
    source: str,
    fields: Sequence[str] = ("text",),
    id_field: str | None = "id",
    name: str | None = None,
    per_field: bool = False,
) -> TestSet:
    """Read a test file; each row is one item (its fields joined), optionally also one unit per field."""
    hasher = Hasher()
    units: list[TestUnit] = []
    items = 0
    seen_ids: set[str] = set()
    for batch in iter_batches(source, hasher=hasher):
        for row in batch:
            where = f"{source}: row {items + 1}"
            item_id = row_id(row, id_field, items)
            if item_id in seen_ids:  # ids must identify items; fall back to the row number
                item_id = f"{item_id}#{items}"
            seen_ids.add(item_id)
            units.append(TestUnit(item_id, "item", select_text(row, fields, where)))
            if per_field and len(fields) > 1:
                units.extend(TestUnit(item_id, f, select_text(row, [f], where)) for f in fields)
            items += 1
    if items == 0:
        raise InputError(f"{source}: the test set is empty; give a file with at least one row")
    return TestSet(
        name=name or test_set_name(source),
        units=units,
        items=items,
        sha256=hasher.hexdigest(),
        source=source,
        fields=list(fields),
    )
