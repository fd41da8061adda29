"""An audit cut in shards (`contamination.sharded`, run here through the in-process executor) gives the
report `run_audit` gives, byte for byte, whatever the format of the training data and the size of the
shards; the rows split by the verdict come out as parts that are the single file, row for row; and the
build's row-wise steps cut in parts (`curation.rowwise`) give the same build. The same through Ray:
tests/test_ray.py."""

from __future__ import annotations

import json
import random
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import FJORD, SKI, assert_same_tree, write_jsonl

from contamination.audit import TrainSource, audit_texts, build_test_side, run_audit
from contamination.cli.main import main
from contamination.common.errors import InputError
from contamination.config import AuditConfig
from contamination.executors.base import LocalExecutor
from contamination.methods.registry import ALL_METHODS
from contamination.report import report_bytes
from contamination.sharded import audit_on, audit_texts_on, plan_audit
from contamination.split import PARTS_FILE, write_split, write_split_parts

WORDS = [
    "og",
    "i",
    "på",
    "til",
    "med",
    "for",
    "som",
    "av",
    "det",
    "en",
    "et",
    "er",
    "var",
    "har",
    "ble",
    "kan",
    "skal",
    "vil",
    "fra",
    "om",
    "men",
    "ikke",
    "de",
    "den",
    "kommune",
    "fylke",
    "elv",
    "fjell",
    "skog",
    "by",
    "hav",
    "vei",
    "bru",
    "skole",
    "kirke",
    "gård",
    "år",
    "dag",
    "natt",
    "vinter",
    "sommer",
    "stor",
    "liten",
    "gammel",
    "ny",
    "lang",
    "kort",
    "høy",
    "lav",
    "nord",
    "sør",
    "øst",
    "vest",
    "norsk",
    "kongen",
    "folk",
    "arbeid",
]
LEAKS = (FJORD, SKI)


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _rows(n: int = 400, seed: int = 7) -> list[dict]:
    """Training rows: random Norwegian words, with a benchmark paragraph planted in every 37th row, and
    a row without an id now and then."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        text = " ".join(_sentence(rng, rng.randint(6, 30)) for _ in range(rng.randint(1, 6)))
        if i % 37 == 5:
            text = f"{text} {LEAKS[i % 2]} {_sentence(rng, 8)}"
        rows.append({"text": text} if i % 50 == 13 else {"id": f"doc-{i}", "text": text})
    return rows


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    rng = random.Random(3)
    items = [{"id": "fjord", "text": FJORD}, {"id": "ski", "text": SKI}]
    items += [{"id": f"q{i}", "text": _sentence(rng, rng.randint(5, 14))} for i in range(60)]
    test = write_jsonl(tmp_path_factory.mktemp("test") / "test.jsonl", items)
    return build_test_side(AuditConfig(methods=list(ALL_METHODS)), [str(test)])


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same rows in every layout users have."""
    root = tmp_path_factory.mktemp("corpora")
    rows = _rows()
    lines = [orjson.dumps(r) for r in rows]
    for at in (3, 90, 91, 250):  # blank lines here and there
        lines.insert(at, b"   ")
    jsonl = root / "corpus.jsonl"
    jsonl.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines))  # a BOM, and no newline at the end
    txt = root / "corpus.txt"
    txt.write_text("\n".join(r["text"] for r in rows) + "\n\n", encoding="utf-8")
    parquet = root / "corpus.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": r.get("id"), "text": r["text"]} for r in rows]), parquet, 37)
    folder = root / "folder"
    write_jsonl(folder / "a.jsonl", rows[:150])
    pq.write_table(pa.Table.from_pylist(rows[150:]), folder / "b.parquet", row_group_size=40)
    (folder / "README.md").write_text("# not data\n")
    csv = root / "corpus.csv"
    csv.write_text("id,text\n" + "".join(f'{i},"{r["text"]}"\n' for i, r in enumerate(rows[:80])))
    return {"jsonl": jsonl, "txt": txt, "parquet": parquet, "folder": folder, "csv": csv}


def _same(train: list[TrainSource], index, shard_bytes: int, batch_size: int = 64) -> None:
    expected = run_audit(train, index=index, batch_size=batch_size)
    got = audit_on(LocalExecutor(), train, index, batch_size=batch_size, shard_bytes=shard_bytes)
    assert report_bytes(got.report) == report_bytes(expected.report)
    assert dict(got.flagged) == dict(expected.flagged)
    assert expected.report["findings"], "the planted paragraphs must be found"


@pytest.mark.parametrize("shard_bytes", [1 << 30, 20_000, 3_000])
def test_every_layout_gives_the_same_report_in_shards(corpora, index, shard_bytes: int) -> None:
    train = [TrainSource(str(p)) for p in corpora.values()]
    _same(train, index, shard_bytes)


