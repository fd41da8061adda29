"""When `contam index build --out DIR` may replace DIR: when it is missing, empty, or an earlier index
(its index.json and the files that index.json lists, nothing else); otherwise only with --force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from contamination.common.atomic import describe_unlisted, unlisted

INDEX_META = "index.json"


def earlier_index(path: Path) -> str | None:
    """None when `path` holds an earlier index and nothing else; otherwise why not."""
    try:
        meta: Any = orjson.loads((path / INDEX_META).read_bytes())
    except (OSError, orjson.JSONDecodeError):
        meta = None
    files = meta.get("files") if isinstance(meta, dict) else None
    if not isinstance(files, dict) or not str(meta.get("schema", "")).startswith("norcurate.index/"):
        return f"it holds {describe_unlisted(unlisted(path, set()))}, and no {INDEX_META} of an earlier index"
    extra = unlisted(path, {INDEX_META, *map(str, files)})
    if extra:
        return f"it holds {describe_unlisted(extra)}, which the earlier index does not list"
    return None
