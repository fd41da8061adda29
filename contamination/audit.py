"""Run an audit: training sources streamed in batches against a test-side index; build the report."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from contamination import __version__
from contamination.common.errors import InputError
from contamination.config import AuditConfig
from contamination.engine import Finding, Scanner, best_per_item, guard_short
from contamination.index.testindex import TestIndex
from contamination.io.fields import row_ids, select_texts
from contamination.io.readers import Hasher, Row, iter_batches
from contamination.testside.testsets import TestSet

REPORT_SCHEMA = "norcurate.audit/1"


@dataclass(frozen=True)
class TrainSource:
    source: str
    fields: tuple[str, ...] = ("text",)
    id_field: str | None = "id"


@dataclass
class TrainStats:
    path: str
    rows: int = 0
    sha256: str = ""
    fields: list[str] = field(default_factory=list)
    split: str | None = None  # the split read, for a source with splits


@dataclass
class AuditResult:
    report: dict[str, Any]
    # findings per training row, keyed by (source index, row number within that source)
    flagged: dict[tuple[int, int], list[dict[str, Any]]]

    @property
    def contaminated(self) -> bool:
        return bool(self.report["findings"])


def iter_train_texts(
    source_idx: int, src: TrainSource, stats: TrainStats, batch_size: int
) -> Iterator[tuple[list[int], list[str], list[str], list[Row]]]:
    """(row numbers, ids, texts, rows) per batch of one training source (its `train` split when it has
    several)."""
    hasher = Hasher()
    n = 0
    for batch in iter_batches(src.source, batch_size=batch_size, hasher=hasher, role="train"):
        rows_no = list(range(n, n + len(batch)))
        ids = row_ids(batch, src.id_field, n)
        texts = select_texts(batch, src.fields, src.source, n)
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
    scanner = Scanner(index)
    stats: list[TrainStats] = []
    findings: list[Finding] = []
    origin: dict[int, tuple[int, int]] = {}
    ordinal = 0
    for s_idx, src in enumerate(train):
        st = TrainStats(path=src.source, fields=list(src.fields))
        stats.append(st)
        for rows_no, ids, texts, _rows in iter_train_texts(s_idx, src, st, batch_size):
            ordinals = list(range(ordinal, ordinal + len(texts)))
            batch_findings = scanner.scan(ordinals, ids, texts)
            for f in batch_findings:
                origin[f.train_ordinal] = (s_idx, rows_no[f.train_ordinal - ordinal])
            findings += batch_findings
            ordinal += len(texts)
            if on_rows:
                on_rows(len(texts))
        if st.rows == 0:  # a broken export must not pass a CI gate as "clean"
            raise InputError(
                f"{_described(src.source, st.split)}: no rows to audit; an empty training input is an error"
            )
    findings = best_per_item(guard_short(findings, index), index)
    return build_result(index, stats, findings, origin)


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


def audit_texts(
    ids: Sequence[str], texts: Sequence[str], index: TestIndex, name: str = "<memory>"
) -> AuditResult:
    """Audit in-memory texts (used by `curate build`); row numbers are positions in `texts`."""
    scanner = Scanner(index)
    findings: list[Finding] = []
    step = 2048
    for start in range(0, len(texts), step):
        ordinals = list(range(start, min(start + step, len(texts))))
        findings += scanner.scan(ordinals, ids[start : start + step], texts[start : start + step])
    findings = best_per_item(guard_short(findings, index), index)
    stats = [TrainStats(path=name, rows=len(texts), sha256="", fields=["messages"])]
    return build_result(index, stats, findings, {f.train_ordinal: (0, f.train_ordinal) for f in findings})


def _finding_dict(f: Finding, index: TestIndex, train_path: str) -> dict[str, Any]:
    d = {
        "train": train_path,
        "train_id": f.train_id,
        "test_set": index.test_sets[index.unit_set[f.unit]].name,
        "test_id": index.unit_item[f.unit],
        "test_field": index.unit_field[f.unit],
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
    methods = index.config.methods
    order = {m: i for i, m in enumerate(methods)}
    findings = sorted(
        findings,
        key=lambda f: (f.train_ordinal, index.unit_set[f.unit], index.unit_item[f.unit], order[f.method]),
    )
    rows: list[dict[str, Any]] = []
    flagged: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for f in findings:
        src_idx, row_no = origin[f.train_ordinal]
        d = _finding_dict(f, index, stats[src_idx].path)
        rows.append(d)
        flagged.setdefault((src_idx, row_no), []).append(d)

    def per(keys: Callable[[dict[str, Any]], bool]) -> dict[str, int]:
        sel = [d for d in rows if keys(d)]
        return {
            "findings": len(sel),
            "flagged_train_rows": len({(d["train"], d["train_id"]) for d in sel}),
            "contaminated_test_items": len({(d["test_set"], d["test_id"]) for d in sel}),
        }

    units_per_set = [0] * len(index.test_sets)
    for s_idx in index.unit_set:
        units_per_set[s_idx] += 1
    by_set: dict[str, Any] = {}
    for s_idx, ts in enumerate(index.test_sets):
        entry: dict[str, Any] = {"items": ts.items, "units": units_per_set[s_idx]}
        entry.update(per(lambda d, n=ts.name: d["test_set"] == n))
        by_set[ts.name] = entry
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
                    "too_short_for": {
                        m: index.short_items.get(m, {}).get(ts.name, 0)
                        for m in methods
                        if m in index.short_items
                    },
                },
                ts.split,
            )
            for s_idx, ts in enumerate(index.test_sets)
        ],
        "methods": index.config.params(),
        "summary": {
            "train_rows": sum(s.rows for s in stats),
            "flagged_train_rows": len({(d["train"], d["train_id"]) for d in rows}),
            "contaminated_test_items": len({(d["test_set"], d["test_id"]) for d in rows}),
            "test_items": sum(ts.items for ts in index.test_sets),
            "test_units": index.n_units,
            "boilerplate_ngrams_ignored": dict(sorted(index.boilerplate.items())),
            "by_method": {m: per(lambda d, m=m: d["method"] == m) for m in methods},
            "by_test_set": by_set,
        },
        "findings": rows,
    }
    return AuditResult(report, flagged)
