"""The Ray executor on a local Ray with two CPUs: `contam audit --executor ray` and `curate build
--executor ray` give the local executor's bytes, on real data with planted leaks; a worker killed
mid-job is replaced and the result is still complete and identical; a task that fails on bad input is
not retried and names the input."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import assert_same_tree, read_jsonl, write_jsonl

from contamination.audit import TrainSource, build_test_side, run_audit
from contamination.cli.main import main
from contamination.common.errors import InputError
from contamination.config import AuditConfig
from contamination.report import report_bytes
from contamination.sharded import audit_on

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'norcurate[ray]')")

FIELDS = ["question", "context", "answers", "text"]


@pytest.fixture(scope="module")
def executor() -> Iterator[Any]:
    from contamination.executors.ray_executor import RayExecutor

    started = RayExecutor(workers=2)
    yield started
    started.close()


@pytest.fixture(scope="module")
def planted(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """NorQuAD validation passages and NorNE sentences, with NorQuAD test passages and questions planted
    in 40 of them; the test side: 300 NorQuAD test items and NoCoLA test."""
    root = tmp_path_factory.mktemp("planted")
    test = read_jsonl(shared_data / "norquad" / "test.jsonl")[:300]
    rng = random.Random(11)
    rows = [
        {"id": f"nq-{r['id']}", "text": r["context"]}
        for r in read_jsonl(shared_data / "norquad" / "validation.jsonl")[:600]
    ]
    rows += [
        {"id": f"ne-{i}", "text": r["text"]}
        for i, r in enumerate(read_jsonl(shared_data / "norne" / "nb_dev.jsonl")[:600])
    ]
    rng.shuffle(rows)
    for k, i in enumerate(rng.sample(range(len(rows)), 40)):
        item = test[k * 7]
        leak = item["context"] if k % 2 else item["question"]
        rows[i]["text"] = f"{rows[i]['text']} {leak}"
    return {
        "train": write_jsonl(root / "train.jsonl", rows),
        "norquad": write_jsonl(root / "norquad_test.jsonl", test),
        "nocola": shared_data / "nocola" / "test.jsonl",
    }


@pytest.fixture(scope="module")
def index(planted: dict[str, Path]):
    return build_test_side(AuditConfig(test_fields=FIELDS), [str(planted["norquad"]), str(planted["nocola"])])


def test_the_report_is_the_local_report(executor, planted, index) -> None:
    train = [TrainSource(str(planted["train"]))]
    expected = run_audit(train, index=index)
    assert expected.report["summary"]["flagged_train_rows"] >= 35
    got = audit_on(executor, train, index, shard_bytes=100_000)
    assert report_bytes(got.report) == report_bytes(expected.report)
    assert dict(got.flagged) == dict(expected.flagged)


def test_a_worker_killed_mid_job_changes_nothing(executor, planted, index, tmp_path: Path) -> None:
    """The third scan task kills its worker process (once: a marker file says it did); Ray runs the
    task again on a new worker and the report is complete and identical."""
    train = [TrainSource(str(planted["train"]))]
    expected = run_audit(train, index=index)
    marker, calls = tmp_path / "killed", tmp_path / "calls"
    calls.mkdir()

    class Dying:
        name = "ray"

        def map(self, work: Any, items: Any, shared: Any) -> Any:
            def dying(shared_obj: Any, item: Any) -> Any:  # pickled by value: a closure
                (calls / f"{os.getpid()}-{random.random()}").touch()
                if len(list(calls.iterdir())) >= 3 and work.__name__ == "scan_shard" and not marker.exists():
                    marker.touch()
                    os._exit(1)
                return work(shared_obj, item)

            return executor.map(dying, items, shared)

        def close(self) -> None:
            return None

    got = audit_on(Dying(), train, index, shard_bytes=100_000)
    assert marker.exists(), "no worker was killed: the test proves nothing"
    assert report_bytes(got.report) == report_bytes(expected.report)


def test_bad_input_fails_once_with_its_line(executor, tmp_path: Path, index) -> None:
    lines = [json.dumps({"id": i, "text": f"rad {i} med litt tekst"}) for i in range(3000)]
    lines[2500] = '{"id": 2500, "text": '
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"bad\.jsonl:2501: not valid JSON"):
        audit_on(executor, [TrainSource(str(bad))], index, shard_bytes=10_000)


def test_cli_audit_on_ray_writes_the_local_report_and_parts(executor, planted, tmp_path: Path) -> None:
    test_args = ["--test", planted["norquad"], "--test", planted["nocola"]]
    for f in FIELDS:
        test_args += ["--test-field", f]

    def audit(*args: object) -> Any:
        return CliRunner().invoke(
            main, ["audit", str(planted["train"]), *map(str, test_args), "--no-progress", *map(str, args)]
        )

    local = audit("--report", tmp_path / "local.json", "--write-clean", tmp_path / "clean.jsonl")
    on_ray = audit(
        "--executor",
        "ray",
        "--shard-mb",
        "1",
        "--report",
        tmp_path / "ray.json",
        "--write-clean",
        tmp_path / "parts",
    )
    assert local.exit_code == on_ray.exit_code == 1, on_ray.output
    assert (tmp_path / "ray.json").read_bytes() == (tmp_path / "local.json").read_bytes()
    listing = json.loads((tmp_path / "parts" / "parts.json").read_bytes())
    joined = b"".join((tmp_path / "parts" / p["file"]).read_bytes() for p in listing["parts"])
    assert joined == (tmp_path / "clean.jsonl").read_bytes()
    single = audit("--executor", "ray", "--single-file", "--write-clean", tmp_path / "single.jsonl")
    assert single.exit_code == 1
    assert (tmp_path / "single.jsonl").read_bytes() == (tmp_path / "clean.jsonl").read_bytes()


def test_build_on_ray_is_the_local_build(executor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import curation.rowwise as rowwise
    from curation.output.writer import build
    from curation.recipe.loading import load_recipe

    recipe = str(Path(__file__).resolve().parents[1] / "recipes" / "demo.yaml")
    build(load_recipe(recipe), tmp_path / "local")
    monkeypatch.setattr(rowwise, "PART_BYTES", 15_000)  # several parts per demo source
    build(load_recipe(recipe), tmp_path / "ray", executor=executor)
    for folder in ("", ".private"):
        assert_same_tree(tmp_path / f"local{folder}", tmp_path / f"ray{folder}")


def test_cli_build_on_ray(executor, tmp_path: Path) -> None:
    from curation.cli.main import main as curate

    recipe = str(Path(__file__).resolve().parents[1] / "recipes" / "demo.yaml")
    for name, extra in (("local", []), ("ray", ["--executor", "ray", "--workers", "2"])):
        res = CliRunner().invoke(curate, ["build", recipe, "--out", str(tmp_path / name), "-q", *extra])
        assert res.exit_code == 0, res.output
    assert (tmp_path / "ray" / "manifest.json").read_bytes() == (
        tmp_path / "local" / "manifest.json"
    ).read_bytes()
    assert ray.is_initialized()  # the tests' Ray was used and left running, not shut down by the command


@pytest.mark.parametrize("when", ["scanning", "writing parts"])
def test_ctrl_c_stops_the_job_and_writes_nothing(
    executor, planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, when: str
) -> None:
    """Ctrl-C (a KeyboardInterrupt in the driver) while shards are scanned, or while the workers write
    the parts: exit 130, no report, no parts folder, no temporary left beside them, and Ray still runs
    the next job."""
    import contamination.split as split

    def interrupted(results: Any) -> Any:
        yield next(iter(results))
        raise KeyboardInterrupt

    if when == "scanning":
        real_audit = split.audit_on

        def audit_on_then_ctrl_c(ex: Any, plan: Any, index: Any, batch: int, on_shard: Any) -> Any:
            def on(done: Any) -> None:
                on_shard(done)
                raise KeyboardInterrupt

            return real_audit(ex, plan, index, batch, on_shard=on)

        monkeypatch.setattr(split, "audit_on", audit_on_then_ctrl_c)
    else:
        real_write = split.write_split_parts

        class FirstThenCtrlC:
            def __init__(self, inner: Any) -> None:
                self.inner = inner

            def map(self, work: Any, items: Any, shared: Any) -> Any:
                return interrupted(self.inner.map(work, items, shared))

        monkeypatch.setattr(split, "write_split_parts", lambda ex, *a: real_write(FirstThenCtrlC(ex), *a))
    out = tmp_path / "out"
    out.mkdir()
    args = ["audit", str(planted["train"]), "--test", str(planted["norquad"]), "--test-field", "context"]
    args += ["--executor", "ray", "--shard-mb", "1", "--no-progress", "--report", str(out / "r.json")]
    res = CliRunner().invoke(main, [*args, "--write-clean", str(out / "clean")])
    assert res.exit_code == 130, res.output
    assert "nothing was written" in res.output
    assert list(out.iterdir()) == []
    again = audit_on(
        executor,
        [TrainSource(str(planted["train"]))],
        build_test_side(AuditConfig(), [str(planted["nocola"])]),
    )
    assert again.report["summary"]["train_rows"] > 0


def test_build_on_ray_from_shared_data_with_planted_leaks(
    executor, shared_data: Path, planted, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A recipe over real Norwegian text (NorNE Bokmål and Nynorsk sentences joined into documents, some
    carrying a NorQuAD test passage), audited against NorQuAD test: the Ray build drops the same rows and
    writes the same bytes as the local one."""
    import curation.rowwise as rowwise
    from curation.output.writer import build
    from curation.recipe.loading import load_recipe

    rng = random.Random(5)
    test = read_jsonl(planted["norquad"])
    for lang in ("nb", "nn"):
        sentences = [r["text"] for r in read_jsonl(shared_data / "norne" / f"{lang}_dev.jsonl")]
        docs = [" ".join(rng.sample(sentences, 6)) for _ in range(300)]
        for k in range(0, 300, 25):
            docs[k] = f"{docs[k]} {test[k]['context']}"
        write_jsonl(tmp_path / f"{lang}.jsonl", [{"text": d} for d in docs])
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(
        f"""name: shared-planted
licence: CC-BY-4.0
seed: 7
sources:
  - {{name: norne_nb, path: nb.jsonl, format: text, lang: nb, licence: CC-BY-4.0}}
  - {{name: norne_nn, path: nn.jsonl, format: text, lang: nn, licence: CC-BY-4.0}}
mix:
  total: 400
  by_lang: {{nb: 0.6, nn: 0.4}}
  allow_shortfall: true
audit:
  test_sets:
    - {{path: {planted["norquad"]}, fields: [question, context]}}
  on_contamination: drop
output:
  dir: out
  write_dropped: true
"""
    )
    local = build(load_recipe(str(recipe)), tmp_path / "local")
    assert local["audit"]["dropped_rows"] >= 10
    monkeypatch.setattr(rowwise, "PART_BYTES", 30_000)
    build(load_recipe(str(recipe)), tmp_path / "ray", executor=executor)
    for folder in ("", ".private"):
        assert_same_tree(tmp_path / f"local{folder}", tmp_path / f"ray{folder}")
