"""The audit methods, their parameters and the test-side tables each one needs.

exact      a normalised training example equals a normalised test unit
substring  a normalised test unit (>= min_substring chars) occurs inside a training example, or a
           training example (>= min_substring chars) occurs inside a test unit
char50/30  share of a test unit's distinct character n-grams (n-gram form) found in one training
           example reaches `threshold`
token13    a word 13-gram of a test unit occurs in a training example; 13-grams found in more than
           `token13_max_items` test items are boilerplate and ignored
fuzzy      re-translated / paraphrased items: IDF-weighted character 5-gram and word containment of a test
           unit in the best-matching window of a training example reaches `fuzzy_threshold`
           (see contamination.methods.fuzzy)
short      test units under the n-gram sizes (answer options, short questions) found whole in a
           training example, with frequency guards (see contamination.methods.fuzzy)
"""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

CHAR_METHODS = {"char50": 50, "char30": 30}
TOKEN_METHODS = {"token13": 13}
ALL_METHODS = ("exact", "substring", "char50", "char30", "token13", "fuzzy", "short")
# fuzzy and short are opt-in (--method fuzzy): see /tmp/fuzzy/NOTE.md (issue 7)
DEFAULT_METHODS = ("exact", "substring", "char50", "char30", "token13")


class AuditConfig(BaseModel):
    """Everything that decides what counts as a finding; written into every report."""

    methods: list[str] = Field(default_factory=lambda: list(DEFAULT_METHODS))
    threshold: float = Field(0.3, gt=0.0, le=1.0)
    min_substring: int = Field(50, ge=1)
    token13_max_items: int = Field(10, ge=1)
    fuzzy_threshold: float = Field(0.5, gt=0.0, le=1.0)
    fuzzy_max_df: int = Field(10, ge=1)
    short_max_rows: int = Field(5, ge=1)

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
            elif m == "fuzzy":
                out[m] = {
                    "threshold": self.fuzzy_threshold,
                    "candidates": f"share >= 2 word bigrams found in <= {self.fuzzy_max_df} test items",
                    "score": "mean of IDF-weighted char 5-gram and word containment in the best window",
                    "min_words": 5,
                    "normalisation": "ftfy+NFKC+casefold+punctuation stripped+whitespace",
                }
            elif m == "short":
                out[m] = {
                    "max_chars": 50,
                    "alone_min_words": 4,
                    "alone_min_chars": 20,
                    "max_train_rows": self.short_max_rows,
                    "max_test_items": self.fuzzy_max_df,
                    "with_item": "any short unit found in a row that another method flags for its item",
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
