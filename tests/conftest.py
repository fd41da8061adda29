"""Shared fixtures: the real Norwegian data under /work/shared/data (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from hypothesis import settings

# CI runs the property tests on a fixed sequence of examples, so a landing never depends on luck;
# locally every run explores new examples.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Two paragraphs written for these tests, used as benchmark items and as leaked copies of them.
FJORD = (
    "Geirangerfjorden er en fjord på Sunnmøre i Møre og Romsdal. Fjorden er omkring femten kilometer lang "
    "og er en av de mest besøkte turistattraksjonene i landet. Langs de bratte fjellsidene ligger flere "
    "fraflyttede gårder, og fossene De syv søstre og Friaren stuper rett ned i fjorden."
)
SKI = (
    "Holmenkollbakken er et hoppanlegg i Holmenkollen i Oslo. Det første hopprennet ble arrangert i 1892, "
    "og anlegget har siden vært arena for verdensmesterskap og olympiske leker. Den nåværende bakken sto "
    "ferdig i 2010 og har en bakkestørrelse på 134 meter."
)

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not available: {path} is absent")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real Norwegian test data (skips the test when it is absent)."""
    return _require(SHARED_DATA)


def read_jsonl(path: Path) -> list[dict]:
    with path.open("rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]


def assert_same_tree(a: Path, b: Path) -> None:
    """The two folders hold the same files with the same bytes."""
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


@pytest.fixture(scope="session")
def norquad_test(shared_data: Path) -> list[dict]:
    return read_jsonl(_require(shared_data / "norquad" / "test.jsonl"))


@pytest.fixture(scope="session")
def norquad_validation(shared_data: Path) -> list[dict]:
    return read_jsonl(_require(shared_data / "norquad" / "validation.jsonl"))


@pytest.fixture(scope="session")
def nocola_test(shared_data: Path) -> list[dict]:
    return read_jsonl(_require(shared_data / "nocola" / "test.jsonl"))


@pytest.fixture(scope="session")
def norne_rows(shared_data: Path) -> list[dict]:
    rows: list[dict] = []
    for name in ("nb_dev.jsonl", "nn_dev.jsonl"):
        rows += read_jsonl(_require(shared_data / "norne" / name))
    return rows


@pytest.fixture(scope="session")
def mmlu_dir(shared_data: Path) -> Path:
    return _require(shared_data / "mmlu_nb")
