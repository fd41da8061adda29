"""The audit methods on small Norwegian texts: what each one flags, and what it must not."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FJORD, SKI, write_jsonl
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from contamination.audit import TrainSource, audit_texts, run_audit
from contamination.config import AuditConfig
from contamination.index.testindex import TestIndex
from contamination.report import report_bytes
from contamination.testside.testsets import TestSet, TestUnit, load_test_set
from contamination.text.normalise import ngram_form, normalise

NYNORSK = (
    "Nynorsk er ei av dei to offisielle målformene i Noreg. Ivar Aasen laga grunnlaget for skriftspråket "
    "på midten av attenhundretalet, etter at han hadde reist rundt og samla inn dialektar frå heile landet. "
    "I dag vert nynorsk nytta av om lag ein tiandedel av folket."
)
SHORT = "Hva heter hovedstaden i Norge?"


def make_set(items: dict[str, str], name: str = "bench") -> TestSet:
    units = [TestUnit(item_id, "item", text) for item_id, text in items.items()]
    return TestSet(name=name, units=units, items=len(items), sha256="0" * 64, source=f"{name}.jsonl")


def audit(items: dict[str, str], train: list[str], **config: object) -> dict:
    index = TestIndex.build([make_set(items)], AuditConfig(**config))
    report = audit_texts([f"t{i}" for i in range(len(train))], train, index).report
    check_findings(report, train)
    return report


def check_findings(report: dict, train: list[str]) -> None:
    """Every finding's evidence is real text of its training example; one finding per row/item/method."""
    by_id = {f"t{i}": t for i, t in enumerate(train)}
    keys = set()
    for f in report["findings"]:
        text = by_id[f["train_id"]]
        form = normalise(text) if f["method"] in ("exact", "substring") else ngram_form(text)
        assert f["evidence"], f
        assert len(f["evidence"]) <= 200
        assert f["evidence"] in form, f
        key = (f["train_id"], f["test_set"], f["test_id"], f["method"])
        assert key not in keys, f"duplicate finding {key}"
        keys.add(key)


def flagged(report: dict, method: str | None = None) -> set[tuple[str, str]]:
    return {
        (f["train_id"], f["test_id"]) for f in report["findings"] if method is None or f["method"] == method
    }


# ---------------------------------------------------------------------------- exact


@pytest.mark.parametrize(
    "variant",
    [
        FJORD,
        FJORD.upper(),
        "  " + FJORD.replace(" ", "\n   ") + "\t",
        FJORD.replace("Geirangerfjorden", "Ｇｅｉｒａｎｇｅｒｆｊｏｒｄｅｎ"),  # fullwidth: NFKC
        FJORD.replace("å", "a\u030a"),  # decomposed å: NFC/NFKC
        FJORD.replace("fraflyttede", "fraﬂyttede"),  # ligature
        FJORD.encode("utf-8").decode("windows-1252"),  # mojibake, repaired by ftfy
    ],
)
def test_exact_matches_normalised_variants(variant: str) -> None:
    report = audit({"fjord": FJORD, "ski": SKI}, [variant, SKI + " Ekstra setning."], methods=["exact"])
    assert flagged(report) == {("t0", "fjord")}
    assert report["findings"][0]["score"] == 1.0


def test_exact_ligature_and_casefold() -> None:
    report = audit(
        {"q": "Finn fisken i fjorden, sa Strauß."}, ["ﬁnn ﬁsken i fjorden, sa STRAUSS."], methods=["exact"]
    )
    assert flagged(report) == {("t0", "q")}


def test_exact_does_not_match_edits_or_punctuation() -> None:
    report = audit(
        {"fjord": FJORD},
        [FJORD.replace("femten", "seksten"), FJORD.replace(".", ""), FJORD[:-1], ""],
        methods=["exact"],
    )
    assert report["findings"] == []


# ---------------------------------------------------------------------------- substring


def test_substring_test_inside_train() -> None:
    train = [f"Innledning til saken. {FJORD.upper()} Her slutter saken.", "Noe helt annet om været i Bergen."]
    report = audit({"fjord": FJORD, "ski": SKI}, train, methods=["substring"])
    assert flagged(report) == {("t0", "fjord")}
    assert report["findings"][0]["evidence"] == normalise(FJORD)[:200]


