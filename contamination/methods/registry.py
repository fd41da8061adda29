"""The audit methods by name, in report order. Adding a method: one module under `contamination/methods/`
implementing `contamination.methods.base.Method`, plus one entry here."""

from __future__ import annotations

from contamination.methods import exact, fuzzy, short, substring
from contamination.methods.base import Method
from contamination.methods.char_ngrams import CHAR30, CHAR50
from contamination.methods.token_ngrams import TOKEN13

METHODS: dict[str, Method] = {
    m.name: m for m in (exact.METHOD, substring.METHOD, CHAR50, CHAR30, TOKEN13, fuzzy.METHOD, short.METHOD)
}
ALL_METHODS: tuple[str, ...] = tuple(METHODS)
# the published methods: what `contam audit` and a recipe without `methods:` run
DEFAULT_METHODS: tuple[str, ...] = tuple(name for name, m in METHODS.items() if m.default)
