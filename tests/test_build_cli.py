"""`curate build` end to end: fixtures, determinism, exit codes, and the bundled demo."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import orjson
import polars as pl
import pytest
from click.testing import CliRunner

from curation.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"

NB = [
    "Hva er en fjord?|En fjord er en lang og smal havarm som strekker seg inn mellom bratte fjell langs kysten.",
    "Hvorfor er himmelen blå?|Sollyset spres av molekylene i lufta, og det blå lyset spres mer enn det røde lyset.",
    "Hva gjør en bonde?|En bonde driver gård, dyrker korn og grønnsaker og passer på dyr som kyr og sauer.",
    "Hva er en elv?|En elv er vann som renner fra høyere til lavere terreng og ender i et hav eller en innsjø.",
    "Hva er et fylke?|Et fylke er en del av landet med egen fylkeskommune som har ansvar for skoler og veier.",
    "Hvem skrev Peer Gynt?|Henrik Ibsen skrev Peer Gynt i 1867, og stykket ble senere satt opp med musikk av Grieg.",
    "Hva er fotosyntese?|Fotosyntese er prosessen der planter bruker sollys til å lage sukker av vann og karbondioksid.",
    "Hva er en bre?|En bre er en stor masse av is som har bygget seg opp av snø gjennom mange hundre år.",
]
NN = [
    "Kva er ein fjord?|Ein fjord er ein lang og smal havarm som strekkjer seg inn mellom bratte fjell langs kysten.",
    "Kvifor er himmelen blå?|Sollyset vert spreidd av molekyla i lufta, og det blå lyset vert spreidd meir enn det raude.",
    "Kva gjer ein bonde?|Ein bonde driv gard, dyrkar korn og grønsaker og passar på dyr som kyr og sauer.",
    "Kva er ei elv?|Ei elv er vatn som renn frå høgare til lågare terreng og endar i eit hav eller ein innsjø.",
]
EN = [
    "The water cycle moves water between the oceans, the air and the land. Heat from the sun evaporates it."
]
LEAK = (
    "Urnes stavkirke står på et nes ved Lustrafjorden i Vestland og regnes som den eldste av de bevarte "
    "stavkirkene i Norge. Den nåværende kirken ble reist rundt år 1130."
)


def fake_identify(messages: list[dict[str, str]]) -> tuple[str, float]:
    words = " ".join(m["content"] for m in messages).lower().split()
    score = {
        "nn": sum(w in {"ein", "eit", "kva", "frå", "vert", "gjer", "driv", "kvifor", "ei"} for w in words),
        "nb": sum(w in {"en", "et", "hva", "fra", "er", "hvorfor", "gjør", "hvem"} for w in words),
        "en": sum(w in {"the", "and", "is", "it", "of"} for w in words),
    }
    best = max(score, key=lambda k: score[k])
    return (best, 0.9) if score[best] else ("other", 0.1)


@pytest.fixture
def fake_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "curation.steps.language.identify_batch", lambda examples: [fake_identify(m) for m in examples]
    )


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def make_fixture(tmp: Path, extra_mix: str = "", on_contamination: str = "drop") -> Path:
    src = tmp / "src"
    src.mkdir()
    nb = [dict(zip(("instruction", "output"), r.split("|"), strict=True)) for r in NB]
    nb.append({"instruction": "Fortell om Urnes.", "output": LEAK})  # the leak
    nb.append(dict(nb[0]))  # exact duplicate
    nb.append(
        {"instruction": "Oversett til nynorsk: Jeg liker fisk.", "output": "Eg likar fisk veldig godt."}
    )
    _jsonl(src / "alpaca.jsonl", nb)
    _jsonl(
        src / "chat.jsonl",
        [
            {"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]}
            for q, a in (r.split("|") for r in NN)
        ],
    )
    _jsonl(src / "en.jsonl", [{"text": t} for t in EN])
    _jsonl(src / "test.jsonl", [{"id": "t1", "question": "Når ble kirken reist?", "context": LEAK}])
    recipe = tmp / "r.yaml"
    recipe.write_text(
        f"""\
name: fixture
seed: 3
sources:
  - {{name: alpaca, path: src/alpaca.jsonl, format: alpaca, lang: nb}}
  - {{name: chat, path: src/chat.jsonl, format: messages, lang: nn}}
  - {{name: en, path: src/en.jsonl, format: text, lang: en}}
filters: {{min_chars: 20}}
mix:
  total: 10
  by_lang: {{nb: 0.6, nn: 0.3, en: 0.1}}
{extra_mix}audit:
  test_sets:
    - {{path: src/test.jsonl, fields: [question, context]}}
  on_contamination: {on_contamination}
