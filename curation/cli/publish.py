"""`curate publish BUILD --repo ORG/NAME | --to DIR`: publish a certified build exactly as built
(see curation.output.publish)."""

from __future__ import annotations

import click

from contamination.common.cli import dry_run_option, force_option, json_option, one_line_errors
from contamination.common.errors import InputError
from contamination.common.jsonio import print_json
from curation.output.publish import PublishResult, publish_to_dir, publish_to_hub


def human_bytes(n: int) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


def render(result: PublishResult) -> None:
    files = result.files
    if result.dry_run:
        where = "one commit to " if result.target.startswith("hf:") else "into "
        click.echo(f"dry run: {where}{result.target}; nothing is written or uploaded")
    width = max(len(f.path) for f in files)
    for f in files:
        click.echo(f"  add     {f.path:<{width}}  {human_bytes(f.bytes):>9}")
    for path in result.deleted:
        click.echo(f"  delete  {path}")
    click.echo(f"{len(files)} files, {human_bytes(result.total_bytes)}")
    if result.dry_run:
        if result.target.startswith("hf:"):
            click.echo(
                "(the hub was not contacted: files already in the repository are checked when publishing)"
            )
        return
    if result.commit:
        click.echo(f"published {result.target} in one commit: {result.commit}")
        if result.commit_url:
            click.echo(f"  {result.commit_url}")
    else:
        click.echo(f"published into {result.target}")
    click.echo(f"check it with: {result.verify_command}")


@click.command("publish")
@click.argument("build", type=click.Path(file_okay=False))
@click.option(
    "--repo", metavar="ORG/NAME", help="Upload to this Hugging Face dataset repository, in one commit."
)
@click.option(
    "--to",
    "to",
    type=click.Path(file_okay=False),
    help="Write into this local folder or git checkout instead.",
)
@click.option("--revision", metavar="BRANCH", help="With --repo: the branch to commit to (default main).")
@click.option("--private", is_flag=True, help="With --repo: create the repository as private.")
@click.option(
    "--allow-licence",
    "allow_licence",
    multiple=True,
    metavar="SOURCE",
    help="Publish although SOURCE's licence is unknown or restrictive (you checked it). Repeatable.",
)
@dry_run_option("List what would be published (one commit's operations and sizes); touch nothing.")
@force_option("publish")
@json_option("the operations (and the commit)")
@one_line_errors
def publish_cmd(
    build: str,
    repo: str | None,
    to: str | None,
    revision: str | None,
    private: bool,
    allow_licence: tuple[str, ...],
    dry_run: bool,
    force: bool,
    as_json: bool,
) -> None:
    """Publish the certified set in BUILD: verify it first, then upload exactly manifest.json and the files
    it lists (data, audit.json, card, croissant.json) to --repo in one commit, or write them into --to.
    The private folder beside the build is never published. On the hub --force deletes, in the same
    commit, files the build does not list; with --to it replaces a folder holding files no earlier
    publish wrote (a checkout's .git/ and .gitattributes are always kept).

    Exit codes: 0 published, 1 BUILD does not verify, 2 usage, licence or upload error.
    """
    if (repo is None) == (to is None):
        raise InputError("give exactly one of --repo ORG/NAME (the hub) or --to DIR (a local folder)")
    if to is not None and (revision or private):
        raise InputError("--revision and --private apply to --repo only")
    if repo is not None:
        result = publish_to_hub(
            build,
            repo,
            revision=revision,
            private=private,
            allow_licences=allow_licence,
            dry_run=dry_run,
            force=force,
        )
    else:
        assert to is not None
        result = publish_to_dir(build, to, allow_licences=allow_licence, dry_run=dry_run, force=force)
    if as_json:
        print_json(result.to_json())
    else:
        render(result)
