"""`croissant.json`: the build described in MLCommons Croissant 1.1 (JSON-LD), written from the manifest.

What it holds: the data files (and the audit report) as FileObjects with their sha256 and size, the
example schema as a RecordSet read from `data/train.parquet` (`id`, `source`, `lang`, `messages` as an
array of `{role, content}`), the sources as PROV entities the set was derived from (hub id and revision,
or the path a local source was read from), the licence, and the Responsible-AI fields that apply: how
the data was collected, every step of the funnel, the language labels as machine annotation, the
contamination audit (benchmarks, methods with their thresholds, result) and the limitations.

No hash cycle: the document is a function of the manifest *without* its own entry (`croissant_document`
skips `croissant.json` in the file list), so the build writes it from the other files' entries and the
manifest then lists it like any other file; the manifest itself is listed nowhere. Canonical JSON, no
time of day: the same recipe and seed give the same bytes.
"""

from __future__ import annotations

from typing import Any

from contamination.common.jsonio import canonical_json
from curation.output.licences import spdx_url

CROISSANT_NAME = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
TRAIN_PARQUET = "data/train.parquet"
RECORD_SET = "train"

# The context of the Croissant 1.1 specification (its Appendix 1), the few keys mlcroissant still expects
# (`path`, `repeated`, `replace`, `samplingRate`), and PROV-O for the sources.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "annotation": "cr:annotation",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "excludes": "cr:excludes",
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "readLines": "cr:readLines",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sdVersion": "cr:sdVersion",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
    "unArchive": "cr:unArchive",
    "value": "cr:value",
}

# The files a Croissant reader needs: the data and the audit report. The card, the charts and the
# manifest are documentation of the build (the manifest lists them all with their hashes).
FILE_KINDS: dict[str, tuple[str, str]] = {
    "data/train.parquet": ("application/x-parquet", "The training examples (the RecordSet's source)."),
    "data/train.jsonl": ("application/jsonlines", "The same examples as JSON Lines, in the same order."),
    "dropped.parquet": (
        "application/x-parquet",
        "Rows dropped before the mix, with the reason (none of them quotes a benchmark test set).",
    ),
    "audit.json": ("application/json", "The contamination audit report of the published rows."),
}


def licence_value(licence: str | None) -> str | dict[str, str]:
    """A licence as Croissant wants it: the SPDX page's URL, else a named CreativeWork."""
    url = spdx_url(licence)
    return url if url else {"@type": "sc:CreativeWork", "name": licence or "unknown"}


def _file_object(entry: dict[str, Any]) -> dict[str, Any]:
    fmt, description = FILE_KINDS[entry["path"]]
    return {
        "@type": "cr:FileObject",
        "@id": entry["path"],
        "name": entry["path"],
        "description": description,
        "contentUrl": entry["path"],
        "contentSize": f"{entry['bytes']} B",
        "encodingFormat": fmt,
        "sha256": entry["sha256"],
    }


def _column(name: str, description: str) -> dict[str, Any]:
    return {
        "@type": "cr:Field",
        "@id": f"{RECORD_SET}/{name}",
        "name": name,
        "description": description,
        "dataType": "sc:Text",
        "source": {"fileObject": {"@id": TRAIN_PARQUET}, "extract": {"column": name}},
    }


def _message_part(name: str, description: str) -> dict[str, Any]:
    return {
        "@type": "cr:Field",
        "@id": f"{RECORD_SET}/messages/{name}",
        "name": name,
        "description": description,
        "dataType": "sc:Text",
        "source": {
            "fileObject": {"@id": TRAIN_PARQUET},
            "extract": {"column": "messages"},
            "transform": {"jsonPath": name},
        },
    }


