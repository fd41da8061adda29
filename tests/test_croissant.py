"""croissant.json (issue 15): every build writes MLCommons Croissant 1.1 metadata from its manifest, which
mlcroissant validates and reads back; the manifest lists it without a hash cycle; verify checks it."""

from __future__ import annotations

import copy
import hashlib
import logging
import re
import shutil
from pathlib import Path

import orjson
import pytest
from tiny_model import build_demo

from curation.output.croissant import CROISSANT_NAME, croissant_bytes, croissant_document
from curation.output.verify import verify_certified

# What mlcroissant may still say about a build: it recommends a publication date and a version, which a
# build leaves out on purpose (no wall-clock time inside; the recipe has no version).
EXPECTED_WARNINGS = {"datePublished", "version"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("croissant") / "demo")


def _manifest(root: Path) -> dict:
    return orjson.loads((root / "manifest.json").read_bytes())


def test_manifest_lists_croissant_and_croissant_is_a_function_of_the_manifest(demo: Path) -> None:
    manifest = _manifest(demo)
    listed = {f["path"]: f for f in manifest["files"]}
    raw = (demo / CROISSANT_NAME).read_bytes()
    assert listed[CROISSANT_NAME]["sha256"] == hashlib.sha256(raw).hexdigest()
    assert "manifest.json" not in listed
    # no cycle: written from the other entries, the same bytes come back from the final manifest
    assert croissant_bytes(manifest) == raw
    without = copy.deepcopy(manifest)
    without["files"] = [f for f in manifest["files"] if f["path"] != CROISSANT_NAME]
    assert croissant_bytes(without) == raw
    doc = orjson.loads(raw)
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    objects = {o["contentUrl"]: o for o in doc["distribution"]}
    assert set(objects) == {"data/train.parquet", "data/train.jsonl", "dropped.parquet", "audit.json"}
    for path, obj in objects.items():
        assert obj["sha256"] == listed[path]["sha256"]
        assert obj["contentSize"] == f"{listed[path]['bytes']} B"
    assert not re.search(rb"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}", raw)  # no date or time of day


def test_mlcroissant_validates_and_reads_the_records(demo: Path, caplog: pytest.LogCaptureFixture) -> None:
    import mlcroissant as mlc

    with caplog.at_level(logging.WARNING):
        dataset = mlc.Dataset(jsonld=demo / CROISSANT_NAME)
    issues = dataset.metadata.ctx.issues
    assert not issues.errors, issues.errors
    assert {w.split('"https://schema.org/')[1].split('"')[0] for w in issues.warnings} == EXPECTED_WARNINGS
    assert not [r.message for r in caplog.records if "not standard" in r.getMessage()]
    records = list(dataset.records("train"))
    rows = [orjson.loads(line) for line in (demo / "data" / "train.jsonl").read_bytes().splitlines()]
    assert len(records) == len(rows) == 300
    for record, row in zip(records, rows, strict=True):
        assert record["train/id"].decode() == row["id"]
        assert record["train/lang"].decode() == row["lang"]
        got = [
            {"role": m["train/messages/role"].decode(), "content": m["train/messages/content"].decode()}
            for m in record["train/messages"]
        ]
        assert got == row["messages"]
    assert dataset.metadata.license == ["https://spdx.org/licenses/Apache-2.0.html"]


def test_croissant_states_sources_funnel_and_audit(demo: Path) -> None:
    doc = orjson.loads((demo / CROISSANT_NAME).read_bytes())
    manifest = _manifest(demo)
    derived = doc["prov:wasDerivedFrom"]
    assert [d["name"] for d in derived] == [s["name"] for s in manifest["sources"]]
    assert derived[0]["prov:atLocation"] == "../demo/sources/torgersen_alpaca.jsonl"  # as the recipe names it
    assert all(d["sha256"] == s["sha256"] for d, s in zip(derived, manifest["sources"], strict=True))
    steps = doc["rai:dataPreprocessingProtocol"]
    assert [line.split(" -- ")[1].split(":")[0] for line in steps[:-1]] == [
        e["step"] for e in manifest["funnel"]
    ]
    audit_line = steps[-1]
    assert "toy_norquad (40 items" in audit_line and "toy_mcq (40 items" in audit_line
    assert "char50 (n 50, unit character, threshold 0.3)" in audit_line and "passed" in audit_line
    audit = doc["prov:wasGeneratedBy"][1]
    assert audit["prov:label"] == "contamination audit: passed"
    assert [u["sha256"] for u in audit["prov:used"]] == [t["sha256"] for t in manifest["audit"]["test_sets"]]
    assert any("covers only the test sets" in s for s in doc["rai:dataLimitations"])
    # no test-set text and no absolute path
    assert "/work/" not in orjson.dumps(doc).decode() and "/tmp" not in orjson.dumps(doc).decode()


def test_hub_sources_are_derived_from_their_repo_at_its_revision(demo: Path) -> None:
    manifest = _manifest(demo)
    manifest["sources"][0] = {
        "name": "alpaca",
        "repo": "NbAiLab/norwegian-alpaca",
        "revision": "0123456789abcdef0123456789abcdef01234567",
        "revision_verified": True,
        "config": None,
        "split": "train",
        "format": "alpaca",
        "licence": "CC-BY-4.0",
        "rows_read": 10,
        "sha256": "ab" * 32,
    }
    entity = croissant_document(manifest)["prov:wasDerivedFrom"][0]
    assert entity["@id"] == (
        "https://huggingface.co/datasets/NbAiLab/norwegian-alpaca/tree/0123456789abcdef0123456789abcdef01234567"
    )
    assert entity["identifier"] == "hf:NbAiLab/norwegian-alpaca"
    assert entity["version"] == "0123456789abcdef0123456789abcdef01234567"
    assert entity["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    manifest["sources"][0]["licence"] = None
    assert croissant_document(manifest)["prov:wasDerivedFrom"][0]["license"] == {
        "@type": "sc:CreativeWork",
        "name": "unknown",
    }


def test_verify_checks_croissant_against_the_manifest(demo: Path, tmp_path: Path) -> None:
    copy_dir = tmp_path / "set"
    shutil.copytree(demo, copy_dir)
    path = copy_dir / CROISSANT_NAME
    doc = orjson.loads(path.read_bytes())
    # a croissant.json re-listed in the manifest with a wrong file hash: only the cross-check sees it
    doc["distribution"][0]["sha256"] = "0" * 64
    raw = orjson.dumps(doc)
    path.write_bytes(raw)
    manifest = _manifest(copy_dir)
    for f in manifest["files"]:
        if f["path"] == CROISSANT_NAME:
            f["bytes"], f["sha256"] = len(raw), hashlib.sha256(raw).hexdigest()
    (copy_dir / "manifest.json").write_bytes(orjson.dumps(manifest))
    assert verify_certified(copy_dir).reasons == [
        f"{CROISSANT_NAME}: {doc['distribution'][0]['contentUrl']}'s sha256 or size differs from the manifest"
    ]
