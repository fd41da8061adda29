"""What both CLIs share: one-line errors with exit code 2, progress bars on stderr."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click
from pydantic import ValidationError

from contamination.common.errors import InputError, VerificationError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 2) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def one_line_errors(func: F) -> F:
    """Turn input problems into `error: ...` on stderr and exit 2 (1 for verification failures)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            fail(str(exc), 2)
        except VerificationError as exc:
            fail(str(exc), 1)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            fail(f"{loc}: {err['msg']}", 2)
        except MemoryError:
            fail("out of memory; use a smaller --batch-size or fewer test sets", 2)
        except KeyboardInterrupt:
            fail("interrupted; nothing was written", 130)

    return wrapper  # type: ignore[return-value]


# rich cuts output to 80 columns when it cannot ask a terminal: piped or redirected output gets the full
# width of its content instead (a table in a log or CI output should not lose its columns)
PIPE_WIDTH = 4096


def output_console(stderr: bool = False) -> Console:
    """A rich console for stdout (or stderr): the terminal's width on a terminal, $COLUMNS when set, else
    wide enough that nothing is cut."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty() or os.environ.get("COLUMNS"):
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=PIPE_WIDTH)


# what `-q` silences besides our own lines: the Hugging Face libraries' loading bars and warnings
_QUIET_ENV = {
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_DATASETS_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
}
_NOISY_MODULES = r"(transformers|peft|accelerate|datasets|huggingface_hub|torch)(\.|$)"


@contextlib.contextmanager
def quiet_libraries(quiet: bool = True) -> Iterator[None]:
    """With `quiet`, the Hugging Face libraries print no progress bars, log warnings or Python warnings
    inside the block (they ignore our `-q` otherwise); everything is put back afterwards."""
    if not quiet:
        yield
        return
    saved_env = {k: os.environ.get(k) for k in _QUIET_ENV}
    os.environ.update(_QUIET_ENV)  # for the libraries imported inside the block
    undo: list[Callable[[], None]] = []
    try:
        # and for those imported already (importing them here would slow down every -q run)
        if "transformers" in sys.modules:
            from transformers.utils import logging as tf_logging

            level, bars = tf_logging.get_verbosity(), tf_logging.is_progress_bar_enabled()
            tf_logging.set_verbosity_error()
            tf_logging.disable_progress_bar()
            undo.append(lambda: tf_logging.set_verbosity(level))
            if bars:
                undo.append(tf_logging.enable_progress_bar)
        if "huggingface_hub" in sys.modules:
            from huggingface_hub.utils import (
                are_progress_bars_disabled,
                disable_progress_bars,
                enable_progress_bars,
            )

            if not are_progress_bars_disabled():
                disable_progress_bars()
                undo.append(enable_progress_bars)
        if "datasets" in sys.modules:
            import datasets

            if datasets.is_progress_bar_enabled():
                datasets.disable_progress_bars()
                undo.append(datasets.enable_progress_bars)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module=_NOISY_MODULES)
            yield
    finally:
        for fn in reversed(undo):
            fn()
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class _NoProgress:
    """What a disabled progress bar does (nothing), without importing rich for it."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: float | None = None, **fields: Any) -> int:
        return 0

    def advance(self, task_id: int, advance: float = 1) -> None:
        return None

    def update(self, task_id: int, **fields: Any) -> None:
        return None


def progress(enabled: bool) -> Progress | _NoProgress:
    if not enabled:
        return _NoProgress()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


# ----------------------------------------------------------------------------- shared options
# The same flag means the same thing in every command of both CLIs; each command says what it writes.


def json_option(what: str) -> Callable[[F], F]:
    """`--json`: print `what` as JSON on stdout instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help=f"Print {what} as JSON on stdout.")


def quiet_option(what: str) -> Callable[[F], F]:
    """`-q/--quiet`: no `what` (and no library loading bars or warnings) on stderr."""
    return click.option("--quiet", "-q", is_flag=True, help=f"No {what} on stderr.")


def out_option(help_text: str, required: bool = False) -> Callable[[F], F]:
    """`--out DIR`: the folder a command writes (atomically)."""
    return click.option("--out", "out", required=required, type=click.Path(file_okay=False), help=help_text)


def force_option(what: str) -> Callable[[F], F]:
    """`--force`: replace an output folder that holds files the tool did not write (never an input)."""
    return click.option(
        "--force", is_flag=True, help=f"Replace --out even when it holds files that no earlier {what} wrote."
    )


def executor_options(func: F) -> F:
    """`--executor local|ray`, `--ray-address`, `--workers`: where the row-wise work runs (the same in
    every command that can run on a cluster)."""
    options = [
        click.option(
            "--executor",
            type=click.Choice(["local", "ray"]),
            default="local",
            show_default=True,
            help="Run in this process, or as tasks on a Ray cluster (pip install 'norcurate[ray]').",
        ),
        click.option(
            "--ray-address",
            help="With --executor ray: the cluster to join (`ray start --head` prints it; `auto`: the one "
            "on this machine). Default: a Ray started here for this run.",
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            help="With --executor ray: the CPUs of the Ray started for this run (default: all of this "
            "machine's); with --ray-address, at most twice this many tasks in flight (default: the "
            "cluster's CPUs).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def check_executor_options(executor: str, ray_address: str | None, workers: int | None) -> None:
    if executor != "ray" and (ray_address or workers):
        raise InputError("--ray-address and --workers apply to --executor ray only")


def dry_run_option(help_text: str) -> Callable[[F], F]:
    return click.option("--dry-run", is_flag=True, help=help_text)
