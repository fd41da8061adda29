"""The executor a command line names (`--executor local|ray`); Ray is imported only when it is chosen."""

from __future__ import annotations

from contamination.executors.base import Executor, LocalExecutor


def executor_for(name: str, address: str | None = None, workers: int | None = None) -> Executor:
    """The executor a command line names (`--executor local|ray`)."""
    if name == "local":
        return LocalExecutor()
    if name == "ray":
        from contamination.executors.ray_executor import RayExecutor  # Ray only when it is used

        return RayExecutor(address=address, workers=workers)
    raise ValueError(f"unknown executor {name!r}")
