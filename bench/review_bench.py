"""What the template review costs as findings grow: a corpus where a share of the documents embeds a
NorQuAD test passage, audited with template handling on and off.

The training text is the audit bench's (real Norwegian sentences recombined into documents of 5-30
sentences, none from a NorQuAD test article); with probability `share` a document also gets one NorQuAD
test passage inserted between two of its sentences (a leak: every such document is a finding for each
question on that passage, by several methods). Test side: NorQuAD test (question, context, answers; whole
items and per field) + NoCoLA test, as in bench/audit_bench.py. Each configuration audits the corpus twice
in one process and reports the second audit (compiled kernels loaded); the review's three parts are
timed by wrapping them: the training side's n-gram count (every row), the per-batch review (profiles and
decisions over the batch's findings) and the whole-audit pass (the training side's template text).

    python bench/review_bench.py [--mb 5] [--shares 0,0.05,0.2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from audit_bench import SHARED, cpu_model, shared_sentences

DEFAULT = ["exact", "substring", "char50", "char30", "token13"]


def make_leaky_train(path: Path, megabytes: float, share: float, seed: int = 0) -> tuple[int, int]:
    """Documents of 5-30 shared sentences, `share` of them with a NorQuAD test passage inside; returns
    (bytes, documents with a passage)."""
    rng = random.Random(seed)
    sentences = shared_sentences()
    passages = sorted({json.loads(line)["context"] for line in (SHARED / "norquad/test.jsonl").open()})
    target, written, leaks, i = int(megabytes * 1e6), 0, 0, 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target:
            doc = [rng.choice(sentences) for _ in range(rng.randint(5, 30))]
            if rng.random() < share:
                doc.insert(rng.randint(0, len(doc)), rng.choice(passages))
                leaks += 1
            text = " ".join(doc)
            fh.write(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n")
            written += len(text.encode())
            i += 1
    return written, leaks


def timed(owner: Any, name: str, spent: Counter, label: str) -> Callable[[], None]:
    """Wrap owner.name so its time adds to spent[label]; returns the undo."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - t

    setattr(owner, name, wrapper)
    return lambda: setattr(owner, name, original)


def audit(train: Path, methods: list[str], templates: bool) -> dict[str, float]:
    from contamination.audit import TrainSource, run_audit
    from contamination.config import AuditConfig
    from contamination.index.testindex import TestIndex
    from contamination.methods.review import Review
    from contamination.testside.testsets import load_test_set

    tests = [
        load_test_set(str(SHARED / "norquad/test.jsonl"), ("question", "context", "answers"), per_field=True),
        load_test_set(str(SHARED / "nocola/test.jsonl"), ("text",)),
    ]
    index = TestIndex.build(tests, AuditConfig(methods=methods, templates=templates))
    run_audit([TrainSource(str(train))], index=index)  # compiled kernels loaded, tables built
    spent: Counter = Counter()
    undo = [
        timed(Review, "count", spent, "count"),
        timed(Review, "__call__", spent, "batch"),
        timed(Review, "finalize", spent, "finalize"),
    ]
    try:
        t = time.perf_counter()
        report = run_audit([TrainSource(str(train))], index=index).report
        scan = time.perf_counter() - t
    finally:
        for u in undo:
            u()
    found = len(report["findings"]) + len(report.get("templates", []))
    return {"scan": scan, "findings": len(report["findings"]), "all": found, **spent}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--shares", default="0,0.05,0.2")
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the benchmark needs the shared Norwegian data)")
        return
    print(
        f"CPU: {cpu_model()}; {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"{time.strftime('%Y-%m-%d %H:%M')}; load {os.getloadavg()[0]:.2f}; second audit of each process run"
    )
    print(
        "\n| leaking documents | methods | templates | scan s | MB/s | findings (+ set apart) | count s "
        "| per-batch review s | whole-audit pass s | review ms per finding |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for share in (float(s) for s in args.shares.split(",")):
            path = Path(tmp) / f"train_{share}.jsonl"
            nbytes, leaks = make_leaky_train(path, args.mb, share)
            for label, methods in (("default", DEFAULT), ("default + fuzzy", [*DEFAULT, "fuzzy"])):
                for templates in (False, True):
                    r = audit(path, methods, templates)
                    review = r.get("batch", 0.0) + r.get("finalize", 0.0)
                    per = f"{1000 * review / r['all']:.2f}" if templates and r["all"] else "—"
                    apart = r["all"] - r["findings"]
                    cells = [
                        f"{share:.0%} ({leaks})",
                        label,
                        "on" if templates else "off",
                        f"{r['scan']:.2f}",
                        f"{nbytes / 1e6 / r['scan']:.1f}",
                        f"{r['findings']} (+{apart})",
                        *(f"{r[k]:.3f}" if templates else "—" for k in ("count", "batch", "finalize")),
                        per,
                    ]
                    print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
