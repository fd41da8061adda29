"""The HTML audit report: a screenshot of the demo's, and how a report with 10,000 findings renders.

Renders in headless Chromium when it is installed (`apt-get install chromium`), else prints the sizes and
skips the browser. The large report audits a training file whose rows embed the demo benchmark's items
(written for the project), so it holds real findings of every default method.

    python bench/report_bench.py [--findings 10000] [--screenshot docs/audit-report.png]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
TESTS = [str(DEMO / "benchmark" / "toy_norquad.jsonl"), str(DEMO / "benchmark" / "toy_mcq.jsonl")]
FIELDS = ["question", "context", "choices.text"]
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]  # fmt: skip


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def screenshot(page: Path, png: Path, height: int = 1800) -> float:
    """Seconds Chromium takes to load, lay out and screenshot the page (scripts included)."""
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        start = time.perf_counter()
        subprocess.run(
            [browser, *CHROME_FLAGS, f"--user-data-dir={profile}", f"--window-size=1280,{height}",
             f"--screenshot={png}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        return time.perf_counter() - start


def filter_ms(page: Path) -> float:
    """Milliseconds one pass of the page's filter takes over every finding (run in Chromium on a copy of
    the page that reports its own timing in the title)."""
    browser = chromium()
    assert browser is not None
    timed = page.with_suffix(".timed.html")
    text = page.read_text(encoding="utf-8")
    probe = (
        "const t0=performance.now();apply();document.title='filter '+(performance.now()-t0).toFixed(1);})();"
    )
    timed.write_text(text.replace("apply();})();", probe), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run(
            [browser, *CHROME_FLAGS, f"--user-data-dir={profile}", "--dump-dom", timed.resolve().as_uri()],
            check=True, capture_output=True, timeout=300, text=True,
        ).stdout  # fmt: skip
    found = re.search(r"<title>filter ([0-9.]+)</title>", dom)
    return float(found.group(1)) if found else float("nan")


def demo_page(out: Path) -> Path:
    from contamination.audit import TrainSource, build_test_side, run_audit
    from contamination.config import AuditConfig
    from contamination.report_html import render_html, texts_for

    index = build_test_side(AuditConfig(test_fields=FIELDS), TESTS)
    sources = [TrainSource("demo/train.jsonl", ("messages",))]
    result = run_audit(sources, index=index)
    out.write_text(render_html(result.report, texts_for(result.report, sources, result.flagged, index)))
    return out


def large_page(out: Path, findings: int) -> tuple[Path, int, float]:
    """(page, findings, seconds to render the HTML) for an audit with about `findings` findings."""
    from contamination.audit import TrainSource, build_test_side, run_audit
    from contamination.config import AuditConfig
    from contamination.report_html import render_html, texts_for

    lines = Path(TESTS[0]).read_text(encoding="utf-8").splitlines()
    contexts = [json.loads(line)["context"] for line in lines if line.strip()]
    rng = random.Random(0)
    train = out.with_suffix(".jsonl")
    rows = findings // 4  # a leaked context gives ~4 findings (substring, char50, char30, token13)
    with train.open("w") as fh:
        for i in range(rows):
            text = f"Notat {i}: " + rng.choice(contexts) + f" (kilde {rng.randint(1, 10**6)})"
            fh.write(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n")
    index = build_test_side(AuditConfig(test_fields=FIELDS), TESTS)
    sources = [TrainSource(str(train))]
    result = run_audit(sources, index=index)
    start = time.perf_counter()
    out.write_text(render_html(result.report, texts_for(result.report, sources, result.flagged, index)))
    return out, len(result.report["findings"]), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--findings", type=int, default=10_000)
    ap.add_argument("--screenshot", type=Path, help="Save the demo report's screenshot here.")
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        demo = demo_page(Path(tmp) / "demo.html")
        big, n, render_s = large_page(Path(tmp) / "large.html", opts.findings)
        size = big.stat().st_size / 1e6
        print(f"{platform.processor() or platform.machine()}, {time.strftime('%Y-%m-%d')}\n")
        print(
            "| report | findings | HTML size (MB) | render HTML (s) | Chromium load + screenshot (s) | one filter pass (ms) |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        browser = chromium()
        demo_s = screenshot(demo, opts.screenshot or Path(tmp) / "demo.png") if browser else float("nan")
        big_s = screenshot(big, Path(tmp) / "large.png") if browser else float("nan")
        demo_n = demo.read_text().count('<article class="finding"')
        big_ms = filter_ms(big) if browser else float("nan")
        print(f"| demo | {demo_n} | {demo.stat().st_size / 1e6:.2f} | - | {demo_s:.1f} | - |")
        print(f"| large | {n:,} | {size:.1f} | {render_s:.1f} | {big_s:.1f} | {big_ms:.0f} |")
        if not browser:
            print("\n(no Chromium found: install it to time the browser)", file=sys.stderr)


if __name__ == "__main__":
    main()
