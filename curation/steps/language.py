"""Language step: `curation.language.identify_example` on every example (nb / nn / en / other + score).

A thin wrapper: identification itself lives in `curation.language` (`identify_examples`, the batched
form of `identify_example`). This step drops nothing; it adds
`lang`, `lang_score` and `lang_mismatch` (the source's `lang` hint disagrees), and counts the mismatches
as a flag. The filters step turns a mismatch into the drop reason `wrong_language` when the recipe's
`filters.drop_wrong_lang` is on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl

from curation.steps import step_counts

Identifier = Callable[[list[dict[str, str]]], tuple[str, float]]


def _identify_all(examples: list[list[dict[str, str]]]) -> list[tuple[str, float]]:
    """`curation.language.identify_examples` (the batched `identify_example`), in chunks."""
    from curation.language import identify_examples

    out: list[tuple[str, float]] = []
    for start in range(0, len(examples), 20_000):
        out.extend(identify_examples(examples[start : start + 20_000]))
    return out


def language_step(table: pl.DataFrame, identify: Identifier | None = None) -> tuple[pl.DataFrame, dict[str, Any]]:
    """`identify` (one example's messages -> (lang, score)) replaces the default batch identifier."""
    examples = table.get_column("messages").to_list()
    results = [identify(m) for m in examples] if identify is not None else _identify_all(examples)
    langs = [lang for lang, _ in results]
    scores = [float(score) for _, score in results]
    out = table.with_columns(
        pl.Series("lang", langs, dtype=pl.String),
        pl.Series("lang_score", scores, dtype=pl.Float64),
    ).with_columns(
        (pl.col("lang_hint").is_not_null() & (pl.col("lang") != pl.col("lang_hint"))).alias("lang_mismatch")
    )
    by_lang = dict(sorted(out.get_column("lang").value_counts().iter_rows()))
    flags = {"lang_hint_mismatch": int(out.get_column("lang_mismatch").sum())}
    return out, step_counts(table.height, out, flags=flags, by_lang={k: int(v) for k, v in by_lang.items()})
