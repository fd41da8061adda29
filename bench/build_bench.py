"""Benchmark `curate build` end to end on 200,000 synthetic-but-realistic examples.

Examples are assembled from the shared Norwegian sentences in /work/shared/data (NorNE nb/nn dev
sentences, NoCoLA sentences, NorQuAD contexts) into five sources (alpaca nb, chat nn, mmlu nb, dpo nn,
plain text nb/en with a few planted NorQuAD test leaks), with ~2% exact and ~1% near duplicates. The
recipe audits against the NorQuAD test split. Prints rows/s per step and peak memory as a Markdown table
and writes it (with a machine/date line) to /tmp/build_benchmarks.md (`--md`). Peak RSS is
recorded after each step (ru_maxrss is a high-water mark: the step where it jumps is the one to look at).

    python bench/build_bench.py [--rows 200000] [--data /work/shared/data] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from curation.output.writer import write_build  # noqa: E402
from curation.pipeline import run_pipeline  # noqa: E402
from curation.recipe.models import load_recipe  # noqa: E402

EN = [
    "The committee met on Tuesday to discuss the new budget for the coming year.",
    "Most of the rain falls in the autumn, when storms come in from the Atlantic.",
    "A prime number has no divisors other than one and itself.",
    "The museum is open every day except Monday during the summer season.",
    "Photosynthesis turns light, water and carbon dioxide into sugar and oxygen.",
    "The bridge was finished in 1992 after almost ten years of construction.",
    "Many students choose to study engineering because of the job prospects.",
    "The average temperature in July is about seventeen degrees.",
]
NB_Q = [
    "Forklar kort:",
    "Hva mener du om dette utsagnet:",
    "Gi en kort kommentar til:",
    "Skriv litt om dette:",
]
NN_Q = ["Kva meiner du om dette:", "Forklar kort:", "Gje ein kort kommentar til:", "Skriv litt om dette:"]


def _load(path: Path, key: str) -> list[str]:
    return [orjson.loads(line)[key] for line in path.read_bytes().splitlines() if line.strip()]


def generate(data: Path, out: Path, n: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    nb = _load(data / "norne" / "nb_dev.jsonl", "text") + _load(data / "nocola" / "test.jsonl", "text")
    nn = _load(data / "norne" / "nn_dev.jsonl", "text")
    contexts = _load(data / "norquad" / "validation.jsonl", "context")
    leaks = _load(data / "norquad" / "test.jsonl", "context")
    nb_a, nn_a = np.array(nb, dtype=object), np.array(nn, dtype=object)

    def sents(pool: np.ndarray, rows: int, k: int) -> list[str]:
        idx = rng.integers(0, len(pool), size=(rows, k))
        return [" ".join(pool[i]) for i in idx]

    sizes = {
        "alpaca_nb": int(n * 0.35),
        "chat_nn": int(n * 0.25),
        "mmlu_nb": int(n * 0.15),
        "dpo_nn": int(n * 0.20),
    }
    sizes["text_mix"] = n - sum(sizes.values())
    rows: dict[str, list[dict]] = {}
    m = sizes["alpaca_nb"]
    q, a = sents(nb_a, m, 1), sents(nb_a, m, 3)
    rows["alpaca_nb"] = [
        {"instruction": f"{NB_Q[i % 4]} {q[i]}", "input": "", "output": a[i]} for i in range(m)
    ]
    m = sizes["chat_nn"]
    q, a = sents(nn_a, m, 1), sents(nn_a, m, 3)
    rows["chat_nn"] = [
        {
            "messages": [
                {"role": "user", "content": f"{NN_Q[i % 4]} {q[i]}"},
                {"role": "assistant", "content": a[i]},
            ]
        }
        for i in range(m)
    ]
    m = sizes["mmlu_nb"]
    q, o = sents(nb_a, m, 2), rng.integers(0, len(nb_a), size=(m, 4))
    ans = rng.integers(0, 4, size=m)
    rows["mmlu_nb"] = [
        {
            "question": q[i],
            **{f"option_{x}": nb_a[o[i, j]] for j, x in enumerate("abcd")},
            "answer": "ABCD"[ans[i]],
        }
        for i in range(m)
    ]
    m = sizes["dpo_nn"]
    q, a, r = sents(nn_a, m, 1), sents(nn_a, m, 3), sents(nn_a, m, 1)
    rows["dpo_nn"] = [{"prompt": q[i], "chosen": a[i], "rejected": r[i]} for i in range(m)]
    m = sizes["text_mix"]
    ctx = rng.integers(0, len(contexts), size=m)
    texts = [contexts[c][:1500] + " " + sents(nb_a, 1, 1)[0] for c in ctx[: m - m // 10]]
    en_idx = rng.integers(0, len(EN), size=(m // 10, 4))
    texts += [" ".join(EN[j] for j in row) for row in en_idx]
    for k in range(30):  # planted benchmark leaks
        texts[k * 97 % len(texts)] = leaks[k]
    rows["text_mix"] = [{"text": t} for t in texts]
    # ~2% exact duplicates and ~1% near duplicates (one word changed), within each source
    for name, rs in rows.items():
        k = len(rs)
        for i in rng.integers(0, k, size=k // 50):
            rs.append(dict(rs[int(i)]))
        for i in rng.integers(0, k, size=k // 100):
            row = orjson.loads(orjson.dumps(rs[int(i)]))
            key = {"alpaca_nb": "output", "mmlu_nb": "question", "dpo_nn": "chosen", "text_mix": "text"}.get(
                name
            )
            if key:
                row[key] = row[key].replace(" og ", " samt ", 1) + " Dessuten."
            else:
                row["messages"][1]["content"] = (
                    row["messages"][1]["content"].replace(" og ", " samt ", 1) + " Dessutan."
                )
            rs.append(row)
        perm = rng.permutation(len(rs))
        (out / f"{name}.jsonl").write_bytes(b"".join(orjson.dumps(rs[int(j)]) + b"\n" for j in perm))
    (out / "norquad_test.jsonl").write_bytes((data / "norquad" / "test.jsonl").read_bytes())
    total = min(int(n * 0.6), 120_000)
    (out / "recipe.yaml").write_text(
        f"""\
