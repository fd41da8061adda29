"""Template text and the information a match carries (issue 17): each class of false hit, written for
these tests, is set apart with template handling on and flagged with it off; real leaks stay findings."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import write_jsonl

from contamination.audit import TrainSource, audit_texts, run_audit
from contamination.cli.main import main
from contamination.config import AuditConfig
from contamination.index.testindex import TestIndex
from contamination.methods.templates import generic_shape
from contamination.report import report_bytes
from contamination.testside.testsets import TestSet, TestUnit

ALL = ["exact", "substring", "char50", "char30", "token13", "fuzzy", "short"]
FRAME = (
    "For hvilken av disse to situasjonene gjør fortelleren (som omtaler seg selv som jeg) noe klart moralsk "
    "galt etter vanlige norske normer i 2021? Situasjon 1 | {a} Situasjon 2 | {b}"
)
FRAME_OPTIONS = ["Galt, galt", "Galt, ikke galt", "Ikke galt, galt", "Ikke galt, ikke galt"]
SCENES = [
    ("Jeg lånte naboens stige uten å spørre.", "Jeg vannet tomatplantene til søsteren min."),
    ("Jeg slapp hunden løs i barnehagen.", "Jeg betalte regningen for strømmen i tide."),
    ("Jeg ga bort en gammel sykkel til en venn.", "Jeg rev ned plakaten om sommerfesten."),
    ("Jeg leste dagboken til kollegaen min.", "Jeg ryddet snø fra trappen til bestemor."),
]


def mc(item: str, question: str, choices: list[str]) -> dict[str, list[tuple[str, str]]]:
    return {
        item: [
            ("item", "\n".join([question, *choices])),
            ("question", question),
            ("choices", "\n".join(choices)),
        ]
    }


def audit(items: dict, train: list[str], **config: object) -> dict:
    units = [TestUnit(i, f, t) for i, fields in items.items() for f, t in fields]
    ts = TestSet("quiz", units, len(items), "0" * 64, "quiz.jsonl")
    config.setdefault("methods", ALL)
    index = TestIndex.build([ts], AuditConfig(**config))
    return audit_texts([f"t{i}" for i in range(len(train))], train, index).report


def pairs(rows: list[dict], method: str | None = None) -> set[tuple[str, str]]:
    return {(f["train_id"], f["test_id"]) for f in rows if method is None or f["method"] == method}


def reasons(report: dict) -> set[str]:
    return {f["detail"]["template"] for f in report["templates"]}


def moral_items() -> dict:
    items: dict = {}
    for k, (a, b) in enumerate(SCENES):
        items |= mc(f"moral{k}", FRAME.format(a=a, b=b), FRAME_OPTIONS)
    return items


# ---------------------------------------------------------------------------- class 1: option lists


def test_generic_option_lists_are_never_units_alone() -> None:
    items = mc(
        "photo",
        "Hvilke av disse påstandene om fotosyntesen i grønne planter stemmer?",
        ["Bare 1", "Bare 2", "1 og 3", "Alle tre"],
    )
    items |= mc(
        "fjell",
        "Hvilket fjell er høyest i Jotunheimen?",
        ["Galdhøpiggen", "Glittertind", "Store Skagastølstind", "Snøhetta"],
    )
    train = [
        "Hvilke av disse utsagnene om tidevannet langs kysten er sanne?\nBare 1\nBare 2\n1 og 3\nAlle tre"
    ]
    off = audit(items, train, templates=False)
    assert ("t0", "photo") in pairs(off["findings"], "fuzzy")  # the options alone reach the threshold
    on = audit(items, train)
    assert on["findings"] == []
    assert ("t0", "photo") in pairs(on["templates"])
    assert reasons(on) <= {"template", "low_information"}


def test_option_labels_are_generic_words() -> None:
    assert all(generic_shape(w) for w in ["a", "b", "ii", "iv", "xii"])
    assert not any(generic_shape(w) for w in ["7", "1814", "og", "ved", "mix"])


# ---------------------------------------------------------------------------- class 2: generic stems


def test_a_bare_generic_stem_does_not_match_other_questions() -> None:
    stem = "Hvilket av følgende utsagn er riktig?"
    items: dict = {}
    for k, topic in enumerate(["vulkaner", "bier", "planeter", "skatter"]):
        items |= mc(f"s{k}", stem, [f"Påstand A om {topic}", f"Påstand B om {topic}", "Ingen", "Alle"])
    train = ["Hvilket av følgende utsagn er riktig om tidevannet ved Saltstraumen?"]
    off = audit(items, train, templates=False)
    assert pairs(off["findings"], "fuzzy")  # the stem alone reaches the threshold
    on = audit(items, train)
    assert on["findings"] == []
    assert reasons(on) == {"template"}


# ---------------------------------------------------------------------------- class 3: subject templates


def test_a_template_shared_by_a_subject_flags_nothing_but_a_real_copy_does() -> None:
    items = moral_items()
    other = FRAME.format(a="Jeg klippet plenen til naboen.", b="Jeg tok med meg en stein fra parken.")
    train = ["\n".join([other, *FRAME_OPTIONS]), "Kopi: " + FRAME.format(*[], a=SCENES[2][0], b=SCENES[2][1])]
    off = audit(items, train, templates=False)
    # the published protocol and fuzzy flag every item built on the frame (four items: under the
    # token13 boilerplate guard of ten)
    assert {t for r, t in pairs(off["findings"]) if r == "t0"} == {f"moral{k}" for k in range(4)}
    assert {"char30", "token13", "fuzzy"} <= {f["method"] for f in off["findings"] if f["train_id"] == "t0"}
    on = audit(items, train)
    assert pairs(on["findings"]) == {("t1", "moral2")} | {p for p in pairs(on["findings"]) if p[0] == "t1"}
    assert not [f for f in on["findings"] if f["train_id"] == "t0"]
    assert {t for r, t in pairs(on["templates"]) if r == "t0"} == {f"moral{k}" for k in range(4)}
    # the published protocol's score stays the finding's score; the template-free one is in the detail
    published = {(f["test_id"], f["method"], f["test_field"]): f["score"] for f in off["findings"]}
    for f in on["templates"]:
        if f["method"] == "char30":
            assert f["score"] == published[(f["test_id"], "char30", f["test_field"])]
            assert f["detail"]["template_free_score"] < 0.3
    assert on["summary"]["templates"]["contaminated_test_items"] == 4
    assert (
        on["schema"] == "norcurate.audit/2"
        and "templates" not in off
        and off["schema"] == "norcurate.audit/1"
    )


def test_fail_on_templates_sets_the_exit_code(tmp_path: Path) -> None:
    rows = [
        {"id": f"moral{k}", "question": FRAME.format(a=a, b=b), "choices": FRAME_OPTIONS}
        for k, (a, b) in enumerate(SCENES)
    ]
    test = write_jsonl(tmp_path / "test.jsonl", rows)
    other = FRAME.format(a="Jeg klippet plenen til naboen.", b="Jeg tok med meg en stein fra parken.")
    train = write_jsonl(tmp_path / "train.jsonl", [{"id": "r0", "text": "\n".join([other, *FRAME_OPTIONS])}])
    base = ["audit", str(train), "--test", str(test), "--test-field", "question", "--test-field", "choices"]
    clean = CliRunner().invoke(main, [*base, "--json"])
    assert clean.exit_code == 0, clean.output
    assert json.loads(clean.stdout)["templates"]
    assert CliRunner().invoke(main, [*base, "--fail-on-templates"]).exit_code == 1
    assert CliRunner().invoke(main, [*base, "--no-templates"]).exit_code == 1


# ---------------------------------------------------------------------------- class 4: other numbers


def test_same_frame_other_numbers_is_not_the_item() -> None:
    items = mc("calc", "Hva blir 7 ganger 8 hvis du legger til 15 etterpå?", ["71", "56", "63", "48"])
    items |= mc(
        "fjord",
        "Hvor lang er Sognefjorden fra munningen til Skjolden?",
        ["204 km", "150 km", "98 km", "310 km"],
    )
    train = [
        "Hva blir 6 ganger 8 hvis du legger til 15 etterpå?",
        "Oppgave: hva blir 7 ganger 8 hvis man legger til 15 etterpå? Svar 71.",
    ]
    off = audit(items, train, templates=False)
    assert ("t0", "calc") in pairs(off["findings"])
    on = audit(items, train)
    assert ("t0", "calc") not in pairs(on["findings"])
    assert ("t1", "calc") in pairs(on["findings"])  # the same numbers, reworded: still a leak
    missing = [f["detail"].get("numbers_missing") for f in on["templates"] if f["train_id"] == "t0"]
    assert missing and all(m == ["7"] for m in missing)


# ---------------------------------------------------------------------------- class 5: same topic


def test_same_named_thing_other_question_is_not_the_item() -> None:
    """A short question about a named thing (Heartbleed) and another about the same thing share its name
    and the common words around it; the item's own distinguishing words (who found it, where) differ.
    Common Norwegian words are rare on a small test side, so fuzzy's IDF weights and char30 flag it."""
    question = "Hvordan ble Heartbleed oppdaget av de ansatte hos Codenomicon i Oulu og Espoo?"
    items = mc("peak", "Hvilket fjell er høyest i Jotunheimen?", ["Galdhøpiggen", "Glittertind", "Snøhetta"])
    items |= {"heart": [("question", question)]}
    train = [
        "Hvordan ble Heartbleed oppdaget av de ansatte hos Google i California og Zürich?",
        "Hvordan ble Heartbleed-feilen oppdaget av ansatte hos Codenomicon i Oulu og Espoo?",  # leaks
        "Heartbleed ble oppdaget av ansatte i Oulu og Espoo hos selskapet Codenomicon.",
    ]
    off = audit(items, train, templates=False)
    assert {("t0", "heart"), ("t1", "heart"), ("t2", "heart")} <= pairs(off["findings"])
    assert {"char30", "fuzzy"} <= {f["method"] for f in off["findings"] if f["train_id"] == "t0"}
    on = audit(items, train)
    assert pairs(on["findings"]) == {("t1", "heart"), ("t2", "heart")}
    apart = [f for f in on["templates"] if f["train_id"] == "t0"]
    assert apart and {f["detail"]["template"] for f in apart} == {"not_distinguished"}
    assert all(f["detail"]["distinguishing"] < 0.34 for f in apart)


