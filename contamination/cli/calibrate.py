"""`contam calibrate`: inject known leaks into a clean corpus, audit, and print recall / false-hit rate.

Variants of every test item: verbatim, re-wrapped lines, embedded in longer clean text, case and
punctuation noise and (with --paraphrases, a JSON Lines file with the test set's ids) paraphrases.
Recall per method and threshold = share of injected rows flagged for their own item with score >= the
threshold; false-hit rate = share of clean rows with any finding at that score. Methods without a score
threshold (exact, substring, token13, short) flag whatever they find.
"""

from __future__ import annotations

import random
import re
import sys
from typing import Any

import click
from rich.table import Table

from contamination.audit import audit_texts
from contamination.common.cli import one_line_errors, output_console
from contamination.common.errors import InputError
from contamination.config import ALL_METHODS, DEFAULT_METHODS, AuditConfig
from contamination.index.testindex import TestIndex
from contamination.io.fields import row_id, select_text
from contamination.io.readers import Role, iter_batches
from contamination.report import report_bytes
from contamination.testside.testsets import load_test_set

SCORED = {"char50", "char30", "fuzzy"}
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


def _read_texts(
    path: str, fields: tuple[str, ...], id_field: str | None, role: Role, option: str
) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for batch in iter_batches(path, role=role):
        for row in batch:
            text = select_text(row, fields, f"{path}: row {len(out) + 1}", option=option)
            out.append((row_id(row, id_field, len(out)), text))
    return out


@click.command("calibrate")
@click.option("--test", "test_path", required=True, help="Test set file (or dataset folder).")
@click.option("--test-field", multiple=True, default=("text",), show_default=True, help="Test text field(s).")
@click.option("--test-id-field", default="id", show_default=True, help="Id field of test items.")
@click.option(
    "--clean", "clean_path", required=True, help="A clean corpus (no leaks): the negatives and filler."
)
@click.option(
    "--clean-field", multiple=True, default=("text",), show_default=True, help="Text field(s) of --clean."
)
@click.option("--paraphrases", help="JSON Lines with the test set's ids and fields: leaked paraphrases.")
@click.option(
    "--method",
    "methods",
    multiple=True,
    type=click.Choice(ALL_METHODS),
    help="Methods (default: the audit's).",
)
@click.option(
    "--thresholds", default="0.3,0.4,0.5,0.6,0.7", show_default=True, help="Score thresholds to tabulate."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for filler choice and noise.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@one_line_errors
def calibrate(
    test_path: str,
    test_field: tuple[str, ...],
    test_id_field: str,
    clean_path: str,
    clean_field: tuple[str, ...],
    paraphrases: str | None,
    methods: tuple[str, ...],
    thresholds: str,
    seed: int,
    as_json: bool,
) -> None:
    """Recall and false-hit rate per method and threshold on leaks injected into a clean corpus."""
    try:
        grid = sorted({float(t) for t in thresholds.split(",") if t.strip()})
    except ValueError:
        raise InputError(f"--thresholds: expected numbers separated by commas, got {thresholds!r}") from None
    if not grid or not all(0 < t <= 1 for t in grid):
        raise InputError("--thresholds: give values in (0, 1]")
    ts = load_test_set(test_path, fields=test_field, id_field=test_id_field)
    items = {u.item_id: u.text for u in ts.units if u.field == "item"}
    clean = _read_texts(clean_path, clean_field, "id", "train", "--clean-field")
    if not clean:
        raise InputError(f"{clean_path}: the clean corpus is empty")
    para: dict[str, str] = {}
    if paraphrases:
        for pid, text in _read_texts(paraphrases, tuple(ts.fields), test_id_field, "test", "--test-field"):
            if pid in items:
                para[pid] = text
        if not para:
            raise InputError(
                f"{paraphrases}: no row has an id of the test set; ids must match --test-id-field"
            )
    rng = random.Random(seed)
    ids: list[str] = [f"clean:{i}" for i, _ in clean]
    texts: list[str] = [t for _, t in clean]
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
    chosen = list(methods) or list(DEFAULT_METHODS)
    config = AuditConfig(methods=chosen, threshold=grid[0], fuzzy_threshold=grid[0])
    report = audit_texts(ids, texts, TestIndex.build([ts], config)).report
    variants_used = [v for v in VARIANTS if any(t[0] == v for t in target.values())]
    n_variant = {v: sum(1 for t in target.values() if t[0] == v) for v in variants_used}
    rows: list[dict[str, Any]] = []
    for method in config.methods:
        for thr in grid if method in SCORED else [None]:
            found = [
                f for f in report["findings"] if f["method"] == method and (thr is None or f["score"] >= thr)
            ]
            own = {
                f["train_id"]
                for f in found
                if f["train_id"] in target and target[f["train_id"]][1] == f["test_id"]
            }
            false = {f["train_id"] for f in found if f["train_id"].startswith("clean:")}
            recall = {v: sum(1 for r in own if target[r][0] == v) / n_variant[v] for v in variants_used}
            rows.append(
                {
                    "method": method,
                    "threshold": thr,
                    "recall": {v: round(x, 4) for v, x in recall.items()},
                    "recall_all": round(len(own) / len(target), 4),
                    "false_hit_rate": round(len(false) / len(clean), 6),
                    "false_hits": len(false),
                }
            )
    out = {
        "test": test_path,
        "items": len(items),
        "clean_rows": len(clean),
        "injected_rows": len(target),
        "variants": n_variant,
        "rows": rows,
    }
    if as_json:
        sys.stdout.buffer.write(report_bytes(out))
        return
    table = Table(
        title=f"Calibration: {len(items)} items, {len(target)} injected rows, {len(clean)} clean rows"
    )
    for col in ["method", "threshold", *[f"recall {v}" for v in variants_used], "recall", "false-hit rate"]:
        table.add_column(col, justify="left" if col == "method" else "right")
    for r in rows:
        table.add_row(
            r["method"],
            "-" if r["threshold"] is None else f"{r['threshold']:.2f}",
            *[f"{r['recall'][v]:.1%}" for v in variants_used],
            f"{r['recall_all']:.1%}",
            f"{r['false_hit_rate']:.2%} ({r['false_hits']})",
        )
    output_console().print(table)
