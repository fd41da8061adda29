"""The NorEval registry: complete, validated at load time, groups that add up."""

from __future__ import annotations

import pytest
import yaml

from contamination.common.errors import InputError
from contamination.testside.benchmarks import resolve_names
from contamination.testside.registry import REGISTRY_PATH, load_registry, parse_registry

V1 = [
    "norec_sentence", "norec_document", "ncb", "noridiom_nob", "noridiom_nno", "norbelebele",
    "nrk_quiz_qa_nob", "nrk_quiz_qa_nno", "noropenbookqa_nob", "noropenbookqa_nno",
    "norcommonsenseqa_nob", "norcommonsenseqa_nno", "nortruthfulqa_mc_nob", "nortruthfulqa_mc_nno",
    "nortruthfulqa_gen_nob", "nortruthfulqa_gen_nno", "norquad", "ask_gec", "norsumm_nob", "norsumm_nno",
    "tatoeba_eng_nob", "tatoeba_eng_nno", "norrewrite_instruct", "norsummarize_instruct",
]  # fmt: skip
V11 = ["nocola", "slide", "norsumm_nob_nno_translation"]
HARNESS_TATOEBA = ["tatoeba_eng_nob", "tatoeba_nob_eng", "tatoeba_eng_nno", "tatoeba_nno_eng"]


@pytest.fixture(scope="module")
def reg():
    return load_registry()


def test_every_noreval_task_is_registered(reg):
    assert list(reg.tasks) == V1 + V11
    assert [t.name for t in reg.tasks.values() if t.release == "v1.1"] == V11
    aliases = reg.harness_aliases()
    for name in HARNESS_TATOEBA:  # both directions of both language pairs
        assert name in aliases


def test_splits_filters_and_counts_match_the_harness(reg):
    t = reg.tasks
    assert t["ncb"].split == "train"
    assert t["norcommonsenseqa_nob"].split == t["norcommonsenseqa_nno"].split == "train"
    assert t["nortruthfulqa_mc_nob"].split == t["nortruthfulqa_gen_nno"].split == "validation"
    assert t["norquad"].split == "test"
    assert t["noridiom_nob"].filter.equals == "nob" and t["noridiom_nno"].filter.equals == "nno"
    assert t["noropenbookqa_nob"].filter.nonempty and t["noropenbookqa_nob"].filter.field == "fact"
    assert (t["nrk_quiz_qa_nob"].n, t["nrk_quiz_qa_nno"].n, t["nocola"].n) == (3600, 1330, 99116)
    assert (t["nrk_quiz_qa_nob"].config, t["nrk_quiz_qa_nno"].config) == ("nb", "nn")
    assert t["tatoeba_eng_nob"].lang == "en-nb" and t["norsumm_nob_nno_translation"].lang == "nb-nn"
    paths = {f.path: f.role for f in t["norquad"].fields}
    assert paths == {"context": "passage", "question": "question", "answers.text": "answer"}
    assert [f.path for f in t["nortruthfulqa_mc_nob"].fields] == ["question", "mc1_targets.choices"]


def test_licences_as_stated_and_unknown_otherwise(reg):
    t = reg.tasks
    for name in ("nrk_quiz_qa_nob", "noropenbookqa_nno", "norcommonsenseqa_nob", "nortruthfulqa_gen_nob",
                 "norsummarize_instruct"):  # fmt: skip
        assert t[name].licence == "MIT"
    for name in ("norquad", "noridiom_nob", "norsumm_nno"):
        assert t[name].licence == "CC0-1.0"
    assert t["ncb"].licence == "CC-BY-NC-4.0"
    assert t["ask_gec"].licence == t["slide"].licence == t["norrewrite_instruct"].licence == "unknown"


def test_no_revision_is_invented(reg):
    # the hub was unreachable: every pin is the moving `main`, and says it is not verified
    for task in reg.tasks.values():
        assert task.revision == "main" and task.revision_verified is False


def test_groups(reg):
    core8 = resolve_names(["noreval-core8"])
    assert len(core8) == 8 and sum(t.n for t in core8) == 7032 == reg.groups["noreval-core8"].items
    assert [t.name for t in resolve_names(["noreval"])] == V1 + V11
    assert [t.name for t in resolve_names(["noreval-v1"])] == V1
    assert [t.name for t in resolve_names(["nrk_quiz_qa"])] == ["nrk_quiz_qa_nob", "nrk_quiz_qa_nno"]
    assert [t.name for t in resolve_names(["tatoeba"])] == ["tatoeba_eng_nob", "tatoeba_eng_nno"]
    assert reg.groups["noridiom"].items == 3170 + 89


def test_names_mix_tasks_groups_and_harness_names_without_repeats():
    tasks = resolve_names(["norquad", "nrk_quiz_qa,nrk_quiz_qa_nob", "tatoeba_nob_eng", "NORQUAD"])
    assert [t.name for t in tasks] == ["norquad", "nrk_quiz_qa_nob", "nrk_quiz_qa_nno", "tatoeba_eng_nob"]


def test_unknown_name_lists_close_matches():
    with pytest.raises(InputError, match=r"unknown benchmark 'norqad'; did you mean norquad"):
        resolve_names(["norqad"])
    with pytest.raises(InputError, match="noreval-core8"):
        resolve_names(["noreval-core"])


def _edited(mutate) -> str:
    data = yaml.safe_load(REGISTRY_PATH.read_text(encoding="utf-8"))
    mutate(data)
    return yaml.safe_dump(data, sort_keys=False)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["tasks"]["norquad"]["fields"][0].update(role="context"),
            r"tasks\.norquad\.fields\.0\.role",
        ),
        (lambda d: d["tasks"]["norquad"].update(revision_verified=True), "is a branch"),
        (lambda d: d["tasks"]["norquad"].update(n=0), r"tasks\.norquad\.n"),
        (lambda d: d["tasks"]["norquad"].update(colour="red"), "colour"),
        (lambda d: d["tasks"]["noridiom_nob"].update(filter={"field": "language"}), "exactly one condition"),
        (lambda d: d["groups"]["noreval-core8"].update(items=7000), "sum to 7032"),
        (lambda d: d["groups"]["noreval-core8"]["tasks"].append("nosuch"), "unknown tasks: nosuch"),
        (lambda d: d["tasks"]["norquad"].update(lang="Norwegian"), "not a language code"),
        (lambda d: d["tasks"]["slide"].update(harness=["norquad"]), "claimed by two tasks"),
    ],
)
def test_invalid_registry_is_one_line_input_error(mutate, message):
    with pytest.raises(InputError, match=message) as exc:
        parse_registry(_edited(mutate), "noreval.yaml")
    assert "\n" not in str(exc.value) and str(exc.value).startswith("noreval.yaml")


def test_a_verified_pin_may_be_a_sha():
    sha = "0123456789abcdef0123456789abcdef01234567"
    reg = parse_registry(
        _edited(lambda d: d["tasks"]["norquad"].update(revision=sha, revision_verified=True)), "x.yaml"
    )
    assert reg.tasks["norquad"].hub_ref == f"hf:ltg/norquad@{sha}/test"
    assert reg.tasks["nrk_quiz_qa_nno"].hub_ref == "hf:ltg/nrk_quiz_qa@main:nn/test"


def test_broken_yaml_names_the_line():
    with pytest.raises(InputError, match=r"^bad\.yaml:3: not valid YAML"):
        parse_registry("schema: x\ntasks: [a\n  b: c]\n", "bad.yaml")
