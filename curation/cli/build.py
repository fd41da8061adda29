"""`curate build RECIPE`: from sources to a certified, balanced SFT mix (see curation.pipeline)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from contamination import __version__
from contamination.common.cli import (
    check_executor_options,
    dry_run_option,
    executor_options,
    force_option,
    json_option,
    one_line_errors,
    out_option,
    output_console,
    quiet_libraries,
    quiet_option,
)
from contamination.common.jsonio import print_json
from contamination.executors.base import Executor
from curation.output.licences import licence_problems
from curation.output.target import check_out_dir, output_dir, private_dir
from curation.recipe.loading import LoadedRecipe, load_recipe
from curation.steps.mix import plan_targets


def build_plan(lr: LoadedRecipe, out: Path) -> dict[str, Any]:
    """What a build would do, without loading any hub data."""
    from curation.sources.loading import count_local_rows

    recipe = lr.recipe
    sources = []
    for i, s in enumerate(recipe.sources):
        entry: dict[str, Any] = {"name": s.name, "format": s.format, "lang": s.lang, "max_rows": s.max_rows}
        if s.hub is not None:
            entry.update(
                origin=f"hf:{s.hub.repo}",
                config=s.hub.config,
                split=s.hub.split,
                revision=s.hub.revision,
                revision_verified=s.hub.revision_verified,
                expected_rows=s.max_rows,
            )
        else:
            exists = lr.resolve(s.path or "").exists()
            rows, split = count_local_rows(lr, i)
            entry.update(origin=s.path, revision=None, exists=exists, expected_rows=rows, split=split)
        if s.format == "parallel":
            entry["parallel_use"] = s.parallel_use
        sources.append(entry)
    audit: dict[str, Any] | None = None
    if recipe.audit is not None:
        a = recipe.audit
        tasks: list[str] = []
        if a.benchmarks:
            from contamination.testside.benchmarks import resolve_names

            tasks = [t.name for t in resolve_names(a.benchmarks)]
        missing_sets = [ts.path for ts in a.test_sets if not lr.resolve(ts.path).exists()]
        audit = {
            "test_sets": [ts.path for ts in a.test_sets],
            "benchmarks": tasks,
            "methods": a.methods,
            "threshold": a.threshold,
            "on_contamination": a.on_contamination,
            "missing_test_sets": missing_sets,
        }
    unverified = [s["name"] for s in sources if s.get("revision_verified") is False]
    missing = [s["name"] for s in sources if s.get("exists") is False]
    mix = {
        **plan_targets(recipe.mix),
        "upsample": recipe.mix.upsample,
        "allow_shortfall": recipe.mix.allow_shortfall,
    }
    mix.update(fill_check(mix, sources))
    return {
        "recipe": str(lr.path),
        "sha256": lr.sha256,
        "name": recipe.name,
        "seed": recipe.seed,
        "sources": sources,
        "filters": recipe.filters.model_dump(mode="json"),
        "dedup": recipe.dedup.model_dump(mode="json"),
        "mix": mix,
        "audit": audit,
        "output": str(out),
        "unverified_revisions": unverified,
        "missing_local_sources": missing,
        "tool_version": __version__,
    }


def fill_check(mix: dict[str, Any], sources: list[dict[str, Any]]) -> dict[str, Any]:
    """Whether the sources can fill the mix: `source_rows` (rows they hold before any filtering; None when
    a source's count is unknown, a hub source without max_rows) and `cannot_fill`, the quotas that even
    all of those rows would not reach (no upsampling)."""
    counts = [s.get("expected_rows") for s in sources]
    available = sum(counts) if all(isinstance(n, int) for n in counts) else None
    short: dict[str, int] = {}
    if not mix["upsample"]:
        if available is not None and mix.get("expected_rows") and available < mix["expected_rows"]:
            short["total"] = mix["expected_rows"]
        rows = {s["name"]: s.get("expected_rows") for s in sources}
        for name, quota in (mix.get("by_source") or {}).items():
            if isinstance(rows.get(name), int) and rows[name] < quota:
                short[f"by_source.{name}"] = quota
    return {"source_rows": available, "cannot_fill": short}


def _render_plan(plan: dict[str, Any], console: Console) -> None:
    t = Table(title=f"Plan: {plan['name']} (seed {plan['seed']})", title_justify="left")
    for col in ("source", "origin", "revision", "format", "lang", "expected rows"):
        t.add_column(col)
    for s in plan["sources"]:
        rev = s["revision"] or "local"
        if s.get("revision_verified") is False:
            rev += " [bold red](UNVERIFIED)[/]"
        exp = s.get("expected_rows")
        if s.get("exists") is False:
            shown = "[bold red]missing[/]"
        elif exp:
            shown = f"{exp:,}" + (" (max_rows)" if s.get("origin", "").startswith("hf:") else "")
        else:
            shown = "unknown (hub not contacted)"
        origin = s["origin"] + (f" (split {s['split']})" if s.get("split") else "")
        t.add_row(s["name"], origin, rev, s["format"], s["lang"] or "—", shown)
    console.print(t)
    mix = plan["mix"]
    q = Table(title="Quotas", title_justify="left")
    q.add_column("quota")
    q.add_column("target", justify="right")
    for dim in ("by_lang", "by_source"):
        for k, v in (mix.get(dim) or {}).items():
            q.add_row(f"{dim}.{k}", f"{v:,}")
    q.add_row("expected rows", f"{mix['expected_rows']:,}" if mix.get("expected_rows") else "all")
    console.print(q)
    if mix["cannot_fill"]:
        what = ", ".join(f"{k} {v:,}" for k, v in mix["cannot_fill"].items())
        then = (
            "allow_shortfall: the build will be smaller"
            if mix["allow_shortfall"]
            else "the build will stop; lower the quotas, add sources, or set upsample or allow_shortfall"
        )
        console.print(
            f"[bold red]the sources cannot fill the mix[/]: they hold {mix['source_rows']:,} rows before "
            f"filtering, the quotas ask for {what}; {then}"
        )
    if plan["audit"]:
        a = plan["audit"]
        names = a["test_sets"] + a["benchmarks"]
        console.print(
            f"audit: {len(names)} test set(s): {', '.join(names)}; on_contamination: {a['on_contamination']}"
        )
    else:
        console.print("audit: none (the build will not be certified)")
    if plan["unverified_revisions"]:
        console.print(
            f"[bold red]unverified hub revisions[/] ({', '.join(plan['unverified_revisions'])}): pin them before `curate build`"
        )
    if plan["missing_local_sources"]:
        console.print(
            f"[bold red]missing local sources[/] ({', '.join(plan['missing_local_sources'])}): `curate build` needs them"
        )
    if plan["audit"] and plan["audit"]["missing_test_sets"]:
        console.print(f"[bold red]missing test sets[/]: {', '.join(plan['audit']['missing_test_sets'])}")
    console.print(f"output: {plan['output']} (dry run: nothing written)")


def render_funnel(manifest: dict[str, Any], console: Console) -> None:
    t = Table(title=f"Funnel: {manifest['name']}", title_justify="left")
    t.add_column("step")
    t.add_column("in", justify="right")
    t.add_column("out", justify="right")
    t.add_column("dropped")
    for e in manifest["funnel"]:
        reasons = ", ".join(f"{r} {n:,}" for r, n in e.get("dropped", {}).items()) or "—"
        t.add_row(e["step"], f"{e['in']:,}", f"{e['out']:,}", reasons)
    console.print(t)
    splits = next((e.get("splits") for e in manifest["funnel"] if e["step"] == "load"), None)
    if splits:
        console.print(
            "splits read: " + ", ".join(f"{name} [bold]{split}[/]" for name, split in splits.items())
        )
    mix = manifest["mix"]
    target = (mix.get("target") or {}).get("by_lang") or {}
    achieved = (mix.get("achieved") or {}).get("by_lang") or {}
    total = manifest["rows"]
    m = Table(title="Language mix", title_justify="left")
    for col in ("lang", "target", "achieved", "share"):
        m.add_column(col, justify="right" if col != "lang" else "left")
    for lang in sorted(set(target) | set(achieved)):
        share = achieved.get(lang, 0) / total if total else 0.0
        m.add_row(
            lang, f"{target[lang]:,}" if lang in target else "—", f"{achieved.get(lang, 0):,}", f"{share:.1%}"
        )
    console.print(m)
    audit = manifest.get("audit")
    if audit is None:
        console.print("[yellow]no audit configured: built, not certified[/]")
    else:
        verdict = "[bold green]CERTIFIED[/]" if audit["passed"] else "[bold red]NOT CERTIFIED[/]"
        console.print(
            f"{verdict}: {audit['summary']['train_rows']:,} rows audited against {audit['summary']['test_items']:,} "
            f"test items; {audit['dropped_rows']:,} contaminated rows dropped"
        )
    problems = licence_problems(manifest)
    if problems:  # said now, not first when someone tries to publish
        more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
        console.print(
            f"[yellow]licences[/]: `curate publish` will refuse this build: {problems[0].message}{more}"
        )


@contextlib.contextmanager
def _executor(name: str, address: str | None, workers: int | None) -> Iterator[Executor | None]:
    """None for the local build (in process, as it always ran); else the executor, closed afterwards."""
    if name == "local":
        yield None
        return
    from contamination.executors.choose import executor_for

    with contextlib.closing(executor_for(name, address, workers)) as executor:
        yield executor


@click.command("build")
@click.argument("recipe", type=click.Path(dir_okay=False))
@out_option("Output directory (default: the recipe's output.dir, relative to the recipe).")
@dry_run_option("Validate and print the plan (sources, quotas, expected counts); write nothing.")
@json_option("the manifest (or the plan)")
@quiet_option("per-step progress")
@force_option("build")
@executor_options
@one_line_errors
def build_cmd(
    recipe: str,
    out: str | None,
    dry_run: bool,
    as_json: bool,
    quiet: bool,
    force: bool,
    executor: str,
    ray_address: str | None,
    workers: int | None,
) -> None:
    """Build a certified SFT mix from RECIPE (YAML): load, repair, identify language, filter, dedup, mix,
    audit, write.

    With --executor ray the row-wise steps (load, repair, language, filters) and the audit run as Ray
    tasks; dedup, mix and the writing stay here, over the rows that survive. The output is the same, byte
    for byte.

    Exit codes: 0 built (and certified when the recipe has an audit), 1 contamination found with
    on_contamination: fail, 2 recipe or input error.
    """
    check_executor_options(executor, ray_address, workers)
    lr = load_recipe(recipe)
    out_dir = output_dir(lr, out)
    console = output_console(stderr=as_json)
    if dry_run:
        plan = build_plan(lr, out_dir)
        if as_json:
            print_json(plan)
        else:
            _render_plan(plan, console)
        return
    check_out_dir(lr, out_dir, force)  # before any heavy work
    from curation.output.writer import build

    def on_step(name: str, counts: dict[str, Any]) -> None:
        if quiet:
            return
        dropped = sum(counts.get("dropped", {}).values())
        click.echo(
            f"{name:>9}: {counts['in']:>9,} in  {counts['out']:>9,} out  {dropped:>9,} dropped", err=True
        )

    def on_write(path: Path) -> None:
        if not quiet:
            click.echo(f"{'write':>9}: {path}", err=True)

    with quiet_libraries(quiet), _executor(executor, ray_address, workers) as runs_on:
        manifest = build(lr, out_dir, force=force, on_step=on_step, on_write=on_write, executor=runs_on)
    if as_json:
        print_json(manifest)
    else:
        render_funnel(manifest, console)
    private = private_dir(out_dir)
    if private.is_dir():
        console.print(
            f"[bold]private[/] (never publish): {private}: rows dropped as contaminated and the audit's "
            "evidence, which quote the test sets"
        )
