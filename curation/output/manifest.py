"""The build manifest (`norcurate.manifest/1`): what was built, from what, how, and the files' hashes.

No wall-clock time and no absolute paths: the same recipe and seed give byte-identical manifests.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from contamination import __version__
from contamination.common.jsonio import canonical_json
from contamination.io.readers import sha256_file
from contamination.report import report_bytes
from curation.output.licences import set_licence
from curation.output.target import MANIFEST_NAME, MANIFEST_SCHEMA
from curation.pipeline import BuildResult
from curation.recipe.loading import LoadedRecipe

__all__ = ["MANIFEST_NAME", "MANIFEST_SCHEMA", "audit_section", "build_manifest", "file_entries"]


def file_entries(root: Path, rows: dict[str, int]) -> list[dict[str, Any]]:
    """Every file under `root` except the manifest, sorted by path, with rows (data files), bytes, sha256."""
    out: list[dict[str, Any]] = []
    for p in sorted(root.rglob("*"), key=lambda q: q.relative_to(root).as_posix()):
        if not p.is_file():
            continue
        rel = p.relative_to(root).as_posix()
        if rel == MANIFEST_NAME:
            continue
        out.append({"path": rel, "rows": rows.get(rel), "bytes": p.stat().st_size, "sha256": sha256_file(p)})
    return out


def audit_section(lr: LoadedRecipe, result: BuildResult) -> dict[str, Any] | None:
    if result.audit is None:
        return None
    spec = lr.recipe.audit
    assert spec is not None
    report = result.audit.report
    section: dict[str, Any] = {
        "report": "audit.json",
        "report_sha256": hashlib.sha256(report_bytes(report)).hexdigest(),
        "summary": report["summary"],
        "passed": not report["findings"],
        "on_contamination": spec.on_contamination,
        "test_sets": [
            {
                "name": t["name"],
                "source": t["source"],
                "revision": t["revision"],
                "items": t["items"],
                "sha256": t["sha256"],
            }
            for t in report["test_sets"]
        ],
        "methods": list(report["methods"]),
        # each method's parameters (thresholds, n-gram sizes) as the report states them
        "method_parameters": report["methods"],
        "rounds": result.audit_info.get("rounds", 1),
        "dropped_rows": result.audit_info.get("dropped", 0),
    }
    if result.audit_initial is not None:
        initial = result.audit_initial.report
        # the report quotes the test sets: it is kept in OUT.private, not in the published folder
        section["before_drop"] = {
            "report": "audit_initial.json",
            "private": True,
            "report_sha256": hashlib.sha256(report_bytes(initial)).hexdigest(),
            "summary": initial["summary"],
        }
    return section


def build_manifest(lr: LoadedRecipe, result: BuildResult, files: list[dict[str, Any]]) -> dict[str, Any]:
    recipe = lr.recipe
    return {
        "schema": MANIFEST_SCHEMA,
        "name": recipe.name,
        "tool": {"name": "norcurate", "version": __version__},
        "recipe": {
            "file": lr.path.name,
            "sha256": lr.sha256,
            "seed": recipe.seed,
            "inline": recipe.model_dump(mode="json"),
            "text": lr.text,
        },
        "licence": set_licence(recipe.licence, [s.licence for s in recipe.sources]),
        "sources": result.sources,
        "funnel": result.funnel,
        "mix": {
            "target": result.mix.get("target"),
            "achieved": result.mix.get("achieved"),
            "detail": result.mix,
        },
        "audit": audit_section(lr, result),
        "rows": result.table.height,
        "files": files,
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return canonical_json(manifest)
