"""Run an audit: the test side built once, training sources streamed in batches past it, the report.

The Python API behind `contam audit` (see README.md, "From Python"):

    config = AuditConfig(test_fields=["question", "context"])
    index = build_test_side(config, tests=["test.jsonl"], against=["norquad"], benchmarks_dir="~/noreval")
    result = run_audit([TrainSource("train.jsonl")], index=index)   # or TrainSource(dataset / table / frame)
    result.report, result.findings_table()
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contamination import __version__
from contamination.common.errors import InputError
from contamination.config import AuditConfig
from contamination.engine import Scanner
from contamination.findings import DistinctCounter, FindingSink, ReportRows
from contamination.index.testindex import TestIndex
from contamination.io.fields import row_ids, select_texts
from contamination.io.readers import Hasher, Row, iter_batches
from contamination.io.tables import iter_table_batches
from contamination.methods.base import Finding
from contamination.testside.testsets import TestSet, load_test_set, test_set_name, unique_names

REPORT_SCHEMA = "norcurate.audit/1"  # with template handling off (`AuditConfig.templates`)
# with it on: the same report plus a `templates` section (findings that rest on template text only) and
# its counts in the summary
REPORT_SCHEMA_TEMPLATES = "norcurate.audit/2"
MEMORY = "<memory>"


@dataclass(frozen=True)
class TestSource:
    """A test set given as a file, dataset folder or `hf:` reference."""

    __test__ = False

    source: str
    fields: tuple[str, ...] | None = None  # None: the configuration's `test_fields`
    id_field: str | None = None  # None: the configuration's `test_id_field`
    name: str | None = None  # how findings name the set (default: from the file name)
    shown_as: str | None = None  # how the report names the source (default: `source`)


def load_test_sets(
    config: AuditConfig,
    tests: Sequence[TestSource | str] = (),
    against: Sequence[str] = (),
    benchmarks_dir: str | Path | None = None,
) -> list[TestSet]:
    """The test sets given as files (read as `config` says), then the NorEval tasks and groups named by
    `against` (from their local copies), with unique names."""
    if not tests and not against:
        raise InputError("no test set given; add --test PATH or --against NOREVAL_TASK")
    sets: list[TestSet] = []
    for t in tests:
        src = TestSource(t) if isinstance(t, str) else t
        ts = load_test_set(
            src.source,
            fields=src.fields or tuple(config.test_fields),
            id_field=src.id_field or config.test_id_field,
            name=src.name or test_set_name(src.shown_as or src.source),
            per_field=config.per_field,
        )
        ts.source = src.shown_as or src.source
        sets.append(ts)
    if against:
        from contamination.testside.benchmarks import resolve_against  # the registry only when named

        sets += resolve_against(list(against), None if benchmarks_dir is None else str(benchmarks_dir))
    unique_names(sets)
    return sets


def build_test_side(
    config: AuditConfig,
    tests: Sequence[TestSource | str] = (),
    against: Sequence[str] = (),
    benchmarks_dir: str | Path | None = None,
) -> TestIndex:
    """The test-side index every audit scans against (see `load_test_sets`)."""
    return TestIndex.build(load_test_sets(config, tests, against, benchmarks_dir), config)


@dataclass(frozen=True)
class TrainSource:
    """Training data: a file, dataset folder or `hf:` reference, or an in-memory table (a
    `datasets.Dataset`, pyarrow Table, polars DataFrame or list of rows or texts)."""

    source: Any
    fields: tuple[str, ...] = ("text",)
    id_field: str | None = "id"
    name: str | None = None  # how the report names an in-memory source (default "<memory>")

    @property
    def label(self) -> str:
        if isinstance(self.source, str | Path):
            return str(self.source)
        return self.name or MEMORY

    def batches(self, batch_size: int, hasher: Hasher) -> Iterator[list[Row]]:
        if isinstance(self.source, str | Path):
            return iter_batches(str(self.source), batch_size=batch_size, hasher=hasher, role="train")
        return iter_table_batches(self.source, batch_size, hasher)


@dataclass
class TrainStats:
    path: str
    rows: int = 0
    sha256: str = ""
    fields: list[str] = field(default_factory=list)
    split: str | None = None  # the split read, for a source with splits


@dataclass
class AuditResult:
    report: dict[str, Any]  # its "findings": a list, or `FindingRows` read from a file when many
    # findings per training row, keyed by (source index, row number within that source)
    flagged: Mapping[tuple[int, int], list[dict[str, Any]]]

    @property
    def contaminated(self) -> bool:
        return bool(self.report["findings"])

    def failed(self, fail_on_templates: bool = False) -> bool:
        """The audit's verdict: any finding, or (when asked) any template finding."""
        return self.contaminated or (fail_on_templates and bool(self.report.get("templates")))

    def findings_table(self) -> Any:
        """The findings as a pyarrow Table (one row per finding; `detail` as JSON text)."""
        import orjson
        import pyarrow as pa

        columns = ["train", "train_id", "test_set", "test_id", "test_field", "method", "score", "evidence"]
        rows = self.report["findings"]
        data: dict[str, list[Any]] = {c: [f[c] for f in rows] for c in columns}
        data["detail"] = [orjson.dumps(f["detail"]).decode() if "detail" in f else None for f in rows]
        schema = pa.schema(
            [(c, pa.float64() if c == "score" else pa.string()) for c in columns] + [("detail", pa.string())]
        )
        return pa.table(data, schema=schema)


