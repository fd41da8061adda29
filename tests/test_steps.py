"""Each step of `curate build` on small tables."""

from __future__ import annotations

import polars as pl
import pytest

from contamination.common.errors import InputError
from contamination.text.normalise import normalise_many
from curation.recipe.models import DedupSpec, FilterSpec, MixSpec, NormaliseSpec
from curation.sources.adapters import MESSAGE_DTYPE
from curation.steps import DROP, live
from curation.steps.dedup import dedup_step
from curation.steps.filters import filter_step
from curation.steps.language import (
    SAMPLE_CHARS,
    _batches,
    _identify_parallel,
    identify_batch,
    language_step,
    sample_expr,
    sampled_messages,
)
from curation.steps.mix import assign_priority, mix_step, quota_targets
from curation.steps.normalise import normalise_step


def fake_identify(messages: list[dict[str, str]]) -> tuple[str, float]:
    text = " ".join(m["content"] for m in messages).lower()
    words = text.split()
    score = {
        "nn": sum(w in {"eg", "ikkje", "kva", "ein", "eit", "dei", "frå", "vert"} for w in words),
        "nb": sum(w in {"jeg", "ikke", "hva", "en", "et", "de", "fra", "blir"} for w in words),
        "en": sum(w in {"the", "and", "is", "of", "to", "a"} for w in words),
    }
    best = max(score, key=lambda k: score[k])
    return (best, 0.9) if score[best] else ("other", 0.2)


def table(rows: list[tuple[str, str, str]], source: str = "s", hint: str | None = None) -> pl.DataFrame:
    """(user, assistant) pairs -> example table."""
    return pl.DataFrame(
        {
            "id": [f"{source}:{i}" for i in range(len(rows))],
            "source": [source] * len(rows),
            "source_row": list(range(len(rows))),
            "messages": pl.Series(
                [[{"role": "user", "content": u}, {"role": "assistant", "content": a}] for u, a, _ in rows],
                dtype=MESSAGE_DTYPE,
            ),
            "lang_hint": pl.Series([hint] * len(rows), dtype=pl.String),
            "is_translation": [False] * len(rows),
            "drop_reason": pl.Series([None] * len(rows), dtype=pl.String),
            "lang": [lang for _, _, lang in rows],
            "lang_score": [0.9] * len(rows),
        }
    )


def prepared(rows: list[tuple[str, str, str]], **kw: object) -> pl.DataFrame:
    t, _ = normalise_step(table(rows, **kw), NormaliseSpec())
    return t


def test_repair_fixes_mojibake_without_nfkc() -> None:
    t = table([("Hva er \u00c3\u00a6?  ", "Det er bokstaven \ufb01ne &amp; \u2460.", "nb")])
    out, counts = normalise_step(t, NormaliseSpec())
    msgs = out.get_column("messages").to_list()[0]
    assert msgs[0]["content"] == "Hva er æ?"
    assert "&" in msgs[1]["content"] and "&amp;" not in msgs[1]["content"]
    assert "\u2460" in msgs[1]["content"]  # NFKC would turn ① into 1: stored text is not NFKC'd
    assert counts == {"in": 1, "out": 1, "dropped": {}, "changed_contents": 2}
    assert out.get_column("text").to_list()[0].startswith("Hva er æ?\n")


def test_language_step_flags_hint_mismatch() -> None:
    t = prepared(
        [("Kva er dette?", "Eg veit ikkje kva det er.", ""), ("What is this?", "It is a dog and a cat.", "")],
        hint="nn",
    )
    calls: list[int] = []

    def batch_identify(batch: list[list[dict[str, str]]]) -> list[tuple[str, float]]:
        calls.append(len(batch))
        return [fake_identify(m) for m in batch]

    out, counts = language_step(t.drop("lang", "lang_score"), batch_identify)
    assert calls == [2]  # one identifier call per batch, not one per example
    assert out.get_column("lang").to_list() == ["nn", "en"]
    assert out.get_column("lang_mismatch").to_list() == [False, True]
    assert counts["flags"] == {"lang_hint_mismatch": 1}
    assert counts["dropped"] == {}


def test_language_sample_cuts_at_word_boundary_on_copies() -> None:
    long_turn = "ord " * 300  # 1,200 characters
    t = prepared([("Kva er dette?", long_turn + "slutt", ""), ("Kort?", "Eit kort svar her.", "")], hint="nn")
    seen: list[list[list[dict[str, str]]]] = []

    def batch_identify(batch: list[list[dict[str, str]]]) -> list[tuple[str, float]]:
        seen.append(batch)
        return [("nn", 0.9)] * len(batch)

    out, _ = language_step(t, batch_identify)
    sampled = seen[0][0][1]["content"]
    assert len(sampled) <= SAMPLE_CHARS and sampled.endswith("ord") and long_turn.startswith(sampled)
    assert seen[0][1][1]["content"] == "Eit kort svar her."  # short turns unchanged
    assert (
        out.get_column("messages").to_list()[0][1]["content"] == (long_turn + "slutt").strip()
    )  # stored text intact
    cut = (
        pl.select(sample_expr(pl.lit(pl.Series(["x" * 700, "ab cd", "a" * 599 + " bcd"])), 600))
        .to_series()
        .to_list()
    )
    assert cut == ["x" * 600, "ab cd", "a" * 599]


