"""Language step: `curation.language.identify_examples` on every example (nb / nn / en / other + score).

A thin wrapper: identification itself lives in `curation.language` (`identify_examples`, the batched
form of `identify_example`). This step drops nothing; it adds
`lang`, `lang_score` and `lang_mismatch` (the source's `lang` hint disagrees), and counts the mismatches
as a flag. The filters step turns a mismatch into the drop reason `wrong_language` when the recipe's
`filters.drop_wrong_lang` is on.

Bounded sample: identification costs time in proportion to text length, while its accuracy saturates
after a few hundred characters. Each message is therefore identified on at most `SAMPLE_CHARS`
characters (cut back to the last word boundary, in polars), on copies: the stored messages are never
changed. Role weighting is `identify_examples`' own (user and assistant turns vote by their sampled
length, system turns count a tenth, tool output not at all). The identifier is called once per batch of
`BATCH` examples. With `workers` > 1 (the pipeline passes NORCURATE_LANG_WORKERS for the default
identifier; an identifier passed in runs in process) and at least `PARALLEL_MIN`
examples the batches are spread over that many spawned processes: same results (identification is per
example, so batching changes no label or score), less wall time on idle cores, but every worker holds
its own model (~0.9 GB), so it is off by default.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import polars as pl

from curation.steps import StepResult, step_counts

# A batch identifier: examples (lists of {role, content}) -> (lang, score) per example.
Identifier = Callable[[list[list[dict[str, str]]]], list[tuple[str, float]]]

SAMPLE_CHARS = 600  # per message
BATCH = 20_000  # examples per identifier call
PARALLEL_MIN = 4 * BATCH  # fewer examples than this: one process (starting a worker costs more)


def sample_expr(content: pl.Expr, limit: int = SAMPLE_CHARS) -> pl.Expr:
    """`content` cut to at most `limit` characters at a word boundary (a text without whitespace in its
    first `limit` characters is cut at `limit`); shorter texts unchanged."""
    head = content.str.slice(0, limit + 1)  # one more: a cut just before whitespace keeps the last word
    at_word = head.str.replace(r"\s*\S*$", "")
    cut = pl.when(at_word.str.len_chars() > 0).then(at_word).otherwise(content.str.slice(0, limit))
    return pl.when(content.str.len_chars() <= limit).then(content).otherwise(cut)


def sampled_messages(messages: pl.Series, limit: int = SAMPLE_CHARS) -> pl.Series:
    """Copies of the messages with every content cut by `sample_expr` (roles kept)."""
    el = pl.element()
    return (
        pl.DataFrame({"m": messages})
        .select(
            pl.col("m").list.eval(
                pl.struct(
                    el.struct.field("role"), sample_expr(el.struct.field("content"), limit).alias("content")
                )
            )
        )
        .get_column("m")
    )


def identify_batch(examples: list[list[dict[str, str]]]) -> list[tuple[str, float]]:
    """The default identifier: `curation.language.identify_examples` (the batched `identify_example`)."""
    from curation.language import identify_examples

    return identify_examples(examples)


def _batches(messages: pl.Series) -> Iterator[list[list[dict[str, str]]]]:
    for start in range(0, len(messages), BATCH):
        yield messages.slice(start, BATCH).to_list()  # Python objects for one batch at a time


def default_workers() -> int:
    """1 (in-process) unless NORCURATE_LANG_WORKERS says otherwise: each worker process loads its own
    heliport model, which costs more memory than the wall time it saves (BENCHMARKS.md)."""
    env = os.environ.get("NORCURATE_LANG_WORKERS", "").strip()
    return max(1, int(env)) if env.isdigit() else 1


def _warm() -> None:
    identify_batch([[{"role": "user", "content": "hei"}]])  # loads heliport and the lexicon once


def _identify_parallel(messages: pl.Series, identify: Identifier, workers: int) -> list[tuple[str, float]]:
    """Batches over `workers` spawned processes (spawn, not fork: polars' thread pool is running); the
    identifier must be importable by name (a module-level function) to reach them."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    out: list[tuple[str, float]] = []
    with ctx.Pool(workers, initializer=_warm) as pool:
        for part in pool.imap(identify, _batches(messages)):
            out.extend(part)
    return out


def identify_messages(
    messages: pl.Series, identify: Identifier = identify_batch, workers: int = 1
) -> list[tuple[str, float]]:
    """(lang, score) per example, identified on the sampled messages, one identifier call per batch; over
    `workers` processes when there are enough examples to pay for starting them."""
    sampled = sampled_messages(messages)
    if workers > 1 and len(sampled) >= PARALLEL_MIN:
        return _identify_parallel(sampled, identify, workers)
    return [r for batch in _batches(sampled) for r in identify(batch)]


def language_step(table: pl.DataFrame, identify: Identifier = identify_batch, workers: int = 1) -> StepResult:
    """Label every example with `identify` (a batch of examples -> (lang, score) each)."""
    results = identify_messages(table.get_column("messages"), identify, workers)
    out = table.with_columns(
        pl.Series("lang", [lang for lang, _ in results], dtype=pl.String),
        pl.Series("lang_score", [float(score) for _, score in results], dtype=pl.Float64),
    ).with_columns(
        (pl.col("lang_hint").is_not_null() & (pl.col("lang") != pl.col("lang_hint"))).alias("lang_mismatch")
    )
    by_lang = dict(sorted(out.get_column("lang").value_counts().iter_rows()))
    flags = {"lang_hint_mismatch": int(out.get_column("lang_mismatch").sum())}
    return StepResult(
        out, step_counts(table.height, out, flags=flags, by_lang={k: int(v) for k, v in by_lang.items()})
    )