def iter_train_texts(
    src: TrainSource, stats: TrainStats, batch_size: int
) -> Iterator[tuple[list[int], list[str], list[str], list[Row]]]:
    """(row numbers, ids, texts, rows) per batch of one training source (its `train` split when it has
    several)."""
    hasher = Hasher()
    n = 0
    for batch in src.batches(batch_size, hasher):
        rows_no = list(range(n, n + len(batch)))
        ids = row_ids(batch, src.id_field, n)
        texts = select_texts(batch, src.fields, src.label, n)
        n += len(batch)
        yield rows_no, ids, texts, batch
    stats.rows = n
    stats.sha256 = hasher.hexdigest()
    stats.split = hasher.split


def run_audit(
    train: Sequence[TrainSource],
    test_sets: Sequence[TestSet] | None = None,
    config: AuditConfig | None = None,
    index: TestIndex | None = None,
    batch_size: int = 2048,
    on_rows: Callable[[int], None] | None = None,
) -> AuditResult:
    """Audit every training source against the test sets (or a prebuilt index)."""
    if index is None:
        if test_sets is None:
            raise ValueError("give test_sets or an index")
        index = TestIndex.build(list(test_sets), config or AuditConfig())
    stats: list[TrainStats] = []

    def batches() -> Iterator[tuple[int, int, int, list[str], list[str]]]:
        ordinal = 0
        for s_idx, src in enumerate(train):
            st = TrainStats(path=src.label, fields=list(src.fields))
            stats.append(st)
            for rows_no, ids, texts, _rows in iter_train_texts(src, st, batch_size):
                yield ordinal, s_idx, rows_no[0] - ordinal if rows_no else 0, ids, texts
                ordinal += len(texts)
                if on_rows:
                    on_rows(len(texts))
            if st.rows == 0:
                raise empty_source(src.label, st.split)

    return _audit(index, batches(), stats)


def empty_source(label: str, split: str | None) -> InputError:
    """The error for a training source without rows: a broken export must not pass a CI gate as
    "clean"."""
    return InputError(f"{_described(label, split)}: no rows to audit; an empty training input is an error")


def check_share(option: str, value: float) -> float:
    """A threshold that is a share in (0, 1]; NaN and infinities are refused by name (the config's own
    check calls NaN "greater than 1", which sends the user looking in the wrong direction)."""
    if not math.isfinite(value):
        raise InputError(f"{option} {value}: not a number; give a share in (0, 1], e.g. 0.3")
    if not 0 < value <= 1:
        raise InputError(f"{option} {value}: out of range; give a share in (0, 1], e.g. 0.3")
    return value


def _described(source: str, split: str | None) -> str:
    return source if split is None else f"{source} (split {split})"


