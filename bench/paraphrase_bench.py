"""Paraphrase recall: MMLU dev items (translation a) leaked as another system's translation (b).

Test item = question + all choices from dev_translation_a. Training rows = the paraphrases (row with the
same id in dev_translation_b) + val_unrelated (negatives). Prints, per method, recall (share of test items
whose paraphrase is flagged) and false-hit rate (share of test items flagged against an unrelated
question), plus a leave-one-subject-out cross-validation of the fuzzy threshold.

    python bench/paraphrase_bench.py [--data DIR] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import defaultdict
from pathlib import Path

from contamination.audit import audit_texts
from contamination.config import AuditConfig
from contamination.index.testindex import TestIndex
from contamination.testside.testsets import TestSet, TestUnit
from contamination.text.normalise import ngram_form

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "mmlu_nb"
# val items that are genuine near-duplicates of (or share the passage with) a dev item: MMLU itself
# repeats them across splits, so a hit on them is a true leak, not a false hit (checked by reading them)
KNOWN_DUPLICATES = {
    "college_physics/dev/1",  # same question, reworded
    "formal_logic/dev/3",  # same truth-table instruction
    "high_school_us_history/dev/0",  # same Paine passage, another question
    "high_school_us_history/dev/2",  # same Abigail Adams passage, another question
}
GRID = [round(0.30 + 0.05 * i, 2) for i in range(11)]


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _text(row: dict) -> str:
    return "\n".join([row["question"], *row["choices"]])


def _char_share(unit: str, train: str, n: int) -> float:
    grams = {unit[i : i + n] for i in range(len(unit) - n + 1)}
    if not grams:
        return 0.0
    return len(grams & {train[i : i + n] for i in range(len(train) - n + 1)}) / len(grams)


def _word_hit(unit: str, train: str, n: int) -> bool:
    uw, tw = unit.split(" "), train.split(" ")
    grams = {tuple(uw[i : i + n]) for i in range(len(uw) - n + 1)}
    return bool(grams & {tuple(tw[i : i + n]) for i in range(len(tw) - n + 1)})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED)
    ap.add_argument("--threshold", type=float, default=AuditConfig().fuzzy_threshold)
    ap.add_argument("--out", type=Path, help="also write the markdown to this file")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} is absent")
        return
    a = _load(args.data / "dev_translation_a.jsonl")
    b = {r["id"]: r for r in _load(args.data / "dev_translation_b.jsonl")}
    neg = _load(args.data / "val_unrelated.jsonl")
    ids = [r["id"] for r in a]
    subject = {r["id"]: r["subject"] for r in a}
    train_ids = [f"para:{i}" for i in ids] + [f"neg:{r['id']}" for r in neg]
    train_texts = [_text(b[i]) for i in ids] + [_text(r) for r in neg]

    # n-gram baselines (reference definitions on the n-gram form, as the engine's methods score)
    unit_ng = [ngram_form(_text(r)) for r in a]
    train_ng = [ngram_form(t) for t in train_texts]
    baselines = {
        "char 50-gram >= 30%": lambda u, t: _char_share(u, t, 50) >= 0.3,
        "char 30-gram >= 30%": lambda u, t: _char_share(u, t, 30) >= 0.3,
        "char 13-gram >= 30%": lambda u, t: _char_share(u, t, 13) >= 0.3,
        "char 5-gram >= 50%": lambda u, t: _char_share(u, t, 5) >= 0.5,
        "word 13-gram any hit": lambda u, t: _word_hit(u, t, 13),
    }
    n = len(ids)
    pos_flag: dict[str, dict[str, bool]] = defaultdict(dict)
    neg_flag: dict[str, dict[str, bool]] = defaultdict(dict)
    for name, fn in baselines.items():
        for k, i in enumerate(ids):
            pos_flag[name][i] = fn(unit_ng[k], train_ng[k])
            neg_flag[name][i] = any(fn(unit_ng[k], t) for t in train_ng[n:])

    # fuzzy: one audit at a low threshold gives every pair's score; flags follow for any threshold
    ts = TestSet(
        "mmlu_dev_a", [TestUnit(i, "item", _text(r)) for i, r in zip(ids, a, strict=True)], n, "0" * 64, "a"
    )
    t0 = time.perf_counter()
    index = TestIndex.build([ts], AuditConfig(methods=["fuzzy"], fuzzy_threshold=0.05))
    report = audit_texts(train_ids, train_texts, index).report
    elapsed = time.perf_counter() - t0
    pos_score: dict[str, float] = defaultdict(float)
    neg_score: dict[str, float] = defaultdict(float)
    for f in report["findings"]:
        if f["train_id"] == f"para:{f['test_id']}":
            pos_score[f["test_id"]] = max(pos_score[f["test_id"]], f["score"])
        elif f["train_id"].startswith("neg:"):
            neg_score[f["test_id"]] = max(neg_score[f["test_id"]], f["score"])

    def fuzzy_rates(thr: float, subset: list[str]) -> tuple[int, int, int]:
        return (
            sum(pos_score[i] >= thr for i in subset),
            sum(neg_score[i] >= thr for i in subset),
            sum(neg_score[i] >= thr for i in subset if i not in KNOWN_DUPLICATES),
        )

    # leave-one-subject-out: pick the threshold maximising recall - false-hit rate on the other subjects
    subjects = sorted(set(subject.values()))
    cv_pos = cv_neg = cv_neg_clean = 0
    chosen: list[float] = []
    for s in subjects:
        train_items = [i for i in ids if subject[i] != s]
        held = [i for i in ids if subject[i] == s]

        def youden(thr: float, items: list[str] = train_items) -> float:
            p, q, _ = fuzzy_rates(thr, items)
            return (p - q) / len(items)

        best = max(GRID, key=lambda t: (youden(t), t))
        chosen.append(best)
        p, q, qc = fuzzy_rates(best, held)
        cv_pos, cv_neg, cv_neg_clean = cv_pos + p, cv_neg + q, cv_neg_clean + qc

    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"date: {time.strftime('%Y-%m-%d %H:%M')}",
        f"data: {args.data} — {n} test items (dev_translation_a, question + choices), {n} paraphrases "
        f"(dev_translation_b), {len(neg)} negatives (val_unrelated); fuzzy audit of all {len(train_texts)} "
        f"rows took {elapsed:.2f} s",
        "",
        "| method | recall | false-hit rate | false-hit rate excl. 4 known MMLU dev/val duplicates |",
        "|---|---:|---:|---:|",
    ]
    for name in baselines:
        p = sum(pos_flag[name].values())
        q = sum(neg_flag[name].values())
        qc = sum(v for i, v in neg_flag[name].items() if i not in KNOWN_DUPLICATES)
        lines.append(f"| {name} | {p / n:.1%} ({p}/{n}) | {q / n:.1%} ({q}) | {qc / (n - 4):.1%} ({qc}) |")
    for thr in sorted({args.threshold, 0.4, 0.45, 0.55, 0.6}):
        p, q, qc = fuzzy_rates(thr, ids)
        tag = " **(default)**" if thr == args.threshold else ""
        lines.append(
            f"| fuzzy >= {thr:.2f}{tag} | {p / n:.1%} ({p}/{n}) | {q / n:.1%} ({q}) | {qc / (n - 4):.1%} ({qc}) |"
        )
    lines.append(
        f"| fuzzy, leave-one-subject-out threshold ({len(subjects)} folds; chosen "
        f"{min(chosen):.2f}-{max(chosen):.2f}, median {sorted(chosen)[len(chosen) // 2]:.2f}) | "
        f"{cv_pos / n:.1%} ({cv_pos}/{n}) | {cv_neg / n:.1%} ({cv_neg}) | {cv_neg_clean / (n - 4):.1%} ({cv_neg_clean}) |"
    )
    missed = [i for i in ids if pos_score[i] < args.threshold]
    lines += [
        "",
        f"missed at the default threshold: {', '.join(f'{i} ({pos_score[i]:.2f})' for i in missed) or 'none'}",
        f"negatives flagged at the default: {', '.join(f'{i} ({neg_score[i]:.2f})' for i in ids if neg_score[i] >= args.threshold) or 'none'}",
    ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
