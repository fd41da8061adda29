"""Schema adapters: each source format becomes the example schema (one polars DataFrame).

Example schema (every table in `curate build`):
    id            str   "<source name>:<0-based source row>" (stable across builds)
    source        str   source name from the recipe
    source_row    i64   row number in the source
    messages      list[struct{role: str, content: str}]
    lang_hint     str?  the source's `lang` from the recipe
    is_translation bool a translation example (parallel pairs used as translation)
    drop_reason   str?  set by the step that drops the row
    source_id     str?  the source's own `id` column, if any (metadata, not written to train files)
(`lang`, `lang_score`, `text` are added by the normalise and language steps.)

Formats:
- alpaca   user: instruction (+ blank line + input when non-empty); assistant: output
- messages chat messages as given (`role`/`content`, or ShareGPT `from`/`value`); roles system, user,
           assistant (human/gpt/model are mapped)
- dpo      user: prompt (or the prompt's messages); assistant: chosen (the SFT target); rejected unused
- mmlu     user: question, blank line, "A. ..." to "D. ..."; assistant: "<letter>. <option text>"
- parallel parallel_use translation: user "Omset til nynorsk:\\n\\n<nb>", assistant <nn> (is_translation);
           parallel_use nb / nn: that side alone, as a `text` example
- text     a plain text becomes a two-turn example so chat templates that need a user turn first
           (Gemma) accept it: user "<continue prompt>\\n\\n<first sentence>", assistant: the rest; a text
           of one sentence gets a generic "write a text" prompt. Prompts are in the source's `lang`
           (Bokmål when none is given).
"""

from __future__ import annotations

from typing import Any

import polars as pl

from contamination.common.errors import InputError
from contamination.io.fields import as_text
from curation.sources.loading import SOURCE_ID, RawSource

MESSAGE_DTYPE = pl.List(pl.Struct({"role": pl.String, "content": pl.String}))
ROLE_MAP = {
    "system": "system",
    "user": "user",
    "human": "user",
    "prompter": "user",
    "assistant": "assistant",
    "gpt": "assistant",
    "model": "assistant",
    "bot": "assistant",
}
CONTINUE_PROMPT = {"nb": "Fortsett teksten:", "nn": "Hald fram med teksten:", "en": "Continue the text:"}
WRITE_PROMPT = {"nb": "Skriv en kort tekst.", "nn": "Skriv ein kort tekst.", "en": "Write a short text."}
TRANSLATE_PROMPT = "Omset til nynorsk:"
LETTERS = ("A", "B", "C", "D")


def _s(values: list[Any]) -> pl.Series:
    """A string column from raw values (None -> empty, lists/dicts flattened like the audit does)."""
    if all(isinstance(v, str) for v in values):
        return pl.Series(values, dtype=pl.String)
    return pl.Series([v if isinstance(v, str) else as_text(v) for v in values], dtype=pl.String)


def _turns(*pairs: tuple[str, pl.Expr]) -> pl.Expr:
    return pl.concat_list(
        [pl.struct(pl.lit(role).alias("role"), content.alias("content")) for role, content in pairs]
    )


def _frame(
    raw: RawSource, messages: pl.Series | pl.Expr, data: dict[str, pl.Series], translation: bool
) -> pl.DataFrame:
    n = raw.rows
    name = raw.spec.name
    df = pl.DataFrame(data) if data else pl.DataFrame({"_": pl.Series([None] * n)})
    rows = pl.int_range(raw.first_row, raw.first_row + n, dtype=pl.Int64, eager=True)
    df = df.with_columns(messages).select(
        (pl.lit(f"{name}:") + pl.lit(rows.cast(pl.String))).alias("id"),
        pl.lit(name).alias("source"),
        pl.lit(rows).alias("source_row"),
        pl.col("messages").cast(MESSAGE_DTYPE),
        pl.lit(raw.spec.lang, dtype=pl.String).alias("lang_hint"),
        pl.lit(translation).alias("is_translation"),
        pl.lit(None, dtype=pl.String).alias("drop_reason"),
        pl.lit(pl.Series(raw.columns.get(SOURCE_ID) or [None] * n, dtype=pl.String)).alias("source_id"),
    )
    return df


def _alpaca(raw: RawSource) -> pl.DataFrame:
    c = raw.columns
    inp = c["input"] if c.get("input") is not None and len(c["input"]) == raw.rows else [None] * raw.rows
    data = {"instruction": _s(c["instruction"]), "input": _s(inp), "output": _s(c["output"])}
    user = (
        pl.when(pl.col("input").str.strip_chars() != "")
        .then(pl.col("instruction") + pl.lit("\n\n") + pl.col("input"))
        .otherwise(pl.col("instruction"))
    )
    return _frame(raw, _turns(("user", user), ("assistant", pl.col("output"))).alias("messages"), data, False)


