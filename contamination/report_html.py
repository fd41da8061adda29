"""The audit report as one self-contained HTML page a reviewer can open from disk.

What it shows: the verdict; per test set and method the contaminated items (a table and an SVG bar
chart); every finding once, grouped per test item, with the training text and the test text side by side
and the matched span marked; scores and, for fuzzy/short, the sub-scores. No network, no CDN: styles,
chart and the little script that filters and sorts the findings table are inline. Without JavaScript
every finding is still listed (the groups are `<details>` elements); the first `OPEN_GROUPS` are open.

The texts are the forms the methods compared (`exact`/`substring`: the normalised form; the n-gram
methods: the n-gram form, lowercased and without punctuation), because the evidence is a span of that
form. They come from `ReportTexts`: gathered after an audit (`texts_for`), or re-read for an existing
report from the files it names; without them a finding shows its evidence alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from contamination.common.charts import grouped_bars

OPEN_GROUPS = 50  # test items shown open; the rest are collapsed (they open on a click)
CONTEXT_CHARS = 300  # text shown on each side of the marked span
NGRAM_METHODS_N = {"char50": 50, "char30": 30}
NORMALISED_METHODS = ("exact", "substring")

TrainKey = tuple[str, str]  # (training source, row id)
TestKey = tuple[str, str, str]  # (test set, item id, field)


@dataclass
class ReportTexts:
    """The texts findings point at, in the two forms the methods compare."""

    train_norm: dict[TrainKey, str] = field(default_factory=dict)
    train_ngram: dict[TrainKey, str] = field(default_factory=dict)
    test_norm: dict[TestKey, str] = field(default_factory=dict)
    test_ngram: dict[TestKey, str] = field(default_factory=dict)

    def add(self, side: str, keys: Sequence[tuple[str, ...]], raw: Sequence[str]) -> None:
        """Normalise `raw` texts and keep both forms under `keys` (side: "train" or "test")."""
        if not raw:
            return
        from contamination.text.prepare import prepare

        prepared = prepare(list(raw))
        norm, ngram = (
            (self.train_norm, self.train_ngram) if side == "train" else (self.test_norm, self.test_ngram)
        )
        for key, n, g in zip(keys, prepared.norm.texts(), prepared.ngram.texts(), strict=True):
            norm[key] = n  # type: ignore[index]
            ngram[key] = g  # type: ignore[index]

    def train(self, f: Mapping[str, Any]) -> str | None:
        forms = self.train_norm if f["method"] in NORMALISED_METHODS else self.train_ngram
        return forms.get((f["train"], f["train_id"]))

    def test(self, f: Mapping[str, Any]) -> str | None:
        forms = self.test_norm if f["method"] in NORMALISED_METHODS else self.test_ngram
        return forms.get((f["test_set"], f["test_id"], f["test_field"]))


# ----------------------------------------------------------------------------- spans


def train_span(text: str, evidence: str, f: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where the evidence lies in the training text (fuzzy names its window; short its offset)."""
    detail = f.get("detail") or {}
    if f["method"] == "fuzzy" and "window" in detail:
        a = int(detail["window"][0])
        return (a, a + len(evidence)) if text[a : a + len(evidence)] == evidence else _find(text, evidence)
    return _find(text, evidence)


def _find(text: str, needle: str) -> tuple[int, int] | None:
    at = text.find(needle) if needle else -1
    return None if at < 0 else (at, at + len(needle))