def record_set(rows: int | None) -> dict[str, Any]:
    """The example schema (`curation.output.writer.TRAIN_SCHEMA`) as a Croissant RecordSet."""
    count = f"{rows:,} " if rows is not None else ""
    return {
        "@type": "cr:RecordSet",
        "@id": RECORD_SET,
        "name": RECORD_SET,
        "description": f"The {count}training examples: chat messages with their source and language.",
        "key": {"@id": f"{RECORD_SET}/id"},
        "field": [
            _column("id", "Stable id: the source's name and the row read from it (NAME:ROW)."),
            _column("source", "The recipe's name for the source the example came from."),
            _column("lang", "Language identified by norcurate: nb (Bokmål), nn (Nynorsk), en or other."),
            {
                "@type": "cr:Field",
                "@id": f"{RECORD_SET}/messages",
                "name": "messages",
                "description": "The conversation, in order.",
                "isArray": True,
                "arrayShape": "-1",
                "subField": [
                    _message_part("role", "user, assistant or system."),
                    _message_part("content", "The message text."),
                ],
            },
        ],
    }


def _derived_from(source: dict[str, Any], in_mix: int) -> dict[str, Any]:
    """One source as a PROV entity: hub id and revision, or the path it was read from (relative to the
    recipe), with the sha256 of what was read and its licence."""
    detail = f"format {source.get('format')}, {source.get('rows_read', 0):,} rows read, {in_mix:,} in the mix"
    entity: dict[str, Any] = {"@type": "prov:Entity", "name": source["name"]}
    if "repo" in source:
        revision = source.get("revision")
        entity["@id"] = f"https://huggingface.co/datasets/{source['repo']}/tree/{revision}"
        entity["identifier"] = f"hf:{source['repo']}"
        entity["url"] = f"https://huggingface.co/datasets/{source['repo']}"
        entity["version"] = revision
        where = [f"config {source['config']}"] if source.get("config") else []
        where += [f"split {source['split']}"] if source.get("split") else []
        unverified = "" if source.get("revision_verified", True) else "; the revision was not verified"
        entity["description"] = f"Hugging Face dataset ({', '.join([*where, detail])}){unverified}."
    else:
        entity["prov:atLocation"] = source.get("path")
        split = f", split {source['split']}" if source.get("split") else ""
        entity["description"] = f"Local file or folder, relative to the recipe ({detail}{split})."
    if source.get("sha256"):
        entity["sha256"] = source["sha256"]
    entity["license"] = licence_value(source.get("licence"))
    return entity


def _step_line(entry: dict[str, Any]) -> str:
    dropped = entry.get("dropped") or {}
    reasons = ", ".join(f"{n:,} {reason.replace('_', ' ')}" for reason, n in dropped.items())
    what = f"dropped {reasons}" if reasons else "dropped none"
    return f"{entry['step']}: {entry['in']:,} rows in, {entry['out']:,} out; {what}."


STEP_PURPOSE = {
    "load": "read every source and map it to the example schema (id, source, messages)",
    "repair": "repair broken text (ftfy: mojibake, HTML entities, control characters) and strip whitespace",
    "language": "identify each example's language (Bokmål, Nynorsk, English or other) with a score",
    "filters": "drop empty, too short or too long examples, refusals, translation tasks and rows in "
    "another language than their source's",
    "dedup": "drop exact and near duplicates (MinHash over word n-grams)",
    "mix": "sample the language and source quotas with the recipe's seed",
    "audit": "drop examples that overlap a benchmark test set and refill the mix, until the audit passes",
}


def methods_line(audit: dict[str, Any]) -> str:
    """Each audit method with the parameters that decide a finding (n-gram size, threshold, ...)."""
    params = audit.get("method_parameters") or {}
    parts = []
    for method in audit.get("methods") or []:
        p = params.get(method) or {}
        shown = [f"{k} {p[k]}" for k in ("n", "unit", "threshold", "min_chars", "min_shared") if k in p]
        parts.append(f"{method} ({', '.join(shown)})" if shown else method)
    return "; ".join(parts)


def audit_statement(audit: dict[str, Any] | None, rows: int | None) -> str:
    """The contamination audit in a few sentences: what was checked, how, and the result."""
    if audit is None:
        return "No contamination audit was run: this set is not certified free of benchmark overlap."
    sets = ", ".join(
        f"{t['name']} ({t['items']:,} items, {t['source']}"
        + (f" at {t['revision']}" if t.get("revision") else "")
        + ")"
        for t in audit.get("test_sets") or []
    )
    result = "passed: no example overlaps a test item" if audit.get("passed") else "FAILED"
    summary = audit.get("summary") or {}
    audited = summary.get("train_rows", rows)
    return (
        f"Contamination audit of the {audited:,} published examples against {sets}, with the methods "
        f"{methods_line(audit)}: {result}. {audit.get('dropped_rows', 0):,} examples that overlapped "
        f"a test set were removed before ({audit.get('rounds', 1)} audit round(s)); the report is "
        "audit.json, the evidence (which quotes the test sets) is kept privately."
    )