def test_a_compound_written_apart_is_still_the_item() -> None:
    """A re-translation writes "Kielfreden" as "freden i Kiel" and says "inngått" for "undertegnet": the
    item's rare words are then found only as the compound's parts. Before parts counted, the leak was set
    apart as not distinguished (its distinguishing share was 0)."""
    items = mc(
        "kiel",
        "Hvilket år ble Kielfreden mellom Danmark og Sverige undertegnet?",
        ["1809", "1814", "1815", "1905"],
    )
    items |= mc(
        "peak", "Hvilket fjell er høyest i Jotunheimen?", ["Galdhøpiggen", "Glittertind", "Snøhetta", "Tind"]
    )
    train = ["I hvilket år ble freden i Kiel mellom Danmark og Sverige inngått?\n1809\n1814\n1815\n1905"]
    on = audit(items, train)
    found = [f for f in on["findings"] if f["test_id"] == "kiel" and f["method"] == "fuzzy"]
    assert found and found[0]["detail"]["distinguishing"] >= 0.34


# ---------------------------------------------------------------------------- the information floor


def test_information_floor_is_a_knob() -> None:
    items = mc("q", "Når ble Nidarosdomen i Trondheim ferdig restaurert?", ["1930", "2001", "1869", "1814"])
    train = ["Når ble Nidarosdomen i Trondheim endelig ferdig restaurert, spør du?"]
    assert ("t0", "q") in pairs(audit(items, train, methods=["fuzzy"])["findings"])
    high = audit(items, train, methods=["fuzzy"], info_floor=200.0)
    assert not high["findings"] and reasons(high) == {"low_information"}


