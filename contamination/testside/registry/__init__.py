"""The benchmark registry: NorEval tasks as data (`noreval.yaml`), validated by pydantic at load time.

`load_registry()` returns a `Registry`: `tasks` (name -> `Task`) and `groups` (name -> `Group`), the
groups being those written in the file plus the built ones: `noreval` (every task), `noreval-v1`,
`noreval-v1.1` (by release) and one per task family with more than one task (`nrk_quiz_qa`, ...).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from contamination.common.errors import InputError

REGISTRY_SCHEMA = "norcurate.benchmarks/1"
REGISTRY_PATH = Path(__file__).with_name("noreval.yaml")

Role = Literal["question", "passage", "text", "choice", "answer"]
OPTION_ROLES = ("choice", "answer")  # audited per option (list element), above a length threshold

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_LANG_RE = re.compile(r"^[a-z]{2}(?:[-/][a-z]{2})*$")
_BRANCHES = ("main", "master")
_HF_ID_RE = re.compile(r"^[\w.-]+/[\w.-]+$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(_Strict):
    """One field a model sees: a (dotted) path into the row and what it is."""

    path: str = Field(min_length=1)
    role: Role
    aliases: tuple[str, ...] = ()
    optional: bool = False

    @property
    def is_option(self) -> bool:
        return self.role in OPTION_ROLES


class RowFilter(_Strict):
    """Rows the harness keeps: `field` equal to `equals`, or `field` non-empty."""

    field: str = Field(min_length=1)
    equals: str | None = None
    nonempty: bool = False

    @model_validator(mode="after")
    def _one_condition(self) -> RowFilter:
        if (self.equals is None) == (not self.nonempty):
            raise ValueError("a filter has exactly one condition: `equals: VALUE` or `nonempty: true`")
        return self

    def describe(self) -> str:
        return f"{self.field} == {self.equals!r}" if self.equals is not None else f"{self.field} non-empty"


class Task(_Strict):
    name: str
    harness: tuple[str, ...] = Field(min_length=1)
    family: str
    release: Literal["v1", "v1.1"]
    hf_id: str
    config: str | None
    split: str
    filter: RowFilter | None = None
    revision: str = Field(min_length=1)
    revision_verified: bool
    lang: str
    licence: str = Field(min_length=1)
    n: int = Field(gt=0)
    id_field: str | None = "id"
    notes: str = ""
    fields: tuple[FieldSpec, ...] = Field(min_length=1)

    @field_validator("name", "family")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME_RE.match(v):
            raise ValueError(f"'{v}' is not a task name (lowercase letters, digits, _ . -)")
        return v

    @field_validator("hf_id")
    @classmethod
    def _hf_id(cls, v: str) -> str:
        if not _HF_ID_RE.match(v):
            raise ValueError(f"'{v}' is not a Hugging Face dataset id (ORG/NAME)")
        return v

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str) -> str:
        if not _LANG_RE.match(v):
            raise ValueError(f"'{v}' is not a language code (nb, nn, en-nb, nb/nn/da/sv)")
        return v

    @model_validator(mode="after")
    def _checks(self) -> Task:
        if self.revision_verified and self.revision in _BRANCHES:
            raise ValueError(
                f"revision '{self.revision}' is a branch, which moves; a verified revision is a commit sha or a tag"
            )
        paths = [f.path for f in self.fields]
        if len(set(paths)) != len(paths):
            raise ValueError("a field is listed twice")
        if all(f.optional for f in self.fields):
            raise ValueError("at least one field must be required (optional: false)")
        return self

    @property
    def hub_ref(self) -> str:
        """The `hf:` source spec understood by `contamination.io.readers`."""
        config = f":{self.config}" if self.config else ""
        return f"hf:{self.hf_id}@{self.revision}{config}/{self.split}"


class Group(_Strict):
    tasks: tuple[str, ...] = Field(min_length=1)
    description: str = ""
    items: int | None = None  # stated item total, checked against the tasks' n


class Registry(_Strict):
    schema_: Literal["norcurate.benchmarks/1"] = Field(alias="schema")
    suite: str
    tasks: dict[str, Task]
    groups: dict[str, Group] = {}

    @model_validator(mode="before")
    @classmethod
    def _names_from_keys(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("tasks"), dict):
            tasks = {}
            for name, spec in data["tasks"].items():
                tasks[name] = {"name": name, **spec} if isinstance(spec, dict) else spec
            data = {**data, "tasks": tasks}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Registry:
        if not self.tasks:
            raise ValueError("the registry lists no tasks")
        aliases: dict[str, str] = {}
        for task in self.tasks.values():
            for h in task.harness:
                if h in aliases or (h in self.tasks and h != task.name):
                    raise ValueError(f"harness name '{h}' is claimed by two tasks")
                aliases[h] = task.name
        for gname, group in self.groups.items():
            if not _NAME_RE.match(gname):
                raise ValueError(f"'{gname}' is not a group name")
            if gname in self.tasks or gname in aliases:
                raise ValueError(f"group '{gname}' has the name of a task")
            unknown = [t for t in group.tasks if t not in self.tasks]
            if unknown:
                raise ValueError(f"group '{gname}' names unknown tasks: {', '.join(unknown)}")
            if len(set(group.tasks)) != len(group.tasks):
                raise ValueError(f"group '{gname}' lists a task twice")
            total = sum(self.tasks[t].n for t in group.tasks)
            if group.items is not None and group.items != total:
                raise ValueError(f"group '{gname}' states {group.items} items but its tasks sum to {total}")
        return self

    def with_built_groups(self) -> Registry:
        """A copy whose groups include `noreval`, the per-release and the per-family groups."""
        built: dict[str, Group] = {
            self.suite: Group(tasks=tuple(self.tasks), description=f"every {self.suite} task"),
        }
        for release in sorted({t.release for t in self.tasks.values()}):
            members = tuple(t.name for t in self.tasks.values() if t.release == release)
            built[f"{self.suite}-{release}"] = Group(tasks=members, description=f"the {release} tasks")
        families: dict[str, list[str]] = {}
        for task in self.tasks.values():
            families.setdefault(task.family, []).append(task.name)
        for family, members in families.items():
            if len(members) > 1 and family not in self.tasks and family not in self.groups:
                built[family] = Group(tasks=tuple(members), description=f"the {family} tasks")
        merged = {
            name: group if group.items is not None else group.model_copy(update={"items": self.items(group)})
            for name, group in {**built, **self.groups}.items()
        }
        return self.model_copy(update={"groups": merged})

    def items(self, group: Group) -> int:
        return sum(self.tasks[t].n for t in group.tasks)

    def harness_aliases(self) -> dict[str, str]:
        """Harness task names (e.g. `tatoeba_nob_eng`) -> registry task names."""
        return {h: t.name for t in self.tasks.values() for h in t.harness}


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    return f"{loc}: {err['msg']}" if loc else err["msg"]


def parse_registry(text: str, where: str) -> Registry:
    """Validate registry YAML; any problem is one InputError line naming the file and the key."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise InputError(f"{where}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a mapping with `schema`, `suite`, `tasks` and `groups`")
    try:
        return Registry.model_validate(data).with_built_groups()
    except ValidationError as exc:
        raise InputError(f"{where}: {_first_error(exc)}") from None


@functools.lru_cache(maxsize=4)
def load_registry(path: str | None = None) -> Registry:
    """The shipped NorEval registry (or another registry file), validated."""
    p = Path(path) if path else REGISTRY_PATH
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{p}: cannot read the benchmark registry ({exc.strerror})") from None
    return parse_registry(text, str(p))


__all__ = [
    "OPTION_ROLES",
    "REGISTRY_PATH",
    "REGISTRY_SCHEMA",
    "FieldSpec",
    "Group",
    "Registry",
    "RowFilter",
    "Task",
    "load_registry",
    "parse_registry",
]
