"""`contam calibrate`: recall and false-hit rate of the audit methods on injected leaks (logic in
`contamination.calibrate`)."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from contamination.calibrate import CLASSES, calibrate, parse_grid
from contamination.common.cli import json_option, one_line_errors, output_console
from contamination.common.jsonio import print_json
from contamination.config import AuditConfig
from contamination.methods.registry import ALL_METHODS


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
    "--negatives",
    help="Hard negatives: other items of the same benchmarks or subjects (the test set's fields), never "
    "leaks; the table adds the share of test items flagged against them, and their pairs by class.",
)
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
@json_option("the table")
@one_line_errors
def calibrate_cmd(
    test_path: str,
    test_field: tuple[str, ...],
    test_id_field: str,
    clean_path: str,
    clean_field: tuple[str, ...],
    paraphrases: str | None,
    negatives: str | None,
    methods: tuple[str, ...],
    thresholds: str,
    seed: int,
    as_json: bool,
) -> None:
    """Recall and false-hit rate per method and threshold on leaks injected into a clean corpus."""
    settings: dict[str, Any] = {"test_fields": list(test_field), "test_id_field": test_id_field}
    if methods:
        settings["methods"] = list(methods)
    out = calibrate(
        AuditConfig(**settings),
        test_path,
        clean_path,
        parse_grid(thresholds),
        clean_field,
        paraphrases,
        seed,
        negatives,
    )
    variants_used = list(out["variants"])
    if as_json:
        print_json(out)
        return
    table = Table(
        title=f"Calibration: {out['items']} items, {out['injected_rows']} injected rows, {out['clean_rows']} clean rows"
    )
    hard = "negative_rows" in out
    columns = ["method", "threshold", *[f"recall {v}" for v in variants_used], "recall", "false-hit rate"]
    if hard:
        columns += ["flagged vs negatives", *[f"neg. {c}" for c in CLASSES]]
    for col in columns:
        table.add_column(col, justify="left" if col == "method" else "right")
    for r in out["rows"]:
        table.add_row(
            r["method"],
            "-" if r["threshold"] is None else f"{r['threshold']:.2f}",
            *[f"{r['recall'][v]:.1%}" for v in variants_used],
            f"{r['recall_all']:.1%}",
            f"{r['false_hit_rate']:.2%} ({r['false_hits']})",
            *(
                [
                    f"{r['negative_hit_rate']:.1%} ({r['negative_hits']})",
                    *[str(r["negative_classes"][c]) for c in CLASSES],
                ]
                if hard
                else []
            ),
        )
    output_console().print(table)