name: bench
seed: 1
sources:
  - {{name: alpaca_nb, path: alpaca_nb.jsonl, format: alpaca, lang: nb}}
  - {{name: chat_nn, path: chat_nn.jsonl, format: messages, lang: nn}}
  - {{name: mmlu_nb, path: mmlu_nb.jsonl, format: mmlu, lang: nb}}
  - {{name: dpo_nn, path: dpo_nn.jsonl, format: dpo, lang: nn}}
  - {{name: text_mix, path: text_mix.jsonl, format: text}}
filters: {{min_chars: 40, max_chars: 20000}}
dedup: {{exact: true, near: true, threshold: 0.85, num_perm: 128, ngram: 2}}
mix:
  total: {int(total)}
  by_lang: {{nb: 0.67, nn: 0.31, en: 0.02}}
  allow_shortfall: true
audit:
  test_sets:
    - {{path: norquad_test.jsonl, fields: [question, context]}}
  on_contamination: drop
output: {{dir: out}}
""",
        encoding="utf-8",
    )


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_rss_mb(root: int) -> float:
    """Current RSS of `root` and all its descendants (Linux /proc), in MB."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo += children.get(pid, [])
    return total / 1024


class TreeSampler(threading.Thread):
    """Samples the process tree's RSS (this process plus workers) every `every` seconds; `peak` in MB."""

    def __init__(self, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.every, self.peak, self.stop = every, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))
            self.stop.wait(self.every)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--keep", default=None, help="generate into this folder and keep it")
    ap.add_argument("--md", default="/tmp/build_benchmarks.md")
    args = ap.parse_args()
    data = Path(args.data)
    if not (data / "norne").is_dir():
        sys.exit(f"{data}: shared data not found")
    with tempfile.TemporaryDirectory() as tmpd:
        work = Path(args.keep) if args.keep else Path(tmpd)
        work.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        # in a child process: generation is not part of the build, so its memory must not count either
        gen = multiprocessing.get_context("spawn").Process(target=generate, args=(data, work, args.rows))
        gen.start()
        gen.join()
        if gen.exitcode != 0:
            sys.exit(f"generation failed (exit {gen.exitcode})")
        gen_s = time.perf_counter() - t0
        lr = load_recipe(work / "recipe.yaml")
        counts: dict[str, dict] = {}
        peaks: dict[str, float] = {}  # peak RSS (MB) of this process when each step had finished

        def on_step(name: str, c: dict) -> None:
            counts[name] = c
            peaks[name] = _maxrss_mb()

        sampler = TreeSampler()
        sampler.start()
        t1 = time.perf_counter()
        result = run_pipeline(lr, on_step=on_step)
        t2 = time.perf_counter()
        write_build(lr, result, work / "out")
        t3 = time.perf_counter()
        peaks["write"] = _maxrss_mb()
        sampler.stop.set()
        sampler.join()
    peak_mb = _maxrss_mb()
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    timings = dict(result.timings)
    timings["write"] = t3 - t2
    lines = [
        f"`curate build` benchmark — {platform.node()} ({os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}), {datetime.date.today().isoformat()}; "
        f"{args.rows:,} generated examples (generation {gen_s:.1f} s, not counted)",
        "",
        "| step | rows in | rows out | seconds | rows/s | peak RSS after (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows_in: dict[str, int] = {}
    for step in ("index", "load", "repair", "language", "filters", "dedup", "mix", "audit", "write"):
        c = counts.get(step, {})
        n_in = c.get("in", result.table.height if step == "write" else rows_in.get(step, 0))
        n_out = c.get("out", result.table.height if step == "write" else 0)
        s = timings.get(step, 0.0)
        rate = f"{n_in / s:,.0f}" if s > 0 and n_in else "—"
        peak = f"{peaks[step]:,.0f}" if step in peaks else "—"
        lines.append(f"| {step} | {n_in:,} | {n_out:,} | {s:.2f} | {rate} | {peak} |")
    total = t3 - t1
    lines += [
        f"| **total** | {counts['load']['in']:,} | {result.table.height:,} | **{total:.2f}** | {counts['load']['in'] / total:,.0f} | {peak_mb:,.0f} |",
        "",
        f"Peak memory (ru_maxrss, build process): **{peak_mb:,.0f} MB**; process tree incl. any language "
        f"workers (sampled every 0.25 s): **{sampler.peak:,.0f} MB** (generation runs in its own process "
        f"and is not counted; children's ru_maxrss {child_mb:,.0f} MB). Targets: < 60 s, < 4 GB.",
        "Funnel drops: "
        + "; ".join(
            f"{k}: " + ", ".join(f"{r} {n:,}" for r, n in v.get("dropped", {}).items())
            for k, v in counts.items()
            if v.get("dropped")
        ),
    ]
    md = "\n".join(lines) + "\n"
    print(md)
    Path(args.md).write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
