"""NorEval as a first-class benchmark: resolve names and groups, find local copies, load audit units, fetch.

Local copies live in a benchmarks directory (`--benchmarks-dir DIR` or `$NORCURATE_BENCHMARKS`), one
folder per task: `DIR/<task>/` holds a `datasets.save_to_disk` folder (what `contam benchmarks fetch`
writes) or a local dataset repo folder of parquet/jsonl files with split-named files
(`data/test-00000-of-00001.parquet`, `test.jsonl`); a whole repo with one folder per config
(`DIR/<task>/<config>/...`) works too. Nothing here touches the network except `fetch_task`.

Each benchmark item becomes audit units (`contamination.testside.testsets.TestUnit`):
- `field="item"`: every field the model sees, joined with newlines;
- one unit per question / passage / text field (`field="question"`), unless it is the whole item;
- one unit per answer option or choice of at least `min_option_chars` characters
  (`field="choices.text[2]"`; a single-valued option field keeps its own name, `field="mc_answer1"`).
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contamination.common.atomic import atomic_dir
from contamination.common.errors import InputError
from contamination.io.fields import MISSING, as_text, get_path, row_id
from contamination.io.readers import (
    Hasher,
    _all_data_files,
    _is_save_to_disk,
    _splits_in,
    hub_unreachable_reason,
    iter_batches,
)
from contamination.testside.registry import FieldSpec, Registry, RowFilter, Task, load_registry
from contamination.testside.testsets import TestSet, TestUnit

ENV_DIR = "NORCURATE_BENCHMARKS"
MIN_OPTION_CHARS = 20
PROVENANCE_FILE = ".norcurate.json"  # written by fetch beside the saved dataset: repo, revision, sha


# ----------------------------------------------------------------------------- names and groups


def _split_names(names: Iterable[str]) -> list[str]:
    """Names as given on a command line: repeated, comma-separated, or both."""
    return [n.strip() for name in names for n in name.split(",") if n.strip()]


def resolve_names(names: Iterable[str], registry: Registry | None = None) -> list[Task]:
    """Tasks named by task names, harness task names or group names (mixed), in order, without repeats."""
    registry = registry or load_registry()
    aliases = registry.harness_aliases()
    out: dict[str, Task] = {}
    given = _split_names(names)
    if not given:
        raise InputError("no benchmark named; give task or group names, e.g. norquad or noreval-core8")
    for raw in given:
        name = raw.lower()
        if name in registry.tasks:
            members: Sequence[str] = [name]
        elif name in aliases:
            members = [aliases[name]]
        elif name in registry.groups:
            members = registry.groups[name].tasks
        else:
            known = list(dict.fromkeys([*registry.tasks, *aliases, *registry.groups]))
            close = difflib.get_close_matches(name, known, n=4, cutoff=0.6)
            hint = f"did you mean {', '.join(close)}?" if close else "see `contam benchmarks list`"
            raise InputError(f"unknown benchmark '{raw}'; {hint}")
        for m in members:
            out.setdefault(m, registry.tasks[m])
    return list(out.values())


# ----------------------------------------------------------------------------- local copies


def benchmarks_dir_or_env(benchmarks_dir: str | os.PathLike[str] | None) -> Path | None:
    if benchmarks_dir:
        return Path(benchmarks_dir)
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else None


def _fetch_hint(names: Sequence[str], where: Path | None) -> str:
    to = str(where) if where else "DIR"
    return f"contam benchmarks fetch {' '.join(names)} --to {to}"


def _not_available(names: Sequence[str], where: Path | None) -> InputError:
    listed = ", ".join(names)
    if where is None:
        return InputError(
            f"task {listed} is not available locally: no benchmarks directory given; pass --benchmarks-dir DIR "
            f"or set {ENV_DIR}, after fetching with: {_fetch_hint(names, None)}"
        )
    noun = "task" if len(names) == 1 else "tasks"
    verb = "is" if len(names) == 1 else "are"
    return InputError(
        f"{noun} {listed} {verb} not available locally in {where}; fetch {'it' if len(names) == 1 else 'them'} "
        f"with: {_fetch_hint(names, where)}"
    )


def locate(task: Task, benchmarks_dir: str | os.PathLike[str] | None) -> str | None:
    """The source spec (for `iter_batches`) of the task's test split in its local copy, or None."""
    root = benchmarks_dir_or_env(benchmarks_dir)
    if root is None:
        return None
    base = root / task.name
    if not base.is_dir():
        return None
    if task.config and (base / task.config).is_dir() and not _is_save_to_disk(base):
        base = base / task.config  # a whole dataset repo, one folder per config
    split_dir = base / task.split
    if split_dir.exists():
        return str(split_dir)
    if _is_save_to_disk(base):
        dict_file = base / "dataset_dict.json"
        if dict_file.exists():
            splits = _dict_splits(dict_file)
            raise InputError(
                f"{base}: this saved DatasetDict has no split '{task.split}' (splits: {', '.join(splits) or 'none'}); "
                f"{task.name} is evaluated on '{task.split}': fetch it again with: {_fetch_hint([task.name], root)}"
            )
        return str(base)  # a single Dataset: the split fetch saved
    files = _all_data_files(base)
    splits = _splits_in(files, base)
    if task.split in splits:
        return f"{base}/{task.split}"
    if len(files) == 1 and not splits:
        return str(files[0])  # one unnamed data file: the split itself
    found = sorted(splits)
    raise InputError(
        f"{base}: no '{task.split}' split here (found: {', '.join(found) or 'no split-named .parquet/.jsonl files'}); "
        f"name the files {task.split}.jsonl or data/{task.split}-00000-of-00001.parquet, or fetch with: "
        f"{_fetch_hint([task.name], root)}"
    )