def _langs(manifest: dict[str, Any]) -> list[str]:
    achieved = ((manifest.get("mix") or {}).get("achieved") or {}).get("by_lang") or {}
    return [k for k in ("nb", "nn", "en") if achieved.get(k)]  # BCP 47 tags already


def croissant_document(manifest: dict[str, Any]) -> dict[str, Any]:
    """The Croissant document of a build, from its manifest (its own entry in the file list is ignored)."""
    recipe = manifest.get("recipe") or {}
    inline = recipe.get("inline") or {}
    name = manifest["name"]
    rows = manifest.get("rows")
    # (croissant.json is not in FILE_KINDS: the document never describes itself)
    files = [f for f in manifest.get("files") or [] if f.get("path") in FILE_KINDS]
    by_source = ((manifest.get("mix") or {}).get("achieved") or {}).get("by_source") or {}
    sources = manifest.get("sources") or []
    tool = manifest.get("tool") or {}
    tool_name = f"{tool.get('name', 'norcurate')} {tool.get('version', '')}".strip()
    audit = manifest.get("audit")
    licence = manifest.get("licence")
    description = (inline.get("description") or "").strip() or f"The {name} supervised fine-tuning mix."
    description += (
        f" {rows:,} chat examples built by `curate build` ({tool_name}) from the recipe {recipe.get('file')} "
        f"(sha256 {recipe.get('sha256')}, seed {recipe.get('seed')}); manifest.json lists every file "
        "with its sha256."
    )
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": name,
        "description": description,
        "license": licence_value(licence),
        "inLanguage": _langs(manifest),
        "keywords": ["norcurate", "supervised fine-tuning", "chat", "Norwegian", "contamination audit"],
        # a citation that names the exact build: no date (the same recipe gives the same bytes)
        "citeAs": (
            f"@misc{{{name.replace('-', '_').replace('.', '_')}, title = {{{name}}}, note = {{built by "
            f"{tool_name} from recipe {recipe.get('file')} (sha256 {recipe.get('sha256')}), seed "
            f"{recipe.get('seed')}}}}}"
        ),
        "isLiveDataset": False,
        "distribution": [_file_object(f) for f in files],
        "recordSet": [record_set(rows)],
        "prov:wasDerivedFrom": [_derived_from(s, by_source.get(s["name"], 0)) for s in sources],
        "prov:wasGeneratedBy": [
            {
                "@type": "prov:Activity",
                "prov:label": f"curate build {recipe.get('file')} (seed {recipe.get('seed')})",
                "prov:wasAssociatedWith": {"@type": "prov:SoftwareAgent", "prov:label": tool_name},
            },
            *([_audit_activity(audit, rows)] if audit is not None else []),
        ],
        "rai:dataCollection": _collection(sources),
        "rai:dataCollectionType": "Secondary Data analysis",
        "rai:dataCollectionRawData": " ".join(
            f"{s['name']}: {_derived_from(s, by_source.get(s['name'], 0))['description']}" for s in sources
        ),
        "rai:dataPreprocessingProtocol": [
            *(
                f"{STEP_PURPOSE.get(e['step'], e['step'])} -- {_step_line(e)}"
                for e in manifest.get("funnel") or []
            ),
            audit_statement(audit, rows),
        ],
        "rai:dataManipulationProtocol": _manipulation(manifest),
        "rai:machineAnnotationTools": (
            f"The lang field is predicted by {tool_name}'s language identification (curate langid: "
            "Bokmål, Nynorsk, English or other, with a calibrated score); it is not checked by people."
        ),
        "rai:dataUseCases": "Supervised fine-tuning of chat models in Norwegian (Bokmål and Nynorsk).",
        "rai:dataLimitations": _limitations(audit),
    }
    return doc


