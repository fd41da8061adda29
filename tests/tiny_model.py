"""A tiny Gemma-3-style causal LM and a BPE tokenizer with a chat template, built in code (no downloads).

The model mixes `sliding_attention` and `full_attention` layers (`layer_types`) like Gemma 3/4, so layer
selection by type is exercised; the tokenizer is trained in memory on the bundled demo sources.
"""

from __future__ import annotations

from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
SPECIALS = ["<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>"]
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}<start_of_turn>{{ 'model' if m['role'] == 'assistant' else m['role'] }}\n"
    "{{ m['content'] }}<end_of_turn>\n{% endfor %}{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)
LAYER_TYPES = [
    "sliding_attention",
    "full_attention",
    "sliding_attention",
    "sliding_attention",
    "full_attention",
]


def corpus() -> list[str]:
    texts: list[str] = []
    for p in sorted((ROOT / "demo" / "sources").glob("*.jsonl")):
        for line in p.read_bytes().splitlines():
            if line.strip():
                row = orjson.loads(line)
                texts += [v for v in row.values() if isinstance(v, str)]
    return texts or ["Hva er en fjord? En fjord er en lang og smal havarm."]


def tiny_tokenizer(vocab_size: int = 512):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tk = Tokenizer(models.BPE())
    tk.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tk.decoder = decoders.ByteLevel()
    tk.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=SPECIALS, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tk.train_from_iterator(corpus(), trainer=trainer)
    tok = PreTrainedTokenizerFast(
        tokenizer_object=tk,
        pad_token="<pad>",
        eos_token="<eos>",
        bos_token="<bos>",
        additional_special_tokens=["<start_of_turn>", "<end_of_turn>"],
    )
    tok.chat_template = CHAT_TEMPLATE
    return tok


def tiny_config(tok, layer_types: list[str] | None = None):
    from transformers import Gemma3TextConfig

    types = layer_types or LAYER_TYPES
    return Gemma3TextConfig(
        vocab_size=len(tok),
        hidden_size=64,
        intermediate_size=96,
        num_hidden_layers=len(types),
        num_attention_heads=4,
        num_key_value_heads=2,
        head_dim=16,
        layer_types=types,
        sliding_window=32,
        max_position_embeddings=1024,
        pad_token_id=tok.pad_token_id,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        attn_implementation="eager",
    )


def tiny_model(tok, seed: int = 0):
    import torch
    from transformers import Gemma3ForCausalLM

    torch.manual_seed(seed)
    model = Gemma3ForCausalLM(tiny_config(tok))
    model.eval()
    return model


def save_tiny(path: Path, seed: int = 0) -> Path:
    """A local base-model directory (model + tokenizer) for `base_model:`."""
    tok = tiny_tokenizer()
    model = tiny_model(tok, seed)
    model.save_pretrained(path)
    tok.save_pretrained(path)
    return path


def build_demo(out: Path) -> Path:
    """The bundled demo certified set (`curate build recipes/demo.yaml --out OUT`)."""
    from click.testing import CliRunner

    from curation.cli.main import main

    r = CliRunner().invoke(
        main, ["build", str(ROOT / "recipes" / "demo.yaml"), "--out", str(out), "-q", "--json"]
    )
    assert r.exit_code == 0, r.output
    return out
