"""Canonical JSON: the bytes every report, manifest and `--json` output is written as (orjson, indented by
two, a final newline), so identical content gives identical bytes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson

from contamination.common.atomic import write_bytes_atomic


def canonical_json(obj: Any) -> bytes:
    return orjson.dumps(obj, option=orjson.OPT_INDENT_2) + b"\n"


def write_json(obj: Any, path: str | Path) -> None:
    """`canonical_json(obj)` written atomically."""
    write_bytes_atomic(path, canonical_json(obj))


def print_json(obj: Any) -> None:
    """`canonical_json(obj)` on stdout (the `--json` flag of every command)."""
    sys.stdout.buffer.write(canonical_json(obj))
    sys.stdout.buffer.flush()
