"""Benchmark Bokmål/Nynorsk identification on the NorNE dev sentences against heliport and lingua.

    .venv/bin/python bench/langid_bench.py [--data DIR] [--folds 5] [--no-lingua]

Prints, as markdown: sentence accuracy (overall, nb, nn), sentences/s, a confusion matrix per
identifier, and k-fold cross-validated figures for everything that was chosen on this data.

Cross-validation protocol. NorNE dev is a run of whole documents in id order, and neighbouring sentences
share names and topics. Random sentence folds therefore leak each test document into training; this
matters little for two constants but a great deal for anything that learns vocabulary. The headline CV
figure uses *blocked* folds: each language's sentences, in id order, are cut into k contiguous blocks, so
that (almost) every test document is unseen. Random stratified folds are printed beside it for contrast.

What is cross-validated:
- our identifier: the few combination constants (heliport scale, prior against other languages, nn prior)
  are chosen on the training folds only, by balanced accuracy, from a small grid. The lexicon itself is
  hand-written from the written standards and not fitted to this data. ECE of the out-of-fold scores.
- an experimental learned layer (not shipped): a multinomial naive Bayes over hashed character 1-5-grams,
  added to our nb-vs-nn log-odds with a weight picked by inner blocked CV on the training folds.
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


def timed(fn: Callable[[list[str]], list[str]], texts: list[str]) -> tuple[list[str], str]:
    """Predictions and "wall / CPU" sentences per second. On a shared machine the wall figure drops when
    other jobs run; CPU time (this process, all threads) is the steadier single-process figure, but for
    multi-threaded identifiers (heliport's par_identify, lingua's parallel detection) it is the lower one."""
    fn(texts[:20])  # warm-up: model loading is not part of the throughput
    start, cpu = time.perf_counter(), time.process_time()
    preds = fn(texts)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return preds, f"{len(texts) / wall:,.0f} / {len(texts) / max(cpu, 1e-9):,.0f}"


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


def blocked_folds(gold: np.ndarray, folds: int) -> np.ndarray:
    """Fold of each sentence: each language's sentences, in file (id) order, cut into `folds` contiguous
    blocks, so that a test fold holds whole documents (up to the block edges) unseen in training."""
    fold_of = np.empty(len(gold), dtype=int)
    for c in np.unique(gold):
        idx = np.flatnonzero(gold == c)
        fold_of[idx] = np.arange(len(idx)) * folds // len(idx)
    return fold_of


def random_folds(gold: np.ndarray, folds: int, seed: int = 0) -> np.ndarray:
    """Stratified random folds (sentences of one document land in different folds: optimistic)."""
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(gold), dtype=int)
    for c in np.unique(gold):
        idx = np.flatnonzero(gold == c)
        fold_of[idx] = rng.permutation(len(idx)) % folds
    return fold_of


def cross_validate(feats: Features, gold: np.ndarray, fold_of: np.ndarray) -> tuple[np.ndarray, list[Params]]:
    """Out-of-fold (n, 4) probabilities, with each fold's constants chosen on the other folds only."""
    probs = np.empty((len(gold), len(LABELS)))
    chosen = []
    for k in np.unique(fold_of):
        train, test = np.flatnonzero(fold_of != k), np.flatnonzero(fold_of == k)
        tf = _subset(feats, train)

        def train_score(p: Params, tf: Features = tf, train: np.ndarray = train) -> float:
            return balanced_accuracy(gold[train], combine(tf, p).argmax(1))

        best = max(GRID, key=train_score)
        chosen.append(best)
        probs[test] = combine(_subset(feats, test), best)
    return probs, chosen


# --- experimental learned layer: naive Bayes over hashed character n-grams (not shipped) -------------

_HASH_BITS = 18
_MAXCODE = 0x2000
# Letters keep their (lowercased) code point; everything else becomes a space, the word-boundary marker.
_CHAR_MAP = np.array([c if chr(c).isalpha() else 32 for c in range(_MAXCODE)], dtype=np.uint64)
_CHAR_MAP[1] = 1  # text separator


