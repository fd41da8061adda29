"""Loading recipe sources: pinned hub datasets (`datasets.load_dataset`) or local files/folders.

A source yields the columns its adapter needs (our field names, after the recipe's `fields` mapping),
the number of rows read and provenance for the manifest. Local paths are relative to the recipe file
and are read with `contamination.io.readers.iter_batches` (JSON Lines, JSON, parquet, CSV, save_to_disk
folders, local dataset repo folders).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contamination.common.errors import InputError
from contamination.io.readers import Hasher, HubRef, iter_batches, load_hub_dataset
from curation.recipe.loading import LoadedRecipe
from curation.recipe.models import FORMAT_FIELDS, OPTIONAL_FIELDS, SourceSpec

_MISSING = object()
SOURCE_ID = "_source_id"  # the source's own `id` column, when it has one (kept as metadata)


@dataclass
class RawSource:
    """The columns of one source, keyed by our field names; missing optional fields are None."""

    index: int
    spec: SourceSpec
    columns: dict[str, list[Any]]
    rows: int
    sha256: str
    info: dict[str, Any] = field(default_factory=dict)
    split: str | None = None  # the split read, for a source with splits
    first_row: int = 0  # of `columns` in the source (a part of it read apart: `curation.rowwise`)


def provenance(lr: LoadedRecipe, spec: SourceSpec) -> dict[str, Any]:
    """What the manifest says about where a source came from (no absolute paths, no times)."""
    if spec.hub is not None:
        return {
            "name": spec.name,
            "repo": spec.hub.repo,
            "revision": spec.hub.revision,
            "revision_verified": spec.hub.revision_verified,
            "config": spec.hub.config,
            "split": spec.hub.split,
            "format": spec.format,
            "licence": spec.licence,
        }
    return {
        "name": spec.name,
        "path": spec.path,
        "revision": None,
        "format": spec.format,
        "licence": spec.licence,
    }


def columns_from_rows(
    rows_iter: Any, spec: SourceSpec, where: str, max_rows: int | None, first_row: int = 0
) -> tuple[dict[str, list[Any]], int]:
    """The columns the source's format needs from its rows (`first_row`: the number of the first in the
    source, for messages), and how many rows were read."""
    wanted = {ours: spec.column(ours) for ours in FORMAT_FIELDS[spec.format]}
    optional = OPTIONAL_FIELDS.get(spec.format, set())
    cols: dict[str, list[Any]] = {ours: [] for ours in wanted}
    cols[SOURCE_ID] = []
    n = 0
    for batch in rows_iter:
        if max_rows is not None and n + len(batch) > max_rows:
            batch = batch[: max_rows - n]
        for ours, col in wanted.items():
            values = [r.get(col, _MISSING) for r in batch]
            if ours not in optional:
                for i, v in enumerate(values):
                    if v is _MISSING:
                        available = ", ".join(sorted(batch[i])) or "none"
                        hint = (
                            f"map it with fields: {{{ours}: COLUMN}}"
                            if ours == col
                            else f"fields.{ours} names '{col}'"
                        )
                        raise InputError(
                            f"{where}: row {first_row + n + i + 1}: no column '{col}' for format {spec.format} "
                            f"(columns here: {available}); {hint}"
                        )
            cols[ours].extend(None if v is _MISSING else v for v in values)
        cols[SOURCE_ID].extend(None if (v := r.get("id")) is None else str(v) for r in batch)
        n += len(batch)
        if max_rows is not None and n >= max_rows:
            break
    return cols, n


def load_local(lr: LoadedRecipe, index: int) -> RawSource:
    spec = lr.recipe.sources[index]
    assert spec.path is not None
    path = lr.resolve(spec.path)
    if not path.exists():
        raise lr.error(
            ("sources", index, "path"), f"{spec.path}: no such file or folder (relative to the recipe)"
        )
    hasher = Hasher()
    cols, n = columns_from_rows(
        iter_batches(str(path), batch_size=8192, hasher=hasher, role="train"),
        spec,
        f"{spec.path}",
        spec.max_rows,
    )
    if n == 0:
        raise lr.error(("sources", index, "path"), f"{spec.path}: the source has no rows")
    return RawSource(index, spec, cols, n, hasher.hexdigest(), split=hasher.split)


def check_hub_pins(lr: LoadedRecipe) -> None:
    """Refuse to build from placeholder revisions (they are fine for validation and dry runs)."""
    for i, spec in enumerate(lr.recipe.sources):
        if spec.hub is not None and not spec.hub.revision_verified:
            raise lr.error(
                ("sources", i, "hub", "revision_verified"),
                f"{spec.hub.repo}@{spec.hub.revision} is an unverified placeholder; pin a commit sha or tag "
                "you have checked and set revision_verified: true (or point `path:` at a local copy)",
            )


def load_hub(lr: LoadedRecipe, index: int) -> RawSource:
    """`datasets.load_dataset(repo, config, split=..., revision=...)` of a pinned hub source."""
    spec = lr.recipe.sources[index]
    hub = spec.hub
    assert hub is not None
    try:
        ds, _ = load_hub_dataset(HubRef(hub.repo, hub.revision, hub.config, hub.split), role="train")
    except InputError as exc:
        raise lr.error(("sources", index, "hub"), str(exc)) from None
    if spec.max_rows is not None and len(ds) > spec.max_rows:
        ds = ds.select(range(spec.max_rows))
    hasher = Hasher()
    hasher.update(f"{hub.repo}@{hub.revision}:{hub.config}/{hub.split}:{ds._fingerprint}".encode())

    def batches() -> Any:
        step = 8192
        for start in range(0, len(ds), step):
            chunk = ds[start : start + step]
            names = list(chunk)
            m = len(chunk[names[0]]) if names else 0
            yield [{k: chunk[k][i] for k in names} for i in range(m)]

    cols, n = columns_from_rows(batches(), spec, f"hf:{hub.repo}@{hub.revision}", spec.max_rows)
    if n == 0:
        raise lr.error(
            ("sources", index, "hub"), f"hf:{hub.repo}@{hub.revision}: split {hub.split} has no rows"
        )
    return RawSource(index, spec, cols, n, hasher.hexdigest(), split=hub.split)


def load_source(lr: LoadedRecipe, index: int) -> RawSource:
    spec = lr.recipe.sources[index]
    return load_hub(lr, index) if spec.hub is not None else load_local(lr, index)


def count_local_rows(lr: LoadedRecipe, index: int) -> tuple[int | None, str | None]:
    """Rows a local source would give (for dry runs) and the split read; None rows for hub sources or
    missing files."""
    spec = lr.recipe.sources[index]
    if spec.path is None:
        return None, None
    path = lr.resolve(spec.path)
    if not path.exists():
        return None, None
    hasher = Hasher()
    n = sum(len(b) for b in iter_batches(str(path), batch_size=8192, hasher=hasher, role="train"))
    return (min(n, spec.max_rows) if spec.max_rows else n), hasher.split
