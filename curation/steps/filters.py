"""Filters, all vectorised polars expressions; the first matching reason wins, in this order:

empty           no content at all, or no (non-empty) assistant turn
too_short       all contents together shorter than `min_chars`
too_long        longer than `max_chars`
refusal         an assistant turn with refusal or AI boilerplate (Norwegian and English patterns)
translation     a translation task (user asks to translate / rewrite into another language or variety,
                or a parallel pair used as translation) while the recipe allows no translation share
                (before the language checks: a translation's answer is often in another language)
wrong_language  identified language differs from the source's `lang` hint (`drop_wrong_lang`)
low_lang_score  identification score below `min_lang_score`
"""

from __future__ import annotations

import polars as pl

from curation.recipe.models import FilterSpec
from curation.steps import DROP, StepResult, flat_text, step_counts

REFUSAL_PATTERNS = [
    # Bokmål
    r"\bsom en (?:ai|ki)(?:[- ]?(?:språk)?modell|[- ]assistent)?\b",
    r"\bsom en (?:stor )?språkmodell\b",
    r"\bjeg er (?:bare )?en (?:ai|ki)(?:[- ]?(?:språk)?modell|[- ]assistent)?\b",
    r"\bjeg kan (?:dessverre )?ikke hjelpe\b",
    r"\bjeg beklager,? men jeg kan ikke\b",
    r"\bjeg har ikke (?:mulighet|evne) til å ",
    # Nynorsk
    r"\bsom ein (?:ai|ki)(?:[- ]?(?:språk)?modell|[- ]assistent)?\b",
    r"\bsom ein (?:stor )?språkmodell\b",
    r"\beg er (?:berre )?ein (?:ai|ki)(?:[- ]?(?:språk)?modell|[- ]assistent)?\b",
    r"\beg kan (?:dessverre |diverre )?ikkje hjelpe\b",
    r"\beg beklagar,? men eg kan ikkje\b",
    # English
    r"\bas an ai(?: language model| model| assistant)?\b",
    r"\bas a (?:large )?language model\b",
    r"\bi(?:'m| am) (?:sorry,? but )?(?:i )?(?:cannot|can't|am unable to|unable to) (?:help|assist|comply)\b",
    r"\bi cannot (?:fulfil|fulfill|comply with) (?:this|that|your) request\b",
    r"\b(?:trained|developed|created) by openai\b",
    r"\b(?:trent|utviklet|laget|utvikla|laga) av openai\b",
]

_LANG_NAMES = (
    r"(?:nynorsk|bokmål|bokmaal|bokmal|norsk|norwegian|engelsk|english|tysk|german|fransk|french|svensk|"
    r"swedish|dansk|danish|spansk|spanish|samisk|sami|finsk|finnish|italiensk|italian)"
)
_VERB = r"(?:oversett\w*|omsett\w*|omset\b|translat\w*|översätt\w*)"
TRANSLATION_PATTERNS = [
    rf"\b{_VERB}[^\n]{{0,120}}?\b(?:til|into|to|på|in|from|fra|frå)\s+{_LANG_NAMES}\b",
    rf"^\s*{_VERB}",  # an imperative "Oversett ...", "Translate ..." opening the request
    rf"\b(?:gjør|gjer|skriv|sett)\s+(?:\w+\s+){{0,4}}?om\s+(?:\w+\s+){{0,4}}?(?:til|på)\s+{_LANG_NAMES}\b",
    rf"\b(?:rewrite|convert)\b[^\n]{{0,80}}?\b(?:in|into|to)\s+{_LANG_NAMES}\b",
    rf"^\s*(?:til|på|into|to)\s+{_LANG_NAMES}\s*:",
]


def _any(patterns: list[str]) -> str:
    """One case-insensitive regex. `\\b` becomes an ASCII word boundary: Unicode `\\b` would keep polars'
    regex engine off its fast DFA on non-ASCII text (no pattern here starts or ends in æ, ø or å)."""
    return "(?im)" + "|".join(f"(?:{p})" for p in patterns).replace(r"\b", r"(?-u:\b)")


REFUSAL_RX = _any(REFUSAL_PATTERNS)
TRANSLATION_RX = _any(TRANSLATION_PATTERNS)


def is_translation_expr() -> pl.Expr:
    user = flat_text(pl.col("messages"), "user", "\n")
    return pl.col("is_translation").fill_null(False) | user.str.contains(TRANSLATION_RX)


def filter_step(table: pl.DataFrame, spec: FilterSpec) -> StepResult:
    assistant = flat_text(pl.col("messages"), "assistant", "\n")
    refusal_rx = _any(REFUSAL_PATTERNS + list(spec.extra_refusal_patterns))
    length = pl.col("text").str.len_chars()
    translation = is_translation_expr()
    drop_translation = spec.drop_translation and spec.translation_share == 0.0
    mismatch = pl.col("lang_mismatch") if "lang_mismatch" in table.columns else pl.lit(False)
    score = pl.col("lang_score") if "lang_score" in table.columns else pl.lit(1.0)
    reason = (
        pl.when((pl.col("text").str.strip_chars() == "") | (assistant.str.strip_chars() == ""))
        .then(pl.lit("empty"))
        .when(length < spec.min_chars)
        .then(pl.lit("too_short"))
        .when(pl.lit(spec.max_chars is not None) & (length > (spec.max_chars or 0)))
        .then(pl.lit("too_long"))
        .when(pl.lit(spec.drop_refusals) & assistant.str.contains(refusal_rx))
        .then(pl.lit("refusal"))
        .when(pl.lit(drop_translation) & pl.col("is_translation"))
        .then(pl.lit("translation"))
        .when(pl.lit(spec.drop_wrong_lang) & mismatch.fill_null(False))
        .then(pl.lit("wrong_language"))
        .when(score < spec.min_lang_score)
        .then(pl.lit("low_lang_score"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    table = table.with_columns(translation.alias("is_translation"))
    out = table.with_columns(reason.alias(DROP))
    kept_translation = int(out.filter(pl.col(DROP).is_null()).get_column("is_translation").sum())
    return StepResult(out, step_counts(table.height, out, translation_kept=kept_translation))