def texts_stats(name: str, rows: int) -> TrainStats:
    """How a report describes the in-memory texts of `audit_texts` (a build's flattened messages)."""
    return TrainStats(path=name, rows=rows, sha256="", fields=["messages"])


def audit_texts(
    ids: Sequence[str], texts: Sequence[str], index: TestIndex, name: str = MEMORY
) -> AuditResult:
    """Audit in-memory texts (used by `curate build`); row numbers are positions in `texts`."""
    stats = [texts_stats(name, len(texts))]
    step = 2048
    batches = (
        (start, 0, 0, list(ids[start : start + step]), list(texts[start : start + step]))
        for start in range(0, len(texts), step)
    )
    return _audit(index, batches, stats)


def _audit(
    index: TestIndex, batches: Iterable[tuple[int, int, int, list[str], list[str]]], stats: list[TrainStats]
) -> AuditResult:
    """Scan the batches (first ordinal, source, row number of ordinal 0, ids, texts), handing their
    findings to a `FindingSink` as they come (memory holds one batch and the test side, whatever the
    number of findings), then assemble the result."""
    scanner = Scanner(index)
    sink = finding_sink(index)
    for first, source, row_offset, ids, texts in batches:
        ordinals = list(range(first, first + len(texts)))
        settled, deferred = scanner.settle(scanner.scan(ordinals, ids, texts))
        sink.add(settled, deferred, first, source, row_offset, stats[source].path)
    return assemble(index, stats, sink, scanner)


def finding_sink(index: TestIndex) -> FindingSink:
    """The sink an audit against `index` hands its batches' findings to."""
    return FindingSink(lambda f, path: _finding_dict(f, index, path), _report_key(index))


def assemble(index: TestIndex, stats: list[TrainStats], sink: FindingSink, scanner: Scanner) -> AuditResult:
    """The result of an audit whose batches are all in `sink`: the deferred findings settled by
    `scanner` (the one that reviewed every batch, or took in the reviews of all), then the report."""
    return _result(index, stats, sink.records(scanner.settle_deferred))


def _report_key(index: TestIndex) -> Callable[[Finding], tuple[int, int, str, int]]:
    """A finding's place in the report: training row, test set, test item, method."""
    units = index.units
    order = {m: i for i, m in enumerate(index.config.methods)}
    return lambda f: (f.train_ordinal, units.unit_set[f.unit], units.unit_item[f.unit], order[f.method])


def _finding_dict(f: Finding, index: TestIndex, train_path: str) -> dict[str, Any]:
    units = index.units
    d = {
        "train": train_path,
        "train_id": f.train_id,
        "test_set": index.test_sets[units.unit_set[f.unit]].name,
        "test_id": units.unit_item[f.unit],
        "test_field": units.unit_field[f.unit],
        "method": f.method,
        "score": f.score,
        "evidence": f.evidence,
    }
    if f.detail:
        d["detail"] = f.detail
    return d


def _with_split(entry: dict[str, Any], split: str | None) -> dict[str, Any]:
    """The entry naming the split read; sources without splits (plain files) keep their old form."""
    return entry if split is None else {**entry, "split": split}


def build_result(
    index: TestIndex,
    stats: list[TrainStats],
    findings: list[Finding],
    origin: dict[int, tuple[int, int]],
) -> AuditResult:
    """The result of settled findings held in memory; `origin`: each finding's (source, row number)."""
    key = _report_key(index)
    records = (
        [*key(f), *origin[f.train_ordinal], _finding_dict(f, index, stats[origin[f.train_ordinal][0]].path)]
        for f in sorted(findings, key=key)
    )
    return _result(index, stats, records)


class _Counts:
    """The report's counts per group (all findings, per method, per test set), in one pass over its rows;
    distinct flagged training rows are counted in bounded memory (`DistinctCounter`)."""

    def __init__(self) -> None:
        self.findings: dict[str, int] = {}
        self.items: dict[str, set[tuple[str, str]]] = {}  # bounded by the test side
        self.rows = DistinctCounter()

    def add(self, d: dict[str, Any], *extra: str) -> None:
        for group in ("", "m:" + d["method"], "s:" + d["test_set"], *extra):
            self.findings[group] = self.findings.get(group, 0) + 1
            self.items.setdefault(group, set()).add((d["test_set"], d["test_id"]))
            self.rows.add(group, [d["train"], d["train_id"]])

    def per(self, group: str, rows: dict[str, int]) -> dict[str, int]:
        return {
            "findings": self.findings.get(group, 0),
            "flagged_train_rows": rows.get(group, 0),
            "contaminated_test_items": len(self.items.get(group, ())),
        }