def test_calibrate_reports_hard_negatives_by_class(tmp_path: Path) -> None:
    rows = [{"id": f"moral{k}", "text": FRAME.format(a=a, b=b)} for k, (a, b) in enumerate(SCENES)]
    rows.append({"id": "calc", "text": "Hva blir 7 ganger 8 hvis du legger til 15 etterpå?"})
    test = write_jsonl(tmp_path / "test.jsonl", rows)
    clean = write_jsonl(
        tmp_path / "clean.jsonl", [{"id": "c0", "text": "Bergen er en by på Vestlandet med mye regn."}]
    )
    negatives = write_jsonl(
        tmp_path / "neg.jsonl",
        [
            {
                "id": "n0",
                "text": FRAME.format(a="Jeg klippet plenen til naboen.", b="Jeg tok en stein fra parken."),
            },
            {"id": "n1", "text": "Hva blir 6 ganger 8 hvis du legger til 15 etterpå?"},
        ],
    )
    args = ["calibrate", "--test", str(test), "--clean", str(clean), "--negatives", str(negatives)]
    result = CliRunner().invoke(main, [*args, "--method", "char30", "--method", "fuzzy", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["negative_rows"] == 2
    fuzzy = next(r for r in out["rows"] if r["method"] == "fuzzy" and r["threshold"] == 0.5)
    assert fuzzy["negative_hits"] == 0 and fuzzy["recall"]["verbatim"] == 1.0
    assert fuzzy["negative_classes"]["template"] >= 4 and fuzzy["negative_classes"]["numbers"] == 1
    table = CliRunner().invoke(main, [*args, "--method", "fuzzy"])
    assert table.exit_code == 0 and "negatives" in table.output
    missing = CliRunner().invoke(main, [*args[:-1], str(tmp_path / "absent.jsonl")])
    assert missing.exit_code == 2


# ---------------------------------------------------------------------------- the training side

LOGIC_STEM = "Oversett følgende setning til formell utsagnslogikk med de oppgitte symbolene:"
NOTICE = "Ifølge den siste oppdateringen fra redaksjonen gjelder følgende for alle abonnenter uten unntak:"
NEWS = [
    "Fergen til Bodø er innstilt resten av uka.",
    "Biblioteket holder stengt på mandag.",
    "Prisen på strøm stiger igjen neste måned.",
    "Skolen får ny rektor fra august.",
    "Veien over fjellet er åpnet for trafikk.",
    "Fotballaget vant kampen mot naboene.",
    "Butikken i sentrum legger ned.",
]
ALTA = NOTICE + " Kommunestyret i Alta vedtok torsdag å bygge en ny svømmehall ved siden av den gamle skolen."
PEAK = "Hvilket fjell er høyest i Jotunheimen, og hvor mange meter over havet ligger toppen av det fjellet?"


def logic_items() -> dict:
    """Two items on one stem whose varying sentences have no rare word or number (the distinguishing
    rule has nothing to ask for), and two unrelated ones."""
    items = mc("logic1", LOGIC_STEM + " Hun er ikke hjemme nå.", ["Hn ⊃ ~Hj", "~Hn", "Hn · Hj", "Hj"])
    items |= mc("logic2", LOGIC_STEM + " Vi kan komme tilbake i morgen.", ["Km", "~Km", "Km ∨ Tm", "Tm"])
    items |= mc("geo", "Hvilken elv er den lengste i Norge?", ["Glomma", "Numedalslågen", "Tana", "Otra"])
    items |= mc(
        "bio",
        "Hvilket organ lager insulin hos mennesker?",
        ["Bukspyttkjertelen", "Leveren", "Nyrene", "Milten"],
    )
    return items


def test_a_stem_two_items_share_and_a_training_row_repeats_is_a_template() -> None:
    """Two test items only: under the test side's three, so before the training side counted, char30 (the
    published protocol) flagged an unrelated question on the same stem for both items."""
    train = [LOGIC_STEM + " Det var en fin dag i går.", "Oppgave: " + LOGIC_STEM + " Hun er ikke hjemme nå."]
    off = audit(logic_items(), train, templates=False)
    assert {("t0", "logic1"), ("t0", "logic2"), ("t1", "logic2")} <= pairs(off["findings"], "char30")
    on = audit(logic_items(), train)
    assert pairs(on["findings"]) == {("t1", "logic1")}  # the copy is still a leak
    assert {("t0", "logic1"), ("t0", "logic2"), ("t1", "logic2")} <= pairs(on["templates"], "char30")
    assert {f["detail"]["template"] for f in on["templates"] if f["method"] == "char30"} == {"template"}


def test_a_short_unit_found_with_a_finding_of_its_item_follows_it_apart() -> None:
    """`short` takes any short unit of an item another method flags in the row (the question leaked with
    its options); when the training side then sets that other finding apart, the short one follows."""
    train = [LOGIC_STEM + " Det var en fin dag i går.\nKm\n~Km\nKm ∨ Tm\nTm"]  # logic2's options
    off = audit(logic_items(), train, templates=False)
    assert ("t0", "logic2") in pairs(off["findings"], "short") and ("t0", "logic2") in pairs(
        off["findings"], "char30"
    )
    on = audit(logic_items(), train)
    assert on["findings"] == []
    short = [f for f in on["templates"] if f["method"] == "short"]
    assert [(f["test_id"], f["detail"]["template"]) for f in short] == [("logic2", "template")]


def test_text_many_training_rows_share_is_template_text() -> None:
    items = {"alta": [("item", ALTA)], "peak": [("item", PEAK)]}
    train = [NOTICE + " " + n for n in NEWS]
    off = audit(items, train, templates=False)
    assert pairs(off["findings"]) == {(f"t{i}", "alta") for i in range(7)}  # one test item: no template
    on = audit(items, train)
    assert on["findings"] == [] and pairs(on["templates"]) == pairs(off["findings"])
    # a knob: fewer rows than template_min_rows are not many
    assert pairs(audit(items, train, template_min_rows=8)["findings"]) == pairs(off["findings"])
    assert pairs(audit(items, train[:5])["findings"]) == {(f"t{i}", "alta") for i in range(5)}


def test_an_item_leaked_into_many_rows_is_no_template() -> None:
    items = {"alta": [("item", ALTA)], "peak": [("item", PEAK)]}
    train = [n + " " + ALTA for n in NEWS]
    assert pairs(audit(items, train)["findings"]) == {(f"t{i}", "alta") for i in range(7)}


def test_leaks_of_near_duplicate_items_do_not_make_their_shared_text_a_template() -> None:
    """Two test items share a long stem and each leaks with it: the rows holding the stem are leaks of the
    items, not other text, so the stem stays content (without that, the leak of `tog1` is lost: its fuzzy
    score without the stem is 0.47)."""
    stem = (
        "Et godstog kjører fra Narvik mot Kiruna med jevn fart på 60 kilometer i timen og har 40 malmvogner."
    )
    items = {
        "tog1": [
            ("item", stem + " Beregn den samlede bremselengden for lokomotivet når skinnene er islagte.")
        ],
        "tog2": [("item", stem + " Hvor mye jernmalm frakter toget hvis hver vogn rommer 80 tonn?")],
        "peak": [("item", PEAK)],
    }
    train = [
        stem + " Regn ut den samlede bremselengden til lokomotiver på islagte skinner.",
        stem + " Hvor mange tonn jernmalm frakter toget dersom hver vogn rommer 80 tonn?",
    ]
    on = audit(items, train, methods=["char30", "fuzzy"])
    assert {("t0", "tog1"), ("t1", "tog2")} <= pairs(on["findings"], "fuzzy")


def test_training_side_reports_do_not_depend_on_batch_size() -> None:
    units = [TestUnit(i, f, t) for i, fields in logic_items().items() for f, t in fields]
    ts = TestSet("quiz", units, 4, "0" * 64, "quiz.jsonl")
    rows = [{"id": f"n{i}", "text": LOGIC_STEM + " " + n} for i, n in enumerate(NEWS)]
    rows += [{"id": "copy", "text": "Oppgave: " + LOGIC_STEM + " Vi kan komme tilbake i morgen."}]
    rows += [{"id": f"alta{i}", "text": NOTICE + " " + n} for i, n in enumerate(NEWS)]
    reports = {
        size: report_bytes(
            run_audit([TrainSource(rows)], [ts], AuditConfig(methods=ALL), batch_size=size).report
        )
        for size in (1, 3, 2048)
    }
    assert reports[1] == reports[3] == reports[2048]
    report = run_audit([TrainSource(rows)], [ts], AuditConfig(methods=ALL), batch_size=1).report
    assert pairs(report["findings"]) == {("copy", "logic2")}
    assert {r for r, _ in pairs(report["templates"])} >= {f"n{i}" for i in range(len(NEWS))}