def test_language_parallel_equals_in_process() -> None:
    rows = [
        ("Kva er dette?", "Eg veit ikkje kva det er, men det ser ut som ein stein.", ""),
        ("What is this?", "It is a stone, and it is quite heavy.", ""),
        ("Hva er dette?", "Jeg vet ikke hva det er, men det ser ut som en stein.", ""),
    ]
    msgs = sampled_messages(prepared(rows).get_column("messages"))
    assert _identify_parallel(msgs, identify_batch, 1) == [
        r for b in _batches(msgs) for r in identify_batch(b)
    ]


def test_dedup_key_matches_reference_normalisation() -> None:
    texts = [
        "Hvem  var\tHarald?\n",
        "STRASSE Straße",
        "ΣΟΦΟΣ «sitat» – ‘x’ … ﬁne Ⅻ ½",
        "A\x1cb\u00a0c\u2003d",
        "İstanbul ﬀ æøå ÆØÅ",
        "",
    ]
    # texts that normalise equal are exact duplicates, whatever their case, width, quotes or spacing
    variants = [t.upper().replace(" ", "  ") for t in texts] + texts
    table = pl.DataFrame({"id": [str(i) for i in range(len(variants))], "text": variants})
    out, _ = dedup_step(table, DedupSpec(exact=True, near=False))
    keys = normalise_many(variants)
    expected = [keys.index(k) != i for i, k in enumerate(keys)]
    assert (out.get_column(DROP).fill_null("") == "exact_duplicate").to_list() == expected


def test_filters_reasons() -> None:
    rows = [
        (
            "Hva er en elv?",
            "En elv er vann som renner fra høyere til lavere terreng mot havet.",
            "nb",
        ),  # kept
        ("Hva?", "", "nb"),  # empty
        ("Hei", "Ja.", "nb"),  # too_short
        ("Hva er du?", "Som en AI-språkmodell kan jeg ikke ha meninger om dette temaet, beklager.", "nb"),
        ("Kva er du?", "Som ein KI-språkmodell kan eg ikkje svare på dette, diverre for deg.", "nn"),
        ("Why?", "As an AI language model, I cannot do that for you, sorry about that.", "en"),
        (
            "Oversett følgende til nynorsk: Jeg liker å gå tur.",
            "Eg likar å gå tur i skogen om kvelden.",
            "nn",
        ),
        ("Translate to English: Jeg er sulten nå.", "I am hungry now, and I want something to eat.", "en"),
        ("Omset til bokmål: Eg er trøytt.", "Jeg er trøtt etter en lang dag på jobben i dag.", "nb"),
        (
            "Skriv om denne teksten til nynorsk, takk.",
            "Dette er ein tekst som er skriven om til nynorsk.",
            "nn",
        ),
        (
            "Hva betyr ordet oversettelse?",
            "Det betyr å gjengi en tekst på et annet språk enn originalen.",
            "nb",
        ),  # kept
        (
            "Hvem er du?",
            "Jeg er en vanlig person som liker å svare på spørsmål om Norge.",
            "en",
        ),  # wrong_language
    ]
    t = prepared(rows, hint="nb")
    t = t.with_columns((pl.col("lang") != pl.col("lang_hint")).alias("lang_mismatch"))
    out, counts = filter_step(t, FilterSpec(min_chars=20))
    reasons = out.get_column("drop_reason").to_list()
    assert reasons == [
        None,
        "empty",
        "too_short",
        "refusal",
        "refusal",
        "refusal",
        "translation",
        "translation",
        "translation",
        "translation",
        None,
        "wrong_language",
    ]
    assert counts["in"] == 12 and counts["out"] == 2
    assert counts["dropped"] == {
        "empty": 1,
        "refusal": 3,
        "too_short": 1,
        "translation": 4,
        "wrong_language": 1,
    }


def test_filters_keep_translation_with_share_and_flag_wrong_lang() -> None:
    rows = [("Oversett til engelsk: Hei på deg.", "Hello to you, my good friend and neighbour.", "en")]
    t = prepared(rows, hint="nb").with_columns(pl.lit(True).alias("lang_mismatch"))
    out, counts = filter_step(t, FilterSpec(translation_share=0.1, drop_wrong_lang=False))
    assert out.get_column("drop_reason").to_list() == [None]
    assert out.get_column("is_translation").to_list() == [True]
    assert counts["translation_kept"] == 1