def test_substring_train_inside_test() -> None:
    middle = "Langs de bratte fjellsidene ligger flere fraflyttede gårder"  # 59 characters
    assert len(normalise(middle)) >= 50
    report = audit({"fjord": FJORD, "ski": SKI}, [middle, "Fjorden er lang."], methods=["substring"])
    assert flagged(report) == {("t0", "fjord")}
    assert report["findings"][0]["evidence"] == normalise(middle)


def test_substring_min_length_test_side() -> None:
    short_item = "Det første hopprennet ble arrangert"  # 35 chars
    train = [f"I Oslo: {short_item} i 1892."]
    assert audit({"s": short_item}, train, methods=["substring"])["findings"] == []
    assert flagged(audit({"s": short_item}, train, methods=["substring"], min_substring=30)) == {("t0", "s")}


def test_substring_min_length_train_side() -> None:
    piece = "ferdig i 2010 og har en bakkestørrelse"  # 38 chars, inside SKI
    assert audit({"ski": SKI}, [piece], methods=["substring"])["findings"] == []
    assert flagged(audit({"ski": SKI}, [piece], methods=["substring"], min_substring=30)) == {("t0", "ski")}
    assert audit({"ski": SKI}, [piece], methods=["substring"], min_substring=39)["findings"] == []


def test_substring_at_exactly_min_length() -> None:
    item = normalise(SKI)[:50]
    train = [f"xyz {item} zyx"]
    assert flagged(audit({"a": item}, train, methods=["substring"], min_substring=50)) == {("t0", "a")}
    assert audit({"a": item}, train, methods=["substring"], min_substring=51)["findings"] == []
    # the reverse direction at the boundary too
    assert flagged(audit({"ski": SKI}, [item], methods=["substring"], min_substring=50)) == {("t0", "ski")}


# ---------------------------------------------------------------------------- char n-grams


def share(test: str, train: str, n: int) -> float:
    a, b = ngram_form(test), ngram_form(train)
    grams = {a[i : i + n] for i in range(len(a) - n + 1)}
    other = {b[i : i + n] for i in range(len(b) - n + 1)}
    return len(grams & other) / len(grams)


@pytest.mark.parametrize(("method", "n"), [("char50", 50), ("char30", 30)])
def test_char_threshold_boundary(method: str, n: int) -> None:
    test = ngram_form(FJORD + " " + NYNORSK)
    # the shortest prefix of the test text that reaches the threshold, and the one just before it
    k = next(k for k in range(n, len(test)) if share(test, test[:k], n) >= 0.3)
    below, above = "Innleiing " + test[: k - 1], "Innleiing " + test[:k]
    assert share(test, below, n) < 0.3 <= share(test, above, n)
    report = audit({"item": test}, [below, above], methods=[method])
    assert flagged(report) == {("t1", "item")}
    assert report["findings"][0]["score"] == round(share(test, above, n), 4)