def unit_spans(test: str, evidence: str, method: str) -> list[tuple[int, int]]:
    """The stretches of the test text the evidence shares with it, by the method's own unit of match:
    the evidence itself (exact, substring, short: found whole), the test text's character n-grams
    (char50/char30) or word 13-grams (token13) found in the evidence, its words (fuzzy)."""
    if method in NORMALISED_METHODS or method == "short":
        inside = _find(test, evidence)  # the evidence is the test text, or a training text inside it
        if inside is None and test and test in evidence:
            inside = (0, len(test))  # the test text found inside the training text
        return [inside] if inside else []
    if method in NGRAM_METHODS_N:
        n = NGRAM_METHODS_N[method]
        grams = {evidence[i : i + n] for i in range(len(evidence) - n + 1)}
        return _merge((i, i + n) for i in range(len(test) - n + 1) if test[i : i + n] in grams)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", test)]
    if method == "token13":
        spaced = f" {evidence} "
        return _merge(
            (words[k][0], words[k + 12][1])
            for k in range(len(words) - 12)
            if f" {test[words[k][0] : words[k + 12][1]]} " in spaced
        )
    found = set(evidence.split(" "))
    return _merge((a, b) for a, b in words if test[a:b] in found)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` HTML-escaped with each span in a <mark>."""
    out, pos = [], 0
    for a, b in spans:
        out += [html.escape(text[pos:a]), "<mark>", html.escape(text[a:b]), "</mark>"]
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _train_pane(text: str | None, f: Mapping[str, Any]) -> str:
    evidence = f["evidence"]
    span = train_span(text, evidence, f) if text is not None else None
    if text is None or span is None:
        return f'<pre class="text"><mark>{html.escape(evidence)}</mark></pre>'
    a, b = span
    lo, hi = max(0, a - CONTEXT_CHARS), min(len(text), b + CONTEXT_CHARS)
    head = "… " if lo else ""
    tail = " …" if hi < len(text) else ""
    return f'<pre class="text">{head}{marked(text[lo:hi], [(a - lo, b - lo)])}{tail}</pre>'


def _test_pane(text: str | None, f: Mapping[str, Any]) -> str:
    if text is None:
        return '<p class="note">The test text is not available here (the test set files were not found).</p>'
    spans = unit_spans(text, f["evidence"], f["method"])
    if not spans:
        return f'<pre class="text">{html.escape(text[: 2 * CONTEXT_CHARS])}{" …" if len(text) > 2 * CONTEXT_CHARS else ""}</pre>'
    # the marked stretch with some context: long passages would repeat for every finding of their item
    lo, hi = max(0, spans[0][0] - CONTEXT_CHARS), min(len(text), spans[-1][1] + CONTEXT_CHARS)
    head = "… " if lo else ""
    tail = " …" if hi < len(text) else ""
    inner = marked(text[lo:hi], [(a - lo, b - lo) for a, b in spans])
    return f'<pre class="text">{head}{inner}{tail}</pre>'


# ----------------------------------------------------------------------------- page parts


def _summary(report: Mapping[str, Any]) -> tuple[str, str]:
    """(summary table, chart) of contaminated test items per test set and method."""
    methods = list(report["methods"])
    sets = [ts["name"] for ts in report["test_sets"]]
    counts = {m: {s: set() for s in sets} for m in methods}
    for f in report["findings"]:
        counts[f["method"]][f["test_set"]].add(f["test_id"])
    head = "".join(f"<th>{html.escape(m)}</th>" for m in methods)
    rows = []
    for ts in report["test_sets"]:
        name = ts["name"]
        cells = "".join(f'<td class="num">{len(counts[m][name]):,}</td>' for m in methods)
        total = report["summary"]["by_test_set"][name]["contaminated_test_items"]
        rows.append(
            f'<tr><td>{html.escape(name)}</td><td class="num">{ts["items"]:,}</td>{cells}'
            f'<td class="num">{total:,}</td></tr>'
        )
    table = (
        f"<table><thead><tr><th>test set</th><th>items</th>{head}<th>contaminated items</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    series = {m: [len(counts[m][s]) for s in sets] for m in methods}
    chart = grouped_bars("Contaminated test items per method", sets, series, "test items")
    return table, _inline_svg(chart)


def _inline_svg(svg: str) -> str:
    """An SVG document as an element that can sit inside HTML (no XML prolog, no DOCTYPE)."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    return svg.strip()


def _detail_text(f: Mapping[str, Any]) -> str:
    detail = f.get("detail") or {}
    parts = [f"{k} {v}" for k, v in detail.items() if k in ("char5", "word", "shared_rare_bigrams", "alone")]
    return ", ".join(parts)


def _finding(k: int, f: Mapping[str, Any], texts: ReportTexts) -> str:
    score = f"{f['score']:.4f}".rstrip("0").rstrip(".")
    sub = _detail_text(f)
    data = (
        f'data-set="{html.escape(f["test_set"])}" data-method="{html.escape(f["method"])}" '
        f'data-score="{f["score"]}"'
    )
    return (
        f'<article class="finding" id="f{k}" {data}>'
        f'<h4><span class="method">{html.escape(f["method"])}</span> score {score}'
        + (f' <span class="sub">({html.escape(sub)})</span>' if sub else "")
        + f" · training row <code>{html.escape(f['train_id'])}</code> of <code>{html.escape(f['train'])}</code>"
        f" · test field <code>{html.escape(f['test_field'])}</code></h4>"
        f'<div class="pair"><div><h5>training text</h5>{_train_pane(texts.train(f), f)}</div>'
        f"<div><h5>test text</h5>{_test_pane(texts.test(f), f)}</div></div></article>"
    )


def _groups(findings: Sequence[Mapping[str, Any]], texts: ReportTexts) -> str:
    groups: dict[tuple[str, str], list[int]] = {}
    for k, f in enumerate(findings):
        groups.setdefault((f["test_set"], f["test_id"]), []).append(k)
    out = []
    for g, ((test_set, test_id), members) in enumerate(groups.items()):
        methods = sorted({findings[k]["method"] for k in members})
        rows = len({findings[k]["train_id"] for k in members})
        opened = " open" if g < OPEN_GROUPS else ""
        out.append(
            f'<details class="item"{opened}><summary><b>{html.escape(test_set)}</b> / {html.escape(test_id)}: '
            f"{len(members)} finding{'s' if len(members) != 1 else ''} in {rows} training row"
            f"{'s' if rows != 1 else ''} ({html.escape(', '.join(methods))})</summary>"
            + "".join(_finding(k, findings[k], texts) for k in members)
            + "</details>"
        )
    return "".join(out)


def _index_table(findings: Sequence[Mapping[str, Any]]) -> str:
    rows = "".join(
        f'<tr data-set="{html.escape(f["test_set"])}" data-method="{html.escape(f["method"])}" '
        f'data-score="{f["score"]}"><td><a href="#f{k}">{html.escape(f["train_id"])}</a></td>'
        f"<td>{html.escape(f['test_set'])}</td><td>{html.escape(f['test_id'])}</td>"
        f"<td>{html.escape(f['test_field'])}</td><td>{html.escape(f['method'])}</td>"
        f'<td class="num">{f["score"]}</td></tr>'
        for k, f in enumerate(findings)
    )
    head = "".join(
        f'<th data-col="{i}"{" data-num" if c == "score" else ""}>{c}</th>'
        for i, c in enumerate(("training row", "test set", "test item", "field", "method", "score"))
    )
    return f'<table id="index"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _filters(report: Mapping[str, Any]) -> str:
    sets = "".join(f"<option>{html.escape(ts['name'])}</option>" for ts in report["test_sets"])
    methods = "".join(f"<option>{html.escape(m)}</option>" for m in report["methods"])
    return (
        '<form id="filters" onsubmit="return false">'
        f'<label>test set <select id="f-set"><option value="">all</option>{sets}</select></label> '
        f'<label>method <select id="f-method"><option value="">all</option>{methods}</select></label> '
        '<label>score at least <input id="f-score" type="number" min="0" max="1" step="0.05" value="0"></label> '
        '<span id="f-count"></span></form>'
    )


_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:78rem;padding:0 1rem;color:#1d1d1d}
h1{margin-bottom:.2rem}.verdict{font-size:1.1rem;font-weight:600}.bad{color:#a32020}.good{color:#1f7a1f}
table{border-collapse:collapse;margin:.6rem 0}th,td{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}th[data-col]{cursor:pointer}
#index{display:block;max-height:22rem;overflow:auto}
details.item{border:1px solid #ccc;border-radius:4px;margin:.5rem 0;padding:.3rem .6rem}
details.item>summary{cursor:pointer}article.finding{content-visibility:auto;contain-intrinsic-size:auto 16rem;border-top:1px dashed #ccc;margin-top:.5rem;padding-top:.3rem}
h4{margin:.2rem 0;font-weight:500}h5{margin:.2rem 0;color:#555}.method{font-weight:700}.sub{color:#555}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
pre.text{white-space:pre-wrap;word-break:break-word;background:#f7f7f5;padding:.5rem;max-height:18rem;overflow:auto;margin:0}
mark{background:#ffd54f}.note{color:#777}svg{max-width:100%;height:auto}
"""

_SCRIPT = """
(function(){
const set=document.getElementById('f-set'),method=document.getElementById('f-method'),
score=document.getElementById('f-score'),count=document.getElementById('f-count');
function keep(el){return (!set.value||el.dataset.set===set.value)&&(!method.value||el.dataset.method===method.value)
&&parseFloat(el.dataset.score)>=(parseFloat(score.value)||0);}
function apply(){let n=0;document.querySelectorAll('#index tbody tr').forEach(r=>{const k=keep(r);r.hidden=!k;n+=k;});
document.querySelectorAll('article.finding').forEach(a=>{a.hidden=!keep(a);});
document.querySelectorAll('details.item').forEach(d=>{d.hidden=!d.querySelector('article.finding:not([hidden])');});
count.textContent=n+' shown';}
[set,method,score].forEach(e=>e.addEventListener('input',apply));
document.querySelectorAll('#index th').forEach(th=>th.addEventListener('click',()=>{
const body=document.querySelector('#index tbody'),i=+th.dataset.col,num='num' in th.dataset,
dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir===1?'asc':'desc';
const rows=[...body.rows].sort((a,b)=>{const x=a.cells[i].textContent,y=b.cells[i].textContent;
return dir*(num?parseFloat(x)-parseFloat(y):x.localeCompare(y));});rows.forEach(r=>body.appendChild(r));}));
apply();})();
"""


def render_html(
    report: Mapping[str, Any], texts: ReportTexts | None = None, title: str = "Contamination audit"
) -> str:
    """The whole page (see the module docstring). Identical reports and texts give identical bytes."""
    texts = texts or ReportTexts()
    s = report["summary"]
    findings = report["findings"]
    verdict = (
        f'<p class="verdict bad">CONTAMINATED: {s["flagged_train_rows"]:,} of {s["train_rows"]:,} training rows '
        f"flagged, {s['contaminated_test_items']:,} of {s['test_items']:,} test items contaminated</p>"
        if findings
        else f'<p class="verdict good">CLEAN: no finding in {s["train_rows"]:,} training rows against '
        f"{s['test_items']:,} test items</p>"
    )
    train = "".join(
        f"<li><code>{html.escape(t['path'])}</code>: {t['rows']:,} rows, sha256 <code>{t['sha256'][:16]}…</code></li>"
        for t in report["train"]
    )
    table, chart = _summary(report)
    methods = "".join(
        f"<li><b>{html.escape(m)}</b>: {html.escape(', '.join(f'{k} {v}' for k, v in p.items()))}</li>"
        for m, p in report["methods"].items()
    )
    body = (
        f"<h1>{html.escape(title)}</h1>{verdict}"
        f'<p class="note">{html.escape(report["schema"])}, norcurate {html.escape(report["tool"]["version"])}</p>'
        f"<h2>Training data</h2><ul>{train}</ul>"
        f"<h2>Summary</h2>{table}<figure>{chart}</figure>"
        f"<details><summary>Methods and their parameters</summary><ul>{methods}</ul></details>"
        f"<h2>Findings ({len(findings):,})</h2>"
    )
    if findings:
        body += (
            _filters(report)
            + _index_table(findings)
            + '<p class="note">Grouped per test item; the texts are the forms the method compared '
            "(n-gram methods: lowercased, punctuation removed), the matched span marked.</p>"
            + _groups(findings, texts)
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}<script>{_SCRIPT}</script></body></html>\n"
    )


# ----------------------------------------------------------------------------- texts


def texts_for(
    report: Mapping[str, Any], sources: Sequence[Any], flagged: Mapping[tuple[int, int], Any], index: Any
) -> ReportTexts:
    """The texts an audit's findings point at: the flagged training rows (read again from `sources`, one
    batch at a time: memory grows with the findings only) and the test units, in both forms."""
    from contamination.audit import TrainStats, iter_train_texts

    texts = ReportTexts()
    for s_idx, src in enumerate(sources):
        for rows_no, ids, batch_texts, _rows in iter_train_texts(src, TrainStats(src.label), 4096):
            wanted = [i for i, r in enumerate(rows_no) if (s_idx, r) in flagged]
            texts.add("train", [(src.label, ids[i]) for i in wanted], [batch_texts[i] for i in wanted])
    add_unit_texts(texts, report, index)
    return texts


def add_unit_texts(texts: ReportTexts, report: Mapping[str, Any], index: Any) -> None:
    """The forms of the test units the report's findings name, from the index (already normalised)."""
    units = index.units
    needed = {(f["test_set"], f["test_id"], f["test_field"]) for f in report["findings"]}
    for u in range(len(units)):
        key = (index.test_sets[units.unit_set[u]].name, units.unit_item[u], units.unit_field[u])
        if key in needed:
            texts.test_norm[key] = units.norm[u]
            texts.test_ngram[key] = units.ngram[u]


def texts_from_rows(report: Mapping[str, Any], rows: Mapping[str, str], index: Any) -> ReportTexts:
    """The texts of a report on in-memory rows (id -> raw text, as audited) against `index`."""
    texts = ReportTexts()
    wanted = [(f["train"], f["train_id"]) for f in report["findings"] if f["train_id"] in rows]
    keys = list(dict.fromkeys(wanted))
    texts.add("train", keys, [rows[row_id] for _, row_id in keys])
    add_unit_texts(texts, report, index)
    return texts


def texts_from_files(report: Mapping[str, Any], id_field: str = "id") -> tuple[ReportTexts, list[str]]:
    """The texts of an existing report, re-read from the files it names when they are still there and
    unchanged (same sha256). Returns the texts and a note per file that could not be used."""
    from pathlib import Path

    from contamination.audit import TrainSource, TrainStats, iter_train_texts
    from contamination.common.errors import InputError
    from contamination.testside.testsets import load_test_set

    texts, notes = ReportTexts(), []
    wanted = {(f["train"], f["train_id"]) for f in report["findings"]}
    for t in report["train"]:
        if not Path(t["path"]).exists() and not t["path"].startswith("hf:"):
            notes.append(f"{t['path']}: not found; training texts left out")
            continue
        src = TrainSource(t["path"], tuple(t["fields"]), id_field)
        stats = TrainStats(src.label)
        found: dict[str, str] = {}
        try:
            for _, ids, batch_texts, _rows in iter_train_texts(src, stats, 4096):
                found.update(
                    (i, x) for i, x in zip(ids, batch_texts, strict=True) if (t["path"], i) in wanted
                )
        except InputError as exc:
            notes.append(f"{exc}; training texts left out")
            continue
        if stats.sha256 != t["sha256"]:
            notes.append(f"{t['path']}: changed since the audit (sha256 differs); training texts left out")
            continue
        texts.add("train", [(t["path"], key) for key in found], list(found.values()))
    needed = {(f["test_set"], f["test_id"], f["test_field"]) for f in report["findings"]}
    for ts in report["test_sets"]:
        try:
            loaded = load_test_set(ts["source"], fields=ts["fields"], id_field=id_field, per_field=True)
        except InputError as exc:
            notes.append(f"{exc}; test texts of {ts['name']} left out")
            continue
        if loaded.sha256 != ts["sha256"]:
            notes.append(f"{ts['source']}: changed since the audit (sha256 differs); test texts left out")
            continue
        keep = [u for u in loaded.units if (ts["name"], u.item_id, u.field) in needed]
        texts.add("test", [(ts["name"], u.item_id, u.field) for u in keep], [u.text for u in keep])
    return texts, notes