def _dict_splits(path: Path) -> list[str]:
    try:
        return list(json.loads(path.read_text(encoding="utf-8")).get("splits", []))
    except (OSError, ValueError, AttributeError):
        return []


def is_available(task: Task, benchmarks_dir: str | os.PathLike[str] | None) -> bool:
    try:
        return locate(task, benchmarks_dir) is not None
    except InputError:
        return False


def provenance(task: Task, benchmarks_dir: str | os.PathLike[str] | None) -> dict[str, Any]:
    """What fetch recorded about the local copy (repo, revision asked for, commit sha it resolved to)."""
    root = benchmarks_dir_or_env(benchmarks_dir)
    if root is None:
        return {}
    path = root / task.name / PROVENANCE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# ----------------------------------------------------------------------------- items -> units


def _keep(row: dict[str, Any], flt: RowFilter | None) -> bool:
    if flt is None:
        return True
    value = get_path(row, flt.field)
    if value is MISSING or value is None:
        return False
    if flt.equals is not None:
        return str(value) == flt.equals
    return len(value) > 0 if isinstance(value, str | list | tuple | dict) else True


def _field_value(row: dict[str, Any], spec: FieldSpec) -> Any:
    for path in (spec.path, *spec.aliases):
        value = get_path(row, path)
        if value is not MISSING:
            return value
    return MISSING


@dataclass(frozen=True)
class TaskCounts:
    items: int
    units: int
    by_kind: dict[str, int]  # item / field / option


def load_task(
    task_name: str,
    benchmarks_dir: str | os.PathLike[str] | None,
    min_option_chars: int = MIN_OPTION_CHARS,
    registry: Registry | None = None,
) -> TestSet:
    """Read a task's local copy into audit units (see the module docstring); offline."""
    registry = registry or load_registry()
    if task_name.lower() in registry.groups:
        raise InputError(f"{task_name}: is a group; load_task takes one task (resolve_against takes groups)")
    (task,) = resolve_names([task_name], registry)
    root = benchmarks_dir_or_env(benchmarks_dir)
    source = locate(task, root)
    if source is None:
        raise _not_available([task.name], root)
    return _load(task, source, min_option_chars, provenance(task, root))


