"""`contam`: audit training data against benchmark test sets (usable alone, as a CI gate)."""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from contamination import __version__
from contamination.audit import AuditResult, TrainSource, build_test_side, check_share, run_audit
from contamination.common.atomic import check_replaceable, write_bytes_atomic
from contamination.common.cli import (
    check_executor_options,
    executor_options,
    force_option,
    json_option,
    one_line_errors,
    out_option,
    output_console,
    progress,
)
from contamination.common.errors import InputError
from contamination.config import AuditConfig
from contamination.executors.choose import executor_for
from contamination.index.store import load_index, save_index
from contamination.index.target import earlier_index
from contamination.index.testindex import TestIndex
from contamination.io.shards import SHARD_BYTES
from contamination.methods.registry import ALL_METHODS, DEFAULT_METHODS
from contamination.report import render_report, report_bytes, write_report
from contamination.sharded import MIN_SHARD_BYTES, ShardDone
from contamination.split import audit_split_on, check_parts_targets, write_split


class _LazyGroup(click.Group):
    """A group whose subcommands from other modules are imported only when run or listed (`--help`), so
    `contam audit` does not pay for the benchmark registry or calibration at start-up."""

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attr = self.lazy[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_LazyGroup,
    lazy={
        "benchmarks": "contamination.cli.benchmarks:benchmarks_group",
        "calibrate": "contamination.cli.calibrate:calibrate_cmd",
        "report": "contamination.cli.report:report_cmd",
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="contam")
def main() -> None:
    """Contamination audits of training data against benchmark test sets.

    Exit codes: 0 clean, 1 contamination found, 2 usage or input error.
    """


_TEST_SIDE_OPTIONS = [
    click.option(
        "--test",
        "tests",
        multiple=True,
        help="Test set: file, dataset folder or hf:ORG/NAME@REV. Repeatable.",
    ),
    click.option(
        "--against",
        multiple=True,
        help="NorEval tasks or groups (e.g. noreval-core8, norquad). Repeatable; mixes with --test.",
    ),
    click.option(
        "--benchmarks-dir",
        envvar="NORCURATE_BENCHMARKS",
        type=click.Path(file_okay=False),
        help="Offline copies of benchmarks (from `contam benchmarks fetch`). Env: NORCURATE_BENCHMARKS.",
    ),
    click.option(
        "--test-field",
        multiple=True,
        default=("text",),
        show_default=True,
        help="Test text field(s), dotted paths allowed; each item is its fields joined. Fields a set lacks are skipped.",
    ),
    click.option(
        "--per-field/--no-per-field",
        default=True,
        show_default=True,
        help="Also audit each test field alone (a leaked bare passage or question).",
    ),
    click.option(
        "--test-id-field",
        default="id",
        show_default=True,
        help="Id field of test items (else the row number).",
    ),
    click.option(
        "--method",
        "methods",
        multiple=True,
        type=click.Choice(ALL_METHODS),
        help=f"Methods to run (default: {', '.join(DEFAULT_METHODS)}).",
    ),
    click.option(
        "--threshold",
        type=float,
        default=0.3,
        show_default=True,
        help="n-gram overlap share that counts as a finding.",
    ),
    click.option(
        "--fuzzy-threshold",
        type=float,
        default=0.5,
        show_default=True,
        help="fuzzy score (IDF-weighted char 5-gram + word containment) that counts as a finding.",
    ),
    click.option(
        "--templates/--no-templates",
        default=True,
        show_default=True,
        help="Template text (shared by many test items) counts toward no score; fuzzy/short need informative, "
        "distinguishing matches. Findings resting on template text only are reported apart (`templates`).",
    ),
    click.option(
        "--min-substring",
        type=int,
        default=50,
        show_default=True,
        help="Minimum length for substring matches.",
    ),
]


def test_side_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_TEST_SIDE_OPTIONS):
        func = option(func)
    return func


_OPTION_OF = {"test_fields": "test-field", "methods": "method"}


def audit_config(
    methods: tuple[str, ...],
    threshold: float,
    min_substring: int,
    fuzzy_threshold: float,
    test_field: tuple[str, ...],
    per_field: bool,
    test_id_field: str,
    templates: bool = True,
) -> AuditConfig:
    """The audit configuration the test-side options describe (unset methods: the defaults)."""
    check_share("--threshold", threshold)
    check_share("--fuzzy-threshold", fuzzy_threshold)
    settings: dict[str, Any] = {
        "threshold": threshold,
        "min_substring": min_substring,
        "fuzzy_threshold": fuzzy_threshold,
        "test_fields": list(test_field),
        "per_field": per_field,
        "test_id_field": test_id_field,
        "templates": templates,
    }
    if methods:
        settings["methods"] = list(methods)
    try:
        return AuditConfig(**settings)
    except ValidationError as exc:
        err = exc.errors()[0]
        option = _OPTION_OF.get(str(err["loc"][0]), str(err["loc"][0]).replace("_", "-"))
        raise InputError(
            f"--{option}: {err['msg'][0].lower()}{err['msg'][1:]} (got {err['input']!r})"
        ) from None


