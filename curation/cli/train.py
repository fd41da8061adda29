"""`curate train CERTIFIED_DIR --config train.yaml`: the bundled PiSSA LoRA trainer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from contamination.common.cli import (
    dry_run_option,
    force_option,
    json_option,
    one_line_errors,
    out_option,
    output_console,
    quiet_libraries,
    quiet_option,
)
from contamination.common.errors import InputError
from contamination.common.jsonio import print_json


def _render_dry_run(plan: dict[str, Any], console: Console) -> None:
    sel = plan["selection"]
    params = plan["params"]
    t = Table(title=f"Trainable parameters: {plan['base_model']} (init {plan['init']})", title_justify="left")
    for col in ("layer", "type", "module", "params"):
        t.add_column(col, justify="right" if col in ("layer", "params") else "left")
    for row in params["by_layer_module"]:
        t.add_row(
            "—" if row["layer"] is None else str(row["layer"]),
            row["layer_type"] or "—",
            row["module"],
            f"{row['params']:,}",
        )
    console.print(t)
    share = params["trainable"] / params["total"] if params["total"] else 0.0
    console.print(f"trainable: {params['trainable']:,} of {params['total']:,} parameters ({share:.4%})")
    console.print(
        f"layers: {len(sel['layers'])} of {sel['num_layers']} ({sel['layers_path']}): {sel['layers']}"
    )
    for s in sel["skipped"]:
        console.print(f"[yellow]skipped[/]: layer {s['layer']} has no {s['module']}")
    console.print(
        f"dataset: {plan['dataset']['path']} certified (dry run: no weights loaded, nothing trained)"
    )


@click.command("train")
@click.argument("certified_dir", type=click.Path(file_okay=False))
@click.option(
    "--config", "config_path", required=True, type=click.Path(dir_okay=False), help="Training config (YAML)."
)
@out_option("Output directory (default: the config's output_dir).")
@dry_run_option("Verify, print the trainable parameters per layer and module; train nothing.")
@json_option("the training manifest (or the dry-run plan)")
@quiet_option("progress bar or log lines")
@force_option("training run")
@one_line_errors
def train_cmd(
    certified_dir: str,
    config_path: str,
    out: str | None,
    dry_run: bool,
    as_json: bool,
    quiet: bool,
    force: bool,
) -> None:
    """Train a PiSSA LoRA adapter on CERTIFIED_DIR (a verified `curate build` output; anything else is
    refused before a model loads). Loss on assistant tokens only; the adapter is saved as a plain LoRA
    adapter for the unmodified base model, with training_manifest.json.

    Exit codes: 0 trained, 1 the dataset failed verification, 2 config or input error.
    """
    try:
        from curation.train.config import load_train_config
        from curation.train.run import check_train_out, require_certified, run_training
        from curation.train.run import dry_run as plan_dry_run
    except ImportError as exc:
        raise InputError(
            f"curate train needs the training libraries ({exc.name} is missing); "
            "install them with: pip install -e '.[train]'"
        ) from None

    cfg = load_train_config(config_path)
    require_certified(certified_dir)
    console = output_console(stderr=True)
    if dry_run:
        with quiet_libraries(quiet):
            plan = plan_dry_run(certified_dir, cfg)
        if as_json:
            print_json(plan)
        else:
            _render_dry_run(plan, output_console())
        return
    out_dir = Path(out or cfg.output_dir)
    check_train_out(certified_dir, out_dir, force)  # before the model loads
    log = None if quiet else (lambda msg: console.print(msg, highlight=False))
    with quiet_libraries(quiet):
        manifest = run_training(certified_dir, cfg, out_dir, show_progress=not quiet, log=log, force=force)
    if as_json:
        print_json(manifest)
    else:
        m = manifest["metrics"]
        click.echo(
            f"trained: {m['optimizer_steps']} steps, loss {m['first_loss']:.4f} → {m['final_loss']:.4f}, "
            f"{m['tokens_per_s']:,.0f} tok/s; adapter and training_manifest.json in {out_dir}"
        )