def char_ngrams(texts: Sequence[str], nmax: int = 5, bits: int = _HASH_BITS) -> tuple[np.ndarray, np.ndarray]:
    """(text index, hash bucket) of every character 1..nmax-gram, vectorised over the whole batch.

    Texts are lowercased, padded with a space on each side and joined with \\x01; an n-gram may not
    cross a separator. Deterministic (no Python hash randomisation).
    """
    joined = "\x01".join(" " + t.lower() + " " for t in texts)
    raw = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    arr = np.where(raw < _MAXCODE, _CHAR_MAP[np.minimum(raw, _MAXCODE - 1)], np.uint64(32))
    sep = arr == 1
    cum = np.cumsum(sep)
    docs, buckets = [], []
    h = arr.copy()
    shift = np.uint64(64 - bits)
    for n in range(1, nmax + 1):
        m = len(arr) - n + 1
        if n > 1:
            h = h[:m] * np.uint64(1000003) + arr[n - 1 : n - 1 + m]
        start = cum[:m] - sep[:m]
        ok = cum[n - 1 : n - 1 + m] == start
        if n == 1:
            ok &= arr[:m] != 32
        idx = np.flatnonzero(ok)
        docs.append(start[idx])
        buckets.append(((h[idx] + np.uint64(n)) * np.uint64(0x9E3779B97F4A7C15)) >> shift)
    return np.concatenate(docs).astype(np.int64), np.concatenate(buckets).astype(np.int64)


def _nb_scores(
    doc: np.ndarray, bucket: np.ndarray, is_nn: np.ndarray, train: np.ndarray, n: int
) -> np.ndarray:
    """nn-vs-nb naive Bayes log-odds (length-normalised by sqrt(#n-grams)) of all n texts, fitted on `train`."""
    size = 1 << _HASH_BITS
    in_train = train[doc]
    c_nb = np.bincount(bucket[in_train & ~is_nn[doc]], minlength=size) + 0.5
    c_nn = np.bincount(bucket[in_train & is_nn[doc]], minlength=size) + 0.5
    w = np.log(c_nn / c_nn.sum()) - np.log(c_nb / c_nb.sum())
    return np.bincount(doc, weights=w[bucket], minlength=n) / np.sqrt(
        np.maximum(np.bincount(doc, minlength=n), 1)
    )


def _with_layer(probs: np.ndarray, extra: np.ndarray) -> np.ndarray:
    """Add `extra` to the nn-vs-nb log-odds, keeping P(nb) + P(nn) as it was."""
    eps = 1e-12
    z = np.log(probs[:, 1] + eps) - np.log(probs[:, 0] + eps) + extra
    norw = probs[:, 0] + probs[:, 1]
    out = probs.copy()
    out[:, 1] = norw / (1 + np.exp(-z))
    out[:, 0] = norw - out[:, 1]
    return out


_LAYER_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0)


def ngram_layer_cv(
    texts: list[str], gold: np.ndarray, oof_probs: np.ndarray, fold_of: np.ndarray
) -> tuple[np.ndarray, list[float]]:
    """Out-of-fold probabilities of our identifier plus the n-gram NB layer.

    For each outer fold: NB scores of the training sentences come from inner folds (the other blocks),
    the layer weight is the grid value with the best balanced accuracy on the training sentences, then
    NB is refitted on all training sentences and applied to the test fold. `oof_probs` are our own
    out-of-fold probabilities, so nothing here has seen the test fold.
    """
    doc, bucket = char_ngrams(texts)
    is_nn = gold == LABELS.index("nn")
    n = len(texts)
    out = np.empty_like(oof_probs)
    chosen = []
    for k in np.unique(fold_of):
        train = fold_of != k
        inner = np.zeros(n)
        for j in np.unique(fold_of[train]):
            inner_test = fold_of == j
            inner[inner_test] = _nb_scores(doc, bucket, is_nn, train & ~inner_test, n)[inner_test]

        def score(wt: float, train: np.ndarray = train, inner: np.ndarray = inner) -> float:
            pred = _with_layer(oof_probs[train], wt * inner[train]).argmax(1)
            return balanced_accuracy(gold[train], pred)

        wt = max(_LAYER_WEIGHTS, key=score)
        chosen.append(wt)
        test = ~train
        out[test] = _with_layer(oof_probs[test], wt * _nb_scores(doc, bucket, is_nn, train, n)[test])
    return out, chosen