def _build_index(
    tests: tuple[str, ...], against: tuple[str, ...], benchmarks_dir: str | None, **options: Any
) -> TestIndex:
    return build_test_side(audit_config(**options), tests, against, benchmarks_dir)


def _check_outputs(paths: list[str | None], inputs: list[str]) -> None:
    resolved_inputs = {Path(p).resolve() for p in inputs if not p.startswith("hf:")}
    for p in paths:
        if p and Path(p).resolve() in resolved_inputs:
            raise InputError(f"{p}: an output may not overwrite an input; choose another path")


@main.command()
@click.argument("train", nargs=-1, required=True)
@test_side_options
@click.option(
    "--index",
    "index_path",
    type=click.Path(file_okay=False),
    help="Reuse a test-side index from `contam index build` instead of --test/--against.",
)
@click.option(
    "--check-sources/--no-check-sources",
    default=True,
    show_default=True,
    help="With --index: refuse it when the files its test sets were read from changed or are gone. "
    "--no-check-sources uses the index as built (e.g. where the benchmark copies are not).",
)
@click.option(
    "--train-field",
    multiple=True,
    default=("text",),
    show_default=True,
    help="Training text field(s); dotted paths allowed; `messages` is flattened.",
)
@click.option(
    "--id-field", default="id", show_default=True, help="Id field of training rows (else the row number)."
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False),
    help="Write the JSON report here (atomically).",
)
@json_option("the report")
@click.option(
    "--write-clean",
    type=click.Path(),
    help="Write training rows with no finding here (with --executor ray: a folder of parts).",
)
@click.option(
    "--write-flagged",
    type=click.Path(),
    help="Write flagged training rows, with their findings, here (with --executor ray: a folder of parts).",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False),
    help="Write the report as one self-contained HTML page (texts side by side, matches marked) here.",
)
@click.option(
    "--fail-on-templates",
    is_flag=True,
    help="Exit 1 also when the only findings rest on template text (the report's `templates` section).",
)
@click.option("--batch-size", type=int, default=2048, show_default=True, help="Training rows per batch.")
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=None,
    help="Progress bar on stderr (default: when a terminal).",
)
@executor_options
@click.option(
    "--shard-mb",
    type=click.IntRange(min=1),
    help=f"With --executor ray: the size of the pieces large files are cut in, one task each (default: "
    f"{SHARD_BYTES >> 20}, less when the data is small for the workers: ~4 shards each, at least "
    f"{MIN_SHARD_BYTES >> 20}).",
)
@click.option(
    "--single-file",
    is_flag=True,
    help="With --executor ray: --write-clean/--write-flagged write one file each (read again on this "
    "machine) instead of a folder with one part per shard and parts.json.",
)
@click.pass_context
@one_line_errors
def audit(
    ctx: click.Context,
    train: tuple[str, ...],
    index_path: str | None,
    check_sources: bool,
    train_field: tuple[str, ...],
    id_field: str,
    report_path: str | None,
    html_path: str | None,
    as_json: bool,
    write_clean: str | None,
    write_flagged: str | None,
    fail_on_templates: bool,
    batch_size: int,
    show_progress: bool | None,
    executor: str,
    ray_address: str | None,
    workers: int | None,
    shard_mb: int | None,
    single_file: bool,
    **test_side: Any,
) -> None:
    """Audit TRAIN files (or dataset folders, hf: ids) against test sets.

    Methods: exact, substring, char50, char30 (share of a test item's character n-grams found in one
    training example >= --threshold), token13 (shared word 13-grams), fuzzy (re-translated or
    paraphrased items; --fuzzy-threshold) and short (answer options and short questions, with frequency
    guards). Every finding is verified on the text itself. Exit 0 clean, 1 contamination found, 2 usage or input error.

    With --executor ray the training data is cut in shards scanned as Ray tasks against one shared copy
    of the index; the report is the same, byte for byte.
    """
    if batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    check_executor_options(executor, ray_address, workers)
    parts = executor == "ray" and not single_file
    if executor != "ray" and (single_file or shard_mb is not None):
        raise InputError("--single-file and --shard-mb apply to --executor ray only")
    _check_outputs([report_path, write_clean, write_flagged, html_path], [*train, *test_side["tests"]])
    if parts:
        check_parts_targets(write_clean, write_flagged)
    else:
        for option, path in (("--write-clean", write_clean), ("--write-flagged", write_flagged)):
            if path and Path(path).is_dir():
                raise InputError(f"{option} {path}: is a folder; name the file to write")
    if index_path:
        explicit = [
            p.opts[0]
            for p in ctx.command.params
            if p.name
            in (
                "tests",
                "against",
                "methods",
                "threshold",
                "min_substring",
                "fuzzy_threshold",
                "test_field",
                "per_field",
                "templates",
            )  # fmt: skip
            and ctx.get_parameter_source(p.name) == click.core.ParameterSource.COMMANDLINE
        ]
        if explicit:
            raise InputError(f"--index fixes the test side and methods; drop {', '.join(explicit)}")
        index = load_index(index_path, check_sources=check_sources)
    else:
        if not check_sources:
            raise InputError("--no-check-sources applies to --index only")
        index = _build_index(**test_side)
    sources = [TrainSource(t, tuple(train_field), id_field) for t in train]
    enabled = sys.stderr.isatty() if show_progress is None else show_progress
    if executor == "ray":
        result = _audit_on_ray(
            sources,
            index,
            RayRun(ray_address, workers, batch_size, shard_mb << 20 if shard_mb else None, enabled),
            (write_clean, write_flagged) if parts else (None, None),
        )
    else:
        with progress(enabled) as bar:
            task = bar.add_task("auditing", total=None)
            result = run_audit(
                sources, index=index, batch_size=batch_size, on_rows=lambda n: bar.advance(task, n)
            )
    if not parts:
        write_split(sources, result.flagged, write_clean, write_flagged)
    if report_path:
        write_report(result.report, report_path)
    if html_path:
        from contamination.report_html import render_html, texts_for

        texts = texts_for(result.report, sources, result.flagged, index)
        write_bytes_atomic(html_path, render_html(result.report, texts).encode("utf-8"))
    if as_json:
        sys.stdout.buffer.write(report_bytes(result.report))
    else:
        render_report(result.report, output_console())
    sys.exit(1 if result.failed(fail_on_templates) else 0)


