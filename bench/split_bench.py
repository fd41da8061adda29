"""Peak memory of `contam audit --write-clean/--write-flagged` against the same audit without them.

The clean and flagged files are written batch by batch (`contamination.split`), so the peak should be the
audit's own: the test side plus one batch. Builds a ~120 MB training file of recombined shared Norwegian
sentences (with a few NorQuAD test passages planted, so both outputs get rows), audits it in fresh
processes against NorQuAD test + NoCoLA test, and prints a markdown table.

    python bench/split_bench.py [--mb 120]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit_bench import SHARED, SINGLE_THREAD, make_train  # noqa: E402

CONTAM = str(Path(sys.executable).with_name("contam"))


def plant(path: Path, every: int = 997) -> int:
    """Put a NorQuAD test passage into every `every`-th document (rewritten in place)."""
    contexts = [json.loads(line)["context"] for line in (SHARED / "norquad/test.jsonl").open()]
    rng = random.Random(5)
    out = path.with_suffix(".planted.jsonl")
    planted = 0
    with path.open() as src, out.open("w") as dst:
        for i, line in enumerate(src):
            if i % every == 0:
                row = json.loads(line)
                row["text"] += " " + rng.choice(contexts)
                line = json.dumps(row, ensure_ascii=False) + "\n"
                planted += 1
            dst.write(line)
    out.replace(path)
    return planted


def _count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def run(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS MB, exit code) of one `contam` process (its own rusage, from wait4)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [CONTAM, *args], env={**SINGLE_THREAD, "PATH": ""}, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            raise SystemExit(err.read().decode())
    return seconds, usage.ru_maxrss / 1024, code


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=120)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        train = Path(tmp) / "train.jsonl"
        make_train(train, opts.mb)
        planted = plant(train)
        size = train.stat().st_size / 1e6
        tests = ["--test", str(SHARED / "norquad/test.jsonl"), "--test", str(SHARED / "nocola/test.jsonl")]
        tests += ["--test-field", "question", "--test-field", "context", "--test-field", "text"]
        base = ["audit", str(train), *tests, "--json", "--no-progress"]
        plain = run(base)
        split = run([*base, "--write-clean", f"{tmp}/clean.jsonl", "--write-flagged", f"{tmp}/flagged.jsonl"])
        flagged = _count_lines(Path(tmp) / "flagged.jsonl")
        rows = _count_lines(Path(tmp) / "clean.jsonl") + flagged
    print(
        f"{platform.processor() or platform.machine()}, {time.strftime('%Y-%m-%d')}: {size:.0f} MB training file, "
        f"{planted} documents with a planted passage; clean + flagged rows written: {rows:,} ({flagged:,} flagged)\n"
    )
    print("| run | time (s) | peak RSS (MB) |")
    print("|---|---:|---:|")
    print(f"| audit | {plain[0]:.1f} | {plain[1]:,.0f} |")
    print(f"| audit + --write-clean + --write-flagged | {split[0]:.1f} | {split[1]:,.0f} |")
    print(f"\npeak ratio: {split[1] / plain[1]:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
