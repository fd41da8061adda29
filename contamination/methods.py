"""The audit methods, their parameters and the test-side tables each one needs.

exact      a normalised training example equals a normalised test unit
substring  a normalised test unit (>= min_substring chars) occurs inside a training example, or a
           training example (>= min_substring chars) occurs inside a test unit
char50/30  share of a test unit's distinct character n-grams (n-gram form) found in one training
           example reaches `threshold`
token13    a word 13-gram of a test unit occurs in a training example; 13-grams found in more than
           `token13_max_items` test items are boilerplate and ignored
"""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

CHAR_METHODS = {"char50": 50, "char30": 30}
TOKEN_METHODS = {"token13": 13}
ALL_METHODS = ("exact", "substring", "char50", "char30", "token13")


class AuditConfig(BaseModel):
    """Everything that decides what counts as a finding; written into every report."""

    methods: list[str] = Field(default_factory=lambda: list(ALL_METHODS))
    threshold: float = Field(0.3, gt=0.0, le=1.0)
    min_substring: int = Field(50, ge=1)
    token13_max_items: int = Field(10, ge=1)

    @field_validator("methods")
    @classmethod
    def _known(cls, methods: list[str]) -> list[str]:
        unknown = [m for m in methods if m not in ALL_METHODS]
        if unknown:
            raise ValueError(f"unknown method {unknown[0]!r}; choose from {', '.join(ALL_METHODS)}")
        if not methods:
            raise ValueError("at least one method is needed")
        return [m for m in ALL_METHODS if m in methods]

    def params(self) -> dict[str, dict[str, object]]:
        """Per-method parameters, as the report shows them."""
        out: dict[str, dict[str, object]] = {}
        for m in self.methods:
            if m == "exact":
                out[m] = {"normalisation": "ftfy+NFKC+casefold+whitespace"}
            elif m == "substring":
                out[m] = {"min_chars": self.min_substring, "normalisation": "ftfy+NFKC+casefold+whitespace"}
            elif m in CHAR_METHODS:
                out[m] = {
                    "n": CHAR_METHODS[m],
                    "unit": "character",
                    "threshold": self.threshold,
                    "score": "share of the test unit's distinct n-grams found in the training example",
                    "normalisation": "ftfy+NFKC+casefold+punctuation stripped+whitespace",
                }
            else:
                out[m] = {
                    "n": TOKEN_METHODS[m],
                    "unit": "word",
                    "min_shared": 1,
                    "boilerplate_max_items": self.token13_max_items,
                    "normalisation": "ftfy+NFKC+casefold+punctuation stripped+whitespace",
                }
        return out
