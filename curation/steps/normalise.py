"""Repair step: ftfy repair of every message content (conservative: no NFKC, no case folding).

The stored text stays as the author wrote it, only broken encodings, HTML entities, control characters
and the like are fixed (`contamination.text.normalise.repair_many`, which only runs ftfy where it can change
something). Optionally strips leading/trailing whitespace per message. Adds the `text` column (all
contents joined by newlines) that later steps look at. Drops nothing.
"""

from __future__ import annotations

import polars as pl

from contamination.text.normalise import repair_many
from curation.recipe.models import NormaliseSpec
from curation.steps import StepResult, flat_text, step_counts


def repair_messages(messages: pl.Series, repair: bool = True, strip: bool = True) -> tuple[pl.Series, int]:
    """Repaired messages and the number of contents that changed."""
    dtype = messages.dtype
    flat = (
        pl.DataFrame({"messages": messages})
        .with_row_index("r")
        .explode("messages")  # an empty list becomes one null row
        .filter(pl.col("messages").is_not_null())
        .unnest("messages")
    )
    before = flat.get_column("content").fill_null("")
    contents = before
    if repair:
        contents = pl.Series(repair_many(contents.to_list()), dtype=pl.String)
    if strip:
        contents = contents.str.strip_chars()
    changed = int((contents != before).sum()) if len(contents) else 0
    rebuilt = (
        flat.with_columns(contents.alias("content"))
        .group_by("r", maintain_order=True)
        .agg(pl.struct("role", "content").alias("messages"))
    )
    full = (
        pl.DataFrame({"r": pl.int_range(0, len(messages), dtype=pl.UInt32, eager=True)})
        .join(rebuilt, on="r", how="left", maintain_order="left")
        .select(pl.col("messages").fill_null(pl.lit([], dtype=dtype)).cast(dtype))
        .get_column("messages")
    )
    return full, changed


def normalise_step(table: pl.DataFrame, spec: NormaliseSpec) -> StepResult:
    messages, changed = repair_messages(table.get_column("messages"), spec.repair, spec.strip)
    out = table.with_columns(messages).with_columns(flat_text(pl.col("messages")).alias("text"))
    return StepResult(out, step_counts(table.height, out, changed_contents=changed))
