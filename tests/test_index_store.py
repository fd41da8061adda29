"""contam index build / contam audit --index: same findings as a fresh audit; tampered or stale refused."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import write_jsonl

from contamination.cli.main import main
from contamination.config import AuditConfig
from contamination.index import store as index_store
from contamination.index.grams import GramTable
from contamination.index.hashtable import HashTable
from contamination.index.testindex import TestIndex
from contamination.ngrams.batch import Anchor
from contamination.testside.testsets import load_test_set

CONTEXTS = [
    "Kon-Tiki var ein flåte som Thor Heyerdahl og fem andre menn segla frå Peru til Polynesia i 1947.",
    "Mjøsa er den største innsjøen i Noreg, og ho ligg i Innlandet fylke mellom Hamar, Gjøvik og Lillehammer.",
    "Svartedauden kom til Bergen med eit skip frå England sommaren 1349 og tok livet av ein stor del av folket.",
]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    test = write_jsonl(
        tmp_path / "test.jsonl",
        [{"id": f"t{i}", "question": f"Spørsmål {i}?", "context": c} for i, c in enumerate(CONTEXTS)],
    )
    train = write_jsonl(
        tmp_path / "train.jsonl",
        [
            {"id": "clean", "text": "Dette er ein heilt vanleg tekst om vêret i Tromsø denne veka."},
            {"id": "leak", "text": "Her er noko å lese: " + CONTEXTS[1].upper() + " Slutt."},
        ],
    )
    return test, train


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _build(tmp_path: Path, test: Path) -> Path:
    index = tmp_path / "index"
    code, out = _run("index", "build", "--test", str(test), "--test-field", "question", "--test-field", "context",
                     "--out", str(index))  # fmt: skip
    assert code == 0, out
    return index


def _findings(report: str) -> list[tuple[str, str, str]]:
    data = json.loads(report)
    return [(f["train_id"], f["test_id"], f["method"]) for f in data["findings"]]


def test_index_gives_the_same_findings_as_a_fresh_audit(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    code_fresh, fresh = _run("audit", str(train), "--test", str(test), "--test-field", "question",
                             "--test-field", "context", "--json")  # fmt: skip
    code_index, reused = _run("audit", str(train), "--index", str(index), "--json")
    assert code_fresh == code_index == 1
    assert _findings(reused) == _findings(fresh)
    assert {f[0] for f in _findings(reused)} == {"leak"}
    fresh_report, reused_report = json.loads(fresh), json.loads(reused)
    assert reused_report["summary"] == fresh_report["summary"]
    assert reused_report["test_sets"][0]["sha256"] == fresh_report["test_sets"][0]["sha256"]


def test_tampered_index_is_refused(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    units = index / "units.json"
    edited = units.read_bytes().replace(b'"t1"', b'"t2"')  # the leaked unit now names another item
    assert edited != units.read_bytes()
    units.write_bytes(edited)
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2
    assert "tampered" in out and "units.json" in out and "Traceback" not in out
    _build(tmp_path, test)  # a good index again; now edit a unit's normalised text
    tables = index / "tables.bin"
    edited = tables.read_bytes().replace("mjøsa".encode("utf-32-le"), "xxxxx".encode("utf-32-le"))
    assert edited != tables.read_bytes()
    tables.write_bytes(edited)
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2
    assert "tampered" in out and "tables.bin" in out and "Traceback" not in out


def test_stale_index_is_refused(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    with test.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "t9", "question": "Nytt?", "context": "Ein ny kontekst."}) + "\n")
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2
    assert "stale index" in out and "test.jsonl" in out


def test_index_fixes_the_test_side(tmp_path: Path) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    code, out = _run("audit", str(train), "--index", str(index), "--method", "exact")
    assert code == 2 and "--method" in out


def test_not_an_index_folder(tmp_path: Path) -> None:
    _, train = _files(tmp_path)
    (tmp_path / "empty").mkdir()
    code, out = _run("audit", str(train), "--index", str(tmp_path / "empty"))
    assert code == 2 and "not an index folder" in out


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", ["units.json", "tables.bin"])
@pytest.mark.parametrize("where", [0.0, 0.5, 1.0])
def test_any_changed_byte_is_refused(tmp_path: Path, name: str, where: float) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    f = index / name
    _flip(f, min(int(f.stat().st_size * where), f.stat().st_size - 1))
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2, out
    assert "tampered" in out and name in out and "Traceback" not in out
    assert len(out.strip().splitlines()) == 1


@pytest.mark.parametrize("change", ["truncate", "extend", "remove"])
def test_incomplete_tables_are_refused(tmp_path: Path, change: str) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    f = index / "tables.bin"
    data = f.read_bytes()
    if change == "remove":
        f.unlink()
    else:
        f.write_bytes(data[:-64] if change == "truncate" else data + b"\0" * 64)
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2, out
    assert "tampered or incomplete" in out and "tables.bin" in out and "Traceback" not in out


def _audit_with_edited_metadata(tmp_path: Path, edit: Callable[[dict], None], reseal: bool) -> str:
    """Build an index, change its index.json (re-sealing its own checksum or not), audit with it."""
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    meta_path = index / "index.json"
    meta = json.loads(meta_path.read_text())
    edit(meta)
    if reseal:
        meta[index_store._SELF_CHECKSUM] = index_store._self_checksum(meta)
    meta_path.write_text(json.dumps(meta, indent=2))
    code, out = _run("audit", str(train), "--index", str(index))
    assert code == 2, out
    assert "Traceback" not in out
    return out


def test_edited_metadata_is_refused(tmp_path: Path) -> None:
    out = _audit_with_edited_metadata(tmp_path, lambda meta: meta["config"].update(threshold=0.9), False)
    assert "tampered" in out and "index.json" in out


def test_corrupt_layout_is_a_one_line_error(tmp_path: Path) -> None:
    def past_the_end(meta: dict) -> None:
        meta["parts"]["exact"]["table"]["arrays"]["hashes"] = [1 << 40, 10]

    out = _audit_with_edited_metadata(tmp_path, past_the_end, True)
    assert "corrupt index metadata" in out


def test_old_format_index_is_refused(tmp_path: Path) -> None:
    """An index from the first format (tables.npz, sha256 file digests) asks for a rebuild."""
    _, train = _files(tmp_path)
    old = tmp_path / "old"
    old.mkdir()
    (old / "units.json").write_text("{}")
    (old / "tables.npz").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    meta = {"schema": "norcurate.index/1", "hash_version": index_store.HASH_VERSION,
            "files": {"units.json": "0" * 64, "tables.npz": "0" * 64}}  # fmt: skip
    (old / "index.json").write_text(json.dumps(meta))
    code, out = _run("audit", str(train), "--index", str(old))
    assert code == 2, out
    assert "incompatible version" in out and "rebuild" in out and "Traceback" not in out


@pytest.mark.parametrize("methods", [("exact",), ("fuzzy",), ("exact", "substring", "char50", "token13")])
def test_index_round_trips_any_method_set(tmp_path: Path, methods: tuple[str, ...]) -> None:
    """Tables of every size, empty ones included, load back as the kernels expect them."""
    test, train = _files(tmp_path)
    args = ["--test", str(test), "--test-field", "question", "--test-field", "context"]
    for m in methods:
        args += ["--method", m]
    index = tmp_path / "index"
    code, out = _run("index", "build", *args, "--out", str(index))
    assert code == 0, out
    code_fresh, fresh = _run("audit", str(train), *args, "--json")
    code_index, reused = _run("audit", str(train), "--index", str(index), "--json")
    assert code_fresh == code_index, reused
    assert _findings(reused) == _findings(fresh)
    assert json.loads(reused)["summary"] == json.loads(fresh)["summary"]


def test_loaded_tables_equal_the_built_ones(tmp_path: Path) -> None:
    test, _ = _files(tmp_path)
    built = TestIndex.build(
        [load_test_set(str(test), ("question", "context"), per_field=True)], AuditConfig()
    )
    index_store.save_index(built, tmp_path / "index")
    loaded = index_store.load_index(tmp_path / "index")
    assert set(loaded.parts) == set(built.parts)
    tables = []
    grams = []
    for name, part in built.parts.items():
        for f in dataclasses.fields(part):
            x, y = getattr(part, f.name), getattr(loaded.parts[name], f.name)
            if isinstance(x, HashTable):
                tables.append((x, y))
            elif isinstance(x, GramTable):
                grams.append((x, y))
            elif isinstance(x, Anchor):
                assert np.array_equal(x.bits, y.bits) and x.q == y.q and x.shift == y.shift
            elif isinstance(x, np.ndarray):
                assert x.dtype == y.dtype and np.array_equal(x, y), (name, f.name)
            else:
                assert x == y, (name, f.name)
    assert len(tables) >= 2  # exact, substring prefixes (gated and not)
    assert len(grams) == 4  # substring windows, char50, char30, token13
    for a, b in tables:
        for f in ("hashes", "units", "distinct", "bits", "slots", "slot_first", "slot_count"):
            x, y = getattr(a, f), getattr(b, f)
            assert x.dtype == y.dtype and np.array_equal(x, y), f
            assert y.flags.writeable and y.flags.c_contiguous and y.flags.aligned, f
        assert a.shift == b.shift and a.slot_shift == b.slot_shift
    for a, b in grams:
        for f in ("slots", "pos", "lens", "lists", "list_lo", "list_units", "distinct", "bits"):
            x, y = getattr(a, f), getattr(b, f)
            assert x.dtype == y.dtype and np.array_equal(x, y), f
            assert y.flags.writeable and y.flags.c_contiguous and y.flags.aligned, f
        assert (a.n, a.shift, a.slot_shift) == (b.n, b.shift, b.slot_shift)
    bu, lu = built.units, loaded.units
    assert (lu.norm, lu.ngram) == (bu.norm, bu.ngram)
    assert (lu.unit_set, lu.unit_item, lu.unit_field) == (bu.unit_set, bu.unit_item, bu.unit_field)
    for a, b in [(bu.norm_batch, lu.norm_batch), (bu.ngram_batch, lu.ngram_batch)]:
        assert a.texts() == b.texts()
        for f in ("codes", "starts", "ends"):
            assert getattr(a, f).dtype == getattr(b, f).dtype and getattr(b, f).flags.writeable
    # the scan aids are stored, not recomputed per audit: the gating anchor of char30
    assert loaded.parts["char30"].anchor is not None and loaded.parts["char30"].anchor.q == 15
    assert loaded.parts["char50"].anchor is None


def test_index_loads_where_files_cannot_be_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    test, train = _files(tmp_path)
    index = _build(tmp_path, test)
    _, mapped = _run("audit", str(train), "--index", str(index), "--json")

    def no_mmap(*args: object, **kwargs: object) -> None:
        raise OSError("this file system cannot map files")

    monkeypatch.setattr(index_store.mmap, "mmap", no_mmap)
    code, read = _run("audit", str(train), "--index", str(index), "--json")
    assert code == 1 and read == mapped