def _row(name: str, gold: Sequence[str], pred: Sequence[str], speed: str = "") -> str:
    acc, nb, nn = accuracy(gold, pred)
    return f"| {name} | {acc:.2%} | {nb:.2%} | {nn:.2%} | {speed} |"


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
        ("norcurate (ours), shipped: in-sample, optimistic (its constants were chosen on this set)", ours),
        ("heliport 1.0 (all languages)", heliport_full),
        ("heliport 1.0 (nob vs nno only)", heliport_two),
    ]
    if not args.no_lingua:
        systems += [("lingua 2 (all languages)", _lingua(False)), ("lingua 2 (nb vs nn only)", _lingua(True))]

    results = []
    for name, fn in systems:
        preds, speed = timed(fn, texts)
        results.append((name, preds, speed))

    feats = features(texts)
    gold_idx = np.array([LABELS.index(g) for g in gold])
    k = args.folds
    cv = {}
    for scheme, fold_of in (("blocked", blocked_folds(gold_idx, k)), ("random", random_folds(gold_idx, k))):
        probs, chosen = cross_validate(feats, gold_idx, fold_of)
        layered, weights = ngram_layer_cv(texts, gold_idx, probs, fold_of)
        cv[scheme] = (probs, chosen, layered, weights)

    def labels_of(probs: np.ndarray) -> list[str]:
        return [LABELS[i] for i in probs.argmax(1)]

    print("| identifier | accuracy | nb | nn | sentences/s (wall / CPU) |")
    print("|---|---|---|---|---|")
    print(
        _row(
            f"**norcurate (ours), {k}-fold blocked CV: the figure to quote**",
            gold,
            labels_of(cv["blocked"][0]),
        )
    )
    print(_row(f"norcurate (ours), {k}-fold random-sentence CV", gold, labels_of(cv["random"][0])))
    for name, preds, speed in results:
        print(_row(name, gold, preds, speed))
    print(
        _row(
            f"experimental char-n-gram NB layer, {k}-fold blocked CV (not shipped)",
            gold,
            labels_of(cv["blocked"][2]),
        )
    )
    print(
        _row(
            f"experimental char-n-gram NB layer, {k}-fold random CV (leaks documents)",
            gold,
            labels_of(cv["random"][2]),
        )
    )

    for scheme in ("blocked", "random"):
        probs, chosen, _, weights = cv[scheme]
        print(
            f"\n{scheme} CV: constants chosen per fold: {sorted({(p.heliport_scale, p.log_prior) for p in chosen})}"
        )
        print(f"{scheme} CV: n-gram layer weight chosen per fold: {weights}")
    print(
        f"shipped constants: heliport_scale={DEFAULT_PARAMS.heliport_scale} log_prior={DEFAULT_PARAMS.log_prior}"
    )

    for name, probs in (
        (f"{k}-fold blocked CV, out-of-fold", cv["blocked"][0]),
        ("shipped constants, in-sample", combine(feats)),
    ):
        best = probs.argmax(1)
        score = probs[np.arange(len(best)), best]
        ece = expected_calibration_error(best == gold_idx, score)
        print(f"calibration ({name}): ECE {ece:.3f} (10 bins); mean score {score.mean():.3f}")

    for name, preds, _ in results:
        print(f"\n{name}\n\n{confusion(gold, preds)}")
    print(f"\n{k}-fold blocked CV (ours)\n\n{confusion(gold, labels_of(cv['blocked'][0]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
