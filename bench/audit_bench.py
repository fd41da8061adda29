"""Audit throughput: MB/s per method and in total, peak memory, against a naive pure-Python scan; and
the same audit on corpora that really overlap the benchmark.

Builds >= 50 MB of real Norwegian training text by recombining the shared sentences (NorNE, NorQuAD
validation contexts, MMLU translations) into documents, then audits it against NorQuAD test +
NoCoLA test. Every configuration runs in its own single-threaded subprocess so peak memory
(ru_maxrss) belongs to that run alone; "scan" is the first audit in that fresh process (the figure the
targets are read on), and the same audit is then run again to show what one-time costs were in it.
Prints markdown tables, one per section:

- `throughput`: each method alone and together, and the naive scan on a sample;
- `sweep`: the same corpus with 0, 0.5, 2, 5 and 20% of documents carrying a NorQuAD test passage
  (re-wrapped and lightly edited, `make_train`): MB/s, peak RSS and findings per rate, each rate's
  throughput as a share of the clean one, the naive scan and (when installed) datatrove's
  `NGramsDecontFilter` on a sample of each corpus;
- `whole`: whole `contam` processes: with a prebuilt index at each rate (time and peak RSS against the
  clean corpus), and from scratch (start-up and index build included) on ~60 MB where 2% of the rows,
  long documents, leak, against a naive char-50 set scan of the same data;
- `build`: building the test side (in process, warm; whole `contam index build` process: time, peak RSS,
  size on disk) for NorQuAD test + NoCoLA test and for a ~20 MB generated test side. `--baseline DIR`
  runs the build and whole-process rows with another checkout of the code too (e.g. the previous
  commit, `git worktree add DIR COMMIT`), on the same machine in the same run.

    python bench/audit_bench.py [--sections throughput,sweep,whole,build] [--mb 50] [--sweep-mb 20]
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


def norquad_contexts() -> list[str]:
    """The distinct NorQuAD test passages (what the leaking documents carry)."""
    return sorted({json.loads(line)["context"] for line in (SHARED / "norquad/test.jsonl").open()})


def leaked_passage(context: str, rng: random.Random) -> str:
    """A test passage as a scrape might carry it: about 1 word in 100 dropped, 1 in 100 upper-cased and 1
    in 100 cut short by a letter, re-wrapped into lines of 60-100 characters."""
    words = []
    for w in context.split():
        r = rng.random()
        if r < 0.01:
            continue
        if r < 0.02:
            w = w.upper()
        elif r < 0.03 and len(w) > 3:
            w = w[:-1]
        words.append(w)
    width = rng.randint(60, 100)
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return "\n".join([*lines, line])


def make_train(
    path: Path, megabytes: float, seed: int = 0, leak_rate: float = 0.0, long_leaks: bool = False
) -> int:
    """Documents of 5-30 random sentences until the file holds `megabytes` MB; returns bytes.

    With `leak_rate`, that share of the documents (every 1/leak_rate-th, so the share is exact) carries
    a NorQuAD test passage (`leaked_passage`) between two of its sentences; with `long_leaks` those are
    long documents of 100-250 sentences (at 2%, ~18% of the bytes), as a scraped article would be.
    """
    rng = random.Random(seed)
    sentences = shared_sentences()
    contexts = norquad_contexts() if leak_rate else []
    target = int(megabytes * 1e6)
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while written < target:
            leak = int((i + 1) * leak_rate) > int(i * leak_rate)
            k = rng.randint(100, 250) if leak and long_leaks else rng.randint(5, 30)
            parts = [rng.choice(sentences) for _ in range(k)]
            if leak:
                parts.insert(rng.randint(0, len(parts)), leaked_passage(rng.choice(contexts), rng))
            doc = " ".join(parts)
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
    c1 = time.process_time()
    result = run_audit([TrainSource(str(train))], index=index)
    t2 = time.perf_counter()
    c2 = time.process_time()
    # the same audit again: what a process pays once (loading the compiled kernels from the JIT cache,
    # importing polars for the odd rows) is out of this one
    run_audit([TrainSource(str(train))], index=index)
    t3 = time.perf_counter()
    return {
        "index_s": t1 - t0,
        "scan_s": t2 - t1,
        "scan_cpu": c2 - c1,
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
    c1 = time.process_time()
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
    return {"index_s": t1 - t0, "scan_s": t2 - t1, "scan_cpu": time.process_time() - c1, "findings": findings}


TEST_FILES = ("norquad/test.jsonl", "nocola/test.jsonl")
TEST_FIELDS = ("question", "context", "answers", "text")
SWEEP_RATES = (0.0, 0.005, 0.02, 0.05, 0.2)


def run_datatrove(train: Path) -> dict[str, float]:
    """datatrove's n-gram decontamination (13-grams of words, its Norwegian tokenizer) with an index of
    the same test side: NorQuAD's question + context as the query, its answers as the label; NoCoLA's
    text as the label. (Its indexer needs lighteval to run whole; its hashing is called directly.)"""
    import types

    import numpy as np
    from datatrove.data import Document
    from datatrove.pipeline.decont import NGramsDecontConfig, NGramsDecontFilter, NGramsDecontIndexer
    from datatrove.utils.hashing import HashConfig, create_hash_func
    from datatrove.utils.word_tokenizers import load_word_tokenizer

    # sha1: datatrove's xxhash path passes str, which the installed xxhash refuses
    config = NGramsDecontConfig(n_grams=13, find_query_ngrams=True, hash_config=HashConfig(hash_fc="sha1"))
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        indexer = types.SimpleNamespace(
            config=config,
            tokenizer=load_word_tokenizer("nob"),
            hash_func=create_hash_func(config.hash_config),
        )
        hashes: set[int] = set()
        for line in (SHARED / "norquad/test.jsonl").open():
            row = json.loads(line)
            query = row["question"] + "\n" + row["context"]
            for answer in row["answers"]:
                hashes.update(NGramsDecontIndexer.compute_hashes(indexer, answer, query))
        for line in (SHARED / "nocola/test.jsonl").open():
            hashes.update(NGramsDecontIndexer.compute_hashes(indexer, json.loads(line)["text"]))
        np.array(sorted(hashes), dtype=np.uint64).tofile(Path(folder) / "tests.index.hashes")
        decont = NGramsDecontFilter(index_folder=folder, config=config, language="nob")
        decont.load_index_hashes()
        t1 = time.perf_counter()
        flagged = 0
        for i, line in enumerate(train.open()):
            kept = decont.filter(Document(text=json.loads(line)["text"], id=str(i)))
            flagged += kept is not True
        t2 = time.perf_counter()
    return {"index_s": t1 - t0, "scan_s": t2 - t1, "findings": flagged}


def run_naive50(train: Path) -> dict[str, float]:
    """The naive char-50 scan: normalise, then look up every 50-character window in a Python set of the
    test side's (flagged documents: any window found)."""
    from contamination.text.normalise import ngram_form

    t0 = time.perf_counter()
    grams: set[str] = set()
    for line in (SHARED / "norquad/test.jsonl").open():
        row = json.loads(line)
        answers = "\n".join(row["answers"])
        for text in (
            "\n".join([row["question"], row["context"], answers]),
            row["question"],
            row["context"],
            answers,
        ):
            g = ngram_form(text)
            grams.update(g[i : i + 50] for i in range(len(g) - 49))
    for line in (SHARED / "nocola/test.jsonl").open():
        g = ngram_form(json.loads(line)["text"])
        grams.update(g[i : i + 50] for i in range(len(g) - 49))
    t1 = time.perf_counter()
    flagged = 0
    for line in train.open():
        g = ngram_form(json.loads(line)["text"])
        flagged += any(g[i : i + 50] in grams for i in range(len(g) - 49))
    t2 = time.perf_counter()
    return {"index_s": t1 - t0, "scan_s": t2 - t1, "findings": flagged}