output: {{dir: out}}
""",
        encoding="utf-8",
    )
    return recipe


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _check_manifest(out: Path) -> dict:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema"] == "norcurate.manifest/1"
    listed = {f["path"] for f in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    assert listed == on_disk
    for f in manifest["files"]:
        p = out / f["path"]
        assert f["sha256"] == _sha(p) and f["bytes"] == p.stat().st_size
    assert manifest["audit"]["report_sha256"] == _sha(out / "audit.json")
    return manifest


def test_build_fixture_deterministic(tmp_path: Path, fake_lang: None) -> None:
    recipe = make_fixture(tmp_path)
    runner = CliRunner()
    outs = []
    for k in range(2):
        out = tmp_path / f"out{k}"
        res = runner.invoke(main, ["build", str(recipe), "--out", str(out), "--json"])
        assert res.exit_code == 0, res.output
        outs.append(out)
    for name in ("data/train.parquet", "data/train.jsonl", "audit.json", "manifest.json", "README.md"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    m = _check_manifest(outs[0])
    assert m["mix"]["achieved"]["by_lang"] == {"en": 1, "nb": 6, "nn": 3}
    steps = {s["step"]: s for s in m["funnel"]}
    assert steps["filters"]["dropped"] == {"translation": 1}
    assert steps["dedup"]["dropped"] == {"exact_duplicate": 1}
    assert m["audit"]["passed"] is True
    rows = [orjson.loads(line) for line in (outs[0] / "data" / "train.jsonl").read_bytes().splitlines()]
    assert len(rows) == 10 and all(set(r) == {"id", "source", "lang", "messages"} for r in rows)
    assert not any(LEAK[:40] in m["content"] for r in rows for m in r["messages"])
    assert pl.read_parquet(outs[0] / "data" / "train.parquet").get_column("id").to_list() == [
        r["id"] for r in rows
    ]
    # the leak is always found: either it took a slot and was dropped as contaminated, or it was never mixed
    contaminated = steps["audit"]["dropped"].get("contaminated", 0)
    assert contaminated in (0, 1)
    if contaminated:  # its evidence quotes the test set: kept beside the build, not in it
        assert (outs[0].with_name(outs[0].name + ".private") / "audit_initial.json").exists()


def test_build_on_contamination_fail_exit_1(tmp_path: Path, fake_lang: None) -> None:
    recipe = make_fixture(tmp_path, extra_mix="  allow_shortfall: true\n", on_contamination="fail")
    # take every nb row so the leak is always in the mix
    recipe.write_text(recipe.read_text().replace("total: 10", "total: 100"), encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(recipe), "--out", str(tmp_path / "o")])
    assert res.exit_code == 1, res.output
    assert "on_contamination: fail" in res.output
    assert not (tmp_path / "o").exists()
    # issue 12, case 8: the report is kept (privately: it quotes the test set) and the rows are named
    report_path = tmp_path / "o.private" / "audit.json"
    error = [line for line in res.output.splitlines() if line.startswith("error: ")]
    assert len(error) == 1 and f"report with the evidence: {report_path}" in error[0]
    report = json.loads(report_path.read_text())
    leak_rows = sorted({f["train_id"] for f in report["findings"]})
    assert leak_rows and all(f"{row} ~ test/t1 (" in error[0] for row in leak_rows[:5])
    assert report["summary"]["contaminated_test_items"] == 1


def test_build_shortfall_exit_2(tmp_path: Path, fake_lang: None) -> None:
    recipe = make_fixture(tmp_path)
    recipe.write_text(recipe.read_text().replace("total: 10", "total: 40"), encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(recipe), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    line = res.output.strip().splitlines()[-1]
    assert re.search(r"r\.yaml:10: mix\.by_lang\.nb: quota 24 but only \d+ examples in nb", line), line
    assert not (tmp_path / "o").exists()


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    recipe = make_fixture(tmp_path)
    res = CliRunner().invoke(
        main, ["build", str(recipe), "--out", str(tmp_path / "o"), "--dry-run", "--json"]
    )
    assert res.exit_code == 0, res.output
    plan = json.loads(res.stdout)
    assert plan["mix"]["by_lang"] == {"nb": 6, "nn": 3, "en": 1}
    assert [s["expected_rows"] for s in plan["sources"]] == [11, 4, 1]
    assert not (tmp_path / "o").exists()


def test_dry_run_says_when_the_sources_cannot_fill_the_mix(tmp_path: Path) -> None:
    # issue 12, case 8: the plan said "expected rows 3,000" when the sources held 824
    recipe = make_fixture(tmp_path)
    recipe.write_text(recipe.read_text().replace("total: 10", "total: 40"), encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(recipe), "--dry-run", "--json"])
    plan = json.loads(res.stdout)
    assert plan["mix"]["source_rows"] == 16 and plan["mix"]["cannot_fill"] == {"total": 40}
    res = CliRunner().invoke(main, ["build", str(recipe), "--dry-run"])
    text = " ".join(res.output.split())
    assert "the sources cannot fill the mix: they hold 16 rows before filtering" in text
    assert "total 40" in text and "the build will stop" in text
    recipe.write_text(recipe.read_text().replace("total: 40", "total: 10"), encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(recipe), "--dry-run"])
    assert "cannot fill" not in res.output


def _planted() -> dict[str, list[str]]:
    text = (DEMO / "PLANTED.md").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^### \((\w)\)", line)
        if m:
            current = m.group(1)
            continue
        if line.startswith("## C"):
            current = None
        m = re.match(r"^- `([^`]+)`", line)
        if current and m:
            sections.setdefault(current, []).append(m.group(1))
    return sections


@pytest.mark.skipif(
    not (DEMO / "PLANTED.md").exists() or not (DEMO / "sources").is_dir(), reason="demo/ not built"
)
def test_demo_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    res = CliRunner().invoke(
        main, ["build", str(ROOT / "recipes" / "demo.yaml"), "--out", str(out), "--json"]
    )
    assert res.exit_code == 0, res.output
    m = _check_manifest(out)
    target, achieved = m["mix"]["target"]["by_lang"], m["mix"]["achieved"]["by_lang"]
    for lang, n in target.items():
        assert abs(achieved.get(lang, 0) - n) <= 1, (lang, n, achieved)
    assert m["audit"]["passed"] is True
    assert json.loads((out / "audit.json").read_text())["findings"] == []

    # rows dropped as contaminated (and any that quote a test set) are kept privately, beside the build
    private = out.with_name(out.name + ".private") / "dropped.parquet"
    dropped = pl.concat([pl.read_parquet(out / "dropped.parquet"), pl.read_parquet(private)])
    assert "contaminated" not in pl.read_parquet(out / "dropped.parquet").get_column("drop_reason").to_list()
    reason = dict(
        zip(
            dropped.get_column("source_id").to_list(),
            dropped.get_column("drop_reason").to_list(),
            strict=True,
        )
    )
    kept_ids = {orjson.loads(line)["id"] for line in (out / "data" / "train.jsonl").read_bytes().splitlines()}
    planted = _planted()
    for sid in planted.get("a", []):
        assert reason.get(sid) == "exact_duplicate", sid
    for sid in planted.get("b", []):
        assert reason.get(sid) == "near_duplicate", sid
    for sid in planted.get("c", []):
        assert reason.get(sid) == "translation", sid
    leaks = planted.get("f", [])
    assert leaks
    funnel = {s["step"]: s for s in m["funnel"]}
    n_contaminated = funnel["audit"]["dropped"].get("contaminated", 0)
    assert n_contaminated == sum(reason.get(sid) == "contaminated" for sid in leaks) > 0
    # leaks never reach the output: dropped as contaminated, or (not sampled) never mixed
    source_rows: dict[str, str] = {}
    for f in sorted((DEMO / "sources").glob("*.jsonl")):
        for i, line in enumerate(f.read_bytes().splitlines()):
            source_rows[orjson.loads(line)["id"]] = f"{f.stem}:{i}"
    for sid in leaks:
        assert source_rows[sid] not in kept_ids, sid
    assert funnel["filters"]["dropped"]["translation"] >= len(planted.get("c", []))
    assert funnel["dedup"]["dropped"] == {
        "exact_duplicate": len(planted["a"]),
        "near_duplicate": len(planted["b"]),
    } or (funnel["dedup"]["dropped"]["near_duplicate"] >= len(planted["b"]))


def test_recipe_without_methods_runs_what_contam_audit_runs(tmp_path: Path, fake_lang: None) -> None:
    """One audit configuration: a recipe that names no methods gets `contam audit`'s defaults."""
    from contamination.cli.main import main as contam

    recipe = make_fixture(tmp_path)
    out = tmp_path / "built"
    result = CliRunner().invoke(main, ["build", str(recipe), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    built = json.loads((out / "audit.json").read_text(encoding="utf-8"))["methods"]
    src = tmp_path / "src"
    test_args = ["--test", str(src / "test.jsonl"), "--test-field", "question", "--test-field", "context"]
    audit = CliRunner().invoke(contam, ["audit", str(src / "en.jsonl"), *test_args, "--json"])
    assert json.loads(audit.stdout)["methods"] == built
    assert list(built) == ["exact", "substring", "char50", "char30", "token13"]


PARAPHRASE = (
    "Ved Lustrafjorden i Vestland ligger Urnes stavkirke på et nes, og den regnes som den eldste blant "
    "Norges bevarte stavkirker; dagens kirke ble bygget omkring år 1130."
)


@pytest.mark.parametrize(("threshold", "flagged"), [(0.3, True), (0.99, False)])
def test_recipe_fuzzy_threshold_reaches_the_audit(tmp_path: Path, threshold: float, flagged: bool) -> None:
    from contamination.audit import audit_texts
    from curation.recipe.loading import load_recipe
    from curation.steps.audit import build_index

    recipe = make_fixture(tmp_path)
    text = recipe.read_text(encoding="utf-8").replace(
        "  on_contamination:",
        f"  methods: [exact, fuzzy]\n  fuzzy_threshold: {threshold}\n  on_contamination:",
    )
    recipe.write_text(text, encoding="utf-8")
    index = build_index(load_recipe(recipe))
    assert index is not None and index.params["fuzzy"].fuzzy_threshold == threshold
    report = audit_texts(["p"], [PARAPHRASE], index).report
    assert report["methods"]["fuzzy"]["threshold"] == threshold
    assert any(f["method"] == "fuzzy" for f in report["findings"]) is flagged


STEM = "Hvilket av følgende utsagn om norsk historie er riktig når vi ser bort fra"


def test_final_audit_keeps_template_findings_after_a_refill(tmp_path: Path, fake_lang: None) -> None:
    """Rows whose only overlap is a benchmark's template text stay in the mix, and the final audit.json
    still lists them under `templates`, also when other rows were dropped and the mix was refilled."""
    recipe = make_fixture(tmp_path)  # the mix below takes every row: the leak is mixed, dropped, refilled
    recipe.write_text(
        recipe.read_text(encoding="utf-8").replace("  total: 10\n", "  total: 40\n  allow_shortfall: true\n"),
        encoding="utf-8",
    )
    src = tmp_path / "src"
    items = [{"id": "t1", "question": "Når ble kirken reist?", "context": LEAK}]
    items += [
        {"id": f"s{i}", "question": f"{STEM} {w}?", "context": ""}
        for i, w in enumerate(("kongen", "krigen", "unionen", "grunnloven"))
    ]
    _jsonl(src / "test.jsonl", items)
    alpaca = [json.loads(line) for line in (src / "alpaca.jsonl").read_text(encoding="utf-8").splitlines()]
    alpaca.append(
        {
            "instruction": f"{STEM} været?",
            "output": "Været i Bergen er ofte vått, og det regner mye om høsten.",
        }
    )
    _jsonl(src / "alpaca.jsonl", alpaca)
    out = tmp_path / "built"
    result = CliRunner().invoke(main, ["build", str(recipe), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audit"]["dropped_rows"] >= 1 and manifest["audit"]["rounds"] >= 2  # a refill happened
    assert report["findings"] == []
    assert any(f["test_id"].startswith("s") for f in report["templates"]), report["templates"]


def test_demo_build_publishes_charts_and_keeps_the_evidence_private(tmp_path: Path) -> None:
    """The publishable folder holds the funnel and mix charts (counts, no text) and no test-set text; the
    HTML audit report with the evidence side by side is in the private folder beside it."""
    out = tmp_path / "demo"
    result = CliRunner().invoke(main, ["build", str(ROOT / "recipes" / "demo.yaml"), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"] for f in manifest["files"]}
    assert {"charts/funnel.svg", "charts/mix.svg"} <= listed
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "](charts/funnel.svg)" in card and "](charts/mix.svg)" in card
    for chart in ("charts/funnel.svg", "charts/mix.svg"):
        svg = (out / chart).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg
        assert not re.findall(r'(?:href|src)="(?!#)', svg)  # nothing loaded from outside
    # no test-set text in anything published: every benchmark passage and question of the demo
    texts = []
    for name in ("toy_norquad.jsonl", "toy_mcq.jsonl"):
        for line in (DEMO / "benchmark" / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts += [t for t in (row.get("context"), row.get("question")) if t and len(t) >= 40]
    assert texts
    from contamination.text.normalise import ngram_form

    # any 50-character stretch of a passage or question, in the n-gram form evidence snippets are in
    windows = {w[k : k + 50] for w in map(ngram_form, texts) for k in range(0, max(len(w) - 50, 0) + 1, 25)}
    for f in listed | {"manifest.json"}:
        if f.endswith((".json", ".jsonl", ".md", ".svg")):
            published = ngram_form((out / f).read_text(encoding="utf-8"))
            assert not [w for w in windows if w in published], f
    # the check would see it: the private first audit quotes the test sets
    initial = ngram_form((out.parent / "demo.private" / "audit_initial.json").read_text(encoding="utf-8"))
    assert [w for w in windows if w in initial]
    private = out.parent / "demo.private"
    page = (private / "audit.html").read_text(encoding="utf-8")
    assert "<mark>" in page and 'class="finding"' in page
    assert "audit.html" not in listed
