"""Reusing a test-side index: 10 audits with `--index` vs 10 audits that rebuild the test side.

Test side: NorQuAD test (question, context, answers; per field) + NoCoLA test. Training side: 10 files
of 3,230 examples each (the size of the published NorskGemma4 mix), recombined from the shared
Norwegian sentences. Both ways run the real CLI in fresh processes, as a CI job would.

    python bench/index_bench.py [--files 10] [--rows 3230]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit_bench import SHARED, SINGLE_THREAD, shared_sentences  # noqa: E402

CONTAM = [sys.executable, "-m", "contamination.cli.main"]
TEST_ARGS = [
    "--test", str(SHARED / "norquad/test.jsonl"), "--test", str(SHARED / "nocola/test.jsonl"),
    "--test-field", "question", "--test-field", "context", "--test-field", "answers", "--test-field", "text",
]  # fmt: skip


def make_files(folder: Path, files: int, rows: int) -> list[Path]:
    import json
    import random

    sentences = shared_sentences()
    paths = []
    for f in range(files):
        rng = random.Random(f)
        path = folder / f"train_{f}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(rows):
                doc = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 8)))
                fh.write(json.dumps({"id": f"{f}-{i}", "text": doc}, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
    return time.perf_counter() - t


def in_process(paths: list[Path], folder: Path) -> tuple[float, float, float]:
    """The same comparison inside one process (no interpreter start-up or imports per audit)."""
    from contamination.audit import TrainSource, run_audit
    from contamination.config import AuditConfig
    from contamination.index.store import load_index, save_index
    from contamination.index.testindex import TestIndex
    from contamination.testside.testsets import load_test_set

    fields = ("question", "context", "answers", "text")

    def test_sets() -> list:
        return [
            load_test_set(str(SHARED / name), fields, per_field=True)
            for name in ("norquad/test.jsonl", "nocola/test.jsonl")
        ]

    run_audit([TrainSource(str(paths[0]))], index=TestIndex.build(test_sets(), AuditConfig()))  # warm-up
    t = time.perf_counter()
    for p in paths:
        run_audit([TrainSource(str(p))], index=TestIndex.build(test_sets(), AuditConfig()))
    plain = time.perf_counter() - t
    t = time.perf_counter()
    save_index(TestIndex.build(test_sets(), AuditConfig()), folder / "lib-index")
    build = time.perf_counter() - t
    t = time.perf_counter()
    for p in paths:
        run_audit([TrainSource(str(p))], index=load_index(folder / "lib-index"))
    return plain, build, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--rows", type=int, default=3230)
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the benchmark needs the shared Norwegian data)")
        return
    env = {**os.environ, **SINGLE_THREAD}
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp), args.files, args.rows)
        mb = sum(p.stat().st_size for p in paths) / 1e6
        plain = sum(timed([*CONTAM, "audit", str(p), *TEST_ARGS, "--json"], env) for p in paths)
        idx = str(Path(tmp) / "index")
        build = timed([*CONTAM, "index", "build", *TEST_ARGS, "--out", idx], env)
        reuse = sum(timed([*CONTAM, "audit", str(p), "--index", idx, "--json"], env) for p in paths)
        startup = min(timed([*CONTAM, "--version"], env) for _ in range(3))  # interpreter + imports
        lib_plain, lib_build, lib_reuse = in_process(paths, Path(tmp))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; single-threaded"
    )
    print(
        f"{args.files} training files x {args.rows} rows ({mb:.1f} MB in all) vs NorQuAD test + NoCoLA test\n"
    )
    print("| way | total s | per audit s |")
    print("|---|---:|---:|")
    print(f"| {args.files} audits, each rebuilding the test side | {plain:.1f} | {plain / args.files:.2f} |")
    print(f"| index build once | {build:.1f} | |")
    print(f"| {args.files} audits with --index | {reuse:.1f} | {reuse / args.files:.2f} |")
    print(f"| index build + {args.files} audits with --index | {build + reuse:.1f} | |")
    print(f"\nspeed-up: {plain / (build + reuse):.1f}x (build included), {plain / reuse:.1f}x (audits alone)")
    print(
        f"start-up alone (`contam --version`: interpreter and imports, min of 3): {startup:.2f} s per process"
    )
    print(
        "\nin one process (library calls; no interpreter start-up, imports or JIT-cache loading per audit):\n"
    )
    print("| way | total s |")
    print("|---|---:|")
    print(f"| {args.files} audits, each rebuilding the test side | {lib_plain:.1f} |")
    print(f"| index build + save once, then {args.files} x (load + audit) | {lib_build + lib_reuse:.1f} |")
    print(f"\nspeed-up in one process: {lib_plain / (lib_build + lib_reuse):.1f}x")


if __name__ == "__main__":
    main()
