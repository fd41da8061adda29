"""The one protocol every audit method implements, and what methods share: the test units they build
their index part from, the batch they scan, and the findings they return.

A method (one module under `contamination/methods/`, registered in `contamination.methods.registry`):

- `params_model`: its parameters, a pydantic model read off the audit configuration by field name;
- `build(units, params, gate_n)`: its part of the test-side index (a dataclass of hash tables, arrays
  and plain values; `contamination.index.store` saves any such part);
- `scan(batch, units, part, params)`: the candidates one batch of training text proposes (hashes only);
- `verify(batch, units, part, params, candidates)`: the findings among them, decided on the text;
- `report_params(params)`: what the report says about how it ran.

Methods scan in `stage` order. Stage 0 is the character n-gram family, shortest n first: its hits are
kept on the batch (`ScanBatch.char_hits`), longer n-grams are looked up only inside them, and the rows
with a hit of the shortest one gate the later scans (`ScanBatch.hit_rows`, see `gate_rows`).

Gating, and why it loses nothing. Every character n-gram of a test unit's n-gram form is in the
gating method's table, so a training row that shares a longer string with a unit has a hit where the
shared string starts:
- token13: a shared 13-word window at least n characters long starts with a shared character n-gram.
  Windows shorter than that ("1 2 3 ...") are also looked for in the rows that may have such a window,
  when some test unit may (`TokenPart.dense`).
- substring, a unit inside a training row: stripping punctuation and collapsing spaces maps the unit's
  normalised form inside the row's to the unit's n-gram form inside the row's, so when both n-gram
  forms are their stripped normalised forms (every `plain` row, and the units checked at build time)
  and the unit's is at least n characters long, the row has a hit. The remaining units (`ungated`) are
  looked for in every row, the remaining rows against every unit.
Clean text has almost no hits, so most rows skip those scans. `Scanner(gated=False)` scans every row
(the tests compare the two).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
from pydantic import BaseModel, ConfigDict

from contamination.ngrams.batch import Batch, Hits, distinct
from contamination.text.prepare import Prepared

EVIDENCE_CHARS = 200
NORMALISATION = "ftfy+NFKC+casefold+whitespace"
NGRAM_NORMALISATION = "ftfy+NFKC+casefold+punctuation stripped+whitespace"


class MethodParams(BaseModel):
    """A method's parameters: the fields of the audit configuration it reads (others are ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True)


@dataclass(frozen=True)
class Finding:
    train_ordinal: int  # position of the training row in the whole audit (for stable order)
    train_id: str
    unit: int
    method: str
    score: float
    evidence: str
    # why (fuzzy, short): sub-scores and the aligned window; left out of the report when empty
    detail: dict[str, Any] | None = field(default=None, compare=False)
    # set (to the reason) when the match rests on template text only (`contamination.methods.templates`):
    # reported apart, and not a failure unless asked
    template: str | None = field(default=None, compare=False)


@dataclass
class Units:
    """Every test unit of every test set, in the two normalised forms the methods build from."""

    unit_set: list[int]  # index into the index's test sets
    unit_item: list[str]
    unit_field: list[str]
    norm: list[str]
    ngram: list[str]
    norm_batch: Batch
    ngram_batch: Batch
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.norm)

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value derived from the units alone, computed once for every method that needs it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def item_key(self) -> np.ndarray:
        """A number per distinct (test set, item), for every unit."""

        def compute() -> np.ndarray:
            ids: dict[tuple[int, str], int] = {}
            keys = [
                ids.setdefault((s, i), len(ids)) for s, i in zip(self.unit_set, self.unit_item, strict=True)
            ]
            return np.array(keys, dtype=np.int64)

        return self.memo("item_key", compute)

    @property
    def is_item(self) -> np.ndarray:
        """Per unit: is it a whole item (rather than one of its fields)?"""
        return self.memo("is_item", lambda: np.array([f == "item" for f in self.unit_field], dtype=np.bool_))


