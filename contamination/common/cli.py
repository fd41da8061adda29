"""What both CLIs share: one-line errors with exit code 2, progress bars on stderr."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
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