def test_a_saved_dataset_is_cut_in_row_ranges(tmp_path: Path, index) -> None:
    datasets = pytest.importorskip("datasets")
    rows = _rows(300)
    dd = datasets.DatasetDict(
        {
            "train": datasets.Dataset.from_list([{"id": r.get("id", ""), "text": r["text"]} for r in rows]),
            "test": datasets.Dataset.from_list([{"id": "x", "text": "nothing"}]),
        }
    )
    dd.save_to_disk(str(tmp_path / "saved"))
    plan = plan_audit(LocalExecutor(), [TrainSource(str(tmp_path / "saved"))], rows_per=64)
    assert len(plan.shards) == 5 and plan.total_rows == 300 and plan.sources[0].split == "train"
    expected = run_audit([TrainSource(str(tmp_path / "saved"))], index=index)
    got = audit_on(LocalExecutor(), plan, index)
    assert report_bytes(got.report) == report_bytes(expected.report)


def test_shards_know_their_lines_and_rows(corpora) -> None:
    plan = plan_audit(LocalExecutor(), [TrainSource(str(corpora["jsonl"]))], shard_bytes=3_000)
    assert len(plan.shards) > 20
    assert plan.total_rows == 400  # blank lines are not rows
    assert [s.first_row for s in plan.spans] == [sum(plan.rows[:i]) for i in range(len(plan.rows))]
    raw = corpora["jsonl"].read_bytes()
    for shard, span in zip(plan.shards, plan.spans, strict=True):
        assert raw[: shard.start].count(b"\n") + 1 == span.first_line
        assert shard.start == 0 or raw[shard.start - 1 : shard.start] == b"\n"  # cut after a newline


def test_a_bad_line_in_a_later_shard_is_named_as_a_whole_read_names_it(tmp_path: Path, index) -> None:
    lines = [orjson.dumps(r) for r in _rows(200)]
    lines[171] = b'{"id": "broken", "text": '
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(InputError) as whole:
        run_audit([TrainSource(str(bad))], index=index)
    with pytest.raises(InputError) as sharded:
        audit_on(LocalExecutor(), [TrainSource(str(bad))], index, shard_bytes=2_000)
    assert str(sharded.value) == str(whole.value)
    assert "bad.jsonl:172:" in str(sharded.value)


def test_a_file_that_changes_during_the_audit_fails_it(tmp_path: Path, index) -> None:
    path = write_jsonl(tmp_path / "moving.jsonl", _rows(100))
    plan = plan_audit(LocalExecutor(), [TrainSource(str(path))], shard_bytes=1 << 30)
    write_jsonl(path, _rows(120))
    with pytest.raises(InputError, match="rows read where 100 were counted"):
        audit_on(LocalExecutor(), plan, index)


def test_an_empty_source_is_an_error(tmp_path: Path, index) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n \n")
    with pytest.raises(InputError, match="no rows"):
        audit_on(LocalExecutor(), [TrainSource(str(empty))], index)


def test_in_memory_texts_in_shards(index) -> None:
    rows = _rows(300)
    ids, texts = [r.get("id", f"r{i}") for i, r in enumerate(rows)], [r["text"] for r in rows]
    expected = audit_texts(ids, texts, index, name="train")
    for rows_per in (1000, 40):
        got = audit_texts_on(LocalExecutor(), ids, texts, index, name="train", rows_per=rows_per)
        assert report_bytes(got.report) == report_bytes(expected.report)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_parts_are_the_single_file_row_for_row(tmp_path: Path, corpora, index, fmt: str) -> None:
    train = [TrainSource(str(corpora[fmt]))]
    plan = plan_audit(LocalExecutor(), train, shard_bytes=5_000)
    result = audit_on(LocalExecutor(), plan, index)
    write_split(train, result.flagged, tmp_path / f"clean.{fmt}", tmp_path / f"flagged.{fmt}")
    write_split_parts(LocalExecutor(), plan, result.flagged, tmp_path / "clean", tmp_path / "flagged")
    for kind in ("clean", "flagged"):
        listing = json.loads((tmp_path / kind / PARTS_FILE).read_bytes())
        files = [tmp_path / kind / p["file"] for p in listing["parts"]]
        assert sorted(p.name for p in (tmp_path / kind).iterdir()) == sorted(
            [PARTS_FILE, *(f.name for f in files)]
        )
        if fmt == "jsonl":
            assert b"".join(f.read_bytes() for f in files) == (tmp_path / f"{kind}.jsonl").read_bytes()
        else:
            parts = pa.concat_tables([pq.read_table(f) for f in files if pq.read_metadata(f).num_rows])
            assert parts.to_pylist() == pq.read_table(tmp_path / f"{kind}.parquet").to_pylist()
        assert listing["rows"] == sum(p["rows"] for p in listing["parts"])
    assert json.loads((tmp_path / "flagged" / PARTS_FILE).read_bytes())["rows"] == len(
        {row for _, row in result.flagged}
    )


