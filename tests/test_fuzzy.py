"""fuzzy and short: paraphrases and re-translations are caught, unrelated text and common phrases are not."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from conftest import read_jsonl, write_jsonl
from hypothesis import given, settings
from hypothesis import strategies as st

from contamination.audit import TrainSource, audit_texts, run_audit
from contamination.config import AuditConfig
from contamination.index.hashtable import HashTable
from contamination.index.store import load_index, save_index
from contamination.index.testindex import TestIndex
from contamination.methods.doc_freq import DocFreq
from contamination.methods.fuzzy import _window, best_window, rare_pairs
from contamination.methods.short import find_word_bounded
from contamination.ngrams.batch import Batch
from contamination.report import report_bytes
from contamination.testside.testsets import TestSet, TestUnit, load_test_set
from contamination.text.normalise import ngram_form

QUESTION = (
    "Hvilken av følgende termodynamiske prosesser gir en økning i den indre energien til en ideell gass "
    "som er lik varmen som tilføres gassen?"
)
CHOICES = ["Konstant temperatur", "Konstant volum", "Konstant trykk", "Adiabatisk prosess"]
# the same item from another translation system: reworded, other word order, other synonyms
PARAPHRASE = (
    "For hvilken av de følgende termodynamiske prosessene er økningen i den indre energien til en ideell "
    "gass lik den tilførte varmen til gassen?\nKonstant temperatur\nKonstant volum\nKonstant trykk\n"
    "Adiabatisk"
)
UNRELATED_SAME_TOPIC = (
    "Hvilken av følgende påstander om entropien til et lukket system er riktig?\nDen øker alltid\n"
    "Den minker alltid\nDen er konstant\nDen kan ikke måles"
)
FILLER = (
    "Bergen er en by på Vestlandet med mye regn. Trondheim var kongesete i middelalderen. Tromsø ligger "
    "nord for polarsirkelen, og om vinteren er det mørketid der i nesten to måneder. "
)


def make_set(items: dict[str, list[tuple[str, str]]], name: str = "mmlu") -> TestSet:
    units = [TestUnit(i, f, t) for i, fields in items.items() for f, t in fields]
    return TestSet(name=name, units=units, items=len(items), sha256="0" * 64, source=f"{name}.jsonl")


def mmlu_item(item_id: str = "q1") -> dict[str, list[tuple[str, str]]]:
    whole = "\n".join([QUESTION, *CHOICES])
    return {item_id: [("item", whole), ("question", QUESTION), ("choices", "\n".join(CHOICES))]}


def audit(items: dict, train: list[str], **config: object) -> dict:
    config.setdefault("methods", ["fuzzy", "short"])
    index = TestIndex.build([make_set(items)], AuditConfig(**config))
    report = audit_texts([f"t{i}" for i in range(len(train))], train, index).report
    for f in report["findings"]:
        assert 0 < len(f["evidence"]) <= 200
        assert f["evidence"] in ngram_form(train[int(f["train_id"][1:])])
    return report


def hits(report: dict, method: str) -> set[str]:
    return {f["train_id"] for f in report["findings"] if f["method"] == method}


def test_paraphrase_flagged_unrelated_not() -> None:
    report = audit(mmlu_item(), [PARAPHRASE, UNRELATED_SAME_TOPIC, FILLER])
    assert hits(report, "fuzzy") == {"t0"}
    f = next(f for f in report["findings"] if f["method"] == "fuzzy")
    assert f["score"] >= 0.5
    # the sub-scores, and (template handling on) the information and distinguishing words it matched
    assert {"char5", "word", "window", "shared_rare_bigrams"} <= set(f["detail"])
    assert f["detail"]["information"] >= AuditConfig().info_floor
    assert f["score"] == pytest.approx((f["detail"]["char5"] + f["detail"]["word"]) / 2, abs=1e-3)


def test_paraphrase_inside_a_long_document_is_aligned() -> None:
    doc = FILLER * 20 + PARAPHRASE + " " + FILLER * 20
    report = audit(mmlu_item(), [doc])
    f = next(f for f in report["findings"] if f["method"] == "fuzzy")
    a, b = f["detail"]["window"]
    form = ngram_form(doc)
    # the window sits on the leaked paraphrase, not on the whole document
    assert b - a < 2 * len(ngram_form(PARAPHRASE))
    assert "adiabatisk" in form[a:b] and f["evidence"] in form[a:b]


def test_words_scattered_over_a_long_document_do_not_add_up() -> None:
    # every content word of the question, but far apart in unrelated sentences
    words = ngram_form(QUESTION).split()
    doc = " ".join(f"{FILLER}{w} " + FILLER for w in words)
    report = audit(mmlu_item(), [doc])
    assert not hits(report, "fuzzy")


def test_threshold_is_respected() -> None:
    low = audit(mmlu_item(), [PARAPHRASE], fuzzy_threshold=0.3)
    high = audit(mmlu_item(), [PARAPHRASE], fuzzy_threshold=0.99)
    assert hits(low, "fuzzy") == {"t0"}
    assert not hits(high, "fuzzy")


def test_idf_weights_test_side_boilerplate_down() -> None:
    # twelve test items share a long preamble; a training row with the preamble alone is not a leak
    pre = "Dette spørsmålet refererer til følgende informasjon fra en lang og ganske omstendelig tekst."
    items = {
        f"q{i}": [("item", f"{pre} Spørsmål nummer {i} handler om emne {i * 7} og {i * 13}.")]
        for i in range(12)
    }
    report = audit(items, [pre + " Noe helt annet om været i morgen."], methods=["fuzzy"])
    assert not hits(report, "fuzzy")


def test_short_item_alone_with_guards() -> None:
    items = {
        "cap": [("item", "Hva heter hovedstaden i Norge?")],
        "yes": [("item", "Ja")],
        "year": [("item", "1945")],
        "city": [("item", "Oslo")],
        "years": [("item", "i 20 år")],
    }
    train = [
        "Quiz: hva heter hovedstaden i Norge? Svar: Oslo.",
        "Ja, krigen sluttet i 1945, og kongen kom hjem til Oslo.",
        "I 20 år har hun bodd i Oslo.",
        "Hva heter hovedstadene i Norden?",  # not the whole unit
    ]
    # short's own guards (template handling off: its information floor sets this generic question apart)
    report = audit(items, train, methods=["short"], templates=False)
    assert {(f["train_id"], f["test_id"]) for f in report["findings"]} == {("t0", "cap")}
    assert report["findings"][0]["detail"]["alone"] is True


def test_short_common_phrase_is_dropped() -> None:
    items = {"cap": [("item", "Hva heter hovedstaden i Norge?")]}
    train = [f"Rad {i}: hva heter hovedstaden i Norge" for i in range(6)]
    assert not audit(items, train, short_max_rows=5, methods=["short"], templates=False)["findings"]
    assert len(audit(items, train, short_max_rows=6, methods=["short"], templates=False)["findings"]) == 6


def test_short_options_flag_only_with_their_question() -> None:
    items = {"q1": [("item", QUESTION + "\nJa\nNei"), ("question", QUESTION), ("choices", "Ja\nNei")]}
    train = [PARAPHRASE.split("\n")[0] + " Svaret er: Ja, nei.", "Ja nei, det vet jeg ikke."]
    report = audit(items, train)
    short = [f for f in report["findings"] if f["method"] == "short"]
    assert {f["train_id"] for f in short} == {"t0"}
    assert all(f["detail"]["alone"] is False for f in short)
    assert hits(report, "fuzzy") == {"t0"}


def test_helpers() -> None:
    assert find_word_bounded("i norge", "bor i norge nå") == 4
    assert find_word_bounded("i norge", "bor i norgesferie") == -1
    text = "a " * 100 + "x y z " + "b " * 100
    a, b = best_window(text, [200, 202, 204], 5)
    assert a <= 200 and b >= 205 and b - a < 40


def test_deterministic_and_index_roundtrip(tmp_path: Path) -> None:
    rows = [{"id": "q1", "question": QUESTION, "choices": CHOICES}]
    test = write_jsonl(tmp_path / "test.jsonl", rows)
    train = write_jsonl(
        tmp_path / "train.jsonl",
        [
            {"id": "p", "text": PARAPHRASE},
            {"id": "u", "text": UNRELATED_SAME_TOPIC},
            {"id": "f", "text": FILLER},
        ],
    )
    ts = load_test_set(str(test), ("question", "choices"), per_field=True)
    config = AuditConfig(methods=["exact", "substring", "char50", "char30", "token13", "fuzzy", "short"])
    index = TestIndex.build([ts], config)
    first = run_audit([TrainSource(str(train))], index=index).report
    second = run_audit([TrainSource(str(train))], test_sets=[ts], config=config).report
    assert report_bytes(first) == report_bytes(second)
    assert {f["train_id"] for f in first["findings"]} == {"p"}
    save_index(index, tmp_path / "idx")
    loaded = run_audit([TrainSource(str(train))], index=load_index(tmp_path / "idx")).report
    assert report_bytes(loaded) == report_bytes(first)


def test_no_false_positives_on_norne_and_nocola(shared_data: Path) -> None:
    """NorNE and NoCoLA sentences never match NorQuAD test (different sources): no fuzzy/short findings."""
    tests = [
        load_test_set(
            str(shared_data / "norquad/test.jsonl"), ("question", "context", "answers"), per_field=True
        )
    ]
    index = TestIndex.build(tests, AuditConfig(methods=["fuzzy", "short"]))
    texts = [
        r["text"]
        for name in ("nb_dev", "nn_dev")
        for r in read_jsonl(shared_data / "norne" / f"{name}.jsonl")
    ]
    texts += [r["text"] for r in read_jsonl(shared_data / "nocola" / "test.jsonl")]
    # also as documents of 20 sentences, where words of many sentences meet
    docs = [" ".join(texts[i : i + 20]) for i in range(0, len(texts), 20)]
    report = audit_texts([f"r{i}" for i in range(len(texts + docs))], texts + docs, index).report
    assert report["findings"] == [], report["findings"][:5]


def test_upper_bound_is_never_under_the_score() -> None:
    """The compiled bound that spares pairs the Python re-scoring: same window, never under the score."""
    rng = random.Random(7)
    vocab = ngram_form(" ".join([QUESTION, *CHOICES, FILLER, UNRELATED_SAME_TOPIC])).split(" ") + ["æøå", "x"]
    items = {f"q{i}": [("item", " ".join(rng.choices(vocab, k=rng.randint(5, 40))))] for i in range(30)}
    index = TestIndex.build([make_set(items)], AuditConfig(methods=["fuzzy"]))
    fz, units = index.parts["fuzzy"], index.units.ngram
    trains = []
    for _ in range(40):
        words = units[rng.randrange(len(units))].split(" ")
        if rng.random() < 0.5:  # a reworded copy: dropped, swapped and foreign words
            words = [w for w in words if rng.random() < 0.8] + rng.choices(vocab, k=rng.randint(0, 10))
            rng.shuffle(words)
        pad = [rng.choices(vocab, k=rng.randint(0, 60)) for _ in range(2)]
        trains.append(" ".join(pad[0] + words + pad[1]))
    batch = Batch.of(trains)
    pairs, offsets, lo, hi = [], [], [], []
    for _ in range(400):
        r, u = rng.randrange(len(trains)), rng.randrange(len(units))
        word_starts = [0] + [i + 1 for i, c in enumerate(trains[r]) if c == " "]
        lo.append(len(offsets))
        offsets += rng.choices(word_starts, k=rng.randint(1, 8))
        hi.append(len(offsets))
        pairs.append((r, u))
    rows, us = (np.array(x, dtype=np.int64) for x in zip(*pairs, strict=True))
    bound = fz.upper_bounds(batch, rows, us, np.array(lo), np.array(hi), np.array(offsets), units)
    scored = 0
    for k, (r, u) in enumerate(pairs):
        offs = offsets[lo[k] : hi[k]]
        a, b = best_window(trains[r], offs, len(units[u]))
        s = int(batch.starts[r])
        assert (a, b) == _window(batch.codes, s, len(trains[r]), np.sort(np.array(offs)), len(units[u]))
        score = fz.score(u, units[u], trains[r][a:b])[0]
        assert bound[k] >= score - 1e-9, (k, bound[k], score)
        scored += score >= 0.5
    assert scored >= 10  # the check covers pairs that are findings


WORDS = ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join), min_size=1, max_size=6),
    st.lists(st.lists(st.sampled_from(WORDS + ["qr"]), max_size=40).map(" ".join), max_size=6),
)
def test_rare_pairs_equal_a_plain_count(units: list[str], train: list[str]) -> None:
    """The compiled candidate pairs are the pairs a dictionary count gives, with the same offsets."""
    h, u, _a, _b = Batch.of(units).word_ngrams(2)
    table = HashTable.build(h, u, len(units))
    hits = Batch.of(train).word_hits(2, table)
    rows, p_units, shared, lo, hi, offsets = rare_pairs(hits, table.units, table.distinct)
    got = {
        (r, q): (s, sorted(offsets[a:b].tolist()))
        for r, q, s, a, b in zip(
            rows.tolist(), p_units.tolist(), shared.tolist(), lo.tolist(), hi.tolist(), strict=True
        )
    }
    assert list(got) == sorted(got)  # (row, unit) order
    want: dict[tuple[int, int], tuple[set[int], list[int]]] = {}
    for row, first, count, start in zip(
        hits.rows.tolist(), hits.first.tolist(), hits.count.tolist(), hits.starts.tolist(), strict=True
    ):
        for p in range(first, first + count):
            bigrams, starts = want.setdefault((row, int(table.units[p])), (set(), []))
            bigrams.add(first)
            starts.append(start)
    want_kept = {
        key: (len(b), sorted(s))
        for key, (b, s) in want.items()
        if len(b) >= min(2, table.distinct[key[1]]) and len(b) >= 0.1 * table.distinct[key[1]]
    }
    assert got == want_kept


def test_packed_unit_arrays_survive_growth() -> None:
    """The bound's per-unit arrays, appended batch after batch, read back as they went in."""
    from contamination.methods.fuzzy import KEY_BITS, _Packed

    rng = np.random.default_rng(0)
    packed = _Packed(300)
    added = {}
    for unit in rng.permutation(300)[:200].tolist():  # past the initial 64 units and 65,536 keys
        parts = {
            name: (rng.integers(0, 2**63, size=size, dtype=np.uint64), rng.random(size), float(rng.random()))
            for name, size in (("w", int(rng.integers(0, 400))), ("c", int(rng.integers(0, 3000))))
        }
        bits = rng.integers(0, 2**63, size=1 << (KEY_BITS - 6), dtype=np.uint64)
        packed.add(unit, parts, bits)
        added[unit] = (parts, bits)
    for unit, (parts, bits) in added.items():
        k = packed.slot[unit]
        assert np.array_equal(packed.bits[k], bits)
        for name, (keys, vals, total) in parts.items():
            lo, hi = packed.lo[name][k], packed.hi[name][k]
            assert np.array_equal(packed.keys[name][lo:hi], keys) and np.array_equal(
                packed.vals[name][lo:hi], vals
            )
            assert packed.tot[name][k] == total
    assert (packed.slot >= 0).sum() == 200


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=60),
    st.booleans(),
)
def test_doc_freq_counts_distinct_items_per_hash(pairs: list[tuple[int, int]], by_item: bool) -> None:
    """DocFreq.build against its definition (distinct items per hash), whether the items come in order
    (units item by item: the fast path) or not."""
    if by_item:
        pairs = sorted(pairs, key=lambda p: p[1])
    h = np.array([a * 0x9E3779B97F4A7C15 % 2**64 for a, _ in pairs], dtype=np.uint64)
    items = np.array([b for _, b in pairs], dtype=np.int64)
    got = DocFreq.build(h, items)
    want: dict[int, set[int]] = {}
    for x, b in zip(h.tolist(), items.tolist(), strict=True):
        want.setdefault(x, set()).add(b)
    assert got.hashes.tolist() == sorted(want)
    assert got.df.tolist() == [len(want[x]) for x in sorted(want)]
    assert got.lookup(h).tolist() == [len(want[x]) for x in h.tolist()]
