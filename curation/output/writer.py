"""Writing a build: data files, audit report(s), card and manifest, into a temp dir renamed into place.

data/train.parquet  pyarrow, zstd level 9, fixed schema (id, source, lang, messages) and no pandas metadata
data/train.jsonl    {"id","source","lang","messages":[{"role","content"}]} per line
audit.json          the final set's audit report (`contamination.report.report_bytes`)
audit_initial.json  the first mix's report, when the audit dropped rows
dropped.parquet     (output.write_dropped) rows dropped before the mix, with drop_reason
README.md           dataset card
manifest.json       `norcurate.manifest/1`, listing every other file with rows, bytes and sha256
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from contamination.common.atomic import atomic_dir
from contamination.report import report_bytes
from curation.output.card import render_card
from curation.output.manifest import (
    MANIFEST_NAME,
    audit_section,
    build_manifest,
    file_entries,
    manifest_bytes,
)
from curation.output.target import check_out_dir
from curation.pipeline import BuildResult
from curation.recipe.loading import LoadedRecipe

MESSAGES_TYPE = pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))
TRAIN_SCHEMA = pa.schema(
    [("id", pa.string()), ("source", pa.string()), ("lang", pa.string()), ("messages", MESSAGES_TYPE)]
)
DROPPED_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("source_id", pa.string()),
        ("drop_reason", pa.string()),
        ("duplicate_of", pa.string()),
        ("lang", pa.string()),
        ("findings", pa.string()),
        ("messages", MESSAGES_TYPE),
    ]
)


def _write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=64 * 1024,
    )


def _arrow(df: pl.DataFrame, schema: pa.Schema) -> pa.Table:
    cols = {}
    for f in schema:
        if f.name in df.columns:
            cols[f.name] = df.get_column(f.name).to_arrow().cast(f.type)
        else:
            cols[f.name] = pa.nulls(df.height, f.type)
    return pa.table(cols, schema=schema)


def train_jsonl_bytes(df: pl.DataFrame) -> bytes:
    rows = df.select("id", "source", "lang", "messages").to_dicts()
    return b"".join(orjson.dumps(r) + b"\n" for r in rows)


def write_build(
    lr: LoadedRecipe, result: BuildResult, out_dir: str | Path, force: bool = False
) -> dict[str, Any]:
    """Write everything atomically; returns the manifest. An existing `out_dir` is replaced only when it
    holds an earlier build of ours (or is empty), unless `force` (see `curation.output.target`)."""
    check_out_dir(lr, out_dir, force)
    out_dir = Path(out_dir)
    rows: dict[str, int] = {}
    with atomic_dir(out_dir) as tmp:
        (tmp / "data").mkdir()
        train = result.table
        _write_parquet(_arrow(train, TRAIN_SCHEMA), tmp / "data" / "train.parquet")
        (tmp / "data" / "train.jsonl").write_bytes(train_jsonl_bytes(train))
        rows["data/train.parquet"] = rows["data/train.jsonl"] = train.height
        if result.audit is not None:
            (tmp / "audit.json").write_bytes(report_bytes(result.audit.report))
        if result.audit_initial is not None:
            (tmp / "audit_initial.json").write_bytes(report_bytes(result.audit_initial.report))
        output = lr.recipe.output
        if output is not None and output.write_dropped:
            d = result.dropped.filter(
                ~pl.col("drop_reason").is_in(["over_quota", "not_in_mix", "over_source_quota"])
            )
            _write_parquet(_arrow(d, DROPPED_SCHEMA), tmp / "dropped.parquet")
            rows["dropped.parquet"] = d.height
        audit = audit_section(lr, result)
        (tmp / "README.md").write_text(render_card(lr, result, audit), encoding="utf-8")
        manifest = build_manifest(lr, result, file_entries(tmp, rows))
        (tmp / MANIFEST_NAME).write_bytes(manifest_bytes(manifest))
    return manifest