def _load(task: Task, source: str, min_option_chars: int, prov: dict[str, Any]) -> TestSet:
    hasher = Hasher()
    units: list[TestUnit] = []
    seen_ids: set[str] = set()
    items = 0
    ordinal = 0
    for batch in iter_batches(source, hasher=hasher, role="test"):
        for row in batch:
            ordinal += 1
            if not _keep(row, task.filter):
                continue
            item_id = row_id(row, task.id_field, ordinal - 1)
            if item_id in seen_ids:  # ids must identify items: disambiguate with the row number
                item_id = f"{item_id}#{ordinal - 1}"
            seen_ids.add(item_id)
            units.extend(_item_units(task, row, item_id, f"{source}: row {ordinal}", min_option_chars))
            items += 1
    if items == 0:
        what = f" after the filter {task.filter.describe()}" if task.filter else ""
        raise InputError(
            f"{source}: no {task.name} items{what}; check that this is the {task.hf_id} {task.split} split"
        )
    return TestSet(
        name=task.name,
        units=units,
        items=items,
        sha256=hasher.hexdigest(),
        source=source,
        revision=str(prov.get("sha") or task.revision),
        fields=[f.path for f in task.fields],
        split=hasher.split or task.split,
    )


def _item_units(
    task: Task, row: dict[str, Any], item_id: str, where: str, min_option_chars: int
) -> list[TestUnit]:
    parts: list[str] = []
    per_field: list[TestUnit] = []
    for spec in task.fields:
        value = _field_value(row, spec)
        if value is MISSING:
            if spec.optional:
                continue
            tried = " or ".join(repr(p) for p in (spec.path, *spec.aliases))
            available = ", ".join(sorted(row)) or "none"
            raise InputError(
                f"{where}: no field {tried} (fields here: {available}); is this the {task.hf_id} "
                f"{task.config or 'default'} config? fetch it with: contam benchmarks fetch {task.name} --to DIR"
            )
        text = as_text(value)
        if text.strip():
            parts.append(text)
        if spec.is_option:
            options = list(value) if isinstance(value, list | tuple) else [value]
            for i, option in enumerate(options):
                option_text = as_text(option)
                if len(option_text.strip()) >= min_option_chars:
                    name = f"{spec.path}[{i}]" if isinstance(value, list | tuple) else spec.path
                    per_field.append(TestUnit(item_id, name, option_text))
        elif text.strip():
            per_field.append(TestUnit(item_id, spec.path, text))
    item_text = "\n".join(parts)
    if not item_text.strip():
        return []
    units = [TestUnit(item_id, "item", item_text)]
    units.extend(u for u in per_field if u.text != item_text)
    return units


def count_units(test_set: TestSet, registry: Registry | None = None) -> TaskCounts:
    """Items and units of a loaded task, the units split into whole items, fields and options."""
    task = (registry or load_registry()).tasks.get(test_set.name)
    options = {f.path for f in task.fields if f.is_option} if task else set()
    kinds = {"item": 0, "field": 0, "option": 0}
    for unit in test_set.units:
        if unit.field == "item":
            kinds["item"] += 1
        elif unit.field.split("[")[0] in options:
            kinds["option"] += 1
        else:
            kinds["field"] += 1
    return TaskCounts(items=test_set.items, units=len(test_set.units), by_kind=kinds)


def resolve_against(names: list[str], benchmarks_dir: str | None) -> list[TestSet]:
    """Test sets for `contam audit --against NAMES`: tasks and groups mixed, all from local copies."""
    registry = load_registry()
    tasks = resolve_names(names, registry)
    root = benchmarks_dir_or_env(benchmarks_dir)
    sources = {t.name: locate(t, root) for t in tasks}
    missing = [name for name, src in sources.items() if src is None]
    if missing:
        raise _not_available(missing, root)
    return [_load(t, str(sources[t.name]), MIN_OPTION_CHARS, provenance(t, root)) for t in tasks]


# ----------------------------------------------------------------------------- listing


