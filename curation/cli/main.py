"""`curate`: build, inspect and train on certified Norwegian SFT mixes."""

from __future__ import annotations

import click

from contamination import __version__
from curation.cli.build import build_cmd
from curation.cli.langid import langid_cmd
from curation.cli.publish import publish_cmd
from curation.cli.train import train_cmd
from curation.cli.verify import verify_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="curate")
def main() -> None:
    """Curate Bokmål/Nynorsk fine-tuning data: build recipes, identify languages, publish, verify, train.

    Exit codes: 0 ok, 1 audit or verification failed, 2 usage or input error.
    """


main.add_command(build_cmd)
main.add_command(langid_cmd)
main.add_command(publish_cmd)
main.add_command(train_cmd)
main.add_command(verify_cmd)

if __name__ == "__main__":
    main()
