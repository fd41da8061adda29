"""Writing a build: data files, audit report, card and manifest, into a temp dir renamed into place.

The build folder OUT is what gets published, and holds no benchmark test text:

data/train.parquet  pyarrow, zstd level 9, fixed schema (id, source, lang, messages) and no pandas metadata
data/train.jsonl    {"id","source","lang","messages":[{"role","content"}]} per line
audit.json          the final set's audit report (`contamination.report.report_bytes`; no findings)
dropped.parquet     (output.write_dropped) dropped rows, with drop_reason, that hold no test-set text
charts/funnel.svg   rows kept and dropped per step; charts/mix.svg: the language mix, target and achieved
README.md           dataset card (shows the charts)
croissant.json      MLCommons Croissant 1.1 metadata, written from the manifest's other entries
manifest.json       `norcurate.manifest/1`, listing every other file with rows, bytes and sha256

What quotes the test sets goes to OUT.private beside it (`curation.output.target.private_dir`), which no
manifest of OUT lists and which is never published:

audit_initial.json  the first mix's report with its evidence, when the audit dropped rows
audit.html          the same as a page a reviewer can open (`contamination.report_html`), texts side by side
dropped.parquet     (output.write_dropped) the rows dropped as contaminated, and dropped rows that hold
                    test-set text, with their findings
manifest.json       `norcurate.private/1`, listing those files
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from contamination.audit import AuditResult
from contamination.common.atomic import atomic_dir
from contamination.executors.base import Executor
from contamination.report import report_bytes
from contamination.report_html import render_html
from curation.output.card import render_card
from curation.output.charts import build_charts
from curation.output.croissant import CROISSANT_NAME, croissant_bytes
from curation.output.manifest import (
    MANIFEST_NAME,
    audit_section,
    build_manifest,
    file_entries,
    manifest_bytes,
)
from curation.output.target import PRIVATE_SCHEMA, check_out_dir, earlier_private, private_dir
from curation.pipeline import UNWRITTEN_REASONS, AuditFailed, BuildResult, OnStep, run_pipeline
from curation.recipe.loading import LoadedRecipe
from curation.steps import DROP

TRAIN_JSONL = "data/train.jsonl"
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
    public_dropped, private_dropped = split_dropped(lr, result)
    _write_private(lr, result, private_dropped, private_dir(out_dir))
    train = result.table
    jsonl = train_jsonl_bytes(train)
    result = name_audited_file(result, TRAIN_JSONL, hashlib.sha256(jsonl).hexdigest())
    rows: dict[str, int] = {}
    with atomic_dir(out_dir) as tmp:
        (tmp / "data").mkdir()
        _write_parquet(_arrow(train, TRAIN_SCHEMA), tmp / "data" / "train.parquet")
        (tmp / TRAIN_JSONL).write_bytes(jsonl)
        rows["data/train.parquet"] = rows["data/train.jsonl"] = train.height
        if result.audit is not None:
            (tmp / "audit.json").write_bytes(report_bytes(result.audit.report))
        if public_dropped is not None:
            _write_parquet(_arrow(public_dropped, DROPPED_SCHEMA), tmp / "dropped.parquet")
            rows["dropped.parquet"] = public_dropped.height
        (tmp / "charts").mkdir()
        for name, svg in build_charts(result.funnel, result.mix).items():
            (tmp / name).write_text(svg, encoding="utf-8")
        audit = audit_section(lr, result)
        (tmp / "README.md").write_text(render_card(lr, result, audit), encoding="utf-8")
        # Croissant is written from the manifest of every other file; the manifest then lists it too (the
        # document ignores its own entry, so writing it again from the final manifest gives the same bytes)
        (tmp / CROISSANT_NAME).write_bytes(
            croissant_bytes(build_manifest(lr, result, file_entries(tmp, rows)))
        )
        manifest = build_manifest(lr, result, file_entries(tmp, rows))
        (tmp / MANIFEST_NAME).write_bytes(manifest_bytes(manifest))
    return manifest


def build(
    lr: LoadedRecipe,
    out_dir: str | Path,
    force: bool = False,
    on_step: OnStep | None = None,
    on_write: Callable[[Path], None] | None = None,
    executor: Executor | None = None,
) -> dict[str, Any]:
    """Run the pipeline and write the build; returns the manifest. With `on_contamination: fail` and
    findings, the audit report is kept in OUT.private/audit.json (it quotes the test sets), nothing is
    published, and the AuditFailed (exit 1) names the first rows and the report. `executor`: where the
    row-wise steps and the audit run (`curation.rowwise`; default: in this process)."""
    check_out_dir(lr, out_dir, force)  # before any heavy work
    try:
        result = run_pipeline(lr, on_step=on_step, executor=executor)
    except AuditFailed as exc:
        report = write_failed_audit(lr, exc.result, out_dir)
        raise AuditFailed(
            f"{exc}; report with the evidence: {report}; nothing was published", exc.result
        ) from None
    if on_write is not None:
        on_write(Path(out_dir))
    return write_build(lr, result, out_dir, force=force)


def write_failed_audit(lr: LoadedRecipe, result: AuditResult, out_dir: str | Path) -> Path:
    """Keep a failed audit's report in OUT.private (replacing an earlier build's private folder, which
    `check_out_dir` found to be ours); OUT itself is left as it is."""
    target = private_dir(out_dir)
    with atomic_dir(target) as tmp:
        (tmp / "audit.json").write_bytes(report_bytes(result.report))
        listing = {
            "schema": PRIVATE_SCHEMA,
            "name": lr.recipe.name,
            "note": "the audit of a build that stopped (on_contamination: fail); its evidence quotes benchmark "
            "test sets: keep private, never publish",
            "files": file_entries(tmp, {}),
        }
        (tmp / MANIFEST_NAME).write_bytes(manifest_bytes(listing))
    return target / "audit.json"


def name_audited_file(result: BuildResult, path: str, sha256: str) -> BuildResult:
    """The result with its final audit naming the data file it audited and that file's sha256 (the
    engine audits the rows in memory, before the file exists, and calls them `train`)."""
    if result.audit is None:
        return result
    report = result.audit.report
    train = [{**entry, "path": path, "sha256": sha256} for entry in report["train"]]
    findings = [{**f, "train": path} for f in report["findings"]]
    named = AuditResult({**report, "train": train, "findings": findings}, result.audit.flagged)
    return dataclasses.replace(result, audit=named)


def split_dropped(lr: LoadedRecipe, result: BuildResult) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    """The dropped rows to write (output.write_dropped): (publishable, private). Rows dropped as
    contaminated, and any other dropped row with findings (it holds test-set text), are private."""
    output = lr.recipe.output
    if output is None or not output.write_dropped:
        return None, None
    d = result.dropped.filter(~pl.col(DROP).is_in(list(UNWRITTEN_REASONS)))
    test_text = pl.col(DROP) == "contaminated"
    if "findings" in d.columns:
        test_text = test_text | pl.col("findings").is_not_null()
    return d.filter(~test_text), d.filter(test_text)


def _write_private(lr: LoadedRecipe, result: BuildResult, dropped: pl.DataFrame | None, target: Path) -> None:
    """Write OUT.private when there is evidence to keep; otherwise remove an earlier build's one (it
    would describe another build). `check_out_dir` has made sure that a folder there is ours."""
    initial = result.audit_initial
    if initial is None and (dropped is None or dropped.height == 0):
        if target.is_dir() and earlier_private(target) is None:
            shutil.rmtree(target)
        return
    rows: dict[str, int] = {}
    with atomic_dir(target) as tmp:
        if initial is not None:
            (tmp / "audit_initial.json").write_bytes(report_bytes(initial.report))
            page = render_html(
                initial.report, result.report_texts, title=f"Contamination audit: {lr.recipe.name}"
            )
            (tmp / "audit.html").write_text(page, encoding="utf-8")
        if dropped is not None and dropped.height:
            _write_parquet(_arrow(dropped, DROPPED_SCHEMA), tmp / "dropped.parquet")
            rows["dropped.parquet"] = dropped.height
        listing = {
            "schema": PRIVATE_SCHEMA,
            "name": lr.recipe.name,
            "note": "audit evidence and dropped rows that quote benchmark test sets: keep private, never publish",
            "files": file_entries(tmp, rows),
        }
        (tmp / MANIFEST_NAME).write_bytes(manifest_bytes(listing))
