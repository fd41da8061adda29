"""`curate train`: PiSSA init, layer/module selection, assistant-only labels, training, the converted adapter,
and refusal of uncertified sets before any model loads. A tiny Gemma-3-style model built in code."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
import torch
import yaml
from click.testing import CliRunner
from tiny_model import LAYER_TYPES, build_demo, save_tiny, tiny_model, tiny_tokenizer
from torch import nn

from curation.cli.main import main
from curation.train import model as tm
from curation.train.config import TrainConfig
from curation.train.data import IGNORE, encode, encode_all, read_examples
from curation.train.loop import mean_loss

torch.set_num_threads(1)  # tiny matrices: threads only add overhead (and the CI box is shared)

ALL_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@pytest.fixture(scope="module")
def tok():
    return tiny_tokenizer()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("train")


@pytest.fixture(scope="module")
def base_dir(work: Path) -> Path:
    return save_tiny(work / "base")


@pytest.fixture(scope="module")
def demo(work: Path) -> Path:
    return build_demo(work / "demo")


def _cfg(**kw) -> TrainConfig:
    return TrainConfig(**{"base_model": "tiny", "output_dir": "unused", **kw})


def _write_cfg(path: Path, **kw) -> Path:
    path.write_text(yaml.safe_dump(kw, sort_keys=False))
    return path


def _ids(tok, n: int = 24, batch: int = 2) -> torch.Tensor:
    g = torch.Generator().manual_seed(0)
    return torch.randint(5, len(tok), (batch, n), generator=g)


@pytest.mark.parametrize("init", ["pissa", "pissa_niter_4"])
def test_pissa_init_keeps_the_base_outputs(tok, init: str) -> None:
    base = tiny_model(tok)
    x = _ids(tok)
    with torch.no_grad():
        ref = base(x).logits.double()
    cfg = _cfg(layers="all", target_modules=ALL_MODULES, r=8, alpha=16, init=init)
    pm = tm.apply_lora(base, cfg, tm.select(base, cfg))
    # The adapter is not a no-op (PiSSA puts the principal components into A and B) ...
    layer = pm.base_model.model.model.layers[0].self_attn.q_proj
    assert layer.lora_B["default"].weight.abs().max() > 1e-3
    with torch.no_grad():
        out = pm(x).logits.double()
    # ... yet residual + adapter reproduce the base model.
    assert torch.allclose(out, ref, atol=1e-5, rtol=1e-4), (out - ref).abs().max()


def test_only_selected_layers_and_modules_train(tok) -> None:
    base = tiny_model(tok)
    cfg = _cfg(
        layers="sliding_attention",
        target_modules=["q_proj", "v_proj", "not_there"],
        r=4,
        alpha=8,
        init="lora",
    )
    sel = tm.select(base, cfg)
    want = [i for i, t in enumerate(LAYER_TYPES) if t == "sliding_attention"]
    assert sel.layers == want
    assert sel.skipped == [{"layer": i, "module": "not_there"} for i in want]
    shapes = {n: (m.in_features, m.out_features) for n, m in base.named_modules() if isinstance(m, nn.Linear)}
    pm = tm.apply_lora(base, cfg, sel)
    trainable = [n for n, p in pm.named_parameters() if p.requires_grad]
    assert trainable and all(".lora_" in n for n in trainable)
    assert {n.split(".lora_")[0].removeprefix("base_model.model.") for n in trainable} == set(sel.modules)
    assert {int(n.split("layers.")[1].split(".")[0]) for n in trainable} == set(want)
    expected = sum(cfg.r * sum(shapes[m]) for m in sel.modules)  # r * (in + out) per adapted Linear
    assert tm.count_params(pm)[0] == expected
    table = tm.trainable_table(pm, sel)
    assert sum(r["params"] for r in table) == expected
    assert {r["layer_type"] for r in table} == {"sliding_attention"}

    idx = tm.select(tiny_model(tok), _cfg(layers=[1, 4], target_modules=["o_proj"]))
    assert idx.modules == ["model.layers.1.self_attn.o_proj", "model.layers.4.self_attn.o_proj"]
    for layers, msg in (([9], "out of range"), ("chunked_attention", "no layer of type")):
        with pytest.raises(Exception, match=msg):
            tm.select(base, _cfg(layers=layers))


def test_vision_tower_is_never_adapted(tok) -> None:
    text = tiny_model(tok)

    class Tower(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = nn.ModuleList(nn.ModuleDict({"q_proj": nn.Linear(8, 8)}) for _ in LAYER_TYPES)

    class Inner(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.vision_tower = Tower()
            self.language_model = text.model

    class Multimodal(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.config = text.config
            self.model = Inner()

    sel = tm.select(Multimodal(), _cfg(layers="all", target_modules=["q_proj"]))
    assert sel.layers_path == "model.language_model.layers"
    assert all("vision" not in m for m in sel.modules) and len(sel.modules) == len(LAYER_TYPES)


def test_prompt_tokens_carry_no_loss(tok) -> None:
    msgs = [
        {"role": "system", "content": "Svar kort."},
        {"role": "user", "content": "Hva er en fjord?"},
        {"role": "assistant", "content": "En lang og smal havarm."},
        {"role": "user", "content": "Kva er ei elv?"},
        {"role": "assistant", "content": "Vatn som renn."},
    ]
    e = encode(tok, msgs, 512)
    full = tok.apply_chat_template(msgs, tokenize=False)
    assert e.input_ids == tok(full, add_special_tokens=False)["input_ids"]
    kept = [i for i, lab in zip(e.input_ids, e.labels, strict=True) if lab != IGNORE]
    masked = [i for i, lab in zip(e.input_ids, e.labels, strict=True) if lab == IGNORE]
    assert all(lab in (IGNORE, i) for i, lab in zip(e.input_ids, e.labels, strict=True))
    assert tok.decode(kept) == "En lang og smal havarm.<end_of_turn>\nVatn som renn.<end_of_turn>\n"
    prompt = tok.decode(masked)
    assert prompt == full.replace("En lang og smal havarm.<end_of_turn>\n", "").replace(
        "Vatn som renn.<end_of_turn>\n", ""
    )
    # Truncation inside the prompt leaves no loss token: such examples are skipped.
    kept_examples, skipped = encode_all(tok, [msgs], 8)
    assert kept_examples == [] and skipped == 1


def test_train_lowers_loss_and_the_converted_adapter_matches(
    tok, base_dir: Path, demo: Path, work: Path, monkeypatch
) -> None:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    captured = {}
    real_apply = tm.apply_lora

    def spy(model, cfg, sel, init=None):
        captured["model"] = real_apply(model, cfg, sel, init)
        return captured["model"]

    monkeypatch.setattr(tm, "apply_lora", spy)
    out = work / "run"
    cfg = _write_cfg(
        work / "train.yaml",
        base_model=str(base_dir),
        layers="all",
        target_modules=ALL_MODULES,
        r=8,
        alpha=16,
        init="pissa",
        learning_rate=0.01,
        epochs=1,
        max_steps=6,
        batch_size=4,
        grad_accum=2,
        max_length=160,
        neftune_alpha=5,
        weight_decay=0.01,
        warmup=1,
        seed=3,
        output_dir=str(out),
    )
    r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), "--json"])
    assert r.exit_code == 0, r.output
    manifest = orjson.loads(r.stdout)
    on_disk = orjson.loads((out / "training_manifest.json").read_bytes())
    assert on_disk == manifest
    assert (
        manifest["dataset"]["manifest_sha256"]
        == __import__("hashlib").sha256((demo / "manifest.json").read_bytes()).hexdigest()
    )
    assert manifest["config"]["init"] == "pissa" and manifest["libraries"]["peft"]
    assert manifest["metrics"]["optimizer_steps"] == 6 and manifest["metrics"]["micro_batches"] == 12
    assert manifest["adapter"]["format"] == "lora (converted from pissa)" and manifest["adapter"]["r"] == 16
    assert "train" in r.stderr and "tok/s" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["adapter", "training_manifest.json"]
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".run.")]  # no temp dirs left

    trained = captured["model"]
    examples, _ = encode_all(tok, read_examples(demo / "data" / "train.jsonl")[:24], 160)
    fresh = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    before = mean_loss(fresh, examples, tok.pad_token_id)
    after = mean_loss(trained, examples, tok.pad_token_id)
    assert after < before - 0.05, (before, after)

    # The plain LoRA adapter on the unmodified base reproduces the trained (PiSSA residual) model.
    loaded = PeftModel.from_pretrained(
        AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32), out / "adapter"
    )
    loaded.eval()
    x = torch.tensor([examples[0].input_ids])
    with torch.no_grad():
        a, b = trained(x).logits, loaded(x).logits
    assert torch.allclose(a, b, atol=1e-4, rtol=1e-4), (a - b).abs().max()
    assert not torch.allclose(a, fresh(x).logits, atol=1e-3)


def test_bf16_gradient_checkpointing_and_lora_init(tok, base_dir: Path, demo: Path, work: Path) -> None:
    from curation.train.run import run_training

    cfg = _cfg(
        base_model=str(base_dir),
        layers=[0, 1],
        r=2,
        alpha=4,
        init="lora",
        bf16=True,
        gradient_checkpointing=True,
        learning_rate=1e-3,
        max_steps=2,
        batch_size=2,
        max_length=96,
        lr_scheduler="cosine",
        warmup=0.5,
    )
    m = run_training(demo, cfg, work / "bf16", show_progress=False)
    assert m["adapter"]["format"] == "lora" and m["adapter"]["r"] == 2
    assert m["metrics"]["optimizer_steps"] == 2 and m["metrics"]["final_loss"] > 0


def _no_model(monkeypatch) -> None:
    def boom(*_a, **_k):
        raise AssertionError("a model was loaded")

    for name in ("load_base_model", "load_empty_model", "load_tokenizer"):
        monkeypatch.setattr(tm, name, boom)


@pytest.mark.parametrize("damage", ["tamper", "uncertified", "empty"])
@pytest.mark.parametrize("dry", [False, True])
def test_refuses_uncertified_sets_before_loading_a_model(
    demo: Path, tmp_path: Path, monkeypatch, damage: str, dry: bool
) -> None:
    _no_model(monkeypatch)
    bad = tmp_path / "set"
    shutil.copytree(demo, bad)
    if damage == "tamper":
        with (bad / "data" / "train.jsonl").open("ab") as fh:
            fh.write(b'{"id":"smuggled","source":"x","lang":"nb","messages":[]}\n')
        reason = "data/train.jsonl: "
    elif damage == "uncertified":
        m = orjson.loads((bad / "manifest.json").read_bytes())
        m["audit"] = None
        (bad / "manifest.json").write_bytes(orjson.dumps(m))
        reason = "no contamination audit"
    else:
        shutil.rmtree(bad)
        bad.mkdir()
        reason = "no manifest.json"
    cfg = _write_cfg(tmp_path / "t.yaml", base_model="tiny", output_dir=str(tmp_path / "out"))
    r = CliRunner().invoke(main, ["train", str(bad), "--config", str(cfg)] + (["--dry-run"] if dry else []))
    assert r.exit_code == 1, r.output
    lines = r.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and lines[0].startswith("error: ")
        and "not a certified set" in lines[0]
        and reason in lines[0]
    )
    assert not (tmp_path / "out").exists()


def test_out_folder_with_other_files_is_refused_before_a_model_loads(
    demo: Path, tmp_path: Path, monkeypatch
) -> None:
    _no_model(monkeypatch)
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "notes.txt").write_text("x\n")
    cfg = _write_cfg(tmp_path / "t.yaml", base_model="tiny", output_dir=str(keep))
    for args in ([], ["--out", str(keep)]):
        r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), *args])
        assert r.exit_code == 2, r.output
        assert r.stderr.count("\n") == 1 and "notes.txt" in r.stderr and "--force" in r.stderr
        assert sorted(p.name for p in keep.iterdir()) == ["notes.txt"]
    monkeypatch.chdir(keep)
    r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), "--out", "."])
    assert r.exit_code == 2 and "current folder" in r.stderr and "Traceback" not in r.output


def test_an_earlier_training_output_is_replaced(base_dir: Path, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    cfg = _write_cfg(
        tmp_path / "t.yaml",
        base_model=str(base_dir),
        layers=[0],
        r=2,
        alpha=4,
        init="lora",
        max_steps=1,
        max_length=64,
        output_dir=str(tmp_path / "from_config"),
    )
    old = os.umask(0o022)
    try:
        for _ in range(2):
            r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), "--out", str(out), "-q"])
            assert r.exit_code == 0, r.output
    finally:
        os.umask(old)
    assert sorted(p.name for p in out.iterdir()) == ["adapter", "training_manifest.json"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert not (tmp_path / "from_config").exists()
    # issue 12, case 8: the manifest records the folder written, not the config's output_dir
    manifest = orjson.loads((out / "training_manifest.json").read_bytes())
    assert manifest["config"]["output_dir"] == str(out)
    (out / "adapter" / "my_notes.txt").write_text("x\n")
    r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), "--out", str(out), "-q"])
    assert r.exit_code == 2 and "adapter/my_notes.txt" in r.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".run.")]  # no temp dirs left


def test_quiet_silences_the_libraries_too(base_dir: Path, demo: Path, tmp_path: Path) -> None:
    # issue 12, case 8: -q still printed transformers' loading bars and warnings
    cfg = _write_cfg(
        tmp_path / "t.yaml",
        base_model=str(base_dir),
        layers=[0],
        r=2,
        alpha=4,
        max_steps=1,
        max_length=64,
        output_dir=str(tmp_path / "run"),
    )
    for extra in ([], ["--dry-run"]):
        args = ["-m", "curation.cli.main", "train", str(demo), "--config", str(cfg), "-q", *extra]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TRANSFORMERS_", "HF_"))}
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stderr == "", done.stderr


def test_dry_run_on_a_hub_id_fails_fast_when_the_hub_is_unreachable(
    demo: Path, tmp_path: Path, monkeypatch
) -> None:
    # issue 12, case 8: transformers retried for ~33 s before it gave up
    for var in (
        "HF_HUB_OFFLINE",
        "HF_DATASETS_OFFLINE",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    cfg = _write_cfg(tmp_path / "t.yaml", base_model="google/gemma-3-270m", output_dir=str(tmp_path / "o"))
    start = time.perf_counter()
    r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), "--dry-run"])
    assert r.exit_code == 2, r.output
    assert "cannot be reached" in r.stderr and "HF_HUB_OFFLINE=1" in r.stderr and r.stderr.count("\n") == 1
    assert time.perf_counter() - start < 10


def test_config_errors_name_the_field(demo: Path, tmp_path: Path, monkeypatch) -> None:
    _no_model(monkeypatch)
    cases = [
        ({"base_model": "x", "output_dir": "o", "lora_rank": 8}, "lora_rank: unknown field"),
        ({"base_model": "x", "output_dir": "o", "init": "svd"}, "init: 'svd' is not one of"),
        ({"base_model": "x", "output_dir": "o", "r": 0}, "r: input should be greater than 0"),
        ({"output_dir": "o"}, "base_model: field required"),
        ({"base_model": "x", "output_dir": "o", "layers": [1, 1]}, "layers: layer indices repeat"),
    ]
    for data, msg in cases:
        cfg = _write_cfg(tmp_path / "t.yaml", **data)
        r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg)])
        assert r.exit_code == 2, (data, r.output)
        assert msg in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_dry_run_counts_per_layer_and_module(tok, base_dir: Path, demo: Path, tmp_path: Path) -> None:
    cfg = _write_cfg(
        tmp_path / "t.yaml",
        base_model=str(base_dir),
        layers="full_attention",
        r=4,
        alpha=8,
        output_dir=str(tmp_path / "o"),
    )
    r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), "--dry-run", "--json"])
    assert r.exit_code == 0, r.output
    plan = orjson.loads(r.stdout)
    rows = plan["params"]["by_layer_module"]
    full = [i for i, t in enumerate(LAYER_TYPES) if t == "full_attention"]
    assert [(x["layer"], x["module"]) for x in rows] == [
        (i, m) for i in full for m in ("self_attn.q_proj", "self_attn.v_proj")
    ]
    # q_proj 64->64, v_proj 64->32 in the tiny config
    assert [x["params"] for x in rows] == [4 * 128, 4 * 96] * len(full)
    assert plan["params"]["trainable"] == sum(x["params"] for x in rows)
    assert not (tmp_path / "o").exists()
    r = CliRunner().invoke(main, ["train", str(demo), "--config", str(cfg), "--dry-run"])
    assert r.exit_code == 0 and "self_attn.v_proj" in r.stdout and "trainable:" in r.stdout


def test_shipped_recipe_and_cpu_bench() -> None:
    import importlib.util

    from curation.train.config import load_train_config

    root = Path(__file__).resolve().parent.parent
    cfg = load_train_config(root / "recipes" / "norskgemma4-train.yaml")
    assert (cfg.layers, cfg.target_modules, cfg.r, cfg.alpha, cfg.init) == (
        "sliding_attention",
        ["q_proj", "v_proj"],
        8,
        16,
        "pissa",
    )
    assert (cfg.learning_rate, cfg.neftune_alpha, cfg.weight_decay, cfg.epochs, cfg.bf16) == (
        5e-6,
        5,
        0.01,
        1,
        True,
    )

    spec = importlib.util.spec_from_file_location("train_bench", root / "bench" / "train_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = bench.main(["--device", "cpu", "--preset", "tiny", "--steps", "2", "--seq", "32", "--batch", "1"])
    assert [r["init"] for r in rows] == ["lora", "pissa"]
    assert rows[0]["trainable"] == rows[1]["trainable"] > 0 and all(r["tokens_per_s"] > 0 for r in rows)
