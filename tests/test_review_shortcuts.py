"""The template review's shortcuts (decisions without a look at the row, findings outranked in their pair
left as found, an item's other units verified only when its best may be set apart) decide exactly as the
full review does, with and without the training side, on real data where many rows leak."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from contamination.audit import TrainSource, build_test_side, run_audit
from contamination.config import AuditConfig
from contamination.methods import review as rv
from contamination.report import report_bytes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BENCH = Path(__file__).resolve().parents[1] / "bench"
FIELDS = ["question", "context", "answers", "text", "choices"]
ALL = ["exact", "substring", "char50", "char30", "token13", "fuzzy", "short"]


@pytest.fixture(scope="module")
def leaky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (DATA / "norquad" / "test.jsonl").exists():
        pytest.skip(f"shared data not available: {DATA} is absent")
    sys.path.insert(0, str(BENCH))
    from audit_bench import make_train

    path = tmp_path_factory.mktemp("leaky") / "leaky.jsonl"
    make_train(path, 0.6, seed=3, leak_rate=0.1)
    return path


def _reports(tests: list[str], train: list[TrainSource]) -> list[bytes]:
    out = []
    for methods in (None, ALL):
        config = AuditConfig(test_fields=FIELDS, **({"methods": methods} if methods else {}))
        out.append(report_bytes(run_audit(train, index=build_test_side(config, tests)).report))
    return out


@pytest.mark.parametrize("side", ["large test side", "small test side (training side on)"])
def test_shortcuts_decide_as_the_full_review(leaky: Path, monkeypatch: pytest.MonkeyPatch, side: str) -> None:
    tests = [str(DATA / "norquad" / "test.jsonl")]
    if side == "large test side":
        tests += [str(DATA / "nocola" / "test.jsonl")]
    train = [
        TrainSource(str(leaky)),
        TrainSource(str(DATA / "mmlu_nb" / "dev_translation_b.jsonl"), ("question", "choices")),
    ]
    fast = _reports(tests, train)
    monkeypatch.setattr(rv, "_unit_rule", lambda *args: rv._needs_profile)
    monkeypatch.setattr(rv.Review, "settable", lambda self, method, units: np.ones(len(units), dtype=bool))
    monkeypatch.setattr(rv.Review, "_ranked_need", lambda self, found, out, need: need)
    assert _reports(tests, train) == fast
    assert b'"templates"' in fast[0]
