"""`contam calibrate`: inject known leaks into a clean corpus, audit, and print recall / false-hit rate.

Variants of every test item: verbatim, re-wrapped lines, embedded in longer clean text, case and
punctuation noise and (with --paraphrases, a JSON Lines file with the test set's ids) paraphrases.
Recall per method and threshold = share of injected rows flagged for their own item with score >= the
threshold; false-hit rate = share of clean rows with any finding at that score. Methods without a score
threshold (exact, substring, token13, short) flag whatever they find.

Hard negatives (--negatives: other items of the same benchmarks or subjects, never leaks of the test
items): the share of test items flagged against one of them, per method and threshold, and how the
negative pairs split by class, as the review of template text sees them (`contamination.methods.templates`):
`option_list_or_stem` (generic answer options or stems: too little information in what is shared),
`template` (only text shared by many test items), `numbers` (same frame, other numbers), `topic` (a
short item's rare words missing: same topic, other question) — each set apart, not counted — and
`counted`, the pairs still flagged.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

from contamination.audit import audit_texts, load_test_sets
from contamination.common.errors import InputError
from contamination.config import AuditConfig
from contamination.index.testindex import TestIndex
from contamination.io.fields import row_id, select_text
from contamination.io.readers import Role, iter_batches

SCORED = {"char50", "char30", "fuzzy"}
CLASSES = ("option_list_or_stem", "template", "numbers", "topic", "counted")
VARIANTS = ("verbatim", "rewrapped", "embedded", "noise", "paraphrase")


def _rewrap(text: str, width: int = 40) -> str:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return "\n".join([*lines, cur])


def _noise(text: str, rng: random.Random) -> str:
    text = re.sub(r"[.,;:!?]", lambda m: rng.choice([m.group(0), "", " -", "!"]), text)
    return "".join(c.upper() if rng.random() < 0.3 else c for c in text)


def read_texts(
    path: str, fields: Sequence[str], id_field: str | None, role: Role, option: str
) -> list[tuple[str, str]]:
    """(id, text) of every row of a file; `option` is the command-line option that chooses the fields."""
    out: list[tuple[str, str]] = []
    for batch in iter_batches(path, role=role):
        for row in batch:
            text = select_text(row, fields, f"{path}: row {len(out) + 1}", option=option)
            out.append((row_id(row, id_field, len(out)), text))
    return out


def parse_grid(thresholds: str) -> list[float]:
    """`0.3,0.5` -> [0.3, 0.5]; one-line errors for anything else."""
    try:
        grid = sorted({float(t) for t in thresholds.split(",") if t.strip()})
    except ValueError:
        raise InputError(f"--thresholds: expected numbers separated by commas, got {thresholds!r}") from None
    if not grid or not all(0 < t <= 1 for t in grid):
        raise InputError("--thresholds: give values in (0, 1]")
    return grid


def calibrate(
    config: AuditConfig,
    test_path: str,
    clean_path: str,
    grid: Sequence[float],
    clean_fields: Sequence[str] = ("text",),
    paraphrases_path: str | None = None,
    seed: int = 0,
    negatives_path: str | None = None,
) -> dict[str, Any]:
    """Recall per variant and false-hit rate per method and threshold, on leaks of every test item
    injected into the clean corpus (see the module docstring). `config` says how to read the test set and
    which methods run; scored methods run at the lowest threshold of `grid` and are tabulated at each."""
    (ts,) = load_test_sets(config.model_copy(update={"per_field": False}), [test_path])
    items = {u.item_id: u.text for u in ts.units if u.field == "item"}
    clean = read_texts(clean_path, clean_fields, "id", "train", "--clean-field")
    if not clean:
        raise InputError(f"{clean_path}: the clean corpus is empty")
    para: dict[str, str] = {}
    if paraphrases_path:
        para = {
            pid: t
            for pid, t in read_texts(
                paraphrases_path, ts.fields, config.test_id_field, "test", "--test-field"
            )
            if pid in items
        }
        if not para:
            raise InputError(
                f"{paraphrases_path}: no row has an id of the test set; ids must match --test-id-field"
            )
    negatives = (
        read_texts(negatives_path, ts.fields, config.test_id_field, "train", "--test-field")
        if negatives_path
        else []
    )
    if negatives_path and not negatives:
        raise InputError(f"{negatives_path}: the negatives file is empty")
    rng = random.Random(seed)
    ids: list[str] = [f"clean:{i}" for i, _ in clean] + [f"negative:{i}" for i, _ in negatives]
    texts: list[str] = [t for _, t in clean] + [t for _, t in negatives]
    target: dict[str, tuple[str, str]] = {}  # injected row id -> (variant, item id)
    for item_id, text in items.items():
        variants = {
            "verbatim": text,
            "rewrapped": _rewrap(text),
            "embedded": f"{rng.choice(clean)[1]} {text} {rng.choice(clean)[1]}",
            "noise": _noise(text, rng),
        }
        if item_id in para:
            variants["paraphrase"] = para[item_id]
        for v, t in variants.items():
            rid = f"leak:{v}:{item_id}"
            ids.append(rid)
            texts.append(t)
            target[rid] = (v, item_id)
    run = config.model_copy(update={"threshold": grid[0], "fuzzy_threshold": grid[0]})
    report = audit_texts(ids, texts, TestIndex.build([ts], run)).report
    set_apart = report.get("templates", [])
    variants_used = [v for v in VARIANTS if any(t[0] == v for t in target.values())]
    n_variant = {v: sum(1 for t in target.values() if t[0] == v) for v in variants_used}
    rows: list[dict[str, Any]] = []
    for method in run.methods:
        for thr in grid if method in SCORED else [None]:
            found = [f for f in report["findings"] if f["method"] == method and counts_at(f, thr)]
            own = {
                f["train_id"]
                for f in found
                if f["train_id"] in target and target[f["train_id"]][1] == f["test_id"]
            }
            false = {f["train_id"] for f in found if f["train_id"].startswith("clean:")}
            recall = {v: sum(1 for r in own if target[r][0] == v) / n_variant[v] for v in variants_used}
            row: dict[str, Any] = {
                "method": method,
                "threshold": thr,
                "recall": {v: round(x, 4) for v, x in recall.items()},
                "recall_all": round(len(own) / len(target), 4),
                "false_hit_rate": round(len(false) / len(clean), 6),
                "false_hits": len(false),
            }
            if negatives:
                row.update(negative_hits(found, set_apart, method, thr, len(items)))
            rows.append(row)
    out: dict[str, Any] = {
        "test": test_path,
        "items": len(items),
        "clean_rows": len(clean),
        "injected_rows": len(target),
        "variants": n_variant,
        "rows": rows,
    }
    if negatives:
        out["negative_rows"] = len(negatives)
    return out


def counts_at(f: dict[str, Any], thr: float | None) -> bool:
    """Does finding `f` count at threshold `thr`? Its score, and its score without template text, reach it."""
    if thr is None:
        return True
    return f["score"] >= thr and f.get("detail", {}).get("template_free_score", 1.0) >= thr - 1e-9


def negative_class(f: dict[str, Any]) -> str:
    """The class of a negative pair the review set apart (see the module docstring)."""
    detail = f.get("detail", {})
    reason = detail.get("template")
    if reason == "low_information":
        return "option_list_or_stem"
    if reason == "not_distinguished":
        return "numbers" if detail.get("numbers_missing") else "topic"
    return "template"


def negative_hits(
    found: list[dict[str, Any]], set_apart: list[dict[str, Any]], method: str, thr: float | None, items: int
) -> dict[str, Any]:
    """Test items flagged against a hard negative (rate and count) and the negative pairs by class."""
    hit = {(f["train_id"], f["test_id"]) for f in found if f["train_id"].startswith("negative:")}
    by_class = dict.fromkeys(CLASSES, 0)
    by_class["counted"] = len(hit)
    for f in set_apart:
        pair = (f["train_id"], f["test_id"])
        negative = f["method"] == method and f["train_id"].startswith("negative:") and pair not in hit
        if negative and (thr is None or f["score"] >= thr):
            by_class[negative_class(f)] += 1
    flagged = {t for _, t in hit}
    return {
        "negative_hit_rate": round(len(flagged) / items, 6),
        "negative_hits": len(flagged),
        "negative_classes": by_class,
    }