class LazyTexts:
    """Row texts decoded from a batch only when a candidate needs verifying."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch
        self._cache: dict[int, str] = {}

    def __getitem__(self, row: int) -> str:
        text = self._cache.get(row)
        if text is None:
            text = self._cache[row] = self.batch.text(row)
        return text


class ScanBatch:
    """One batch of training texts as the methods scan it, and what they share while they do."""

    def __init__(
        self,
        ordinals: Sequence[int],
        ids: Sequence[str],
        prepared: Prepared,
        gate_n: int | None,
    ) -> None:
        self.ordinals = ordinals
        self.ids = ids
        self.prepared = prepared
        self.norm = LazyTexts(prepared.norm)  # rows are decoded only to verify a candidate
        self.ngram = LazyTexts(prepared.ngram)
        self.gate_n = gate_n  # the gating character method's n; None: every row is scanned
        self.char_hits: dict[int, Hits] = {}  # character n-gram hits of this batch, by n
        self.findings: list[Finding] = []  # of the methods that scanned before
        # with template handling on: which units' findings the review may set apart (method, units) ->
        # bool per unit; a method that keeps one finding per test item then keeps every unit of an item
        # whose best unit may be set apart (see `keep_for_review`). None: template handling off
        self.settable: Callable[[str, np.ndarray], np.ndarray] | None = None
        self._hit_rows: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ordinals)

    @property
    def hit_rows(self) -> np.ndarray | None:
        """Rows with a hit of the gating character method (see the module docstring); None when the
        scan is not gated: every row must be looked at."""
        if self.gate_n is None or self.gate_n not in self.char_hits:
            return None
        if self._hit_rows is None:
            self._hit_rows = distinct(self.char_hits[self.gate_n].rows)
        return self._hit_rows

    def finding(
        self, row: int, unit: int, method: str, score: float, evidence: str, detail: Any = None
    ) -> Finding:
        return Finding(
            self.ordinals[row], self.ids[row], unit, method, score, evidence[:EVIDENCE_CHARS], detail
        )


P = TypeVar("P", bound=MethodParams)
T = TypeVar("T")


class Method(ABC, Generic[P, T]):
    """One audit method (see the module docstring)."""

    name: ClassVar[str]
    params_model: ClassVar[type[MethodParams]]
    part_type: ClassVar[type]  # the dataclass `build` returns (a stored part is loaded into it)
    default: ClassVar[bool] = False  # one of the published methods `contam audit` runs by default
    stage: ClassVar[int] = 1  # scan order: 0 character n-grams, 1 the others, 2 those reading findings
    stored: ClassVar[bool] = True  # False: the part is rebuilt from the units when an index is loaded
    gate_n: int | None = None  # character methods: their n (the shortest enabled one gates)

    def params(self, config: Mapping[str, Any]) -> P:
        return self.params_model.model_validate(config)  # type: ignore[return-value]

    @abstractmethod
    def build(self, units: Units, params: P, gate_n: int | None) -> T: ...

    @abstractmethod
    def scan(self, batch: ScanBatch, units: Units, part: T, params: P) -> Any: ...

    @abstractmethod
    def verify(
        self, batch: ScanBatch, units: Units, part: T, params: P, candidates: Any
    ) -> list[Finding]: ...

    @abstractmethod
    def report_params(self, params: P) -> dict[str, object]: ...

    def too_short(self, units: Units, part: T, params: P) -> np.ndarray | None:
        """Per unit: too short for this method (whole items are counted in the report)."""
        return None

    def ignored(self, part: T) -> int | None:
        """How many test n-grams the method ignores as boilerplate (None: it ignores none)."""
        return None

    def finalize(self, findings: Iterable[Finding], part: T, params: P) -> Iterable[Finding]:
        """A pass over this method's findings of the whole audit once every batch is scanned: the
        findings come in row order and may be iterated more than once (they are read back from a
        temporary file when many); returns those to keep, in the same order. A method that overrides
        it has its findings kept until the end (`contamination.findings`)."""
        return findings

    @property
    def order(self) -> tuple[int, int]:
        return self.stage, self.gate_n or 0