def run_build(test: str) -> dict[str, float]:
    """Build the test side twice in this process (the second is warm: no JIT-cache loads, no numba
    start-up) and report both, with the test text's size."""
    from contamination.audit import build_test_side
    from contamination.config import AuditConfig

    files = [str(SHARED / f) for f in TEST_FILES] if test == "shared" else [test]
    config = AuditConfig(test_fields=list(TEST_FIELDS))
    times = []
    for _ in range(2):
        t = time.perf_counter()
        index = build_test_side(config, files)
        times.append(time.perf_counter() - t)
    chars = int(index.units.norm_batch.ends[-1]) if index.n_units else 0
    return {"cold_s": times[0], "warm_s": times[1], "test_mchars": chars / 1e6}


def run_sweep_cpu(corpora: list[Path], templates: bool = True, repeats: int = 3) -> dict[str, list[float]]:
    """All corpora audited in one process (default methods, one index), each `repeats` times after a
    warm-up: the best CPU time of each (CPU time and the best of several: the ratios between rates hold
    on a machine shared with other jobs, where wall times of single runs move by 1.5-2x)."""
    from contamination.audit import TrainSource, run_audit
    from contamination.config import AuditConfig
    from contamination.index.testindex import TestIndex
    from contamination.testside.testsets import load_test_set

    tests = [
        load_test_set(str(SHARED / "norquad/test.jsonl"), ("question", "context", "answers"), per_field=True),
        load_test_set(str(SHARED / "nocola/test.jsonl"), ("text",)),
    ]
    index = TestIndex.build(tests, AuditConfig(templates=templates))
    run_audit([TrainSource(str(corpora[0]))], index=index)
    best = [float("inf")] * len(corpora)
    for _ in range(repeats):
        for i, corpus in enumerate(corpora):
            c = time.process_time()
            run_audit([TrainSource(str(corpus))], index=index)
            best[i] = min(best[i], time.process_time() - c)
    return {"cpu_s": best}


