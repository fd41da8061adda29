"""contamination.io.readers: every input format, batching, stable sha256 and one-line input errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import write_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st

from contamination.common.errors import InputError
from contamination.io.readers import Hasher, HubRef, Role, iter_batches, parse_hub_ref, source_format
from contamination.io.tables import iter_table_batches
from contamination.io.writers import write_rows

ROWS = [{"id": str(i), "text": f"Setning nummer {i} på bokmål, med æ, ø og å."} for i in range(10)]


def read_all(source: str | Path, batch_size: int = 4096, role: Role | None = None) -> list[dict]:
    return [row for batch in iter_batches(str(source), batch_size=batch_size, role=role) for row in batch]


def digest(source: str | Path) -> str:
    hasher = Hasher()
    for _ in iter_batches(str(source), hasher=hasher):
        pass
    return hasher.hexdigest()


def split_read(source: str | Path, role: Role | None) -> str | None:
    hasher = Hasher()
    for _ in iter_batches(str(source), hasher=hasher, role=role):
        pass
    return hasher.split


def write_parquet(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def make_file(tmp_path: Path, fmt: str, rows: list[dict] = ROWS) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"data.{fmt}"
    if fmt == "jsonl":
        write_jsonl(path, rows)
    elif fmt == "json":
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    elif fmt == "parquet":
        write_parquet(path, rows)
    elif fmt == "csv":
        write_rows(path, rows)
    elif fmt == "txt":
        path.write_text("".join(r["text"] + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "json", "parquet", "csv"])
def test_formats_read_back_rows(tmp_path: Path, fmt: str) -> None:
    assert read_all(make_file(tmp_path, fmt)) == ROWS


def test_txt_one_row_per_nonblank_line(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes("første linje\r\n\n  \nandre linje\n".encode())
    assert read_all(path) == [{"text": "første linje", "id": "1"}, {"text": "andre linje", "id": "4"}]


def test_jsonl_skips_blank_lines_and_accepts_ndjson(tmp_path: Path) -> None:
    path = tmp_path / "data.ndjson"
    path.write_bytes(b'{"text": "a"}\n\n   \n{"text": "b"}')
    assert read_all(path) == [{"text": "a"}, {"text": "b"}]
    assert source_format(str(path)) == "jsonl"


def test_json_wrapper_object(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(json.dumps({"version": 1, "data": ROWS[:3]}))
    assert read_all(path) == ROWS[:3]


def test_csv_with_bom_and_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes('\ufeffid,text\n1,"to\nlinjer, og komma"\n'.encode())
    assert read_all(path) == [{"id": "1", "text": "to\nlinjer, og komma"}]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "parquet", "csv", "txt"])
def test_batching(tmp_path: Path, fmt: str) -> None:
    path = make_file(tmp_path, fmt)
    batches = list(iter_batches(str(path), batch_size=3))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    assert [r["text"] for b in batches for r in b] == [r["text"] for r in ROWS]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "parquet", "csv", "txt"])
def test_sha256_stable_and_content_sensitive(tmp_path: Path, fmt: str) -> None:
    path = make_file(tmp_path / "a", fmt)
    first = digest(path)
    assert first == digest(path)
    assert len(first) == 64
    other = make_file(tmp_path / "b", fmt, [*ROWS[:-1], {"id": "9", "text": "endret"}])
    assert digest(other) != first


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "txt", "parquet"])
def test_sha256_of_a_file_is_the_file_sha256(tmp_path: Path, fmt: str) -> None:
    path = make_file(tmp_path, fmt)
    assert digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_sha256_independent_of_batch_size(tmp_path: Path) -> None:
    path = make_file(tmp_path, "jsonl")
    h1, h2 = Hasher(), Hasher()
    list(iter_batches(str(path), batch_size=1, hasher=h1))
    list(iter_batches(str(path), batch_size=1000, hasher=h2))
    assert h1.hexdigest() == h2.hexdigest()


@pytest.mark.parametrize("kind", ["list", "pyarrow", "polars", "datasets"])
def test_sha256_of_an_in_memory_table_independent_of_batch_size(kind: str) -> None:
    """The report names what was audited by this hash: it must not change with the batch size (it hashed
    each batch as one JSON list)."""
    rows = [{"id": f"r{i}", "text": f"Rad nummer {i} i tabellen."} for i in range(7)]
    if kind == "pyarrow":
        table: object = pa.Table.from_pylist(rows)
    elif kind == "polars":
        import polars as pl

        table = pl.DataFrame(rows)
    elif kind == "datasets":
        import datasets

        table = datasets.Dataset.from_list(rows)
    else:
        table = rows
    digests = set()
    for size in (1, 3, 100):
        h = hashlib.sha256()
        got = [r for batch in iter_table_batches(table, size, h) for r in batch]
        assert got == rows
        digests.add(h.hexdigest())
    assert len(digests) == 1


# ---------------------------------------------------------------------------- dataset folders


def test_save_to_disk_dataset(tmp_path: Path) -> None:
    import datasets

    folder = tmp_path / "ds"
    datasets.Dataset.from_list(ROWS).save_to_disk(str(folder))
    assert read_all(folder) == ROWS
    assert [len(b) for b in iter_batches(str(folder), batch_size=4)] == [4, 4, 2]
    assert digest(folder) == digest(folder)
    assert source_format(str(folder)) == "jsonl"


def test_save_to_disk_dataset_dict_and_split(tmp_path: Path) -> None:
    import datasets

    folder = tmp_path / "dd"
    train = [{"id": "t", "text": "trening"}]
    test = [{"id": "x", "text": "test"}]
    validation = [{"id": "v", "text": "validering"}]
    datasets.DatasetDict(
        {
            "train": datasets.Dataset.from_list(train),
            "validation": datasets.Dataset.from_list(validation),
            "test": datasets.Dataset.from_list(test),
        }
    ).save_to_disk(str(folder))
    assert read_all(folder, role="train") == train  # training data reads train, test sets test
    assert read_all(folder, role="test") == test
    with pytest.raises(InputError, match=r"holds the splits train, validation, test; name the one.*dd/SPLIT"):
        read_all(folder)  # no role: never a guess
    assert read_all(f"{folder}/train") == train
    assert read_all(f"{folder}/validation", role="test") == validation  # named: what the user asked for
    assert split_read(f"{folder}/validation", "test") == "validation"
    assert split_read(folder / "validation", "test") == "validation"  # the split folder itself
    assert split_read(folder, "train") == "train"
    assert digest(f"{folder}/train") != digest(f"{folder}/test")
    with pytest.raises(InputError, match="no split 'nope'.*available"):
        read_all(f"{folder}/nope")


def test_local_repo_folder_with_parquet_shards(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_parquet(repo / "data" / "test-00000-of-00002.parquet", ROWS[:4])
    write_parquet(repo / "data" / "test-00001-of-00002.parquet", ROWS[4:6])
    write_parquet(repo / "data" / "train-00000-of-00001.parquet", ROWS[6:])
    (repo / "README.md").write_text("# dataset card\n")
    assert read_all(repo, role="test") == ROWS[:6]  # shards in order
    assert read_all(repo, role="train") == ROWS[6:]
    assert read_all(f"{repo}/train") == ROWS[6:]
    assert read_all(f"{repo}/test") == ROWS[:6]
    assert split_read(repo, "train") == "train"
    with pytest.raises(InputError, match="holds the splits test, train;"):
        read_all(repo)
    assert digest(f"{repo}/train") != digest(f"{repo}/test")


def test_local_repo_folder_with_split_named_jsonl(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_jsonl(repo / "train.jsonl", ROWS[:5])
    write_jsonl(repo / "validation.jsonl", ROWS[5:8])
    write_jsonl(repo / "test.jsonl", ROWS[8:])
    assert read_all(repo, role="test") == ROWS[8:]
    assert read_all(repo, role="train") == ROWS[:5]
    assert read_all(f"{repo}/train") == ROWS[:5]
    assert read_all(f"{repo}/validation") == ROWS[5:8]


def test_local_repo_folder_with_split_folders(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_jsonl(repo / "train" / "part-0.jsonl", ROWS[:5])
    write_jsonl(repo / "validation" / "part-0.jsonl", ROWS[5:])
    assert read_all(repo, role="train") == ROWS[:5]
    with pytest.raises(InputError, match="holds the splits train, validation and no 'test' split"):
        read_all(repo, role="test")
    assert read_all(f"{repo}/validation", role="test") == ROWS[5:]
    assert read_all(repo / "train") == ROWS[:5]  # an existing folder is read as a folder


def test_local_repo_folder_without_splits_reads_everything(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_jsonl(repo / "a.jsonl", ROWS[:5])
    write_parquet(repo / "b.parquet", ROWS[5:])
    assert read_all(repo) == ROWS


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .parquet/.jsonl/.json data files"):
        read_all(tmp_path / "empty")


def test_folder_with_unknown_split(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write_jsonl(repo / "train.jsonl", ROWS)
    with pytest.raises(InputError, match="no split 'test'; available: train"):
        read_all(f"{repo}/test")


# ---------------------------------------------------------------------------- errors


def one_line(exc: pytest.ExceptionInfo[InputError]) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory") as exc:
        read_all(tmp_path / "missing.jsonl")
    assert "missing.jsonl" in one_line(exc)


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "a"}\n{"text": "b"}\n\n{"text": "c",\n{"text": "d"}\n')
    with pytest.raises(InputError) as exc:
        read_all(path)
    assert f"{path}:4:" in one_line(exc)
    assert "not valid JSON" in str(exc.value)


def test_bad_json_after_first_batch_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS) + "{oops\n")
    with pytest.raises(InputError, match=r":11:"):
        read_all(path, batch_size=3)


@pytest.mark.parametrize("line", ['["a", "b"]', '"text"', "42", "null"])
def test_non_object_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "a"}\n' + line + "\n")
    with pytest.raises(InputError, match="JSON object") as exc:
        read_all(path)
    assert f"{path}:2:" in one_line(exc)


def test_json_array_of_non_objects(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('[{"text": "a"}, "b"]')
    with pytest.raises(InputError, match="item 1 is str"):
        read_all(path)


@pytest.mark.parametrize("content", ["{not json", '{"a": [1], "b": [2]}', "42"])
def test_bad_json_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content)
    with pytest.raises(InputError) as exc:
        read_all(path)
    assert str(path) in one_line(exc)


@pytest.mark.parametrize("suffix", ["jsonl", "json", "csv", "txt"])
def test_binary_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"bin.{suffix}"
    path.write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    with pytest.raises(InputError, match="binary") as exc:
        read_all(path)
    assert str(path) in one_line(exc)


def test_not_utf8_txt(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("første\nblåbær\n".encode("latin-1"))
    with pytest.raises(InputError, match=r":1: not UTF-8"):
        read_all(path)


def test_csv_too_many_values(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,text\n1,a\n2,b,c\n")
    with pytest.raises(InputError, match=r":3: more values than header"):
        read_all(path)


@pytest.mark.parametrize("name", ["data.xml", "data.xlsx", "data"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("hei")
    with pytest.raises(InputError, match="unsupported file type") as exc:
        read_all(path)
    assert str(path) in one_line(exc)


@pytest.mark.parametrize("content", [b"", b"PAR1 this is not parquet at all", b"\x00" * 100])
def test_empty_or_malformed_parquet(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(content)
    with pytest.raises(InputError, match="cannot read as parquet") as exc:
        read_all(path)
    assert str(path) in one_line(exc)


def test_truncated_parquet(tmp_path: Path) -> None:
    good = write_parquet(tmp_path / "good.parquet", ROWS)
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(InputError, match="cannot read as parquet"):
        read_all(bad)


def test_corrupt_save_to_disk_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "state.json").write_text("{not json")
    with pytest.raises(InputError, match="save_to_disk"):
        read_all(folder)


# ---------------------------------------------------------------------------- hf: references


def test_parse_hub_ref() -> None:
    assert parse_hub_ref("hf:ltg/norquad@main") == HubRef("ltg/norquad", "main")
    assert parse_hub_ref("hf:ltg/norquad@abc123:default/test") == HubRef(
        "ltg/norquad", "abc123", "default", "test"
    )
    assert parse_hub_ref("hf:ltg/norquad@v1.0/validation") == HubRef(
        "ltg/norquad", "v1.0", None, "validation"
    )


@pytest.mark.parametrize(
    "spec", ["hf:ltg/norquad", "hf:ltg/norquad/test", "hf:norquad@main", "hf:ltg/norquad@", "hf:"]
)
def test_hub_ref_needs_org_name_and_revision(spec: str) -> None:
    with pytest.raises(InputError, match="revision is required") as exc:
        parse_hub_ref(spec)
    assert spec in one_line(exc)
    # iter_batches fails on the reference itself, before any hub access
    with pytest.raises(InputError, match="revision is required"):
        read_all(spec)


def test_unreachable_hub_fails_at_once_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from contamination.io import readers

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_DATASETS_OFFLINE", raising=False)
    monkeypatch.setattr(readers, "hub_unreachable_reason", lambda: "cannot connect to huggingface.co:443")
    with pytest.raises(InputError) as err:
        list(readers.iter_batches("hf:NbAiLab/norwegian-alpaca@0123abc/train"))
    message = str(err.value)
    assert "hf:NbAiLab/norwegian-alpaca@0123abc" in message and "cannot be reached" in message
    assert "HF_HUB_OFFLINE" in message and "\n" not in message


_ROW_VALUES = st.one_of(
    st.none(), st.text(max_size=5), st.integers(), st.lists(st.text(max_size=3), max_size=2),
    st.just([{"role": "user", "content": "hei"}]),
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["text", "id", "messages", "q"]), _ROW_VALUES), max_size=6))
def test_batch_selection_equals_the_row_functions(rows: list[dict]) -> None:
    """select_texts/row_ids (one lookup per row for plain fields) give what select_text/row_id give,
    errors included."""
    from contamination.io.fields import row_id, row_ids, select_text, select_texts

    for id_field in ("id", None, "q.x"):
        assert row_ids(rows, id_field, 7) == [row_id(r, id_field, 7 + i) for i, r in enumerate(rows)]
    for fields in (["text"], ["q"], ["text", "q"], ["q.x"]):
        try:
            want: list[str] | str = [select_text(r, fields, "f.jsonl", 7 + i + 1) for i, r in enumerate(rows)]
        except InputError as exc:
            want = str(exc)
        try:
            got: list[str] | str = select_texts(rows, fields, "f.jsonl", 7)
        except InputError as exc:
            got = str(exc)
        assert got == want
