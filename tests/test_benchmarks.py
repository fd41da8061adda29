"""Loading NorEval tasks from local copies into audit units, offline, on real NorEval data."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from contamination.common.errors import InputError
from contamination.testside.benchmarks import count_units, fetch_task, load_task, locate, resolve_against
from contamination.testside.registry import load_registry

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NORQUAD_ITEMS = 472
# 472 whole items + 472 contexts + 472 questions + the 198 answers of at least 20 characters
NORQUAD_UNITS = 472 * 3 + 198
NOCOLA_ITEMS = 9841

needs_data = pytest.mark.skipif(
    not (SHARED_DATA / "norquad" / "test.jsonl").exists(),
    reason=f"real NorEval data not found at {SHARED_DATA}",
)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norquad_hub_rows() -> list[dict]:
    """The local NorQuAD rows in the hub schema: answers is a struct holding `text`."""
    return [{**r, "answers": {"text": r["answers"]}} for r in _jsonl(SHARED_DATA / "norquad" / "test.jsonl")]


@pytest.fixture(scope="module")
def save_to_disk_dir(tmp_path_factory) -> Path:
    """DIR/norquad as `datasets.Dataset.save_to_disk` writes it (what `benchmarks fetch` produces)."""
    if not (SHARED_DATA / "norquad" / "test.jsonl").exists():
        pytest.skip(f"real NorEval data not found at {SHARED_DATA}")
    import datasets

    root = tmp_path_factory.mktemp("bench_disk")
    datasets.Dataset.from_list(_norquad_hub_rows()).save_to_disk(str(root / "norquad"))
    return root


@pytest.fixture(scope="module")
def parquet_repo_dir(tmp_path_factory) -> Path:
    """DIR/norquad as a local dataset repo: split-named parquet files, flattened `answers` (a list)."""
    if not (SHARED_DATA / "norquad" / "test.jsonl").exists():
        pytest.skip(f"real NorEval data not found at {SHARED_DATA}")
    root = tmp_path_factory.mktemp("bench_repo")
    data = root / "norquad" / "data"
    data.mkdir(parents=True)
    for split in ("test", "validation"):  # the loader must pick the split NorEval evaluates on
        rows = _jsonl(SHARED_DATA / "norquad" / f"{split}.jsonl")
        pq.write_table(pa.Table.from_pylist(rows), data / f"{split}-00000-of-00001.parquet")
    nocola = root / "nocola"
    nocola.mkdir()
    (nocola / "test.jsonl").write_bytes((SHARED_DATA / "nocola" / "test.jsonl").read_bytes())
    return root


@needs_data
def test_norquad_from_save_to_disk(save_to_disk_dir):
    ts = load_task("norquad", save_to_disk_dir)
    assert ts.name == "norquad" and ts.items == NORQUAD_ITEMS and len(ts.units) == NORQUAD_UNITS
    counts = count_units(ts)
    assert counts.by_kind == {"item": 472, "field": 944, "option": 198}
    assert ts.revision == "main" and ts.source == str(save_to_disk_dir / "norquad")
    assert len({u.item_id for u in ts.units}) == NORQUAD_ITEMS  # duplicate ids in the data get a suffix
    assert len(ts.sha256) == 64
    first = [u for u in ts.units if u.item_id == "2820"]
    assert [u.field for u in first][:3] == ["item", "context", "question"]
    item = first[0].text
    assert item.startswith(first[1].text) and first[2].text in item


@needs_data
def test_norquad_from_a_saved_dataset_dict_picks_the_test_split(tmp_path, save_to_disk_dir):
    import datasets

    test = datasets.Dataset.from_list(_norquad_hub_rows())
    train = datasets.Dataset.from_list(_norquad_hub_rows()[:5])
    datasets.DatasetDict({"train": train, "test": test}).save_to_disk(str(tmp_path / "norquad"))
    ts = load_task("norquad", tmp_path)
    assert ts.source == str(tmp_path / "norquad" / "test")
    assert ts.units == load_task("norquad", save_to_disk_dir).units


@needs_data
def test_norquad_from_parquet_repo_gives_the_same_units(parquet_repo_dir, save_to_disk_dir):
    repo = load_task("norquad", parquet_repo_dir)
    disk = load_task("norquad", save_to_disk_dir)
    assert repo.items == NORQUAD_ITEMS  # the test split only, not validation
    assert repo.units == disk.units  # `answers` (flattened) is read as an alias of answers.text
    assert repo.source == f"{parquet_repo_dir / 'norquad'}/test"
    answers = [u for u in repo.units if u.field.startswith("answers.text[")]
    assert len(answers) == 198 and all(len(u.text) >= 20 for u in answers)
    assert {u.field for u in answers} == {"answers.text[0]"}


@needs_data
def test_min_option_chars(parquet_repo_dir):
    assert len(load_task("norquad", parquet_repo_dir, min_option_chars=1).units) == 472 * 4
    assert len(load_task("norquad", parquet_repo_dir, min_option_chars=10_000).units) == 472 * 3


@needs_data
def test_nocola_class_copy_maps_text_to_incorrect_text(parquet_repo_dir):
    ts = load_task("nocola", parquet_repo_dir)
    assert ts.items == NOCOLA_ITEMS and len(ts.units) == NOCOLA_ITEMS  # one field only: item units
    assert ts.units[0].item_id == "nocola-test-1" and ts.units[0].text.startswith("Jeg ser positive")


@needs_data
def test_resolve_against_mixes_names_and_groups(parquet_repo_dir, monkeypatch):
    monkeypatch.setenv("NORCURATE_BENCHMARKS", str(parquet_repo_dir))
    sets = resolve_against(["nocola", "norquad"], None)
    assert [(s.name, s.items) for s in sets] == [("nocola", NOCOLA_ITEMS), ("norquad", NORQUAD_ITEMS)]


def test_missing_task_names_the_fetch_command(tmp_path):
    with pytest.raises(InputError) as exc:
        load_task("norquad", tmp_path)
    assert str(exc.value) == (
        f"task norquad is not available locally in {tmp_path}; "
        f"fetch it with: contam benchmarks fetch norquad --to {tmp_path}"
    )
    with pytest.raises(
        InputError, match=r"fetch them with: contam benchmarks fetch nrk_quiz_qa_nob nrk_quiz_qa_nno"
    ):
        resolve_against(["nrk_quiz_qa"], str(tmp_path))


def test_no_benchmarks_dir(monkeypatch):
    monkeypatch.delenv("NORCURATE_BENCHMARKS", raising=False)
    with pytest.raises(InputError, match="no benchmarks directory given; pass --benchmarks-dir DIR"):
        resolve_against(["norquad"], None)


def test_groups_are_not_single_tasks(tmp_path):
    with pytest.raises(InputError, match="is a group"):
        load_task("noreval-core8", tmp_path)


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_row_filters_and_choice_units(tmp_path):
    idioms = [
        {"idiom_start": "å ha en finger", "accepted_completions": ["med i spillet"], "language": "nob"},
        {"idiom_start": "å ha ein finger", "accepted_completions": ["med i spelet"], "language": "nno"},
        {"idiom_start": "å kaste perler", "accepted_completions": ["for svin"], "language": "nob"},
    ]
    _write_jsonl(tmp_path / "noridiom_nno" / "data.jsonl", idioms)  # one unnamed file: the split
    ts = load_task("noridiom_nno", tmp_path)
    assert ts.items == 1 and ts.units[0].item_id == "1"  # row number in the split, before filtering
    assert ts.units[0].text == "å ha ein finger\nmed i spelet"

    long = "et svar som er lengre enn tjue tegn"
    books = [
        {"id": "a", "fact": "", "question_stem": "Uten fakta?", "choices": {"text": ["x", long], "label": ["A", "B"]}},
        {"id": "b", "fact": "Solen er en stjerne.", "question_stem": "Hva er solen?",
         "choices": {"text": ["en planet", "en stjerne", long, "en måne"], "label": list("ABCD")}},
    ]  # fmt: skip
    _write_jsonl(tmp_path / "noropenbookqa_nob" / "nb" / "test.jsonl", books)  # a whole repo: config folders
    _write_jsonl(tmp_path / "noropenbookqa_nob" / "nn" / "test.jsonl", books[:1])
    ts = load_task("noropenbookqa_nob", tmp_path)
    assert ts.items == 1
    assert [(u.item_id, u.field) for u in ts.units] == [
        ("b", "item"),
        ("b", "fact"),
        ("b", "question_stem"),
        ("b", "choices.text[2]"),
    ]
    assert ts.units[0].text == f"Solen er en stjerne.\nHva er solen?\nen planet\nen stjerne\n{long}\nen måne"


def test_missing_field_is_one_line_with_the_fields_found(tmp_path):
    _write_jsonl(tmp_path / "nrk_quiz_qa_nob" / "test.jsonl", [{"id": "1", "prompt": "Hva?"}])
    with pytest.raises(InputError, match=r"row 1: no field 'question' \(fields here: id, prompt\)"):
        load_task("nrk_quiz_qa_nob", tmp_path)


def test_wrong_split_is_named(tmp_path):
    _write_jsonl(tmp_path / "ncb" / "test.jsonl", [{"correct": "a", "wrong": "b"}])
    with pytest.raises(InputError, match=r"no 'train' split here \(found: test\)"):
        load_task("ncb", tmp_path)
    assert locate(load_registry().tasks["ncb"], tmp_path / "nowhere") is None


def test_fetch_saves_to_disk_with_provenance(tmp_path, monkeypatch):
    import datasets

    calls = []

    def fake_load_dataset(repo, config, split=None, revision=None):
        calls.append((repo, config, split, revision))
        return datasets.Dataset.from_list(
            [
                {
                    "id": "q1",
                    "question": "Hva heter hovedstaden i Norge?",
                    "choices": {"text": ["Oslo", "Bergen"]},
                }
            ]
        )

    monkeypatch.setattr("contamination.testside.benchmarks.hub_unreachable_reason", lambda: None)
    monkeypatch.setattr("contamination.testside.benchmarks._resolved_sha", lambda task: "f" * 40)
    monkeypatch.setattr(datasets, "load_dataset", fake_load_dataset)
    task = load_registry().tasks["nrk_quiz_qa_nno"]
    assert fetch_task(task, tmp_path) == "fetched"
    assert calls == [("ltg/nrk_quiz_qa", "nn", "test", "main")]
    assert fetch_task(task, tmp_path) == "present" and len(calls) == 1
    ts = load_task("nrk_quiz_qa_nno", tmp_path)
    assert ts.items == 1 and ts.revision == "f" * 40  # the sha `main` resolved to when fetched
    assert json.loads((tmp_path / "nrk_quiz_qa_nno" / ".norcurate.json").read_text())["revision"] == "main"


def test_fetch_offline_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "contamination.testside.benchmarks.hub_unreachable_reason",
        lambda: "cannot connect to huggingface.co:443",
    )
    with pytest.raises(
        InputError, match=r"^norquad: cannot fetch hf:ltg/norquad@main: the Hugging Face hub is unreachable"
    ):
        fetch_task(load_registry().tasks["norquad"], tmp_path)
    assert not (tmp_path / "norquad").exists()


def test_fetch_never_replaces_a_copy_it_did_not_write(tmp_path, monkeypatch):
    import datasets

    monkeypatch.setattr("contamination.testside.benchmarks.hub_unreachable_reason", lambda: None)
    monkeypatch.setattr("contamination.testside.benchmarks._resolved_sha", lambda task: "f" * 40)
    monkeypatch.setattr(datasets, "load_dataset", lambda *a, **k: datasets.Dataset.from_list([{"id": "1"}]))
    mine = tmp_path / "norquad"
    mine.mkdir()
    (mine / "test.jsonl").write_text('{"id": "x"}\n')  # a hand-made copy without a test split's fields
    with pytest.raises(InputError, match="holds files that contam benchmarks fetch did not write"):
        fetch_task(load_registry().tasks["norquad"], tmp_path, force=True)
    assert (mine / "test.jsonl").read_text() == '{"id": "x"}\n'
