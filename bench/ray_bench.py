"""`contam audit` on Ray against the local executor: whole processes on one corpus, and what Ray costs
before the first row is scanned; with a projection to a 1 TB corpus on a 64-core cluster.

Builds a corpus of real Norwegian sentences (as `bench/audit_bench.py` does) where 2% of the documents
carry a NorQuAD test passage, a prebuilt index of NorQuAD test + NoCoLA test, then times whole `contam
audit --index` processes: the local executor, and `--executor ray` with 1 and 2 workers (a Ray started by
the command, as a user's first run would). Every report must be byte-identical to the local one.
Then, in this process: Ray's start-up, putting the index into the object store, and a worker's first
task (fetching and unpickling the index, importing the engine).

The projection reads the per-worker rate of the 2-worker run (rows scanned after the fixed costs) and
assumes it holds per core on the cluster, with the training data on storage that keeps up (a node reads
at 50-60 MB/s per core) and the fixed costs paid once per node, not once per core.

    python bench/ray_bench.py [--mb 200] [--shard-mb 64]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pickle
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"


def _audit_bench():  # the corpus generator and process timer of bench/audit_bench.py
    spec = importlib.util.spec_from_file_location("audit_bench", HERE / "audit_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def contam(*args: str) -> list[str]:
    return [sys.executable, "-m", "contamination.cli.main", *args]


def in_process(index_dir: Path, corpus: Path) -> dict[str, float]:
    """In this process: Ray start, the index into the object store, the first task on each of two
    workers (seconds) and the index's size; then the audit with Ray started and its workers warm, and
    the local audit, for the rate per worker once the fixed costs are paid."""
    import ray

    from contamination.audit import TrainSource, run_audit
    from contamination.executors.ray_executor import RayExecutor
    from contamination.index.store import load_index
    from contamination.report import report_bytes
    from contamination.sharded import audit_on

    index = load_index(str(index_dir), check_sources=False)
    t = time.perf_counter()
    executor = RayExecutor(workers=2)
    start = time.perf_counter() - t
    t = time.perf_counter()
    ref = ray.put(index)
    put = time.perf_counter() - t
    size = len(pickle.dumps(index, protocol=5)) / 1e6
    del ref
    t = time.perf_counter()
    list(executor.map(_touch, [0, 1], index))
    first = time.perf_counter() - t
    t = time.perf_counter()
    list(executor.map(_touch, [2, 3], index))
    warm = time.perf_counter() - t
    train = [TrainSource(str(corpus))]
    t = time.perf_counter()
    on_ray = audit_on(executor, train, index)
    ray_s = time.perf_counter() - t
    executor.close()
    t = time.perf_counter()
    local = run_audit(train, index=index)
    local_s = time.perf_counter() - t
    if report_bytes(on_ray.report) != report_bytes(local.report):
        raise SystemExit("the warm Ray report differs from the local one")
    return {
        "start": start,
        "put": put,
        "first": first,
        "warm": warm,
        "index_mb": size,
        "ray2": ray_s,
        "local": local_s,
    }


def _touch(index: object, item: int) -> int:
    from contamination.engine import Scanner

    Scanner(index)  # what every scan task does first
    return item


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--shard-mb", type=int, help="default: as contam audit sizes them")
    args = parser.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"shared data not available: {SHARED} is absent")
    ab = _audit_bench()
    env = {**os.environ}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        corpus = tmp / "corpus.jsonl"
        t = time.perf_counter()
        nbytes = ab.make_train(corpus, args.mb, seed=5, leak_rate=0.02)
        size = corpus.stat().st_size / 1e6
        print(
            f"corpus: {size:.0f} MB on disk ({nbytes / 1e6:.0f} MB of text), 2% leaking documents, "
            f"made in {time.perf_counter() - t:.0f} s",
            file=sys.stderr,
        )
        index = tmp / "index"
        fields = [a for f in ("question", "context", "answers", "text") for a in ("--test-field", f)]
        tests = ["--test", str(SHARED / "norquad/test.jsonl"), "--test", str(SHARED / "nocola/test.jsonl")]
        subprocess.run(
            contam("index", "build", *tests, *fields, "--out", str(index)),
            check=True,
            capture_output=True,
            env=env,
        )
        shard = ["--shard-mb", str(args.shard_mb)] if args.shard_mb else []
        runs = [
            ("local (in process)", []),
            ("ray, 1 worker", ["--executor", "ray", "--workers", "1", *shard]),
            ("ray, 2 workers", ["--executor", "ray", "--workers", "2", *shard]),
        ]
        rows = []
        reference = None
        for name, extra in runs:
            report = tmp / f"{len(rows)}.json"
            cmd = contam(
                "audit", str(corpus), "--index", str(index), "--report", str(report), "--no-progress", *extra
            )
            _, wall, rss = ab.measured(cmd, env, ok=(0, 1))
            data = report.read_bytes()
            reference = reference or data
            rows.append((name, wall, rss, data == reference))
        costs = in_process(index, corpus)
    print(f"## Ray executor — {ab.cpu_model()}, {os.cpu_count()} cores, {date.today().isoformat()}\n")
    print(
        f"corpus {size:.0f} MB (2% of documents leak a NorQuAD test passage), index NorQuAD test + NoCoLA "
        f"test, shards of {args.shard_mb or 'shard_size()'} MB; whole `contam audit --index` processes\n"
    )
    print("| run | wall s | MB/s | vs local | peak RSS MB (driver) | report = local |")
    print("|---|---:|---:|---:|---:|---|")
    local = rows[0][1]
    for name, wall, rss, same in rows:
        print(
            f"| {name} | {wall:.1f} | {size / wall:.1f} | {local / wall:.2f}x | {rss:.0f} | {'yes' if same else 'NO'} |"
        )
    print("\n| fixed cost | s |")
    print("|---|---:|")
    print(f"| Ray start (local, 2 CPUs) | {costs['start']:.1f} |")
    print(f"| index into the object store ({costs['index_mb']:.0f} MB pickled) | {costs['put']:.2f} |")
    print(
        f"| first task on 2 new workers (fetch + unpickle the index, import the engine) | {costs['first']:.1f} |"
    )
    print(f"| the same tasks again (index cached in the worker) | {costs['warm']:.2f} |")
    print(
        f"\nwith Ray started and its workers warm, in one process: 2 workers {costs['ray2']:.1f} s, local "
        f"{costs['local']:.1f} s ({costs['local'] / costs['ray2']:.2f}x)"
    )
    per_worker = size / costs["ray2"] / 2
    fixed = costs["start"] + costs["put"] + costs["first"]
    tb_hours = (1e6 / (per_worker * 64) + fixed) / 3600
    print(
        f"per worker, warm: {per_worker:.1f} MB/s; projected for 1 TB on 64 cores: {tb_hours:.1f} h (that "
        "rate on every core, storage keeping up, the fixed costs once per node)"
    )
    if not all(same for *_, same in rows):
        raise SystemExit("a Ray report differs from the local one")


if __name__ == "__main__":
    main()
