"""The dataset card (README.md): Hugging Face front matter, sources, funnel, mix and audit, as Markdown."""

from __future__ import annotations

from typing import Any

import yaml

from curation.output.charts import FUNNEL, MIX
from curation.pipeline import BuildResult
from curation.recipe.loading import LoadedRecipe

LANG_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English", "other": "other"}


def _table(header: list[str], rows: list[list[Any]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def render_card(lr: LoadedRecipe, result: BuildResult, audit: dict[str, Any] | None) -> str:
    recipe = lr.recipe
    achieved = result.mix.get("achieved", {})
    langs = [k for k in ("nb", "nn", "en") if achieved.get("by_lang", {}).get(k)]
    front = {
        "language": langs or ["nb"],
        "pretty_name": recipe.name,
        "task_categories": ["text-generation"],
        "tags": ["norcurate", "sft", "norwegian"],
        "configs": [
            {"config_name": "default", "data_files": [{"split": "train", "path": "data/train.parquet"}]}
        ],
    }
    parts = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True).rstrip(), "---", ""]
    parts += [f"# {recipe.name}", ""]
    if recipe.description:
        parts += [recipe.description.strip(), ""]
    total = result.table.height
    parts += [
        f"A supervised fine-tuning mix of {total:,} chat examples (`messages` with `role`/`content`), built by "
        f"`curate build` (norcurate) from the recipe `{lr.path.name}` (sha256 `{lr.sha256[:16]}…`, seed "
        f"{recipe.seed}). The same recipe and seed rebuild byte-identical files; `manifest.json` lists every "
        "file with its sha256.",
        "",
        "Files: `data/train.parquet` and `data/train.jsonl` (rows `{id, source, lang, messages}`, usable "
        "with chat templates and TRL's `SFTTrainer`), `audit.json` (contamination report), `manifest.json`.",
        "",
        "## Sources",
        "",
    ]
    by_source = achieved.get("by_source", {})
    rows = []
    for s in result.sources:
        origin = f"hf:{s['repo']}" if "repo" in s else s["path"]
        rev = s.get("revision") or "local"
        if "repo" in s and not s.get("revision_verified", True):
            rev += " (unverified)"
        rows.append(
            [s["name"], f"`{origin}`", f"`{rev}`", s["format"], s["rows_read"], by_source.get(s["name"], 0)]
        )
    parts += [_table(["source", "origin", "revision", "format", "rows read", "rows in mix"], rows), ""]
    parts += ["## Funnel", "", f"![Rows kept and dropped per step]({FUNNEL})", ""]
    frows = []
    for e in result.funnel:
        reasons = ", ".join(f"{r} {n:,}" for r, n in e.get("dropped", {}).items()) or "—"
        frows.append([e["step"], f"{e['in']:,}", f"{e['out']:,}", reasons])
    parts += [_table(["step", "in", "out", "dropped (reason count)"], frows), ""]
    parts += ["## Mix", "", f"![The language mix, target and achieved]({MIX})", ""]
    target = result.mix.get("target", {})
    tl = target.get("by_lang", {})
    al = achieved.get("by_lang", {})
    mrows = []
    for lang in sorted(set(tl) | set(al), key=lambda k: list(LANG_NAMES).index(k) if k in LANG_NAMES else 9):
        share = al.get(lang, 0) / total if total else 0.0
        mrows.append(
            [f"{LANG_NAMES.get(lang, lang)} ({lang})", tl.get(lang, "—"), al.get(lang, 0), f"{share:.1%}"]
        )
    parts += [_table(["language", "target", "achieved", "share"], mrows), ""]
    parts += ["## Contamination audit", ""]
    if audit is None:
        parts += ["No audit was configured in the recipe: this mix is **not certified**.", ""]
    else:
        s = audit["summary"]
        verdict = "passed (no findings in the final mix)" if audit["passed"] else "FAILED"
        parts += [
            f"Audited against {len(audit['test_sets'])} test set(s) ({s['test_items']:,} items) with methods "
            f"{', '.join(audit['methods'])}: **{verdict}**. Rows removed for overlapping a test set: "
            f"{audit['dropped_rows']:,}. Report: `audit.json` (sha256 `{audit['report_sha256'][:16]}…`).",
            "",
            "This dataset holds no benchmark test text: the rows dropped as contaminated and the audit's "
            "evidence (which quotes the test sets) are kept privately by the builder and are not published.",
            "",
            _table(
                ["test set", "source", "revision", "items"],
                [
                    [t["name"], f"`{t['source']}`", t["revision"] or "—", t["items"]]
                    for t in audit["test_sets"]
                ],
            ),
            "",
        ]
    return "\n".join(parts)
