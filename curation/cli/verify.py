"""`curate verify CERTIFIED_DIR | hf:ORG/NAME@REV`: check a certified build, or a published copy of one,
before anything trusts it."""

from __future__ import annotations

import sys

import click

from contamination.common.cli import json_option, one_line_errors
from contamination.common.jsonio import print_json
from curation.output.verify import verify_location


@click.command("verify")
@click.argument("certified_dir", metavar="CERTIFIED_DIR|hf:ORG/NAME@REV")
@json_option("the result")
@one_line_errors
def verify_cmd(certified_dir: str, as_json: bool) -> None:
    """Verify a certified set (`curate build` output, or a copy `curate publish` wrote): manifest schema,
    every file's bytes, sha256 and rows, croissant.json against the manifest, the audit report's hash, and
    that the audit passed. `hf:ORG/NAME@REV` downloads the published set at that revision first.

    Exit codes: 0 certified, 1 verification failed (the reasons are printed), 2 the hub cannot be
    reached or has no such set.
    """
    res = verify_location(certified_dir)
    if as_json:
        print_json(res.to_json())
    elif res.ok:
        click.echo(f"ok: {res.summary()}")
    else:
        click.echo(f"failed: {res.where}: not a certified set", err=True)
        for r in res.reasons:
            click.echo(f"  - {r}", err=True)
    if not res.ok:
        sys.exit(1)