def child(args: argparse.Namespace) -> None:
    import resource

    train = Path(args.train) if args.train else None
    if args.child == "naive":
        stats = run_naive(train)
    elif args.child == "naive50":
        stats = run_naive50(train)
    elif args.child == "datatrove":
        stats = run_datatrove(train)
    elif args.child.startswith(("sweepcpu:", "sweepcpu-off:")):
        kind, _, paths = args.child.partition(":")
        stats = run_sweep_cpu([Path(x) for x in paths.split(",")], templates=kind == "sweepcpu")
    elif args.child.startswith("build:"):
        stats = run_build(args.child.removeprefix("build:"))
    else:
        methods, _, off = args.child.partition(":")  # "METHODS:no-templates": template handling off
        stats = run_ours(train, methods.split(","), not off)
    stats["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(stats))


def measured(cmd: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> tuple[str, float, float]:
    """(stdout, wall seconds, peak RSS MB) of one process: its own rusage, from os.wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        # run from the code's own folder when PYTHONPATH names one (`python -m` puts the working folder
        # first on sys.path), else from a neutral one
        cwd = env.get("PYTHONPATH") or tempfile.gettempdir()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        return out.read().decode(), wall, usage.ru_maxrss / 1024


def run_child(kind: str, train: Path | None, env: dict[str, str]) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", kind] + (["--train", str(train)] if train else [])
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def with_code(env: dict[str, str], code: Path | None) -> dict[str, str]:
    """The environment that runs `code` (a checkout's root) instead of the installed package."""
    return env if code is None else {**env, "PYTHONPATH": str(code)}


def sweep(tmp: Path, mb: float, sample_mb: float, env: dict[str, str]) -> dict[float, Path]:
    """The contamination sweep (see the module docstring); returns the corpora by rate."""
    corpora: dict[float, Path] = {}
    samples: dict[float, tuple[Path, int]] = {}
    sizes: dict[float, int] = {}
    for rate in SWEEP_RATES:
        corpora[rate] = tmp / f"sweep_{rate}.jsonl"
        sizes[rate] = make_train(corpora[rate], mb, leak_rate=rate)
        sample = tmp / f"sweep_{rate}_sample.jsonl"
        samples[rate] = (sample, make_train(sample, sample_mb, seed=1, leak_rate=rate))
    try:
        import datatrove  # noqa: F401

        has_datatrove = True
    except ImportError:
        has_datatrove = False
    print(f"\n### Contamination sweep: {mb:.0f} MB per rate, NorQuAD test + NoCoLA test, default methods\n")
    print(
        "| documents with a leak | scan s | MB/s | × clean | MB/s again | × clean again | peak RSS MB "
        "| findings | naive MB/s (sample) | ours ÷ naive (sample) | datatrove MB/s (sample) | datatrove flagged |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    clean = clean_again = 0.0
    for rate in SWEEP_RATES:
        ours = run_child("exact,substring,char50,char30,token13", corpora[rate], env)
        rate_mbs = sizes[rate] / 1e6 / ours["scan_s"]
        again = sizes[rate] / 1e6 / ours["again_s"]
        if rate == 0.0:
            clean, clean_again = rate_mbs, again
        sample, sample_bytes = samples[rate]
        ours_small = run_child("exact,substring,char50,char30,token13", sample, env)
        naive = run_child("naive", sample, env)
        naive_mbs = sample_bytes / 1e6 / naive["scan_s"]
        ours_small_mbs = sample_bytes / 1e6 / ours_small["scan_s"]
        dt = run_child("datatrove", sample, env) if has_datatrove else None
        dt_cells = (
            f"{sample_bytes / 1e6 / dt['scan_s']:.2f} | {dt['findings']}" if dt else "not installed | —"
        )
        print(
            f"| {rate * 100:g}% | {ours['scan_s']:.2f} | {rate_mbs:.1f} | {rate_mbs / clean:.2f} | {again:.1f} "
            f"| {again / clean_again:.2f} | {ours['peak_mb']:.0f} | {ours['findings']} | {naive_mbs:.2f} "
            f"| {ours_small_mbs / naive_mbs:.0f}x | {dt_cells} |"
        )
    for kind, label in (("sweepcpu", "templates on"), ("sweepcpu-off", "templates off")):
        paths = ",".join(str(corpora[r]) for r in SWEEP_RATES)
        cpu = run_child(f"{kind}:{paths}", None, env)["cpu_s"]
        cells = ", ".join(
            f"{r * 100:g}%: {sizes[r] / 1e6 / c:.1f} MB/s ({cpu[0] / c:.2f})"
            for r, c in zip(SWEEP_RATES, cpu, strict=True)
        )
        print(f"\nin one process, {label}, CPU time, best of 3 (× clean in brackets): {cells}")
    print(
        f"\n(sample: {sample_mb:g} MB of each corpus, seed 1; ours on the sample in its own process, first audit. "
        "naive: exact + char50 + char30 Python sets; datatrove: NGramsDecontFilter, 13-grams of words, "
        "flagged = documents it would drop.)"
    )
    return corpora


CONTAM_TEST = [
    *(a for f in TEST_FILES for a in ("--test", str(SHARED / f))),
    *(a for f in TEST_FIELDS for a in ("--test-field", f)),
]


def whole(
    tmp: Path, corpora: dict[float, Path], long_mb: float, env: dict[str, str], codes: list[Path | None]
) -> None:
    """Whole `contam` processes (see the module docstring), for each checkout of the code."""
    long = tmp / "long_leaks.jsonl"
    long_bytes = make_train(long, long_mb, seed=3, leak_rate=0.02, long_leaks=True)
    for code in codes:
        run_env = with_code(env, code)
        contam = [sys.executable, "-m", "contamination.cli.main"]
        label = f" ({code})" if code else ""
        index = tmp / f"index{len(str(code))}"
        measured([*contam, "index", "build", *CONTAM_TEST, "--out", str(index)], run_env)
        print(f"\n### Whole process, prebuilt index{label}: `contam audit CORPUS --index IDX --report R`\n")
        print("| documents with a leak | s | × time at 0% | peak RSS MB | × RSS at 0% |")
        print("|---:|---:|---:|---:|---:|")
        base = None
        for rate, corpus in corpora.items():
            _, wall, peak = measured(
                [*contam, "audit", str(corpus), "--index", str(index), "--report", str(tmp / "r.json")],
                run_env,
                (0, 1),
            )
            base = base or (wall, peak)
            print(
                f"| {rate * 100:g}% | {wall:.2f} | {wall / base[0]:.2f} | {peak:.0f} | {peak / base[1]:.2f} |"
            )
        _, ours, ours_peak = measured(
            [*contam, "audit", str(long), *CONTAM_TEST, "--report", str(tmp / "r.json")], run_env, (0, 1)
        )
        _, naive, naive_peak = measured(
            [sys.executable, __file__, "--child", "naive50", "--train", str(long)], env
        )
        print(
            f"\nfrom scratch{label}, {long_bytes / 1e6:.0f} MB, 2% of rows long documents with a leak: "
            f"`contam audit` {ours:.2f} s ({ours_peak:.0f} MB), naive char-50 set scan {naive:.2f} s "
            f"({naive_peak:.0f} MB): {naive / ours:.1f}x faster"
        )


def make_test_side(path: Path, megabytes: float) -> int:
    """A generated test set of `megabytes` MB (items with question, context and answers, recombined from
    the shared sentences, seeded apart from the training corpora); returns bytes."""
    rng = random.Random(7)
    sentences = shared_sentences()
    written = 0
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while written < megabytes * 1e6:
            context = " ".join(rng.choice(sentences) for _ in range(rng.randint(5, 30)))
            row = {
                "id": f"g{i}",
                "question": rng.choice(sentences),
                "context": context,
                "answers": [rng.choice(sentences)[:40]],
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += len(context.encode()) + len(row["question"].encode()) + len(row["answers"][0].encode())
            i += 1
    return written


def build(tmp: Path, test_mb: float, env: dict[str, str], codes: list[Path | None]) -> None:
    """Building the test side (see the module docstring), for each checkout of the code."""
    big = tmp / "test_side.jsonl"
    make_test_side(big, test_mb)
    print("\n### Building the test side\n")
    print(
        "| code | test side | test text M chars | in process s (first) | warm s | M chars/s warm "
        "| `contam index build` s | its peak RSS MB | index on disk MB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, files in (("NorQuAD test + NoCoLA test", "shared"), (f"generated, {test_mb:g} MB", str(big))):
        for code in codes:
            run_env = with_code(env, code)
            stats = run_child(f"build:{files}", None, run_env)
            out = tmp / f"built{len(str(code))}"
            tests = (
                CONTAM_TEST
                if files == "shared"
                else ["--test", files, *(a for f in TEST_FIELDS for a in ("--test-field", f))]
            )
            _, wall, peak = measured(
                [sys.executable, "-m", "contamination.cli.main", "index", "build", *tests, "--out", str(out)],
                run_env,
            )
            size = sum(f.stat().st_size for f in out.iterdir()) / 1e6
            print(
                f"| {code or 'this checkout'} | {name} | {stats['test_mchars']:.1f} | {stats['cold_s']:.2f} "
                f"| {stats['warm_s']:.2f} | {stats['test_mchars'] / stats['warm_s']:.1f} | {wall:.2f} | {peak:.0f} "
                f"| {size:.0f} |"
            )


def throughput(tmp: Path, args: argparse.Namespace, env: dict[str, str]) -> None:
    big, small = tmp / "train.jsonl", tmp / "train_small.jsonl"
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
    print(
        f"\ntraining text: {big_bytes / 1e6:.1f} MB (sample {small_bytes / 1e6:.1f} MB); test: NorQuAD test + NoCoLA test\n"
    )
    print(
        "| run | MB | index build s | scan s | scan MB/s | MB/s, same audit again | peak RSS MB | findings |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rates: dict[str, float] = {}
    cpu: dict[str, float] = {}
    if args.only:
        configs = [c for c in configs if c[0] in args.only.split(";")]
    for label, methods, path, nbytes in configs:
        s = run_child(methods, path, env)
        rate = nbytes / 1e6 / s["scan_s"]
        rates[label] = rate
        if path == small:
            cpu["naive" if methods == "naive" else "ours"] = s["scan_cpu"]
        again = f"{nbytes / 1e6 / s['again_s']:.1f}" if "again_s" in s else "—"
        print(
            f"| {label} | {nbytes / 1e6:.1f} | {s['index_s']:.2f} | {s['scan_s']:.2f} | {rate:.1f} | {again} "
            f"| {s['peak_mb']:.0f} | {s['findings']} |"
        )
    for suffix in ("", ", templates off"):
        default, fuzzy = f"all n-gram methods{suffix}", f"n-gram methods + fuzzy{suffix}"
        if default in rates and fuzzy in rates:
            print(f"\nfuzzy on{suffix}: {rates[fuzzy] / rates[default]:.0%} of the default methods' MB/s")
    if "naive pure-Python sets (exact+char50+char30)" in rates:
        speedup = (
            rates["all n-gram methods (naive-size sample)"]
            / rates["naive pure-Python sets (exact+char50+char30)"]
        )
        print(f"\nspeed-up of all our methods over the naive scan (same sample): {speedup:.1f}x", end="")
        print(f" (in CPU time: {cpu['naive'] / cpu['ours']:.1f}x)" if len(cpu) == 2 else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--sections", default="throughput,sweep,whole,build", help="which tables (comma-separated)"
    )
    ap.add_argument("--mb", type=float, default=50.0, help="MB of training text for our engine")
    ap.add_argument("--naive-mb", type=float, default=5.0, help="MB for the naive scan (it is slow)")
    ap.add_argument("--sweep-mb", type=float, default=20.0, help="MB per contamination rate")
    ap.add_argument(
        "--sample-mb", type=float, default=1.0, help="MB of each sweep corpus for naive/datatrove"
    )
    ap.add_argument("--long-mb", type=float, default=60.0, help="MB of the from-scratch whole-process corpus")
    ap.add_argument("--test-mb", type=float, default=20.0, help="MB of the generated test side (build)")
    ap.add_argument("--baseline", type=Path, help="another checkout of the code to build and run too")
    ap.add_argument("--only", help="throughput: run only these labels (separated by ';')")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--train", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    if not SHARED.exists():
        print(f"skipped: {SHARED} is absent (the benchmark needs the shared Norwegian data)")
        return
    sections = set(args.sections.split(","))
    env = {**os.environ, **SINGLE_THREAD}
    codes: list[Path | None] = [None] + ([args.baseline.resolve()] if args.baseline else [])
    print(
        f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}; single-threaded runs"
    )
    print(
        f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average at start: {os.getloadavg()[0]:.2f}"
    )
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if "throughput" in sections:
            throughput(tmp, args, env)
        corpora: dict[float, Path] = {}
        if "sweep" in sections:
            corpora = sweep(tmp, args.sweep_mb, args.sample_mb, env)
        if "whole" in sections:
            if not corpora:
                for rate in SWEEP_RATES:
                    corpora[rate] = tmp / f"sweep_{rate}.jsonl"
                    make_train(corpora[rate], args.sweep_mb, leak_rate=rate)
            whole(tmp, corpora, args.long_mb, env, codes)
        if "build" in sections:
            build(tmp, args.test_mb, env, codes)


def cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        return next(
            line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name")
        )
    except (OSError, subprocess.CalledProcessError, StopIteration):
        return platform.processor() or platform.machine()


if __name__ == "__main__":
    main()