@pytest.mark.parametrize("threshold", [0.2, 0.5, 0.8])
def test_char_threshold_parameter(threshold: float) -> None:
    test = ngram_form(FJORD + " " + NYNORSK)
    train = [test[: len(test) * p // 10] for p in range(1, 11)]
    report = audit({"item": test}, train, methods=["char50"], threshold=threshold)
    expected = {(f"t{i}", "item") for i, t in enumerate(train) if share(test, t, 50) >= threshold}
    assert flagged(report) == expected
    assert expected and len(expected) < len(train)


def test_char_rewrapped_and_repunctuated_copy_scores_one() -> None:
    copy = FJORD.replace(", ", " - ").replace(". ", ".\n").replace("Sunnmøre", "SUNNMØRE")
    report = audit({"fjord": FJORD, "ski": SKI}, [copy], methods=["char50", "char30"])
    assert {(f["method"], f["test_id"], f["score"]) for f in report["findings"]} == {
        ("char50", "fjord", 1.0),
        ("char30", "fjord", 1.0),
    }


def test_char_unrelated_text_not_flagged() -> None:
    report = audit({"fjord": FJORD, "nn": NYNORSK}, [SKI], methods=["char50", "char30"])
    assert report["findings"] == []


# ---------------------------------------------------------------------------- token13

WORDS = [
    "i",
    "den",
    "gamle",
    "byen",
    "ved",
    "elva",
    "bodde",
    "en",
    "baker",
    "som",
    "hver",
    "morgen",
    "stod",
    "opp",
    "klokka",
    "fire",
    "for",
    "å",
    "bake",
    "brød",
    "til",
    "alle",
    "som",
    "gikk",
    "forbi",
    "på",
    "vei",
    "til",
    "arbeid",
    "eller",
    "skole",
]


def test_token13_thirteen_words_flag_twelve_do_not() -> None:
    test = " ".join(WORDS)
    thirteen = "Helt annen start på teksten: " + " ".join(WORDS[5:18]).upper() + ". Og en annen slutt."
    twelve = "Helt annen start på teksten: " + " ".join(WORDS[5:17]) + ". Og en annen slutt."
    report = audit({"baker": test}, [thirteen, twelve], methods=["token13"])
    assert flagged(report) == {("t0", "baker")}
    f = report["findings"][0]
    assert f["evidence"] == " ".join(WORDS[5:18])
    assert f["score"] == round(1 / (len(WORDS) - 12), 4)


def test_token13_ignores_punctuation_and_line_breaks() -> None:
    words = WORDS[:13]
    copy = ", ".join(words[:6]) + "!\n" + " – ".join(words[6:])
    assert flagged(audit({"baker": " ".join(WORDS)}, [copy], methods=["token13"])) == {("t0", "baker")}


BOILER = [
    "les",
    "teksten",
    "nedenfor",
    "nøye",
    "og",
    "svar",
    "deretter",
    "på",
    "spørsmålet",
    "med",
    "ett",
    "enkelt",
    "ord",
]
assert len(BOILER) == 13


def boiler_items(count: int) -> dict[str, str]:
    return {f"b{i}": f"kode{i}a kode{i}b " + " ".join(BOILER) + f" kode{i}c" for i in range(count)}


@pytest.mark.parametrize(("items", "ignored"), [(11, True), (10, False)])
def test_token13_boilerplate(items: int, ignored: bool) -> None:
    # the published guard alone (template handling off: it would set these apart, see test_templates.py)
    train = ["Her er en instruks: " + " ".join(BOILER) + ". Takk for hjelpen!"]
    report = audit(boiler_items(items), train, methods=["token13"], templates=False)
    if ignored:
        assert report["findings"] == []
        assert report["summary"]["boilerplate_ngrams_ignored"] == {"token13": 1}
    else:
        assert len(report["findings"]) == items
        assert report["summary"]["boilerplate_ngrams_ignored"] == {"token13": 0}


def test_token13_boilerplate_does_not_hide_real_leak() -> None:
    items = boiler_items(11)
    leaked = items["b3"]  # its unique words around the boilerplate make non-boilerplate 13-grams
    report = audit(items, ["Kopi: " + leaked], methods=["token13"])
    assert flagged(report) == {("t0", "b3")}
    assert " ".join(BOILER) not in {f["evidence"] for f in report["findings"]}


def test_token13_max_items_parameter() -> None:
    train = ["Her er en instruks: " + " ".join(BOILER) + ". Takk!"]
    report = audit(boiler_items(11), train, methods=["token13"], token13_max_items=11, templates=False)
    assert len(report["findings"]) == 11
    # with template handling on, the 13 words shared by 11 items are template text: set apart, not findings
    report = audit(boiler_items(11), train, methods=["token13"], token13_max_items=11)
    assert report["findings"] == []
    assert len(report["templates"]) == 11
    assert {f["detail"]["template"] for f in report["templates"]} == {"template"}


# ---------------------------------------------------------------------------- short items


def test_too_short_for_counts_whole_items() -> None:
    items = {"short": SHORT, "mid": "Holmenkollbakken er et hoppanlegg i Oslo", "long": FJORD}
    report = audit(items, ["ingenting"])
    too_short = report["test_sets"][0]["too_short_for"]
    # SHORT: 5 words, 29 chars in n-gram form; mid: 7 words, 40 chars; FJORD: long enough for all
    assert len(ngram_form(SHORT)) < 30 and 30 <= len(ngram_form(items["mid"])) < 50
    assert too_short == {"char50": 2, "char30": 1, "token13": 2}


def test_short_item_still_found_by_exact() -> None:
    report = audit({"short": SHORT}, ["hva heter HOVEDSTADEN i norge?", "Hva heter hovedstaden i Sverige?"])
    assert flagged(report) == {("t0", "short")}
    assert {f["method"] for f in report["findings"]} == {"exact"}


# ---------------------------------------------------------------------------- all methods together


def test_every_finding_has_real_evidence_and_one_per_item_method() -> None:
    items = {"fjord": FJORD, "ski": SKI, "nn": NYNORSK, "short": SHORT, **boiler_items(3)}
    train = [
        FJORD,
        "Forord. " + SKI.replace(". ", ".\n") + " Etterord.",
        NYNORSK.replace("Ivar Aasen", "IVAR AASEN").replace("attenhundretalet", "1800-talet"),
        SHORT.lower(),
        "Ein heilt annan tekst om vêret på Vestlandet, som ikkje har noko med testen å gjere.",
        " ".join(BOILER),
        normalise(FJORD)[40:140],
    ]
    report = audit(items, train)
    assert {i for i, _ in flagged(report)} == {"t0", "t1", "t2", "t3", "t5", "t6"}
    assert ("t4", "fjord") not in flagged(report)


def test_best_per_item_prefers_whole_item_on_ties(tmp_path: Path) -> None:
    test_file = write_jsonl(
        tmp_path / "test.jsonl", [{"id": "q1", "question": "Hvor ligger fjorden?", "context": FJORD}]
    )
    ts = load_test_set(str(test_file), fields=["question", "context"], per_field=True)
    assert [u.field for u in ts.units] == ["item", "question", "context"]
    index = TestIndex.build([ts], AuditConfig())
    report = audit_texts(["t0"], [FJORD], index).report
    check_findings(report, [FJORD])
    by_method = {f["method"]: f for f in report["findings"]}
    assert set(by_method) == {"exact", "substring", "char50", "char30", "token13"}
    assert by_method["exact"]["test_field"] == "context"
    # substring: the context is inside the training text and the training text inside the item: a tie
    assert by_method["substring"]["test_field"] == "item"
    # char n-grams: the context alone scores 1.0, the whole item less
    assert by_method["char50"]["test_field"] == "context" and by_method["char50"]["score"] == 1.0
    assert report["summary"]["contaminated_test_items"] == 1
    assert report["summary"]["flagged_train_rows"] == 1


def test_report_is_deterministic(tmp_path: Path) -> None:
    test_file = write_jsonl(
        tmp_path / "bench.jsonl",
        [
            {"id": "fjord", "text": FJORD},
            {"id": "ski", "text": SKI},
            {"id": "nn", "text": NYNORSK},
            {"id": "s", "text": SHORT},
        ],
    )
    train_file = write_jsonl(
        tmp_path / "train.jsonl",
        [
            {"id": f"r{i}", "text": t}
            for i, t in enumerate([SKI.upper(), "tekst", FJORD + " " + NYNORSK, SHORT] * 3)
        ],
    )

    def run() -> bytes:
        ts = load_test_set(str(test_file))
        result = run_audit([TrainSource(str(train_file))], [ts], AuditConfig(), batch_size=5)
        return report_bytes(result.report)

    first = run()
    assert first == run()
    assert b'"findings"' in first
    # batch size does not change the report
    ts = load_test_set(str(test_file))
    other = run_audit([TrainSource(str(train_file))], [ts], AuditConfig(), batch_size=1000)
    assert report_bytes(other.report) == first


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_ngram_form_word_tuples_sort_as_their_strings(texts: list[str]) -> None:
    """token13 picks its evidence as the smallest word tuple: that is the smallest string only because
    n-gram-form words hold no character at or below the space."""
    grams = [tuple(g.split(" ")) for g in (ngram_form(t) for t in texts) if g]
    assume(grams)
    assert all(min(w) > " " for g in grams for w in g)
    assert " ".join(min(grams)) == min(" ".join(g) for g in grams)
