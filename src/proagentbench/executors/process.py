"""A pool of worker processes on this machine (the default for more than one worker)."""

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Self, TypeVar

from proagentbench.errors import ProagentError

T = TypeVar("T")
R = TypeVar("R")


THREADS_ENV = "OMP_NUM_THREADS"


def one_thread_per_worker() -> None:
    """Runs first in each worker: OpenMP and OpenBLAS (NumPy) start one thread per core in every process
    unless told otherwise, so `workers` processes would run workers x cores threads. Ray sets the same
    variable in its workers; a value the user set is kept."""
    os.environ.setdefault(THREADS_ENV, "1")


class ProcessExecutor:
    def __init__(self, workers: int = 0) -> None:
        if workers < 0:
            raise ProagentError(f"process executor: workers must be 0 (one per core) or more, got {workers}")
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Self:
        # spawn, not fork: callers hold threads and SQLite engines that a forked child must not inherit.
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=one_thread_per_worker,
        )
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=exc_type is not None)
            self._pool = None

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self._pool is None:
            raise RuntimeError("use the process executor as a context manager")
        return self._pool.map(function, items)
