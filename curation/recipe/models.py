"""Build recipes as pydantic v2 models (loading: `curation.recipe.loading`; JSON Schema:
`curation.recipe.schema`).

A recipe names its sources (hub datasets pinned to a revision, or local files relative to the recipe),
the adapter that maps each source to the example schema, and the options of every step of `curate build`
(normalise, filters, dedup, mix, audit, output). Unknown fields are errors everywhere.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    ValidationInfo,
    field_validator,
    model_validator,
)

from contamination.config import AuditConfig
from curation.output.licences import canonical as canonical_licence

FORMATS = ("alpaca", "messages", "dpo", "mmlu", "parallel", "text")

# The columns each adapter reads (our name -> default column); `fields` in a source renames them.
FORMAT_FIELDS: dict[str, dict[str, str]] = {
    "alpaca": {"instruction": "instruction", "input": "input", "output": "output"},
    "messages": {"messages": "messages"},
    "dpo": {"prompt": "prompt", "chosen": "chosen", "rejected": "rejected"},
    "mmlu": {
        "question": "question",
        "option_a": "option_a",
        "option_b": "option_b",
        "option_c": "option_c",
        "option_d": "option_d",
        "answer": "answer",
    },
    "parallel": {"nb": "nb", "nn": "nn"},
    "text": {"text": "text"},
}
# Columns an adapter can do without (alpaca rows often have no `input`; dpo needs no `rejected`).
OPTIONAL_FIELDS = {"alpaca": {"input"}, "dpo": {"rejected"}}

_SHA_RE = re.compile(r"^[0-9a-f]{7,40}$")
_TAG_RE = re.compile(
    r"^(v?\d+(\.\d+)*([-+.][\w.-]+)?|refs/convert/(parquet|duckdb)|refs/tags/[\w.+-]+|refs/pr/\d+)$"
)
_BRANCHES = {"main", "master", "head", "dev", "develop", "trunk", "latest", "default"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


def check_revision(revision: str) -> str | None:
    """Why `revision` is not a reproducible pin (None when it is a commit sha or a tag)."""
    rev = revision.strip()
    if not rev:
        return "revision is empty — pin a commit sha or tag"
    if rev.lower() in _BRANCHES:
        return f"'{rev}' is a branch that moves — pin a commit sha (7–40 hex) or a tag"
    if _SHA_RE.match(rev) or _TAG_RE.match(rev):
        return None
    return f"'{rev}' looks like a branch name — pin a commit sha (7–40 hex) or a tag (v1.0, refs/convert/parquet)"


def _licence_id(value: str | None) -> str | None:
    """A licence as the manifest records it (see `curation.output.licences.canonical`)."""
    return None if value is None else canonical_licence(value)


class HubSpec(_Model):
    """A dataset on the Hugging Face hub, loaded with `datasets.load_dataset(repo, config, split, revision)`."""

    repo: str = Field(pattern=r"^[\w.-]+/[\w.-]+$", description="ORG/NAME on the hub")
    # (declared before `revision` so the revision check can see it)
    revision_verified: bool = Field(
        True,
        description="false marks a placeholder revision that nobody could check yet; `curate build` refuses "
        "to load such a source (dry runs show it as UNVERIFIED)",
    )
    revision: str = Field(description="commit sha (7–40 hex) or tag; never a branch")
    config: str | None = None
    split: str = "train"

    @field_validator("revision")
    @classmethod
    def _pinned(cls, revision: str, info: ValidationInfo) -> str:
        if not revision.strip():
            raise ValueError("revision is empty — pin a commit sha or tag")
        if info.data.get("revision_verified", True):
            why = check_revision(revision)
            if why:
                raise ValueError(why)
        return revision


class SourceSpec(_Model):
    name: str = Field(pattern=r"^[A-Za-z0-9][\w.-]*$", description="short name; example ids are NAME:ROW")
    hub: HubSpec | None = None
    path: str | None = Field(None, description="local file or folder, relative to the recipe file")
    format: Literal["alpaca", "messages", "dpo", "mmlu", "parallel", "text"]
    fields: dict[str, str] = Field(default_factory=dict, description="our field name -> the source's column")
    lang: Literal["nb", "nn", "en"] | None = Field(None, description="expected language of this source")
    max_rows: int | None = Field(None, ge=1, description="read at most this many rows (the first ones)")
    parallel_use: Literal["translation", "nb", "nn"] = Field(
        "translation",
        description="parallel sources only: `translation` makes nb->nn translation examples; `nb` or `nn` "
        "uses one side as a monolingual text example (see `text` format)",
    )
    licence: str | None = Field(
        None,
        description="the source's licence as an SPDX id (CC-BY-4.0, Apache-2.0, NLOD-2.0, LicenseRef-...), "
        "`unknown` or `proprietary`; `curate publish` refuses a source whose licence is missing, unknown or "
        "forbids redistribution (unless --allow-licence NAME)",
    )

    @field_validator("licence")
    @classmethod
    def _licence(cls, value: str | None) -> str | None:
        return _licence_id(value)

    @model_validator(mode="after")
    def _one_origin(self) -> SourceSpec:
        if (self.hub is None) == (self.path is None):
            raise ValueError("give exactly one of `hub` or `path`")
        known = FORMAT_FIELDS[self.format]
        for ours in self.fields:
            if ours not in known:
                raise ValueError(
                    f"fields: '{ours}' is not a field of format {self.format}; use {', '.join(known)}"
                )
        if self.parallel_use != "translation" and self.format != "parallel":
            raise ValueError("parallel_use applies to format: parallel only")
        return self

    def column(self, ours: str) -> str:
        return self.fields.get(ours, FORMAT_FIELDS[self.format][ours])

    def origin(self) -> str:
        if self.hub is not None:
            return f"hf:{self.hub.repo}@{self.hub.revision}"
        return str(self.path)


class NormaliseSpec(_Model):
    repair: bool = Field(True, description="ftfy repair (mojibake, entities, controls); never NFKC")
    strip: bool = Field(True, description="strip leading/trailing whitespace of each message")


class FilterSpec(_Model):
    min_chars: int = Field(1, ge=0, description="minimum characters of all message contents together")
    max_chars: int | None = Field(None, ge=1)
    drop_refusals: bool = True
    extra_refusal_patterns: list[str] = Field(default_factory=list, description="regexes (case-insensitive)")
    drop_translation: bool = True
    translation_share: float = Field(
        0.0, ge=0.0, le=1.0, description="share of the final mix that may be translation examples"
    )
    min_lang_score: float = Field(0.0, ge=0.0, le=1.0)
    drop_wrong_lang: bool = Field(
        True, description="drop rows whose language differs from the source's `lang`"
    )

    @field_validator("extra_refusal_patterns")
    @classmethod
    def _regexes(cls, pats: list[str]) -> list[str]:
        for p in pats:
            try:
                re.compile(p)
            except re.error as exc:
                raise ValueError(f"not a regular expression: {p!r} ({exc})") from None
        return pats


class DedupSpec(_Model):
    exact: bool = True
    near: bool = True
    threshold: float = Field(0.85, gt=0.0, le=1.0, description="Jaccard similarity of shingle sets")
    num_perm: int = Field(128, ge=16, le=1024)
    ngram: int = Field(2, ge=1, le=10, description="word n-gram shingles")


Quota = Annotated[StrictInt, Field(ge=0)] | Annotated[float, Field(ge=0.0, le=1.0)]


class MixSpec(_Model):
    """Quotas as counts (integers) or fractions of `total` (floats like 0.67)."""

    total: int | None = Field(None, ge=1)
    by_lang: dict[Literal["nb", "nn", "en", "other"], Quota] = Field(default_factory=dict)
    by_source: dict[str, Quota] = Field(
        default_factory=dict,
        description="with by_lang as well, source quotas are upper bounds applied before the language quotas",
    )
    upsample: bool = Field(
        False, description="repeat rows to fill a quota (otherwise a shortfall is an error)"
    )
    allow_shortfall: bool = False

    @model_validator(mode="after")
    def _sums(self) -> MixSpec:
        for dim in ("by_lang", "by_source"):
            quotas: dict[str, int | float] = getattr(self, dim)
            fracs = [v for v in quotas.values() if isinstance(v, float)]
            counts = [v for v in quotas.values() if not isinstance(v, float)]
            if fracs and self.total is None:
                raise ValueError(f"{dim}: fractions need `total`")
            share = sum(fracs) + (sum(counts) / self.total if self.total else 0.0)
            if share > 1.0 + 1e-9:
                raise ValueError(
                    f"{dim}: quotas sum to {share:.4g} of total, past 1; lower them or raise `total`"
                )
        return self


class TestSetSpec(_Model):
    __test__ = False

    path: str = Field(description="local test file or folder, relative to the recipe file")
    fields: list[str] | None = Field(
        None, min_length=1, description="text fields (default: audit.test_fields)"
    )
    id_field: str | None = Field(None, description="id field (default: audit.test_id_field)")
    name: str | None = None


class AuditSpec(AuditConfig):
    """The audit configuration `contam audit` takes (same fields, same defaults), plus what to audit
    against and what to do with contaminated rows."""

    test_sets: list[TestSetSpec] = Field(default_factory=list)
    benchmarks: list[str] = Field(
        default_factory=list, description="NorEval tasks or groups (e.g. noreval-core8), from local copies"
    )
    benchmarks_dir: str | None = Field(None, description="local NorEval copies (else $NORCURATE_BENCHMARKS)")
    on_contamination: Literal["drop", "fail"] = "drop"

    @model_validator(mode="after")
    def _something(self) -> AuditSpec:
        if not self.test_sets and not self.benchmarks:
            raise ValueError("give test_sets or benchmarks to audit against (or leave out `audit`)")
        return self

    def config(self) -> AuditConfig:
        """The audit configuration alone (what the engine and the index see)."""
        return AuditConfig.model_validate(self.model_dump(include=set(AuditConfig.model_fields)))


class OutputSpec(_Model):
    dir: str = Field(description="output directory, relative to the recipe file (--out overrides)")
    write_dropped: bool = Field(False, description="also write dropped rows (except over-quota ones)")


class Recipe(_Model):
    name: str = Field(pattern=r"^[A-Za-z0-9][\w.-]*$")
    description: str | None = None
    licence: str | None = Field(
        None,
        description="the licence of the whole set (SPDX id); default: the one licence all sources share",
    )
    seed: int = 0
    sources: list[SourceSpec] = Field(min_length=1)
    normalise: NormaliseSpec = Field(default_factory=NormaliseSpec)
    filters: FilterSpec = Field(default_factory=FilterSpec)
    dedup: DedupSpec = Field(default_factory=DedupSpec)
    mix: MixSpec = Field(default_factory=MixSpec)
    audit: AuditSpec | None = None
    output: OutputSpec | None = None

    @field_validator("licence")
    @classmethod
    def _licence(cls, value: str | None) -> str | None:
        return _licence_id(value)

    @model_validator(mode="after")
    def _names(self) -> Recipe:
        seen: set[str] = set()
        for s in self.sources:
            if s.name in seen:
                raise ValueError(f"sources: name '{s.name}' is used twice; names must be unique")
            seen.add(s.name)
        for name in self.mix.by_source:
            if name not in seen:
                raise ValueError(
                    f"mix.by_source: '{name}' is not a source; sources are {', '.join(sorted(seen))}"
                )
        return self
