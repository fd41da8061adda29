"""Benchmark Bokmål/Nynorsk identification on the NorNE dev sentences against heliport and lingua.

    .venv/bin/python bench/langid_bench.py [--data DIR] [--folds 5]

Prints, as markdown: sentence accuracy (overall, nb, nn), sentences/s, a confusion matrix per
identifier, the calibration of our score, and a k-fold cross-validated accuracy for our identifier in
which the few combination constants (heliport scale, prior against other languages, nn prior) are
chosen on the training folds only
(by balanced accuracy, so that neither standard is sacrificed for the other). The lexicon itself is hand-written and not fitted to this data.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from curation.language.identify import (  # noqa: E402
    DEFAULT_PARAMS,
    LABELS,
    Features,
    Params,
    combine,
    features,
    identify,
)

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "norne"
GOLD = ("nb", "nn")
_ISO3 = {"nob": "nb", "nno": "nn", "eng": "en"}


def load(data_dir: Path) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    gold: list[str] = []
    for lang in GOLD:
        with (data_dir / f"{lang}_dev.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                texts.append(row["text"])
                gold.append(row["lang"])
    return texts, gold


def timed(fn: Callable[[list[str]], list[str]], texts: list[str]) -> tuple[list[str], float]:
    fn(texts[:20])  # warm-up: model loading is not part of the throughput
    start = time.perf_counter()
    preds = fn(texts)
    return preds, len(texts) / (time.perf_counter() - start)


def ours(texts: list[str]) -> list[str]:
    return [label for label, _ in identify(texts)]


def heliport_full(texts: list[str]) -> list[str]:
    import heliport

    model = _heliport_model(heliport)
    return [_ISO3.get(code, "other") for code in model.par_identify(texts)]


def heliport_two(texts: list[str]) -> list[str]:
    """heliport forced to choose between nob and nno: whichever of the two scores better."""
    import heliport

    model = _heliport_model(heliport)
    preds = []
    for text in texts:
        ranked = [code for code, _ in model.identify_topk_with_score(text, 40) if code in ("nob", "nno")]
        preds.append(_ISO3[ranked[0]] if ranked else "nb")
    return preds


_MODELS: dict[str, object] = {}


def _heliport_model(heliport):  # noqa: ANN001, ANN202 - untyped extension module
    if "heliport" not in _MODELS:
        _MODELS["heliport"] = heliport.Identifier()
    return _MODELS["heliport"]


def _lingua(restricted: bool) -> Callable[[list[str]], list[str]]:
    from lingua import Language, LanguageDetectorBuilder

    if restricted:
        detector = LanguageDetectorBuilder.from_languages(Language.BOKMAL, Language.NYNORSK).build()
    else:
        detector = LanguageDetectorBuilder.from_all_languages().build()
    names = {Language.BOKMAL: "nb", Language.NYNORSK: "nn", Language.ENGLISH: "en"}

    def run(texts: list[str]) -> list[str]:
        return [names.get(lang, "other") for lang in detector.detect_languages_in_parallel_of(texts)]

    return run


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float, float]:
    g = np.array(gold)
    p = np.array(pred)
    return float((g == p).mean()), float((p[g == "nb"] == "nb").mean()), float((p[g == "nn"] == "nn").mean())


def confusion(gold: Sequence[str], pred: Sequence[str]) -> str:
    lines = ["| gold \\ predicted | " + " | ".join(LABELS) + " |", "|---" * (len(LABELS) + 1) + "|"]
    for g in GOLD:
        counts = [sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p) for p in LABELS]
        lines.append(f"| {g} | " + " | ".join(str(c) for c in counts) + " |")
    return "\n".join(lines)


def expected_calibration_error(correct: np.ndarray, score: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in itertools.pairwise(edges):
        m = (score > lo) & (score <= hi)
        if m.any():
            ece += m.mean() * abs(correct[m].mean() - score[m].mean())
    return float(ece)


# The constants the cross-validation may choose between. The shipped DEFAULT_PARAMS is one grid point.
GRID = [
    Params(heliport_scale=h, log_prior=(0.0, nn, o, o, 0.0, o))
    for h, o, nn in itertools.product((0.25, 0.5, 1.0), (-1.0, -2.0, -3.0, -4.0), (0.0, -0.25))
]


def balanced_accuracy(gold: np.ndarray, pred: np.ndarray) -> float:
    """Mean per-class recall: the minority standard (nn) counts as much as the majority one."""
    return float(np.mean([(pred[gold == c] == c).mean() for c in np.unique(gold)]))


def _subset(feats: Features, idx: np.ndarray) -> Features:
    return Features(feats.heliport_gap[idx], feats.words[idx], feats.lexicon[idx], feats.empty[idx])


def cross_validate(feats: Features, gold: np.ndarray, folds: int) -> tuple[np.ndarray, list[Params]]:
    """Out-of-fold predictions, with each fold's constants chosen on the other folds only."""
    rng = np.random.default_rng(0)
    fold_of = rng.permutation(len(gold)) % folds
    pred = np.empty(len(gold), dtype=int)
    chosen = []
    for k in range(folds):
        train, test = np.flatnonzero(fold_of != k), np.flatnonzero(fold_of == k)
        tf = _subset(feats, train)

        def train_score(p: Params, tf: Features = tf, train: np.ndarray = train) -> float:
            return balanced_accuracy(gold[train], combine(tf, p).argmax(1))

        best = max(GRID, key=train_score)
        chosen.append(best)
        pred[test] = combine(_subset(feats, test), best).argmax(1)
    return pred, chosen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-lingua", action="store_true", help="skip lingua (slow to load)")
    args = ap.parse_args()
    if not (args.data / "nb_dev.jsonl").exists() or not (args.data / "nn_dev.jsonl").exists():
        print(f"skipped: NorNE dev files not found in {args.data} (need nb_dev.jsonl and nn_dev.jsonl)")
        return 0
    texts, gold = load(args.data)
    print(f"NorNE dev: {len(texts)} sentences ({gold.count('nb')} nb, {gold.count('nn')} nn)\n")

    systems: list[tuple[str, Callable[[list[str]], list[str]]]] = [
        ("norcurate (ours)", ours),
        ("heliport 1.0 (all languages)", heliport_full),
        ("heliport 1.0 (nob vs nno only)", heliport_two),
    ]
    if not args.no_lingua:
        systems += [("lingua 2 (all languages)", _lingua(False)), ("lingua 2 (nb vs nn only)", _lingua(True))]

    results = []
    for name, fn in systems:
        preds, speed = timed(fn, texts)
        results.append((name, preds, speed))

    print("| identifier | accuracy | nb | nn | sentences/s |")
    print("|---|---|---|---|---|")
    for name, preds, speed in results:
        acc, nb, nn = accuracy(gold, preds)
        print(f"| {name} | {acc:.2%} | {nb:.2%} | {nn:.2%} | {speed:,.0f} |")

    feats = features(texts)
    gold_idx = np.array([LABELS.index(g) for g in gold])
    cv_pred, chosen = cross_validate(feats, gold_idx, args.folds)
    cv_labels = [LABELS[i] for i in cv_pred]
    acc, nb, nn = accuracy(gold, cv_labels)
    print(f"| norcurate, {args.folds}-fold CV of the constants | {acc:.2%} | {nb:.2%} | {nn:.2%} | |")
    print(f"\nconstants chosen per fold: {sorted({(p.heliport_scale, p.log_prior) for p in chosen})}")
    print(
        f"shipped constants: heliport_scale={DEFAULT_PARAMS.heliport_scale} log_prior={DEFAULT_PARAMS.log_prior}"
    )

    probs = combine(feats)
    best = probs.argmax(1)
    score = probs[np.arange(len(best)), best]
    ece = expected_calibration_error(best == gold_idx, score)
    print(f"\ncalibration of our score on this set: ECE {ece:.3f} (10 bins); mean score {score.mean():.3f}")

    for name, preds, _ in results:
        print(f"\n{name}\n\n{confusion(gold, preds)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