def _to_messages(value: Any, where: str, default_role: str) -> list[dict[str, str]]:
    if value is None:
        return []
    if isinstance(value, str):
        return [{"role": default_role, "content": value}]
    if isinstance(value, dict) and ("content" in value or "value" in value):
        value = [value]
    if not isinstance(value, list):
        raise InputError(f"{where}: expected a list of messages, got {type(value).__name__}")
    out: list[dict[str, str]] = []
    for m in value:
        if not isinstance(m, dict):
            raise InputError(f"{where}: each message must be an object with role and content")
        role = m.get("role", m.get("from"))
        content = m.get("content", m.get("value"))
        mapped = ROLE_MAP.get(str(role).lower()) if role is not None else None
        if mapped is None:
            raise InputError(f"{where}: unknown message role {role!r}; use system, user or assistant")
        out.append({"role": mapped, "content": as_text(content)})
    return out


def _messages(raw: RawSource) -> pl.DataFrame:
    name = raw.spec.name
    msgs = [
        _to_messages(v, f"source {name}: row {i + 1}", "user")
        for i, v in enumerate(raw.columns["messages"], start=raw.first_row)
    ]
    series = pl.Series("messages", msgs, dtype=MESSAGE_DTYPE)
    return _frame(raw, series, {}, False)


def _dpo(raw: RawSource) -> pl.DataFrame:
    name = raw.spec.name
    out: list[list[dict[str, str]]] = []
    pairs = zip(raw.columns["prompt"], raw.columns["chosen"], strict=True)
    for i, (p, ch) in enumerate(pairs, start=raw.first_row):
        where = f"source {name}: row {i + 1}"
        prompt = _to_messages(p, where, "user")
        chosen = _to_messages(ch, where, "assistant")
        if chosen and prompt and chosen[: len(prompt)] == prompt:
            chosen = chosen[len(prompt) :]  # chosen written as the whole conversation
        out.append(prompt + chosen)
    return _frame(raw, pl.Series("messages", out, dtype=MESSAGE_DTYPE), {}, False)


def _letter_index(answer: pl.Expr) -> pl.Expr:
    a = answer.str.strip_chars().str.to_uppercase()
    return (
        pl.when(a.is_in(list(LETTERS)))
        .then(a.replace_strict({L: i for i, L in enumerate(LETTERS)}, default=None, return_dtype=pl.Int64))
        .when(a.is_in(["0", "1", "2", "3"]))
        .then(a.cast(pl.Int64, strict=False))
        .otherwise(None)
    )


def _mmlu(raw: RawSource) -> pl.DataFrame:
    c = raw.columns
    data = {k: _s(c[k]) for k in ("question", "option_a", "option_b", "option_c", "option_d", "answer")}
    opts = ["option_a", "option_b", "option_c", "option_d"]
    user = pl.concat_str(
        [pl.col("question"), pl.lit("\n")]
        + [pl.concat_str([pl.lit(f"\n{L}. "), pl.col(o)]) for L, o in zip(LETTERS, opts, strict=True)]
    )
    idx = _letter_index(pl.col("answer"))
    chosen = pl.concat_list([pl.col(o) for o in opts]).list.get(idx.fill_null(0), null_on_oob=True)
    letter = idx.fill_null(0).replace_strict(dict(enumerate(LETTERS)), return_dtype=pl.String)
    assistant = pl.when(idx.is_null()).then(pl.col("answer")).otherwise(letter + pl.lit(". ") + chosen)
    return _frame(raw, _turns(("user", user), ("assistant", assistant)).alias("messages"), data, False)


def _text_frame(raw: RawSource, texts: pl.Series) -> pl.DataFrame:
    lang = raw.spec.lang or "nb"
    data = {"text": texts.str.strip_chars()}
    # first sentence: up to the first . ! ? followed by whitespace, or the first line
    first = pl.col("text").str.extract(r"^([^\n]*?[.!?])\s+\S", 1)
    first = pl.when(first.is_null()).then(pl.col("text").str.extract(r"^([^\n]+)\n+\S", 1)).otherwise(first)
    rest = pl.col("text").str.slice(first.str.len_chars()).str.strip_chars()
    user = (
        pl.when(first.is_not_null())
        .then(pl.lit(CONTINUE_PROMPT[lang] + "\n\n") + first)
        .otherwise(pl.lit(WRITE_PROMPT[lang]))
    )
    assistant = pl.when(first.is_not_null()).then(rest).otherwise(pl.col("text"))
    return _frame(raw, _turns(("user", user), ("assistant", assistant)).alias("messages"), data, False)


def _text(raw: RawSource) -> pl.DataFrame:
    return _text_frame(raw, _s(raw.columns["text"]))


def _parallel(raw: RawSource) -> pl.DataFrame:
    use = raw.spec.parallel_use
    if use in ("nb", "nn"):
        return _text_frame(raw, _s(raw.columns[use]))
    data = {"nb": _s(raw.columns["nb"]), "nn": _s(raw.columns["nn"])}
    user = pl.lit(TRANSLATE_PROMPT + "\n\n") + pl.col("nb")
    return _frame(raw, _turns(("user", user), ("assistant", pl.col("nn"))).alias("messages"), data, True)


ADAPTERS = {
    "alpaca": _alpaca,
    "messages": _messages,
    "dpo": _dpo,
    "mmlu": _mmlu,
    "parallel": _parallel,
    "text": _text,
}


def adapt(raw: RawSource) -> pl.DataFrame:
    """The example table of one loaded source."""
    return ADAPTERS[raw.spec.format](raw)