@dataclass(frozen=True)
class RayRun:
    """How `contam audit --executor ray` runs."""

    address: str | None
    workers: int | None
    batch_size: int
    shard_bytes: int | None  # None: `shard_size`
    show_progress: bool


def _audit_on_ray(
    sources: list[TrainSource],
    index: TestIndex,
    run: RayRun,
    part_dirs: tuple[str | None, str | None],
) -> AuditResult:
    """The audit as Ray tasks, with per-worker progress; the clean/flagged parts written by the workers."""
    with (
        contextlib.closing(executor_for("ray", run.address, run.workers)) as executor,
        progress(run.show_progress) as bar,
    ):
        task = bar.add_task("auditing", total=None)
        per_worker: dict[str, int] = {}
        done_bytes = 0

        def on_shard(done: ShardDone) -> None:
            nonlocal done_bytes
            done_bytes += done.nbytes
            if done.worker not in per_worker:
                per_worker[done.worker] = bar.add_task(f"  {done.worker}", total=None)
            bar.advance(per_worker[done.worker], done.rows)
            bar.advance(task, done.rows)
            bar.update(task, total=done.total_rows, description=f"auditing ({done_bytes / 1e6:,.0f} MB)")

        return audit_split_on(executor, sources, index, *part_dirs, run.batch_size, run.shard_bytes, on_shard)


@main.group("index")
def index_group() -> None:
    """A reusable test-side index: build it once, audit many training sets with `contam audit --index`."""


@index_group.command("build")
@test_side_options
@out_option("Index folder to write (atomically).", required=True)
@json_option("the index metadata")
@force_option("index")
@one_line_errors
def index_build(out: str, as_json: bool, force: bool, **test_side: Any) -> None:
    """Normalise the test sets and write their hash tables, with the sources' sha256 and revisions."""
    check_replaceable(out, earlier_index, force)  # before the work, and never a folder we did not write
    meta = save_index(_build_index(**test_side), out)
    if as_json:
        sys.stdout.buffer.write(report_bytes(meta))
        return
    console = output_console()
    for ts in meta["test_sets"]:
        console.print(f"{ts['name']}: {ts['items']} items from {ts['source']} (sha256 {ts['sha256'][:12]})")
    console.print(f"wrote {out}: {meta['units']} units, methods {', '.join(meta['config']['methods'])}")


if __name__ == "__main__":
    main()