def _audit_cli(*args: object) -> object:
    return CliRunner().invoke(main, ["audit", *map(str, args), "--no-progress"])


def test_cluster_options_need_the_ray_executor(corpora) -> None:
    for extra in (["--workers", "2"], ["--ray-address", "auto"], ["--single-file"], ["--shard-mb", "8"]):
        res = _audit_cli(corpora["jsonl"], "--test", corpora["jsonl"], *extra)
        assert res.exit_code == 2, res.output
        assert "--executor ray" in res.output


def test_a_parts_folder_we_did_not_write_is_refused(tmp_path: Path, corpora) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine")
    res = _audit_cli(corpora["jsonl"], "--test", corpora["csv"], "--executor", "ray", "--write-clean", keep)
    assert res.exit_code == 2 and "--write-clean" in res.output and "not replaced" in res.output
    assert (keep / "notes.txt").read_text() == "mine"


def test_the_build_in_parts_is_the_local_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import curation.rowwise as rowwise
    from curation.output.writer import build
    from curation.recipe.loading import load_recipe

    recipe = Path(__file__).resolve().parents[1] / "recipes" / "demo.yaml"
    build(load_recipe(str(recipe)), tmp_path / "local")
    monkeypatch.setattr(rowwise, "PART_BYTES", 4_000)  # every demo source in several parts
    build(load_recipe(str(recipe)), tmp_path / "parts", executor=LocalExecutor())
    assert_same_tree(tmp_path / "local", tmp_path / "parts")
    assert_same_tree(tmp_path / "local.private", tmp_path / "parts.private")


def test_sources_with_splits_build_the_same_in_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A repo folder with train and test split files and a saved DatasetDict: the build in parts reads
    their train splits, names them in the manifest, and writes what the local build writes."""
    datasets = pytest.importorskip("datasets")
    import curation.rowwise as rowwise
    from curation.output.writer import build
    from curation.recipe.loading import load_recipe

    rows = _rows(240)
    write_jsonl(tmp_path / "repo" / "train" / "part-0.jsonl", [{"text": r["text"]} for r in rows[:120]])
    write_jsonl(tmp_path / "repo" / "test" / "part-0.jsonl", [{"text": "Ikke denne."}])
    datasets.DatasetDict(
        {
            "train": datasets.Dataset.from_list([{"text": r["text"]} for r in rows[120:]]),
            "validation": datasets.Dataset.from_list([{"text": "Heller ikke denne."}]),
        }
    ).save_to_disk(str(tmp_path / "saved"))
    (tmp_path / "recipe.yaml").write_text(
        """name: splits
licence: CC-BY-4.0
seed: 3
sources:
  - {name: repo, path: repo, format: text, lang: nb, licence: CC-BY-4.0}
  - {name: saved, path: saved, format: text, lang: nb, licence: CC-BY-4.0}
mix:
  total: 200
  by_lang: {nb: 1.0}
  allow_shortfall: true
filters:
  min_lang_score: 0.0
  drop_wrong_lang: false
output:
  dir: out
"""
    )
    local = build(load_recipe(str(tmp_path / "recipe.yaml")), tmp_path / "local")
    assert [s.get("split") for s in local["sources"]] == ["train", "train"]
    monkeypatch.setattr(rowwise, "PART_BYTES", 2_000)
    build(load_recipe(str(tmp_path / "recipe.yaml")), tmp_path / "parts", executor=LocalExecutor())
    assert_same_tree(tmp_path / "local", tmp_path / "parts")


def test_crlf_lines_and_a_line_longer_than_a_shard(tmp_path: Path, index) -> None:
    """Windows line ends, and one document far longer than a shard (its shard grows to hold it): the
    same report, and every row read once."""
    rows = _rows(120)
    rows[40]["text"] = " ".join([rows[40]["text"]] * 200) + f" {FJORD}"  # ~100 KB on one line
    crlf = tmp_path / "crlf.jsonl"
    crlf.write_bytes(b"".join(orjson.dumps(r) + b"\r\n" for r in rows))
    txt = tmp_path / "crlf.txt"
    txt.write_bytes("".join(r["text"] + "\r\n" for r in rows).encode())
    for path in (crlf, txt):
        plan = plan_audit(LocalExecutor(), [TrainSource(str(path))], shard_bytes=3_000)
        assert plan.total_rows == 120 and len(plan.shards) > 5
        _same([TrainSource(str(path))], index, 3_000)


def test_ray_is_imported_only_when_chosen(corpora) -> None:
    """The local executor (the default) never imports Ray: an audit and the modules of both CLIs."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import curation.cli.main, curation.rowwise\n"
        "from contamination.cli.main import main\n"
        f"r = CliRunner().invoke(main, ['audit', {str(corpora['jsonl'])!r}, '--test', {str(corpora['csv'])!r}])\n"
        "assert r.exit_code in (0, 1), r.output\n"
        "assert 'ray' not in sys.modules, 'ray was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
