"""`curate verify CERTIFIED_DIR`: check a certified build before anything trusts it."""

from __future__ import annotations

import sys

import click

from contamination.common.cli import json_option, one_line_errors
from contamination.common.jsonio import print_json
from curation.output.verify import verify_certified


@click.command("verify")
@click.argument("certified_dir", type=click.Path(file_okay=False))
@json_option("the result")
@one_line_errors
def verify_cmd(certified_dir: str, as_json: bool) -> None:
    """Verify a certified set (`curate build` output): manifest schema, every file's bytes, sha256 and rows,
    the audit report's hash, and that the audit passed.

    Exit codes: 0 certified, 1 verification failed (the reasons are printed).
    """
    res = verify_certified(certified_dir)
    if as_json:
        print_json(res.to_json())
    elif res.ok:
        click.echo(f"ok: {res.summary()}")
    else:
        click.echo(f"failed: {certified_dir}: not a certified set", err=True)
        for r in res.reasons:
            click.echo(f"  - {r}", err=True)
    if not res.ok:
        sys.exit(1)
