"""Language of a chat example: the prose of its turns, weighted by length and role."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from curation.language.identify import LABELS, labels_from, probabilities

# Code and URLs are not in any natural language (and code is mostly English keywords), so they must
# not vote: fenced blocks (``` or ~~~), inline `code`, and web addresses are removed before scoring.
_FENCED_RE = re.compile(r"(```|~~~).*?(?:\1|\Z)", re.DOTALL)
_INLINE_CODE_RE = re.compile(r"`[^`\n]*`")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")

# The user and assistant turns are the data; a system prompt is often boilerplate shared by a whole
# dataset (and often English), so it counts little; tool output is machine text and does not count.
ROLE_WEIGHT = {"user": 1.0, "assistant": 1.0, "system": 0.1, "tool": 0.0, "function": 0.0, "ipython": 0.0}
_OTHER_ROLE_WEIGHT = 0.5


def strip_code(text: str) -> str:
    """The text with fenced code blocks, inline code spans and URLs/e-mail addresses removed."""
    text = _FENCED_RE.sub(" ", text)
    text = _INLINE_CODE_RE.sub(" ", text)
    return _URL_RE.sub(" ", text)


def message_text(content: Any) -> str:
    """Plain text of a message's content: a string, or a list of parts ({"type": "text", "text": ...})."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "\n".join(parts)
    return ""


def example_probabilities(examples: Sequence[Sequence[dict]]) -> np.ndarray:
    """(n, 4) label probabilities per chat example, as the length-and-role weighted mean over turns."""
    texts: list[str] = []
    weights: list[float] = []
    owner: list[int] = []
    for i, messages in enumerate(examples):
        for message in messages:
            if not isinstance(message, dict):
                continue
            role_weight = ROLE_WEIGHT.get(str(message.get("role", "")), _OTHER_ROLE_WEIGHT)
            text = strip_code(message_text(message.get("content"))).strip()
            if role_weight > 0 and text:
                texts.append(text)
                weights.append(role_weight * len(text))
                owner.append(i)
    out = np.zeros((len(examples), len(LABELS)))
    if texts:
        probs = probabilities(texts)
        w = np.array(weights) * (probs.sum(axis=1) > 0)  # turns without letters carry no weight
        np.add.at(out, np.array(owner), probs * w[:, None])
        totals = np.zeros(len(examples))
        np.add.at(totals, np.array(owner), w)
        nonzero = totals > 0
        out[nonzero] /= totals[nonzero, None]
    return out


def identify_examples(examples: Sequence[Sequence[dict]]) -> list[tuple[str, float]]:
    """Batched `identify_example`."""
    return labels_from(example_probabilities(examples))


def identify_example(messages: Sequence[dict]) -> tuple[str, float]:
    """Label of one chat example ({role, content} dicts): nb, nn, en or other, with its probability.

    User and assistant turns vote in proportion to their length, system turns count a tenth, tool
    output not at all; code blocks, inline code and URLs are removed first. An example with no prose
    is ("other", 0.0).
    """
    return identify_examples([messages])[0]
