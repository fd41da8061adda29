"""CLI tests for `curate langid` on real temporary files."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from curation.cli.langid import langid_cmd

ROWS = [
    {"id": 1, "text": "Eg veit ikkje kva eg skal gjere i dag."},
    {"id": 2, "text": "Jeg vet ikke hva jeg skal gjøre i dag."},
    {"id": 3, "text": "I really do not know what I should do today."},
]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def invoke(*args: str):
    return CliRunner().invoke(langid_cmd, [str(a) for a in args])


def test_jsonl_adds_lang_and_score(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", ROWS)
    out = tmp_path / "out.jsonl"
    result = invoke(src, "--out", out)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["lang"] for r in rows] == ["nn", "nb", "en"]
    assert all(0.0 <= r["lang_score"] <= 1.0 for r in rows)
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert "nn" in result.output and "rows" in result.output
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_default_output_and_json_counts(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", ROWS)
    result = invoke(src, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["counts"] == {"nb": 1, "nn": 1, "en": 1, "other": 0}
    assert report["rows"] == 3
    assert Path(report["output"]) == tmp_path / "in.langid.jsonl"
    assert (tmp_path / "in.langid.jsonl").exists()


def test_parquet_round_trip_with_messages_field(tmp_path: Path) -> None:
    chats = [
        [
            {"role": "user", "content": "Kva er hovudstaden i Noreg?"},
            {"role": "assistant", "content": "Det er Oslo."},
        ],
        [
            {"role": "user", "content": "What is the capital of Norway?"},
            {"role": "assistant", "content": "Oslo."},
        ],
    ]
    src = tmp_path / "chats.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": i, "messages": m} for i, m in enumerate(chats)]), src)
    out = tmp_path / "labelled.parquet"
    result = invoke(src, "--field", "messages", "--out", out)
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.column("lang").to_pylist() == ["nn", "en"]
    assert table.column("messages").to_pylist() == chats
    assert table.schema.field("lang_score").type == pa.float64()


def test_csv_keeps_format(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,Ho seier at ho ikkje kjem heim i kveld.\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert invoke(src, "--out", out).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,text,lang,lang_score"
    assert ",nn," in lines[1]


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = invoke(tmp_path / "nope.jsonl")
    assert result.exit_code == 2
    assert "nope.jsonl" in result.output and "no such file" in result.output
    assert "Traceback" not in result.output


def test_bad_json_line_exits_2_naming_the_line(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "Hei på deg."}\n{"text": oops}\n', encoding="utf-8")
    result = invoke(src)
    assert result.exit_code == 2
    assert "bad.jsonl:2" in result.output and "not valid JSON" in result.output
    assert not (tmp_path / "bad.langid.jsonl").exists()


def test_missing_field_exits_2(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"body": "Hei"}])
    result = invoke(src, "--field", "text")
    assert result.exit_code == 2
    assert "row 1" in result.output and "'text'" in result.output and "--field" in result.output


def test_missing_parquet_column_exits_2(tmp_path: Path) -> None:
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([{"body": "Hei"}]), src)
    result = invoke(src)
    assert result.exit_code == 2
    assert "no field 'text'" in result.output and "--field" in result.output


# ---------------------------------------------------------------------------- issue 12, case 8


def test_an_existing_lang_column_is_not_overwritten(tmp_path: Path, shared_data: Path) -> None:
    # NorNE rows carry their gold `lang`: labelling them must not silently replace it
    src = tmp_path / "nb_dev.jsonl"
    src.write_bytes(b"".join((shared_data / "norne" / "nb_dev.jsonl").read_bytes().splitlines(True)[:40]))
    result = invoke(src)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "row 1 already has a 'lang' column" in result.output and "--overwrite" in result.output
    assert not (tmp_path / "nb_dev.langid.jsonl").exists()
    result = invoke(src, "--column", "pred", "--out", tmp_path / "pred.jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "pred.jsonl").read_text().splitlines()]
    assert {r["lang"] for r in rows} == {"nb"}  # the gold labels are kept
    assert sum(r["pred"] == "nb" for r in rows) >= 30 and all("pred_score" in r for r in rows)
    result = invoke(src, "--overwrite", "--out", tmp_path / "over.jsonl")
    assert result.exit_code == 0, result.output


def test_dataset_folders_and_the_messages_fallback(tmp_path: Path) -> None:
    import datasets

    chats = [
        {
            "id": str(r["id"]),
            "messages": [{"role": "user", "content": "Omset:"}, {"role": "assistant", "content": r["text"]}],
        }
        for r in ROWS
    ]
    folder = tmp_path / "chats"
    datasets.DatasetDict(
        {"train": datasets.Dataset.from_list(chats), "test": datasets.Dataset.from_list(chats[:1])}
    ).save_to_disk(str(folder))
    result = invoke(folder)
    assert (
        result.exit_code == 2
        and "holds the splits train, test" in result.output
        and f"{folder}/SPLIT" in result.output
    )
    result = invoke(f"{folder}/train", "--json")  # the default `text` falls back to `messages`
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert Path(report["output"]) == tmp_path / "chats.train.langid.jsonl"  # beside the folder, not in it
    rows = [json.loads(line) for line in (tmp_path / "chats.train.langid.jsonl").read_text().splitlines()]
    assert [r["lang"] for r in rows] == ["nn", "nb", "en"]
    assert sorted(p.name for p in folder.iterdir()) == ["dataset_dict.json", "test", "train"]
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    write_jsonl(repo / "data" / "train.jsonl", ROWS)
    result = invoke(repo, "--out", tmp_path / "repo.jsonl")
    assert result.exit_code == 0, result.output
    result = invoke(repo, "--out", repo / "data" / "labelled.jsonl")
    assert result.exit_code == 2 and "inside the input" in result.output
