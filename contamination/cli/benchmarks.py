"""`contam benchmarks`: list the NorEval tasks the audit knows, and fetch local copies of them."""

from __future__ import annotations

import click
from rich.table import Table

from contamination.common.cli import json_option, one_line_errors, output_console
from contamination.common.errors import InputError
from contamination.common.jsonio import print_json
from contamination.testside.benchmarks import (
    ENV_DIR,
    benchmarks_dir_or_env,
    count_units,
    fetch_task,
    group_rows,
    resolve_against,
    resolve_names,
    task_rows,
)
from contamination.testside.registry import load_registry

_DIR_HELP = f"Folder of local benchmark copies, one folder per task (default: ${ENV_DIR})."


@click.group("benchmarks", context_settings={"help_option_names": ["-h", "--help"]})
def benchmarks_group() -> None:
    """The NorEval benchmark registry: list tasks and groups, fetch local copies for offline audits."""


@benchmarks_group.command("list")
@click.argument("names", nargs=-1)
@json_option("the tasks and groups")
@click.option("--benchmarks-dir", type=click.Path(file_okay=False), envvar=ENV_DIR, help=_DIR_HELP)
@click.option(
    "--count",
    is_flag=True,
    help="Also load every task available locally and count its items and audit units.",
)
@one_line_errors
def list_cmd(names: tuple[str, ...], as_json: bool, benchmarks_dir: str | None, count: bool) -> None:
    """List NorEval tasks (all, or those NAMES and groups name), with where each is tested."""
    registry = load_registry()
    tasks = resolve_names(names, registry) if names else list(registry.tasks.values())
    root = benchmarks_dir_or_env(benchmarks_dir)
    rows = task_rows(tasks, root, registry, count)
    groups = group_rows(registry, {t.name for t in tasks})
    if as_json:
        doc = {
            "schema": "norcurate.benchmarks/1",
            "benchmarks_dir": str(root) if root else None,
            "tasks": rows,
            "groups": groups,
        }
        print_json(doc)
        return
    console = output_console()
    table = Table(title=f"NorEval tasks ({len(rows)})", show_lines=False)
    for col in ("task", "hf id", "config", "split", "revision", "lang", "items", "fields", "local"):
        table.add_column(col, justify="right" if col == "items" else "left", overflow="fold")
    for row in rows:
        split = row["split"] + (f" ({row['filter']})" if row["filter"] else "")
        revision = row["revision"] + ("" if row["revision_verified"] else " (unverified)")
        local = "yes" if row["available"] else "no"
        if "local" in row:
            local += f" ({row['local']['items']:,} items, {row['local']['units']:,} units)"
        table.add_row(
            row["task"],
            row["hf_id"],
            row["config"] or "-",
            split,
            revision,
            row["lang"],
            f"{row['items']:,}",
            ", ".join(f"{f['path']} ({f['role']})" for f in row["fields"]),
            local,
        )
    console.print(table)
    group_text = "; ".join(
        f"{name} ({len(g['tasks'])} tasks, {g['items']:,} items)" for name, g in groups.items()
    )
    if group_text:
        console.print(f"groups: {group_text}", soft_wrap=True)
    if root is None:
        console.print(f"no benchmarks directory: pass --benchmarks-dir DIR or set {ENV_DIR}", soft_wrap=True)


@benchmarks_group.command("fetch")
@click.argument("names", nargs=-1, required=True)
@click.option(
    "--to",
    "to_dir",
    type=click.Path(file_okay=False),
    envvar=ENV_DIR,
    help=f"Benchmarks folder to write DIR/<task> into (default: ${ENV_DIR}).",
)
@click.option("--force", is_flag=True, help="Fetch again even when a local copy is present.")
@one_line_errors
def fetch_cmd(names: tuple[str, ...], to_dir: str | None, force: bool) -> None:
    """Download NAMES (tasks or groups) from the Hugging Face hub at their pinned revisions."""
    if not to_dir:
        raise InputError(f"no target folder; pass --to DIR or set {ENV_DIR}")
    tasks = resolve_names(names)
    for task in tasks:
        outcome = fetch_task(task, to_dir, force=force)
        note = "already present (use --force to fetch again)" if outcome == "present" else "fetched"
        click.echo(f"{task.name}: {note} -> {to_dir}/{task.name}", err=True)


@benchmarks_group.command("check")
@click.argument("names", nargs=-1, required=True)
@click.option("--benchmarks-dir", type=click.Path(file_okay=False), envvar=ENV_DIR, help=_DIR_HELP)
@json_option("the counts")
@one_line_errors
def check_cmd(names: tuple[str, ...], benchmarks_dir: str | None, as_json: bool) -> None:
    """Load NAMES (tasks or groups) from their local copies, as an audit would, and count their units."""
    registry = load_registry()
    test_sets = resolve_against(list(names), benchmarks_dir)
    rows = []
    for ts in test_sets:
        counts = count_units(ts, registry)
        rows.append(
            {
                "task": ts.name,
                "items": counts.items,
                "expected_items": registry.tasks[ts.name].n,
                "units": counts.units,
                **{f"{k}_units": v for k, v in counts.by_kind.items()},
                "source": ts.source,
                "revision": ts.revision,
                "sha256": ts.sha256,
            }
        )
    if as_json:
        print_json(rows)
        return
    for r in rows:
        differs = "" if r["items"] == r["expected_items"] else f" (NorEval evaluates {r['expected_items']:,})"
        click.echo(
            f"{r['task']}: {r['items']:,} items{differs}, {r['units']:,} units "
            f"({r['field_units']:,} fields, {r['option_units']:,} options) from {r['source']}"
        )
