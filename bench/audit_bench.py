"""Audit throughput: MB/s per method and in total, peak memory, against a naive pure-Python scan.

Builds >= 50 MB of real Norwegian training text by recombining the shared sentences (NorNE, NorQuAD
validation contexts, MMLU translations) into documents, then audits it against NorQuAD test +
NoCoLA test. Every configuration runs in its own single-threaded subprocess so peak memory
(ru_maxrss) belongs to that run alone; "scan" is the first audit in that fresh process (the figure the
targets are read on), and the same audit is then run again to show what one-time costs were in it.
Prints a markdown table.

    python bench/audit_bench.py [--mb 50] [--naive-mb 2]
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

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SINGLE_THREAD = {
    "POLARS_MAX_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "RAYON_NUM_THREADS": "1",
}


def shared_sentences() -> list[str]:
    out: list[str] = []
    for name in ("norne/nb_dev.jsonl", "norne/nn_dev.jsonl"):
        out += [json.loads(line)["text"] for line in (SHARED / name).open()]
    # NorQuAD validation shares 107 source articles (71 contexts verbatim) with the test split: leave
    # those articles out, or the "clean" benchmark corpus would be genuinely contaminated.
    test_docs = {json.loads(line)["document_id"] for line in (SHARED / "norquad/test.jsonl").open()}
    for line in (SHARED / "norquad/validation.jsonl").open():
        row = json.loads(line)
        if row["document_id"] not in test_docs:
            out += [s.strip() + "." for s in row["context"].split(". ") if s.strip()]
    for name in ("mmlu_nb/val_unrelated.jsonl",):
        for line in (SHARED / name).open():
            row = json.loads(line)
            out.append(str(row.get("question", "")))
    return [s for s in out if len(s) > 20]


def cpu_model() -> str:
    """The CPU's model name as `lscpu` gives it (the machine type where it cannot be read)."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.machine()
    names = [line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name:")]
    return names[0] if names else platform.machine()


def make_train(path: Path, megabytes: float, seed: int = 0) -> int:
    """Documents of 5-30 random sentences until the file holds `megabytes` MB; returns bytes."""
    rng = random.Random(seed)
    sentences = shared_sentences()
    target = int(megabytes * 1e6)
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while written < target:
            doc = " ".join(rng.choice(sentences) for _ in range(rng.randint(5, 30)))
            line = json.dumps({"id": f"d{i}", "text": doc}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(doc.encode())
            i += 1
    return written


def run_ours(train: Path, methods: list[str], templates: bool = True) -> dict[str, float]:
    from contamination.audit import TrainSource, run_audit
    from contamination.config import AuditConfig
    from contamination.index.testindex import TestIndex
    from contamination.testside.testsets import load_test_set

    t0 = time.perf_counter()
    tests = [
        load_test_set(str(SHARED / "norquad/test.jsonl"), ("question", "context", "answers"), per_field=True),
        load_test_set(str(SHARED / "nocola/test.jsonl"), ("text",)),
    ]
    index = TestIndex.build(tests, AuditConfig(methods=methods, templates=templates))
    t1 = time.perf_counter()
    result = run_audit([TrainSource(str(train))], index=index)
    t2 = time.perf_counter()
    # the same audit again: what a process pays once (loading the compiled kernels from the JIT cache,
    # importing polars for the odd rows) is out of this one
    run_audit([TrainSource(str(train))], index=index)
    t3 = time.perf_counter()
    return {
        "index_s": t1 - t0,
        "scan_s": t2 - t1,
        "again_s": t3 - t2,
        "findings": len(result.report["findings"]),
    }


def run_naive(train: Path) -> dict[str, float]:
    """The textbook scan: per document, Python sets of n-gram strings looked up in a dict."""
    from contamination.text.normalise import ngram_form, normalise

    t0 = time.perf_counter()
    tests = [json.loads(line) for line in (SHARED / "norquad/test.jsonl").open()]
    texts = ["\n".join([t["question"], t["context"], *t["answers"]]) for t in tests]
    texts += [json.loads(line)["text"] for line in (SHARED / "nocola/test.jsonl").open()]
    tables: dict[int, dict[str, set[int]]] = {50: {}, 30: {}}
    sizes: dict[int, list[int]] = {}
    exact = {}
    for u, raw in enumerate(texts):
        exact[normalise(raw)] = u
        g = ngram_form(raw)
        for n, table in tables.items():
            grams = {g[i : i + n] for i in range(len(g) - n + 1)}
            sizes.setdefault(n, []).append(len(grams))
            for gram in grams:
                table.setdefault(gram, set()).add(u)
    t1 = time.perf_counter()
    findings = 0
    for line in train.open():
        doc = json.loads(line)["text"]
        norm = normalise(doc)
        findings += norm in exact
        g = ngram_form(doc)
        for n, table in tables.items():
            counts: dict[int, int] = {}
            for gram in {g[i : i + n] for i in range(len(g) - n + 1)}:
                for u in table.get(gram, ()):
                    counts[u] = counts.get(u, 0) + 1
            findings += sum(1 for u, c in counts.items() if c >= 0.3 * sizes[n][u])
    t2 = time.perf_counter()
    return {"index_s": t1 - t0, "scan_s": t2 - t1, "findings": findings}


def child(args: argparse.Namespace) -> None:
    import resource

    train = Path(args.train)
    methods, _, off = args.child.partition(":")  # "METHODS:no-templates": template handling off
    stats = run_naive(train) if methods == "naive" else run_ours(train, methods.split(","), not off)
    stats["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(stats))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="MB of training text for our engine")
    ap.add_argument("--naive-mb", type=float, default=5.0, help="MB for the naive scan (it is slow)")
    ap.add_argument("--only", help="run only these labels (separated by ';')")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--train", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the benchmark needs the shared Norwegian data)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        big, small = Path(tmp) / "train.jsonl", Path(tmp) / "train_small.jsonl"
        big_bytes = make_train(big, args.mb)
        small_bytes = make_train(small, args.naive_mb, seed=1)
        configs = [
            ("all n-gram methods", "exact,substring,char50,char30,token13", big, big_bytes),
            ("n-gram methods + fuzzy", "exact,substring,char50,char30,token13,fuzzy", big, big_bytes),
            (
                "all n-gram methods, templates off",
                "exact,substring,char50,char30,token13:no-templates",
                big,
                big_bytes,
            ),
            (
                "n-gram methods + fuzzy, templates off",
                "exact,substring,char50,char30,token13,fuzzy:no-templates",
                big,
                big_bytes,
            ),
            (
                "n-gram methods + fuzzy + short",
                "exact,substring,char50,char30,token13,fuzzy,short",
                big,
                big_bytes,
            ),
            ("fuzzy", "fuzzy", big, big_bytes),
            ("short", "short", big, big_bytes),
            ("exact", "exact", big, big_bytes),
            ("substring", "substring", big, big_bytes),
            ("char50", "char50", big, big_bytes),
            ("char30", "char30", big, big_bytes),
            ("token13", "token13", big, big_bytes),
            (
                "all n-gram methods (naive-size sample)",
                "exact,substring,char50,char30,token13",
                small,
                small_bytes,
            ),
            ("naive pure-Python sets (exact+char50+char30)", "naive", small, small_bytes),
        ]
        env = {**os.environ, **SINGLE_THREAD}
        print(
            f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"single-threaded runs; {time.strftime('%Y-%m-%d %H:%M')}; load {os.getloadavg()[0]:.2f}"
        )
        print(
            f"training text: {big_bytes / 1e6:.1f} MB (sample {small_bytes / 1e6:.1f} MB); test: NorQuAD test + NoCoLA test\n"
        )
        print(
            "| run | MB | index build s | scan s | scan MB/s | MB/s, same audit again | peak RSS MB | findings |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        rates: dict[str, float] = {}
        if args.only:
            configs = [c for c in configs if c[0] in args.only.split(";")]
        for label, methods, path, nbytes in configs:
            out = subprocess.run(
                [sys.executable, __file__, "--child", methods, "--train", str(path)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            s = json.loads(out.stdout.strip().splitlines()[-1])
            rate = nbytes / 1e6 / s["scan_s"]
            rates[label] = rate
            again = f"{nbytes / 1e6 / s['again_s']:.1f}" if "again_s" in s else "—"
            print(
                f"| {label} | {nbytes / 1e6:.1f} | {s['index_s']:.2f} | {s['scan_s']:.2f} | {rate:.1f} | {again} | {s['peak_mb']:.0f} | {s['findings']} |"
            )
        for suffix in ("", ", templates off"):
            default, fuzzy = f"all n-gram methods{suffix}", f"n-gram methods + fuzzy{suffix}"
            if default in rates and fuzzy in rates:
                print(f"\nfuzzy on{suffix}: {rates[fuzzy] / rates[default]:.0%} of the default methods' MB/s")
        if "naive pure-Python sets (exact+char50+char30)" not in rates:
            return
        speedup = (
            rates["all n-gram methods (naive-size sample)"]
            / rates["naive pure-Python sets (exact+char50+char30)"]
        )
        print(f"\nspeed-up of all our methods over the naive scan (same sample): {speedup:.1f}x")


if __name__ == "__main__":
    main()