def _collection(sources: list[dict[str, Any]]) -> str:
    hub = sum("repo" in s for s in sources)
    kinds = [f"{hub} Hugging Face dataset(s) at pinned revisions"] if hub else []
    kinds += [f"{len(sources) - hub} local file(s)"] if len(sources) > hub else []
    return (
        f"Compiled from existing data: {' and '.join(kinds)}; no new data was collected. Each source is "
        "listed under prov:wasDerivedFrom with the sha256 of what was read."
    )


def _manipulation(manifest: dict[str, Any]) -> str:
    """How rows became chat examples and how the mix was drawn."""
    mix = manifest.get("mix") or {}
    target = (mix.get("target") or {}).get("by_lang") or {}
    achieved = (mix.get("achieved") or {}).get("by_lang") or {}
    formats = sorted({str(s.get("format")) for s in manifest.get("sources") or []})
    quotas = ", ".join(f"{k} {v:,}" for k, v in target.items()) or "none"
    got = ", ".join(f"{k} {achieved[k]:,}" for k in sorted(achieved))
    seed = (manifest.get("recipe") or {}).get("seed")
    return (
        f"Each source's rows were mapped to chat messages by its format adapter ({', '.join(formats)}); "
        f"the mix was sampled with seed {seed} to the language quotas ({quotas}); achieved: {got}."
    )


def _audit_activity(audit: dict[str, Any], rows: int | None) -> dict[str, Any]:
    """The contamination audit as a PROV activity: the test sets it used and the report it generated."""
    used = []
    for t in audit.get("test_sets") or []:
        entity: dict[str, Any] = {"@type": "prov:Entity", "name": t["name"], "prov:atLocation": t["source"]}
        if t.get("revision"):
            entity["version"] = t["revision"]
        entity["description"] = f"Benchmark test set, {t['items']:,} items."
        entity["sha256"] = t["sha256"]
        used.append(entity)
    return {
        "@type": "prov:Activity",
        "prov:label": "contamination audit: " + ("passed" if audit.get("passed") else "FAILED"),
        "description": audit_statement(audit, rows),
        "prov:used": used,
        "prov:generated": {"@id": audit.get("report", "audit.json")},
    }


def _limitations(audit: dict[str, Any] | None) -> list[str]:
    out = [
        "Language labels are machine predictions; short or mixed-language examples can be mislabelled.",
        "The examples inherit the errors, biases and licences of their sources; the filters remove only "
        "the kinds of rows the funnel names.",
    ]
    if audit is None:
        out.append("No contamination audit was run.")
    else:
        names = ", ".join(t["name"] for t in audit.get("test_sets") or [])
        out.append(
            f"The audit covers only the test sets it names ({names}) and the listed methods at their "
            "thresholds: overlap with other benchmarks, and paraphrases or translations below the "
            "thresholds, are not ruled out."
        )
    return out


def croissant_bytes(manifest: dict[str, Any]) -> bytes:
    return canonical_json(croissant_document(manifest))


def croissant_mismatches(croissant: Any, manifest: dict[str, Any]) -> list[str]:
    """Where `croissant.json`'s FileObjects disagree with the manifest (sha256, size, a file it names
    that the manifest does not list): a Croissant reader checks the files against these."""
    if not isinstance(croissant, dict) or croissant.get("conformsTo") != CONFORMS_TO:
        return [f"{CROISSANT_NAME}: not a Croissant 1.1 document"]
    listed = {f["path"]: f for f in manifest.get("files") or [] if isinstance(f, dict) and "path" in f}
    out: list[str] = []
    for obj in croissant.get("distribution") or []:
        if not isinstance(obj, dict) or obj.get("@type") != "cr:FileObject":
            continue
        path = obj.get("contentUrl")
        entry = listed.get(path) if isinstance(path, str) else None
        if entry is None:
            out.append(f"{CROISSANT_NAME}: names {path!r}, which the manifest does not list")
        elif obj.get("sha256") != entry.get("sha256") or obj.get("contentSize") != f"{entry.get('bytes')} B":
            out.append(f"{CROISSANT_NAME}: {path}'s sha256 or size differs from the manifest")
    return out
