"""Tests for curation.language. Every sentence here was written for these tests (none from NorNE)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curation.language import LABELS, identify, identify_example, strip_code
from curation.language.lexicon import LEX_LANGS, evidence, lexicon, parse_lexicon, suffix_evidence

NB = [
    "Jeg vet ikke hva vi skal gjøre med hytta i sommer.",
    "Hvorfor har ikke kommunen svart på henvendelsen vår ennå?",
    "Hun sier at det er mye bedre å sykle enn å ta bussen.",
    "Regjeringen vil legge fram et nytt forslag om skatt neste uke.",
    "Kan du forklare hvordan jeg lager en enkel brødoppskrift?",
    "Vi hadde det veldig hyggelig hjemme hos besteforeldrene våre.",
    "Det er vanskelig å si noe sikkert om utviklingen fremover.",
    "Han jobbet som lærer på en skole i Bodø i mange år.",
]
NN = [
    "Eg veit ikkje kva vi skal gjere med hytta i sommar.",
    "Kvifor har ikkje kommunen svart på førespurnaden vår enno?",
    "Ho seier at det er mykje betre å sykle enn å ta bussen.",
    "Regjeringa vil leggje fram eit nytt framlegg om skatt neste veke.",
    "Kan du forklare korleis eg lagar ei enkel brødoppskrift?",
    "Vi hadde det svært triveleg heime hos besteforeldra våre.",
    "Det er vanskeleg å seie noko sikkert om utviklinga framover.",
    "Han arbeidde som lærar ved ein skule i Bodø i mange år.",
]
EN = [
    "I don't know what we should do with the cabin this summer.",
    "The government will present a new proposal on taxes next week.",
    "Could you explain how to bake a simple loaf of bread?",
]
DA = [
    "Jeg ved ikke hvad vi skal gøre med sommerhuset i år.",
    "Regeringen vil fremlægge et nyt forslag om skat i næste uge.",
    "Kan du forklare, hvordan man bager et simpelt brød?",
]
SV = [
    "Jag vet inte vad vi ska göra med stugan i sommar.",
    "Regeringen kommer att lägga fram ett nytt förslag om skatt nästa vecka.",
]
OTHER = (
    DA
    + SV
    + [
        "Ich weiß nicht, was wir diesen Sommer mit der Hütte machen sollen.",
        "Je ne sais pas ce que nous ferons de la cabane cet été.",
    ]
)


@pytest.mark.parametrize(
    ("texts", "label"),
    [(NB, "nb"), (NN, "nn"), (EN, "en"), (OTHER, "other")],
    ids=["nb", "nn", "en", "other"],
)
def test_each_class(texts: list[str], label: str) -> None:
    results = identify(texts)
    assert [lang for lang, _ in results] == [label] * len(texts), list(zip(texts, results, strict=True))
    assert all(score > 0.6 for _, score in results)


def test_short_sentences_with_one_marker() -> None:
    assert [
        lang for lang, _ in identify(["Eg veit ikkje.", "Jeg vet ikke.", "Kva skjer?", "Hva skjer?"])
    ] == [
        "nn",
        "nb",
        "nn",
        "nb",
    ]


def test_danish_is_not_bokmal() -> None:
    # Danish shares most of its function words with Bokmål; af, hvad, nogle, efter, mig give it away.
    text = "Efter mødet spurgte hun mig, hvad nogle af de andre havde sagt."
    assert identify([text])[0][0] == "other"


def test_names_only_is_uncertain() -> None:
    for text in ["Ola Nordmann", "Kari Hansen og Per Olsen", "Oslo, Bergen, Trondheim"]:
        label, score = identify([text])[0]
        assert label in LABELS
        assert score < 0.9, (text, label, score)


def test_mixed_bokmal_with_english_terms_is_bokmal() -> None:
    text = "Jeg bruker machine learning og deep learning i prosjektet mitt, men modellen overfitter."
    assert identify([text])[0][0] == "nb"


def test_mostly_english_with_a_norwegian_word_is_english() -> None:
    assert identify(["We had a lovely time at the hytte, and the weather was great."])[0][0] == "en"


def test_no_letters_gives_other_with_zero_score() -> None:
    assert identify(["", "   ", "12345", "!!!"]) == [("other", 0.0)] * 4


def test_scores_are_probabilities_and_batching_is_equivalent() -> None:
    texts = NB + NN + EN + OTHER + ["", "ok", "Ola Nordmann"]
    batch = identify(texts)
    one_by_one = [identify([t])[0] for t in texts]
    assert [lang for lang, _ in batch] == [lang for lang, _ in one_by_one]
    for (_, a), (_, b) in zip(batch, one_by_one, strict=True):
        assert a == pytest.approx(b, abs=1e-9)
        assert 0.0 <= a <= 1.0
    assert identify([]) == []


def test_strip_code_removes_code_and_urls() -> None:
    text = "Se https://example.com/a?b=c og `x = 1`.\n```python\nprint('hello world')\n```\nFerdig."
    stripped = strip_code(text)
    assert "example.com" not in stripped and "print" not in stripped and "x = 1" not in stripped
    assert "Ferdig" in stripped


def test_identify_example_ignores_code_and_weighs_turns() -> None:
    code = (
        "```python\n"
        + "\n".join(f"def function_{i}(value):\n    return value + {i}" for i in range(30))
        + "\n```"
    )
    messages = [
        {"role": "system", "content": "You are a helpful assistant. Always answer in the user's language."},
        {"role": "user", "content": "Korleis kan eg skrive ein funksjon som legg saman to tal?"},
        {
            "role": "assistant",
            "content": "Her er eit døme. Sjå https://docs.python.org/3/ for meir.\n"
            + code
            + "\nNo kan du prøve sjølv.",
        },
    ]
    label, score = identify_example(messages)
    assert label == "nn"
    assert 0.5 < score <= 1.0


def test_identify_example_long_turn_outweighs_short_one() -> None:
    messages = [
        {"role": "user", "content": "Thanks!"},
        {
            "role": "assistant",
            "content": "Jeg er glad for at jeg kunne hjelpe deg. Si ifra hvis du lurer på noe mer.",
        },
    ]
    assert identify_example(messages)[0] == "nb"


def test_identify_example_without_prose() -> None:
    assert identify_example([{"role": "user", "content": "```\nls -la\n```"}]) == ("other", 0.0)
    assert identify_example([]) == ("other", 0.0)


def test_identify_example_accepts_content_parts() -> None:
    messages = [{"role": "user", "content": [{"type": "text", "text": "Kva meiner du om dette biletet?"}]}]
    assert identify_example(messages)[0] == "nn"


# --- the lexicon and the rules -------------------------------------------------------------------


def test_lexicon_parses_and_has_a_few_hundred_markers_each() -> None:
    table = lexicon()
    per_lang = {
        lang: sum(1 for hits in table.values() if any(LEX_LANGS[i] == lang for i, _ in hits))
        for lang in LEX_LANGS
    }
    assert per_lang["nb"] >= 250 and per_lang["nn"] >= 250
    assert table["ikkje"] == ((LEX_LANGS.index("nn"), 2.0),)


def test_parse_lexicon_rejects_duplicates() -> None:
    with pytest.raises(ValueError, match="twice"):
        parse_lexicon("[nb]\nikke\n[nn]\nikke\n")


def test_suffix_rules() -> None:
    nn, nb = LEX_LANGS.index("nn"), LEX_LANGS.index("nb")
    assert {i for i, _ in suffix_evidence("vanlegvis")} == {nn}
    assert {i for i, _ in suffix_evidence("sikkerheit")} == {nn}
    assert nb in {i for i, _ in suffix_evidence("sikkerhet")}
    assert suffix_evidence("kommentar") == ()  # a loanword, not a Nynorsk -ar plural
    assert suffix_evidence("tannlege") == ()  # a doctor, not a Nynorsk -lege adjective


def test_proper_nouns_do_not_vote() -> None:
    # "Gunnar" and "Ivar" end in the Nynorsk -ar; as names inside a sentence they must be ignored.
    totals, _ = evidence("Der møtte Gunnar og Ivar en venn.")
    assert totals[LEX_LANGS.index("nn")] < totals[LEX_LANGS.index("nb")]


# --- accuracy on NorNE, when the shared data is present --------------------------------------------

NORNE = Path(__file__).resolve().parents[2] / "shared" / "data" / "norne"


@pytest.mark.skipif(not (NORNE / "nb_dev.jsonl").exists(), reason=f"NorNE dev data not found in {NORNE}")
def test_norne_dev_accuracy() -> None:
    texts, gold = [], []
    for lang in ("nb", "nn"):
        for line in (NORNE / f"{lang}_dev.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.append(row["text"])
            gold.append(row["lang"])
    pred = [lang for lang, _ in identify(texts)]
    accuracy = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)
    # 5-fold blocked (document-level) CV gives 94.5 % (bench/langid_bench.py); the in-sample figure of the
    # shipped constants is about the same. The floor leaves a point and a half of margin below the CV figure.
    assert accuracy >= 0.93