def _result(index: TestIndex, stats: list[TrainStats], records: Iterable[list[Any]]) -> AuditResult:
    """The report and the flagged rows, in one pass over the findings in report order (records:
    [ordinal, test set, test item, method order, source, row number, report row])."""
    methods = index.config.methods
    units = index.units
    out, set_apart = ReportRows(), ReportRows()
    counts, template_counts = _Counts(), _Counts()
    for rec in _without_shadowed_templates(records):
        if _is_template(rec[6]):  # not a finding: neither counted nor written as flagged
            set_apart.add((rec[4], rec[5]), rec[6])
            template_counts.add(rec[6], "r:" + rec[6]["detail"]["template"])
        else:
            out.add((rec[4], rec[5]), rec[6])
            counts.add(rec[6])
    findings, flagged = out.result()
    rows = counts.rows.counts()
    units_per_set = [0] * len(index.test_sets)
    for s_idx in units.unit_set:
        units_per_set[s_idx] += 1
    by_set: dict[str, Any] = {}
    for s_idx, ts in enumerate(index.test_sets):
        entry: dict[str, Any] = {"items": ts.items, "units": units_per_set[s_idx]}
        entry.update(counts.per("s:" + ts.name, rows))
        by_set[ts.name] = entry
    short_items = index.too_short_items()
    total = counts.per("", rows)
    report: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "norcurate", "version": __version__},
        "train": [
            _with_split({"path": s.path, "rows": s.rows, "sha256": s.sha256, "fields": s.fields}, s.split)
            for s in stats
        ],
        "test_sets": [
            _with_split(
                {
                    "name": ts.name,
                    "source": ts.source,
                    "revision": ts.revision,
                    "items": ts.items,
                    "units": units_per_set[s_idx],
                    "sha256": ts.sha256,
                    "fields": ts.fields,
                    "too_short_for": {m: short_items[m].get(ts.name, 0) for m in methods if m in short_items},
                },
                ts.split,
            )
            for s_idx, ts in enumerate(index.test_sets)
        ],
        "methods": index.config.params(),
        "summary": {
            "train_rows": sum(s.rows for s in stats),
            "flagged_train_rows": total["flagged_train_rows"],
            "contaminated_test_items": total["contaminated_test_items"],
            "test_items": sum(ts.items for ts in index.test_sets),
            "test_units": index.n_units,
            "boilerplate_ngrams_ignored": index.boilerplate(),
            "by_method": {m: counts.per("m:" + m, rows) for m in methods},
            "by_test_set": by_set,
        },
        "findings": findings,
    }
    if index.config.templates:
        templates, _ = set_apart.result()
        template_rows = template_counts.rows.counts()
        report["schema"] = REPORT_SCHEMA_TEMPLATES
        report["summary"]["templates"] = {
            **template_counts.per("", template_rows),
            "by_reason": {
                g[2:]: n for g, n in sorted(template_counts.findings.items()) if g.startswith("r:")
            },
        }
        report["templates"] = templates
    return AuditResult(report, flagged)


def _is_template(row: dict[str, Any]) -> bool:
    return "template" in (row.get("detail") or {})


def _without_shadowed_templates(records: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """Template findings of a (training row, test item) pair that some method flags anyway add nothing:
    left out, so the templates section lists only pairs that would otherwise be clean. Records come in
    report order, so a pair's findings are next to each other."""
    for _, group in itertools.groupby(records, key=lambda rec: (rec[0], rec[1], rec[2])):
        pair = list(group)
        flagged = any(not _is_template(rec[6]) for rec in pair)
        yield from (rec for rec in pair if not (flagged and _is_template(rec[6])))