def task_rows(
    tasks: Sequence[Task], root: Path | None, registry: Registry, count: bool = False
) -> list[dict[str, Any]]:
    """What `contam benchmarks list` shows of each task; with `count`, the local copy's items and units."""
    rows = []
    for task in tasks:
        available = is_available(task, root)
        row: dict[str, Any] = {
            "task": task.name,
            "harness": list(task.harness),
            "release": task.release,
            "hf_id": task.hf_id,
            "config": task.config,
            "split": task.split,
            "filter": task.filter.describe() if task.filter else None,
            "revision": task.revision,
            "revision_verified": task.revision_verified,
            "lang": task.lang,
            "licence": task.licence,
            "items": task.n,
            "fields": [{"path": f.path, "role": f.role} for f in task.fields],
            "available": available,
        }
        if count and available:
            counts = count_units(load_task(task.name, root, registry=registry), registry)
            row["local"] = {
                "items": counts.items,
                "units": counts.units,
                **{f"{k}_units": v for k, v in counts.by_kind.items()},
            }
        rows.append(row)
    return rows


def group_rows(registry: Registry, selected: set[str]) -> dict[str, dict[str, Any]]:
    """The groups all of whose tasks are `selected`, as `contam benchmarks list` shows them."""
    return {
        name: {"tasks": list(g.tasks), "items": g.items, "description": g.description}
        for name, g in registry.groups.items()
        if set(g.tasks) <= selected
    }


# ----------------------------------------------------------------------------- fetching


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def fetch_task(task: Task, to_dir: str | os.PathLike[str], force: bool = False) -> str:
    """Download the task's test split at its pinned revision into `to_dir/<task>` (save_to_disk).

    Returns "fetched" or "present" (already there; `force` fetches again).
    """
    root = Path(to_dir)
    target = root / task.name
    if target.exists() and not force and is_available(task, root):
        return "present"
    if target.is_dir() and any(target.iterdir()) and not (target / PROVENANCE_FILE).is_file():
        # a copy made by hand (or anything else): fetching replaces the folder, so never this one
        raise InputError(
            f"{target}: holds files that contam benchmarks fetch did not write (no {PROVENANCE_FILE}); "
            "move them away, or fetch into another --to"
        )
    ref = f"hf:{task.hf_id}@{task.revision}" + (f":{task.config}" if task.config else "")
    reason = hub_unreachable_reason()
    if reason:
        raise InputError(
            f"{task.name}: cannot fetch {ref}: the Hugging Face hub is unreachable ({reason}); "
            f"fetch where the hub can be reached and copy {task.name}/ into {root}"
        )
    import datasets

    try:
        ds = datasets.load_dataset(task.hf_id, task.config, split=task.split, revision=task.revision)
    except Exception as exc:  # datasets raises many types: connection, missing config, gated repo
        raise InputError(
            f"{task.name}: cannot fetch {ref} split {task.split} ({_first_line(exc)}); the Hugging Face hub "
            f"is unreachable or the id/config/revision is wrong; copy a local copy into {target} instead"
        ) from None
    sha = _resolved_sha(task)
    record = {
        "task": task.name,
        "hf_id": task.hf_id,
        "config": task.config,
        "split": task.split,
        "revision": task.revision,
        "sha": sha,
        "rows": len(ds),
    }
    with atomic_dir(target) as tmp:
        ds.save_to_disk(str(tmp))
        (tmp / PROVENANCE_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return "fetched"


def _resolved_sha(task: Task) -> str | None:
    """The commit sha the pinned revision resolves to now (recorded so the pin can be verified)."""
    try:
        from huggingface_hub import HfApi

        return HfApi().dataset_info(task.hf_id, revision=task.revision).sha
    except Exception:
        return None


__all__ = [
    "ENV_DIR",
    "MIN_OPTION_CHARS",
    "TaskCounts",
    "benchmarks_dir_or_env",
    "count_units",
    "group_rows",
    "fetch_task",
    "hub_unreachable_reason",
    "is_available",
    "load_task",
    "locate",
    "provenance",
    "resolve_against",
    "resolve_names",
    "task_rows",
]
