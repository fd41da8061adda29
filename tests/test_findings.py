"""Findings spilled to temporary files give the same report, flagged rows and table as findings held in
memory; a report's bytes written piece by piece equal canonical_json's."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest
from conftest import FJORD, SKI, write_jsonl
from rich.console import Console

from contamination import findings as findings_module
from contamination.audit import TrainSource, build_test_side, run_audit
from contamination.common.jsonio import canonical_json
from contamination.config import AuditConfig
from contamination.findings import DistinctCounter, FindingRows, FlaggedRows
from contamination.report import render_report, report_bytes, write_report
from contamination.split import write_split

ALL = ["exact", "substring", "char50", "char30", "token13", "fuzzy", "short"]


def _files(tmp_path: Path) -> tuple[Path, list[Path]]:
    test = write_jsonl(
        tmp_path / "test.jsonl",
        [
            {"id": "fjord", "question": "Hvor lang er Geirangerfjorden?", "context": FJORD, "answers": ["femten kilometer"]},
            {"id": "ski", "question": "Når ble det første hopprennet arrangert?", "context": SKI, "answers": ["1892"]},
        ],
    )  # fmt: skip
    rows = []
    for i in range(12):
        text = [FJORD, SKI, f"{FJORD} {SKI}", "Helt uten lekkasje her, bare vanlig tekst om været i dag."][
            i % 4
        ]
        # ids repeat across rows: the report counts distinct (file, id) pairs
        rows.append(
            {
                "id": f"r{i % 5}",
                "text": text + (" Hvor lang er Geirangerfjorden? femten kilometer" if i % 3 else ""),
            }
        )
    train = [write_jsonl(tmp_path / "a.jsonl", rows), write_jsonl(tmp_path / "b.jsonl", rows[::-1])]
    return test, train


def _audit(test: Path, train: list[Path], out: Path) -> dict[str, bytes]:
    config = AuditConfig(methods=ALL, test_fields=["question", "context", "answers"])
    index = build_test_side(config, [str(test)])
    sources = [TrainSource(str(p)) for p in train]
    result = run_audit(sources, index=index, batch_size=5)
    out.mkdir()
    write_report(result.report, out / "report.json")
    write_split(sources, result.flagged, out / "clean.jsonl", out / "flagged.jsonl")
    table = io.StringIO()
    render_report(result.report, Console(file=table, width=200))
    return {
        "kind": type(result.report["findings"]).__name__.encode() + type(result.flagged).__name__.encode(),
        "bytes": report_bytes(result.report),
        "written": (out / "report.json").read_bytes(),
        "clean": (out / "clean.jsonl").read_bytes(),
        "flagged": (out / "flagged.jsonl").read_bytes(),
        "map": orjson.dumps(sorted([list(k), v] for k, v in result.flagged.items())),
        "table": table.getvalue().encode(),
    }


def test_spilled_findings_give_the_same_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    test, train = _files(tmp_path)
    held = _audit(test, train, tmp_path / "held")
    monkeypatch.setattr(findings_module, "SPILL_AT", 3)
    monkeypatch.setattr(findings_module, "DISTINCT_AT", 2)
    spilled = _audit(test, train, tmp_path / "spilled")
    assert held.pop("kind") == b"listdict"
    assert spilled.pop("kind") == b"FindingRowsFlaggedRows"
    report = orjson.loads(held["bytes"])
    methods = {f["method"] for f in report["findings"]}
    assert {"char50", "token13", "short"} <= methods, methods  # settled and deferred findings both spill
    # ids repeat: distinct (file, id) pairs are fewer than flagged rows, and counted exactly when spilled
    distinct_rows = {(f["train"], f["train_id"]) for f in report["findings"]}
    assert report["summary"]["flagged_train_rows"] == len(distinct_rows) < len(orjson.loads(held["map"]))
    assert held == spilled
    assert held["bytes"] == held["written"] == canonical_json(report)


def test_finding_rows_read_back(tmp_path: Path) -> None:
    rows = [{"a": i, "t": "x\ny" * i} for i in range(50)]
    lines = [orjson.dumps(r) + b"\n" for r in rows]
    fh = (tmp_path / "rows").open("w+b")
    fh.write(b"".join(lines))
    fh.flush()
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    import numpy as np

    seq = FindingRows(fh, np.array(offsets, dtype=np.int64))
    assert len(seq) == 50 and list(seq) == rows and seq[-1] == rows[-1] and seq[10:13] == rows[10:13]
    flagged = FlaggedRows(
        seq, np.array([(0 << 40) | 3, (1 << 40) | 0], dtype=np.int64), np.array([0, 20, 50])
    )
    assert dict(flagged) == {(0, 3): rows[:20], (1, 0): rows[20:]}
    assert flagged.get((0, 4)) is None
    with pytest.raises(IndexError):
        seq[50]


def test_distinct_counter_spills_and_counts_exactly() -> None:
    keys = [["f", str(i % 37)] for i in range(500)] + [["g", "x"]] * 3
    small, big = DistinctCounter(limit=7), DistinctCounter()
    for k in keys:
        for c in (small, big):
            c.add("all", k)
            c.add(k[0], k)
    assert small.runs and not big.runs
    assert small.counts() == big.counts() == {"all": 38, "f": 37, "g": 1}
