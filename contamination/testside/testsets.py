"""Benchmark test sets as the audit engine sees them: items, each audited as a whole and per field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from contamination.common.errors import InputError
from contamination.io.fields import MISSING, get_path, row_id, select_text
from contamination.io.readers import Hasher, iter_batches


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
    split: str | None = None  # the split read, for a source with splits


def test_set_name(source: str) -> str:
    if source.startswith("hf:"):
        return source[3:].split("@")[0]
    path = Path(source)
    return path.stem if path.suffix else path.name


def _present_fields(row: dict, wanted: list[str], source: str) -> list[str]:
    present = [f for f in wanted if get_path(row, f) is not MISSING or (f == "text" and "messages" in row)]
    if not present:
        raise InputError(
            f"{source}: row 1 has none of the fields {', '.join(wanted)} (fields here: "
            f"{', '.join(sorted(row))}); choose them with --test-field"
        )
    return present


def load_test_set(
    source: str,
    fields: Sequence[str] = ("text",),
    id_field: str | None = "id",
    name: str | None = None,
    per_field: bool = False,
) -> TestSet:
    """Read a test set (its `test` split when it has several); each row is one item (its fields joined), optionally also one unit per field.

    Fields that the test set's first row lacks are left out for that set (so one `--test-field` list
    can serve test sets of different schemas); a set with none of them is an error.
    """
    hasher = Hasher()
    wanted = list(fields)
    units: list[TestUnit] = []
    items = 0
    seen_ids: set[str] = set()
    for batch in iter_batches(source, hasher=hasher, role="test"):
        if items == 0 and batch:
            fields = _present_fields(batch[0], wanted, source)
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
        where = source if hasher.split is None else f"{source} (split {hasher.split})"
        raise InputError(f"{where}: the test set is empty; give a test set with at least one row")
    return TestSet(
        name=name or test_set_name(source),
        units=units,
        items=items,
        sha256=hasher.hexdigest(),
        source=source,
        fields=list(fields),
        split=hasher.split,
    )


def unique_names(test_sets: list[TestSet]) -> None:
    """Give repeated test-set names a #2, #3 ... suffix, so findings name one set each."""
    seen: dict[str, int] = {}
    for ts in test_sets:
        if ts.name in seen:
            seen[ts.name] += 1
            ts.name = f"{ts.name}#{seen[ts.name]}"
        else:
            seen[ts.name] = 1
