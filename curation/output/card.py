"""The dataset card (README.md): Hugging Face front matter (licence, size category), sources with their
licences, funnel, mix, the audit result in one sentence, and how to verify and rebuild the set, as Markdown."""

from __future__ import annotations

from typing import Any

import yaml

from curation.output.charts import FUNNEL, MIX
from curation.output.croissant import CROISSANT_NAME, methods_line
from curation.output.licences import UNKNOWN, hub_front_matter, set_licence
from curation.pipeline import BuildResult
from curation.recipe.loading import LoadedRecipe

LANG_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English", "other": "other"}


def _table(header: list[str], rows: list[list[Any]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


# the hub's `size_categories` buckets: (upper bound on rows, label)
SIZE_CATEGORIES = [
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
    (100_000_000, "10M<n<100M"),
    (1_000_000_000, "100M<n<1B"),
    (10_000_000_000, "1B<n<10B"),
    (100_000_000_000, "10B<n<100B"),
    (1_000_000_000_000, "100B<n<1T"),
]


def size_category(rows: int) -> str:
    """The hub's size category for a set of `rows` examples."""
    return next((label for bound, label in SIZE_CATEGORIES if rows < bound), "n>1T")


def audit_sentence(audit: dict[str, Any] | None, rows: int) -> str:
    """The audit's result in one sentence, linking the report."""
    if audit is None:
        return "**Not certified:** no contamination audit was configured in the recipe."
    s = audit["summary"]
    methods = audit["methods"]
    named = ", ".join(methods[:-1]) + f" and {methods[-1]}" if len(methods) > 1 else methods[0]
    if audit["passed"]:
        head = "**Contamination audit: passed.**"
        verdict = "and none of them overlaps a test item"
    else:
        head = "**Contamination audit: FAILED.**"
        verdict = f"and {s.get('flagged_train_rows', 0):,} of them overlap a test item"
    removed = f"; {audit['dropped_rows']:,} rows that did were removed first" if audit["dropped_rows"] else ""
    return (
        f"{head} All {rows:,} rows were checked against {len(audit['test_sets'])} benchmark test set(s) "
        f"({s['test_items']:,} items) with {named}, {verdict}{removed} (report: [audit.json](audit.json), "
        f"sha256 `{audit['report_sha256'][:16]}…`)."
    )


def render_card(lr: LoadedRecipe, result: BuildResult, audit: dict[str, Any] | None) -> str:
    recipe = lr.recipe
    achieved = result.mix.get("achieved", {})
    langs = [k for k in ("nb", "nn", "en") if achieved.get("by_lang", {}).get(k)]
    licence = set_licence(recipe.licence, [s.licence for s in recipe.sources])
    total = result.table.height
    front = {
        "language": langs or ["nb"],
        "pretty_name": recipe.name,
        **hub_front_matter(licence),
        "size_categories": [size_category(total)],
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
    parts += [audit_sentence(audit, total), ""]
    parts += [
        f"A supervised fine-tuning mix of {total:,} chat examples (`messages` with `role`/`content`), built by "
        f"`curate build` (norcurate) from the recipe `{lr.path.name}` (sha256 `{lr.sha256[:16]}…`, seed "
        f"{recipe.seed}). The same recipe and seed rebuild byte-identical files; `manifest.json` lists every "
        "file with its sha256.",
        "",
        "Files: `data/train.parquet` and `data/train.jsonl` (rows `{id, source, lang, messages}`, usable "
        "with chat templates and TRL's `SFTTrainer`), `audit.json` (contamination report), `manifest.json`, "
        f"`{CROISSANT_NAME}` (MLCommons Croissant 1.1 metadata with the sources' provenance and the audit).",
        "",
        "## Licence",
        "",
        f"The set: **{licence or 'not stated'}**"
        + (" (the licence all its sources share)." if licence and recipe.licence is None else ".")
        + " Each source keeps its own licence (below); `curate publish` refuses a source whose licence is "
        "unknown or forbids redistribution unless someone checked it (`--allow-licence`).",
        "",
        "## Sources",
        "",
    ]
    by_source = achieved.get("by_source", {})
    rows = []
    licences = {spec.name: spec.licence for spec in recipe.sources}
    for s in result.sources:
        origin = f"hf:{s['repo']}" if "repo" in s else s["path"]
        rev = s.get("revision") or "local"
        if "repo" in s and not s.get("revision_verified", True):
            rev += " (unverified)"
        rows.append(
            [
                s["name"],
                f"`{origin}`",
                f"`{rev}`",
                s["format"],
                licences.get(s["name"]) or UNKNOWN,
                s["rows_read"],
                by_source.get(s["name"], 0),
            ]
        )
    header = ["source", "origin", "revision", "format", "licence", "rows read", "rows in mix"]
    parts += [_table(header, rows), ""]
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
        parts += [
            f"Methods and their parameters: {methods_line(audit)}. Audit rounds (audit, drop, refill): "
            f"{audit['rounds']}; rows removed for overlapping a test set: {audit['dropped_rows']:,}. "
            "The result is in the first lines of this card; the report is [audit.json](audit.json).",
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
    parts += verify_section(lr.path.name)
    return "\n".join(parts)


def verify_section(recipe_file: str) -> list[str]:
    """How a reader checks a copy of the set and rebuilds it."""
    return [
        "## Verify and reproduce",
        "",
        "With norcurate installed, check a copy against its manifest (every file's sha256, bytes and rows, "
        f"the card, `{CROISSANT_NAME}`, and that the audit passed); name this repository and the commit "
        "you use, or a local folder:",
        "",
        "```bash",
        "curate verify hf:ORG/NAME@REV",
        "curate verify path/to/copy",
        "```",
        "",
        f"`manifest.json` holds the recipe (`recipe.text`). Saved as `{recipe_file}` beside the sources it "
        "names (its paths are relative to it), it rebuilds byte-identical files:",
        "",
        "```bash",
        f"curate build {recipe_file}",
        "```",
        "",
    ]
