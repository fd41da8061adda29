"""Running work on a Ray cluster (`pip install 'norcurate[ray]'`): the shared object goes into Ray's object
store once (every worker on a node maps the same copy; numpy arrays are not copied), each item is a task,
retried when its worker dies, and results come back in item order. A task that fails for a reason of its
own (bad input) is not retried: its error is raised as it is. Ctrl-C cancels every task."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from contamination.common.errors import InputError
from contamination.executors.base import R, T, Work

MAX_RETRIES = 3  # a task whose worker process dies is run again this many times


_SHARED: dict[str, Any] = {}  # in a worker: the shared object last used, by object id


def _call(work: Work[T, R], shared: list[Any], item: T) -> R:
    """One item in a worker. The shared object comes as a reference inside a list (Ray resolves only
    references given as arguments themselves), so that a worker fetches and unpickles it once, not
    once per task."""
    import ray

    ref = shared[0]
    key = ref.hex()
    if key not in _SHARED:
        _SHARED.clear()  # one shared object at a time: the one the current map hands out
        _SHARED[key] = ray.get(ref)
    return work(_SHARED[key], item)


class RayExecutor:
    """Items as Ray tasks (see the module docstring). `address`: a running cluster (`ray start --head`
    prints it; "auto" finds one on this machine); none: a local Ray with `workers` CPUs. At most
    2 x workers tasks are in flight, so results waiting for their turn stay few."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise InputError(
                "--executor ray needs Ray; install it with: pip install 'norcurate[ray]'"
            ) from None
        self._ray = ray
        self._started = not ray.is_initialized()
        if self._started:
            options: dict[str, Any] = {
                "address": address,
                "include_dashboard": False,
                "log_to_driver": False,
                "logging_level": logging.ERROR,
            }
            if address is None:
                options["num_cpus"] = workers or os.cpu_count() or 1
            try:
                ray.init(**options)
            except ConnectionError as exc:
                raise InputError(
                    f"--ray-address {address}: cannot connect to a Ray cluster ({exc})"
                ) from None
        self.workers = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self._remote = ray.remote(max_retries=MAX_RETRIES, retry_exceptions=False)(_call)
        self._maps: list[dict[int, Any]] = []

    def map(self, work: Work[T, R], items: Sequence[T], shared: Any) -> Iterator[R]:
        """Submits the first tasks at once (a second map started before this one is read runs beside
        it), then one more as each result is taken."""
        ray = self._ray
        shared_box = [ray.put(shared)]  # once: every task reads the same copy
        window = 2 * self.workers
        pending: dict[int, Any] = {}
        self._maps.append(pending)  # `close` cancels what is left of it
        submitted = 0

        def submit(upto: int) -> None:
            nonlocal submitted
            while submitted < min(upto, len(items)):
                pending[submitted] = self._remote.remote(work, shared_box, items[submitted])
                submitted += 1

        def results() -> Iterator[R]:
            try:
                for i in range(len(items)):
                    submit(i + 1 + window)
                    yield self._get(pending.pop(i))
                self._maps.remove(pending)
            except BaseException:
                self._cancel(pending)
                raise

        submit(window)
        return results()

    def _get(self, ref: Any) -> Any:
        ray = self._ray
        try:
            return ray.get(ref)
        except ray.exceptions.RayTaskError as exc:
            cause = exc.cause if isinstance(exc.cause, BaseException) else None
            if cause is not None:
                raise cause from None  # the task's own error (an InputError names the file and row)
            raise
        except (ray.exceptions.WorkerCrashedError, ray.exceptions.OutOfMemoryError):
            raise InputError(
                f"a Ray worker died {MAX_RETRIES + 1} times on the same part of the input; nothing was written"
            ) from None

    def _cancel(self, pending: dict[int, Any]) -> None:
        """Stop the tasks of a map whose results are no longer wanted (an error, Ctrl-C, `close`)."""
        if not self._ray.is_initialized():
            pending.clear()
            return
        for ref in pending.values():
            with contextlib.suppress(Exception):  # a task that already ended, or whose owner is gone
                self._ray.cancel(ref, force=True)
        pending.clear()

    def close(self) -> None:
        """Cancel every task still running or waiting (a map left unread after an error or Ctrl-C), and
        stop the Ray this executor started (a cluster it joined runs on)."""
        for pending in self._maps:
            self._cancel(pending)
        self._maps.clear()
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()
