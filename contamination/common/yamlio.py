"""YAML files validated by pydantic models, with one-line errors that name the file, the line and the key.

`load_model(path, Model, ...)` reads a YAML mapping, remembers the line of every key path (from the YAML
node marks) and validates it; any problem is an `InputError` such as
`recipes/x.yaml:12: sources[2].hub.revision: field required — pin a commit sha or tag`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from contamination.common.errors import InputError

Lines = dict[tuple[Any, ...], int]
M = TypeVar("M", bound=BaseModel)


def format_loc(loc: tuple[Any, ...]) -> str:
    """`sources[2].hub.revision` for ('sources', 2, 'hub', 'revision')."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _node_lines(node: yaml.Node, loc: tuple[Any, ...], out: Lines) -> None:
    out[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            out[(*loc, k)] = key.start_mark.line + 1
            _node_lines(value, (*loc, k), out)
            out[(*loc, k)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _node_lines(item, (*loc, i), out)


def line_of(lines: Lines, loc: tuple[Any, ...]) -> int:
    """The line of the deepest key of `loc` the file has (1 when none)."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return 1


def _clean_loc(loc: tuple[Any, ...], lines: Lines, kind: str) -> tuple[Any, ...]:
    """Drop pydantic's union/type tags from a location, keeping the path as it is in the YAML."""
    out: tuple[Any, ...] = ()
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if (*out, part) in lines or (last and kind in ("missing", "extra_forbidden")):
            out = (*out, part)
    return out


def _message(err: Any, hints: Mapping[tuple[str, str], str]) -> str:
    kind = err["type"]
    if kind == "missing":
        msg = "field required"
    elif kind == "extra_forbidden":
        msg = "unknown field"
    else:
        msg = err["msg"]
        msg = re.sub(r"^(Value error|Assertion failed), ", "", msg)
        msg = msg[0].lower() + msg[1:] if msg else msg
    name = err["loc"][-1] if err["loc"] else ""
    hint = hints.get((str(name), kind))
    return f"{msg} — {hint}" if hint else msg


def _allowed_fields(model: type[BaseModel], parent: tuple[Any, ...]) -> list[str]:
    """The fields of the model found at `parent` inside `model` (for "unknown field" hints)."""
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
        ann = field.annotation
        candidates = [a for a in getattr(ann, "__args__", (ann,)) if isinstance(a, type)]
        sub = [a for a in candidates if issubclass(a, BaseModel)]
        if not sub:
            args = [a for a in getattr(ann, "__args__", ()) for a in getattr(a, "__args__", (a,))]
            sub = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if not sub:
            return []
        current = sub[0]
    return list(current.model_fields)


def validation_error(
    exc: ValidationError,
    path: Path,
    lines: Lines,
    model: type[BaseModel],
    what: str,
    hints: Mapping[tuple[str, str], str] | None = None,
) -> InputError:
    """The first validation problem as one line: FILE:LINE: key.path: message."""
    err = exc.errors()[0]
    loc = _clean_loc(tuple(err["loc"]), lines, err["type"])
    if err["type"] == "extra_forbidden":
        line = lines.get(loc, line_of(lines, loc))
        allowed = _allowed_fields(model, loc[:-1])
        hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return InputError(f"{path}:{line}: {format_loc(loc)}: unknown field{hint}")
    return InputError(
        f"{path}:{line_of(lines, loc)}: {format_loc(loc) or what}: {_message(err, hints or {})}"
    )


def read_yaml_mapping(path: Path, what: str, shape: str) -> tuple[str, Any, Lines]:
    """(text, data, line of every key path) of a YAML file that must hold a mapping; problems are
    one-line `InputError`s naming the file and line. `what` names the file ("recipe"), `shape` its keys."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what} file") from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the {what} ({exc.__class__.__name__})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{path}:{line}: not valid YAML ({problem})") from None
    if not isinstance(data, dict) or node is None:
        raise InputError(f"{path}:1: a {what} is a YAML mapping with {shape}")
    lines: Lines = {}
    _node_lines(node, (), lines)
    return text, data, lines


def load_model(
    path: str | Path,
    model: type[M],
    what: str,
    shape: str,
    hints: Mapping[tuple[str, str], str] | None = None,
) -> tuple[M, str, Lines]:
    """(validated model, file text, key lines) of a YAML file; every problem is one `InputError` line."""
    path = Path(path)
    text, data, lines = read_yaml_mapping(path, what, shape)
    try:
        return model.model_validate(data), text, lines
    except ValidationError as exc:
        raise validation_error(exc, path, lines, model, what, hints) from None