def test_dedup_exact_and_near_keep_first() -> None:
    base = (
        "Harald Hårfagre regnes tradisjonelt som den første kongen som samlet store deler av Norge til ett rike. "
        "Ifølge sagaene vant han slaget i Hafrsfjord en gang rundt år 872, men årstallet er usikkert."
    )
    rows = [
        ("Hvem var Harald Hårfagre?", base, "nb"),
        ("HVEM var   Harald Hårfagre?", base.upper(), "nb"),  # exact after normalisation
        ("Hvem var Harald Hårfagre?", base.replace("første kongen", "første herskeren"), "nb"),  # near
        (
            "Hva er en fjord?",
            "En fjord er en lang og smal havarm mellom bratte fjell, formet av isbreer.",
            "nb",
        ),
    ]
    out, counts = dedup_step(prepared(rows), DedupSpec(threshold=0.7, ngram=3))
    assert out.get_column("drop_reason").to_list() == [None, "exact_duplicate", "near_duplicate", None]
    assert out.get_column("duplicate_of").to_list() == [None, "s:0", "s:0", None]
    assert counts == {"in": 4, "out": 2, "dropped": {"exact_duplicate": 1, "near_duplicate": 1}}


def test_dedup_deterministic_and_no_false_positives() -> None:
    rows = [
        (
            f"Spørsmål nummer {i} om tema {i * 7}?",
            f"Svar {i}: " + " ".join(f"ord{i}x{k}" for k in range(30)),
            "nb",
        )
        for i in range(200)
    ]
    t = prepared(rows)
    a, ca = dedup_step(t, DedupSpec())
    b, _ = dedup_step(t, DedupSpec())
    assert a.equals(b)
    assert ca["dropped"] == {}


def _pool() -> pl.DataFrame:
    rows = [
        (f"q{i}", f"a{i}", lang)
        for i, lang in enumerate(["nb"] * 50 + ["nn"] * 30 + ["en"] * 5 + ["other"] * 3)
    ]
    return prepared(rows)


def test_quota_targets_largest_remainder() -> None:
    assert quota_targets({"nb": 0.67, "nn": 0.31, "en": 0.02}, 3230) == {"nb": 2164, "nn": 1001, "en": 65}
    assert quota_targets({"nb": 0.5, "nn": 10}, 30) == {"nb": 15, "nn": 10}


def test_mix_by_lang_exact_and_seeded() -> None:
    spec = MixSpec(total=40, by_lang={"nb": 0.5, "nn": 0.45, "en": 0.05})
    out, counts = mix_step(assign_priority(_pool(), 7), spec, 7)
    kept = live(out)
    assert kept.group_by("lang").len().sort("lang").rows() == [("en", 2), ("nb", 20), ("nn", 18)]
    assert counts["dropped"] == {"not_in_mix": 3, "over_quota": 45}
    again, _ = mix_step(assign_priority(_pool(), 7), spec, 7)
    assert again.equals(out)
    other, _ = mix_step(assign_priority(_pool(), 8), spec, 8)
    assert set(live(other)["id"]) != set(kept["id"])


def test_mix_shortfall_is_input_error() -> None:
    spec = MixSpec(total=100, by_lang={"nb": 0.5, "nn": 0.5})
    with pytest.raises(InputError) as exc:
        mix_step(_pool(), spec, 1, where=lambda *loc: "r.yaml:9")
    msg = str(exc.value)
    assert "r.yaml:9: mix.by_lang.nb: quota 50 but only 50" not in msg
    assert "mix.by_lang.nn: quota 50 but only 30 examples in nn" in msg


def test_mix_upsample_and_allow_shortfall() -> None:
    spec = MixSpec(total=100, by_lang={"nn": 0.5}, upsample=True)
    out, counts = mix_step(_pool(), spec, 1)
    kept = live(out)
    assert kept.height == 50
    assert kept.filter(pl.col("id").str.contains("#")).height == 20
    assert kept.get_column("id").n_unique() == 50
    out2, c2 = mix_step(_pool(), MixSpec(total=100, by_lang={"nn": 0.5}, allow_shortfall=True), 1)
    assert live(out2).height == 30
    assert c2["mix"]["by_lang"]["nn"] == {"target": 50, "available": 30, "achieved": 30, "upsampled": 0}


def test_mix_by_source_and_caps() -> None:
    a = prepared([(f"q{i}", f"a{i}", "nb") for i in range(20)], source="a")
    b = prepared([(f"q{i}", f"a{i}", "nn") for i in range(20)], source="b")
    pool = pl.concat([a, b])
    out, _ = mix_step(pool, MixSpec(by_source={"a": 5, "b": 7}), 3)
    assert live(out).group_by("source").len().sort("source").rows() == [("a", 5), ("b", 7)]
    out, _ = mix_step(
        pool, MixSpec(total=10, by_lang={"nb": 0.5, "nn": 0.5}, by_source={"a": 3}, allow_shortfall=True), 3
    )
    assert live(out).group_by("source").len().sort("source").rows() == [("a", 3), ("b", 5)]


def test_mix_translation_share_cap() -> None:
    t = _pool().with_columns((pl.col("source_row") < 20).alias("is_translation"))
    out, counts = mix_step(t, MixSpec(total=34, by_lang={"nb": 1.0}), 1, translation_share=0.125)
    kept = live(out)
    assert kept.height == 34  # 50 nb rows, 20 of them translations capped at floor(0.125 * 34) = 4
    assert int(kept.get_column("is_translation").sum()) == 4
    assert counts["mix"]["translation"]["achieved"] == 4
    assert counts["dropped"]["translation_over_share"] == 16
