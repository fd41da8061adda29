"""Chat-template tokenisation with assistant-only loss masks.

The conversation is rendered once with the base model's chat template. For each assistant turn i, the
character span it adds is [len(render(messages[:i], add_generation_prompt=True)), len(render(messages[:i+1])));
tokens whose characters lie inside such a span are labelled with their id, every other token with -100.
The spans come from the template itself, so nothing model-specific (turn markers) is hard-coded, and the
assistant's end-of-turn marker is learned. A template whose renderings are not prefixes of each other is
refused rather than guessed at.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import torch

from contamination.common.errors import InputError

IGNORE = -100


@dataclass
class Encoded:
    input_ids: list[int]
    labels: list[int]

    @property
    def n_loss(self) -> int:
        return sum(1 for x in self.labels[1:] if x != IGNORE)


def read_examples(path: Path) -> list[list[dict[str, str]]]:
    out = []
    with path.open("rb") as fh:
        for line in fh:
            if line.strip():
                out.append(
                    [{"role": m["role"], "content": m["content"]} for m in orjson.loads(line)["messages"]]
                )
    return out


def _render(tok: Any, messages: list[dict[str, str]], gen: bool) -> str:
    return tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=gen)


def assistant_spans(tok: Any, messages: list[dict[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The rendered conversation and the character spans of its assistant turns."""
    full = _render(tok, messages, False)
    spans = []
    for i, m in enumerate(messages):
        if m["role"] != "assistant":
            continue
        start_text = _render(tok, messages[:i], True) if i else ""
        end_text = _render(tok, messages[: i + 1], False)
        if not full.startswith(end_text) or not end_text.startswith(start_text):
            raise InputError(
                "the chat template does not render conversations as prefixes of each other; cannot mask prompts"
            )
        spans.append((len(start_text), len(end_text)))
    return full, spans


def encode(tok: Any, messages: list[dict[str, str]], max_length: int) -> Encoded:
    """Token ids and labels (-100 on every non-assistant token), truncated to `max_length`."""
    text, spans = assistant_spans(tok, messages)
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = enc["input_ids"][:max_length]
    labels = []
    for tid, (a, b) in zip(ids, enc["offset_mapping"][:max_length], strict=True):
        inside = b > a and any(s <= a and b <= e for s, e in spans)
        labels.append(tid if inside else IGNORE)
    return Encoded(ids, labels)


def encode_all(
    tok: Any, conversations: list[list[dict[str, str]]], max_length: int
) -> tuple[list[Encoded], int]:
    """Encoded examples with at least one loss token, and how many were skipped (none left after truncation)."""
    out, skipped = [], 0
    for msgs in conversations:
        e = encode(tok, msgs, max_length)
        if e.n_loss:
            out.append(e)
        else:
            skipped += 1
    return out, skipped


def collate(batch: list[Encoded], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded input_ids / attention_mask / labels."""
    n = max(len(e.input_ids) for e in batch)
    ids = torch.full((len(batch), n), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), n), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(batch), n), dtype=torch.long)
    for i, e in enumerate(batch):
        k = len(e.input_ids)
        ids[i, :k] = torch.tensor(e.input_ids)
        labels[i, :k] = torch.tensor(e.labels)
        mask[i, :k] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def batches(examples: list[Encoded], batch_size: int, seed: int, epoch: int) -> Iterator[list[Encoded]]:
    """Shuffled (per epoch, seeded) micro-batches."""
    order = list(range(len(examples)))
    random.Random(seed * 1_000_003 + epoch).shuffle(order)
    for i in range(0, len(order), batch_size):
        yield [examples[j] for j in order[i : i + batch_size]]
