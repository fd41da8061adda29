"""How work runs, kept apart from what the work is: an executor maps one function over work items, with
one large shared object (the test-side index) handed to every call, and yields the results in the order
of the items. `LocalExecutor` runs in this process; `contamination.executors.ray_executor.RayExecutor`
on a Ray cluster (imported only when asked for, see `contamination.executors.choose`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")
Work = Callable[[Any, T], R]  # work(shared, item) -> result; module-level, so a remote worker can import it


class Executor(Protocol):
    name: str

    def map(self, work: Work[T, R], items: Sequence[T], shared: Any) -> Iterator[R]:
        """`work(shared, item)` for every item; results in item order."""
        ...

    def close(self) -> None: ...


class LocalExecutor:
    """Every call in this process, one after the other."""

    name = "local"

    def map(self, work: Work[T, R], items: Sequence[T], shared: Any) -> Iterator[R]:
        for item in items:
            yield work(shared, item)

    def close(self) -> None:
        return None
