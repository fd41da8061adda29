"""The HTML audit report: every finding once, the marked span is the evidence, nothing loads from outside."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from contamination.audit import TrainSource, build_test_side, run_audit
from contamination.cli.main import main
from contamination.config import AuditConfig
from contamination.report_html import render_html, texts_for, unit_spans

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
TESTS = [str(DEMO / "benchmark" / "toy_norquad.jsonl"), str(DEMO / "benchmark" / "toy_mcq.jsonl")]
FIELDS = ["question", "context", "choices.text"]


class _Page(HTMLParser):
    """Findings (article ids), the first <mark> of each training pane, and every src/href."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: list[str] = []
        self.links: list[str] = []
        self.train_marks: dict[str, str] = {}
        self._article: str | None = None
        self._pane = 0
        self._in_mark = False
        self._mark = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.links += [v for k, v in attrs if k in ("src", "href") and v is not None]
        if tag == "article":
            self._article = a["id"]
            self.articles.append(a["id"] or "")
            self._pane = 0
        elif tag == "pre" and self._article:
            self._pane += 1
        elif tag == "mark" and self._article and self._pane == 1 and self._article not in self.train_marks:
            self._in_mark, self._mark = True, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._in_mark:
            self.train_marks[self._article or ""] = self._mark
            self._in_mark = False
        elif tag == "article":
            self._article = None

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self._mark += data


@pytest.fixture(scope="module")
def audited() -> tuple[dict, str]:
    index = build_test_side(
        AuditConfig(
            test_fields=FIELDS,
            methods=["exact", "substring", "char50", "char30", "token13", "fuzzy", "short"],
        ),
        TESTS,
    )
    sources = [TrainSource(str(DEMO / "train.jsonl"), ("messages",))]
    result = run_audit(sources, index=index)
    return result.report, render_html(result.report, texts_for(result.report, sources, result.flagged, index))


def test_every_finding_once_with_its_evidence_marked(audited: tuple[dict, str]) -> None:
    report, page = audited
    parsed = _Page()
    parsed.feed(page)
    findings = report["findings"]
    assert len(findings) > 10 and {f["method"] for f in findings} >= {"substring", "char30", "token13"}
    assert sorted(parsed.articles) == sorted(f"f{k}" for k in range(len(findings)))  # grouped per item
    for k, f in enumerate(findings):
        assert parsed.train_marks[f"f{k}"] == f["evidence"], f


def test_nothing_is_loaded_from_outside(audited: tuple[dict, str]) -> None:
    _, page = audited
    parsed = _Page()
    parsed.feed(page)
    assert parsed.links and all(link.startswith("#") for link in parsed.links), parsed.links
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {m for m in re.findall(r"url\((#[\w-]+)\)", page)}


def test_the_test_side_marks_what_the_method_shares() -> None:
    unit = "lemenet er en liten gnager som lever i fjellet"
    assert unit_spans(unit, "en liten gnager som", "substring") == [(11, 30)]
    assert unit_spans("oslo", "hovedstaden er oslo og", "short") == [(0, 4)]
    # fuzzy marks the unit's words found in the window
    spans = unit_spans(unit, "gnager lever fjellet", "fuzzy")
    assert [unit[a:b] for a, b in spans] == ["gnager", "lever", "fjellet"]


def test_report_command_renders_the_same_page(tmp_path: Path) -> None:
    args = [
        "audit",
        str(DEMO / "train.jsonl"),
        "--train-field",
        "messages",
        *sum((["--test", t] for t in TESTS), []),
    ]
    args += [a for f in FIELDS for a in ("--test-field", f)]
    runner = CliRunner()
    first = runner.invoke(
        main, [*args, "--report", str(tmp_path / "r.json"), "--html", str(tmp_path / "a.html")]
    )
    assert first.exit_code == 1, first.output
    second = runner.invoke(main, ["report", str(tmp_path / "r.json"), "--html", str(tmp_path / "b.html")])
    assert second.exit_code == 0, second.output
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    # without the files, each finding shows its evidence alone, and says so
    third = runner.invoke(
        main, ["report", str(tmp_path / "r.json"), "--html", str(tmp_path / "c.html"), "--no-texts"]
    )
    assert third.exit_code == 0
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "test text is not available" in page


def test_a_report_that_is_not_one_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"findings": []}')
    result = CliRunner().invoke(main, ["report", str(bad), "--html", str(tmp_path / "x.html")])
    assert result.exit_code == 2 and "not a norcurate audit report" in result.output
    assert not (tmp_path / "x.html").exists()


def test_clean_report_says_clean(tmp_path: Path) -> None:
    index = build_test_side(AuditConfig(test_fields=FIELDS), TESTS)
    report = run_audit([TrainSource(["Ei heilt anna setning om vêret i dag."])], index=index).report
    page = render_html(report)
    assert "CLEAN" in page and "<article" not in page
    assert html.escape("<memory>") in page
