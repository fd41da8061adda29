"""Bokmål / Nynorsk / English / other identification: heliport's n-gram scores plus the hand lexicon.

heliport (HeLI-OTS) is good at telling Scandinavian from everything else and English from the rest, but
on single sentences it confuses Bokmål, Nynorsk and Danish about one time in ten. Those three differ in
a small, closed set of spellings and function words, which the lexicon in `lexicon.txt` covers. Both
sources become additive log-scores over six internal classes; a softmax turns them into probabilities
and the four public labels take the sum of their classes (other = Danish + Swedish + everything else).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from curation.language.lexicon import LEX_LANGS, evidence

LABELS: tuple[str, ...] = ("nb", "nn", "en", "other")
# Internal classes: the five lexicon languages plus "anything else heliport knows".
CLASSES: tuple[str, ...] = (*LEX_LANGS, "xx")
_HELIPORT_CODE = {"nob": 0, "nno": 1, "dan": 2, "swe": 3, "eng": 4}
_XX = len(CLASSES) - 1
# Which public label each internal class counts towards.
_CLASS_TO_LABEL = np.array([0, 1, 3, 3, 2, 3])
_TOPK = 10  # deep enough that nob, nno, dan, swe all appear for any Scandinavian text
_NO_TEXT = "zxx"  # heliport's code for input without letters


@dataclass(frozen=True)
class Params:
    """How the two sources are weighed; see `combine`.

    heliport scores are mean -log10 probabilities per word, so the evidence in a whole text grows with
    its length; words in a sentence are far from independent, so it is scaled by sqrt(words), not words.
    `heliport_scale` converts that to nats; `lexicon_scale` multiplies the hand weights; `temperature`
    softens the final softmax so that the scores are calibrated.
    """

    heliport_scale: float = 0.5
    lexicon_scale: float = 1.0
    temperature: float = 1.0
    # Log prior (nats) per CLASSES entry; this is a tool for curating Norwegian data, so a text with no
    # evidence either way is more likely Norwegian than Danish, Swedish or anything else. The scale 0.5
    # and the prior -3 were picked from a small grid on NorNE dev; bench/langid_bench.py reports the
    # 5-fold cross-validated accuracy of that choice (its folds pick 0.5 and -4, within 0.1 point).
    log_prior: tuple[float, ...] = (0.0, 0.0, -3.0, -3.0, 0.0, -3.0)


DEFAULT_PARAMS = Params()

_identifier = None
_identifier_lock = threading.Lock()


def _heliport():  # -> heliport.Identifier (untyped extension module)
    """The heliport model loads in about a second, so it is created once, on first use."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                import heliport

                _identifier = heliport.Identifier()
    return _identifier


@dataclass
class Features:
    """Per-text inputs to `combine`: heliport gaps (<= 0, log10/word), word counts, lexicon evidence."""

    heliport_gap: np.ndarray  # (n, 6)
    words: np.ndarray  # (n,)
    lexicon: np.ndarray  # (n, 6)
    empty: np.ndarray  # (n,) bool: no letters at all


def _heliport_row(scores: list[tuple[str, float]]) -> list[float]:
    """Per-class best score from a top-k list; classes missing from the top k get the k-th score."""
    floor = scores[-1][1]
    row = [floor] * len(CLASSES)
    seen_xx = False
    for code, score in scores:
        idx = _HELIPORT_CODE.get(code)
        if idx is not None:
            row[idx] = score
        elif not seen_xx:  # scores are sorted best first, so the first other language is the best one
            row[_XX] = score
            seen_xx = True
    best = min(row)
    return [best - s for s in row]


def features(texts: Sequence[str]) -> Features:
    """heliport top-k scores and lexicon evidence for each text (rows of zeros for empty texts)."""
    topk = _heliport().identify_topk_with_score
    zero_gap = [0.0] * len(CLASSES)
    zero_lex = [0.0] * len(LEX_LANGS)
    gaps: list[list[float]] = []
    lex: list[list[float]] = []
    words: list[int] = []
    empty: list[bool] = []
    for text in texts:
        scores = topk(text, _TOPK)
        if scores[0][0] == _NO_TEXT:
            gaps.append(zero_gap)
            lex.append(zero_lex)
            words.append(1)
            empty.append(True)
            continue
        gaps.append(_heliport_row(scores))
        lex_row, n_tokens = evidence(text)
        lex.append(lex_row)
        words.append(n_tokens or 1)
        empty.append(False)
    lex_arr = np.zeros((len(texts), len(CLASSES)))
    if texts:
        lex_arr[:, : len(LEX_LANGS)] = lex
    return Features(
        np.array(gaps, dtype=float).reshape(len(texts), len(CLASSES)),
        np.array(words, dtype=float),
        lex_arr,
        np.array(empty, dtype=bool),
    )


def combine(feats: Features, params: Params = DEFAULT_PARAMS) -> np.ndarray:
    """(n, 4) probabilities over LABELS. Texts without letters get all zeros."""
    heliport_nats = params.heliport_scale * math.log(10) * np.sqrt(feats.words)[:, None] * feats.heliport_gap
    logits = heliport_nats + params.lexicon_scale * feats.lexicon + np.asarray(params.log_prior)
    logits /= params.temperature
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    out = np.zeros((len(probs), len(LABELS)))
    np.add.at(out.T, _CLASS_TO_LABEL, probs.T)
    out[feats.empty] = 0.0
    return out


def probabilities(texts: Sequence[str], params: Params = DEFAULT_PARAMS) -> np.ndarray:
    """(n, 4) probabilities over LABELS for each text (rows of zeros for texts without letters)."""
    if not texts:
        return np.zeros((0, len(LABELS)))
    return combine(features(texts), params)


def labels_from(probs: np.ndarray) -> list[tuple[str, float]]:
    """Argmax label and its probability per row; an all-zero row (no letters) is ("other", 0.0)."""
    best = probs.argmax(axis=1)
    result = []
    for b, row in zip(best.tolist(), probs, strict=True):
        result.append((LABELS[b], float(row[b])) if row[b] > 0 else ("other", 0.0))
    return result


def identify(texts: Sequence[str]) -> list[tuple[str, float]]:
    """Label each text nb, nn, en or other, with the probability of that label in [0, 1].

    A text without any letters gets ("other", 0.0): there is nothing to decide from.
    """
    return labels_from(probabilities(texts))
