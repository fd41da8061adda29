"""The one audit configuration: which methods run with which thresholds, and how test sets are read.

`contam audit`, `contam index build`, `contam calibrate` and a recipe's `audit:` section all validate
into `AuditConfig`, with one set of defaults (the five published methods). Each method reads its own
parameters from it by field name (see `contamination.methods`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from contamination.methods.registry import ALL_METHODS, DEFAULT_METHODS, METHODS


class AuditConfig(BaseModel):
    """Everything that decides what counts as a finding (written into every index), and the default way
    test sets given as files are read."""

    model_config = ConfigDict(extra="forbid")

    methods: list[str] = Field(
        default_factory=lambda: list(DEFAULT_METHODS),
        description=f"audit methods, any of {', '.join(ALL_METHODS)}",
    )
    threshold: float = Field(
        0.3, gt=0.0, le=1.0, allow_inf_nan=False, description="char50/char30: share of a unit's n-grams"
    )
    min_substring: int = Field(50, ge=1, description="substring: minimum characters")
    token13_max_items: int = Field(
        10, ge=1, description="token13: n-grams in more test items are boilerplate"
    )
    fuzzy_threshold: float = Field(
        0.5, gt=0.0, le=1.0, allow_inf_nan=False, description="fuzzy: minimum score"
    )
    fuzzy_max_df: int = Field(10, ge=1, description="fuzzy/short: a bigram in more test items is not rare")
    short_max_rows: int = Field(
        5, ge=1, description="short: a unit found alone in more training rows is common"
    )
    templates: bool = Field(
        True,
        description="template text (shared by many test items) counts toward no score; fuzzy/short need "
        "informative, distinguishing matches; such findings are reported apart (see methods.templates)",
    )
    template_min_items: int = Field(
        3, ge=2, description="templates: a word 4-gram found in this many test items is template text"
    )
    template_min_rows: int = Field(
        6,
        ge=2,
        description="templates: a word 4-gram found in this many training rows (beyond those that may be "
        "copies of the test unit) is template text",
    )
    template_training_below: int = Field(
        1000,
        ge=0,
        description="templates: count template text on the training side too when the test side has fewer "
        "items than this (a small test side cannot show what is boilerplate by itself); 0: never",
    )
    info_floor: float = Field(
        25.0,
        ge=0.0,
        allow_inf_nan=False,
        description="templates: fuzzy/short need this much information (nats) in the matched words",
    )
    test_fields: list[str] = Field(
        default_factory=lambda: ["text"], min_length=1, description="text fields of test sets given as files"
    )
    per_field: bool = Field(True, description="also audit each test field alone")
    test_id_field: str = Field("id", description="id field of test items (else the row number)")

    @field_validator("methods")
    @classmethod
    def _known(cls, methods: list[str]) -> list[str]:
        unknown = [m for m in methods if m not in ALL_METHODS]
        if unknown:
            raise ValueError(f"unknown method {unknown[0]!r}; choose from {', '.join(ALL_METHODS)}")
        if not methods:
            raise ValueError("at least one method is needed")
        return [m for m in ALL_METHODS if m in methods]

    def method_params(self) -> dict[str, object]:
        """Each enabled method's parameters model, by name."""
        values = self.model_dump()
        return {m: METHODS[m].params(values) for m in self.methods}

    def params(self) -> dict[str, dict[str, object]]:
        """Per-method parameters, as the report shows them."""
        return {m: METHODS[m].report_params(p) for m, p in self.method_params().items()}
