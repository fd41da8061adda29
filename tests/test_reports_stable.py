"""Refactors and speed work keep every finding: reports on real data, compared with stored digests.

The reference digests were taken from the reports of the code before the method registry (commit
3a7a413), with the same normalisation of machine-specific paths; with template handling off
(`AuditConfig.templates`) the reports must still equal them byte for byte. With it on (the default since
issue 17) they are the `+templates` digests: the report schema is norcurate.audit/2 (a `templates`
section and its summary), fuzzy findings carry their information and distinguishing-word figures, and
on the MMLU case findings that rest on template text move to `templates`. A report that legitimately
changes (a new field, a fixed finding) needs new digests: `python tests/test_reports_stable.py` prints
them, and the commit says why they changed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from contamination.audit import TrainSource, build_test_side, run_audit
from contamination.config import AuditConfig
from contamination.report import report_bytes

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DIGESTS = Path(__file__).with_name("data") / "report_digests.json"
TESTS = ("norquad/test.jsonl", "nocola/test.jsonl", "mmlu_nb/dev_translation_a.jsonl")
TEST_FIELDS = ["question", "context", "answers", "text", "choices"]
ALL = ["exact", "substring", "char50", "char30", "token13", "fuzzy", "short"]
CASES = {
    # name: (training files, training fields, methods)
    "nqval-default": (["norquad/validation.jsonl"], ("question", "context", "answers"), None),
    "mmlub-fuzzy": (["mmlu_nb/dev_translation_b.jsonl"], ("question", "choices"), ALL[:6]),
    "norne-all": (["norne/nb_dev.jsonl", "norne/nn_dev.jsonl"], ("text",), ALL),
}


def normalised(report: dict) -> dict:
    """The report with paths as `shared/data/...` wherever the data lies."""

    def rel(p: str) -> str:
        return "shared/data/" + p.split("/shared/data/", 1)[-1] if "/shared/data/" in p else p

    for t in report["train"]:
        t["path"] = rel(t["path"])
    for t in report["test_sets"]:
        t["source"] = rel(t["source"])
    for f in report["findings"] + report.get("templates", []):
        f["train"] = rel(f["train"])
    return report


def digest(report: dict) -> str:
    return hashlib.sha256(report_bytes(normalised(report))).hexdigest()


def run_case(name: str, templates: bool) -> dict:
    files, fields, methods = CASES[name]
    config = AuditConfig(
        test_fields=TEST_FIELDS, templates=templates, **({"methods": methods} if methods else {})
    )
    index = build_test_side(config, [str(DATA / t) for t in TESTS])
    train = [TrainSource(str(DATA / f), fields) for f in files]
    return run_audit(train, index=index).report


@pytest.mark.parametrize("templates", [False, True], ids=["templates-off", "templates-on"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_report_is_unchanged(name: str, templates: bool) -> None:
    if not all((DATA / p).exists() for p in TESTS):
        pytest.skip(f"shared data not available: {DATA} is absent")
    key = f"{name}+templates" if templates else name
    assert digest(run_case(name, templates)) == json.loads(DIGESTS.read_text())[key]


if __name__ == "__main__":  # print the digests of the current code, or of stored reports given as files
    if len(sys.argv) > 1:
        print(
            json.dumps(
                {Path(p).stem: digest(json.loads(Path(p).read_bytes())) for p in sys.argv[1:]}, indent=2
            )
        )
    else:
        digests = {name: digest(run_case(name, False)) for name in sorted(CASES)}
        digests |= {f"{name}+templates": digest(run_case(name, True)) for name in sorted(CASES)}
        print(json.dumps(digests, indent=2))
