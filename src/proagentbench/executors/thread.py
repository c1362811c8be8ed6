"""Threads of this process: for units that wait on I/O (model calls), not for CPU-bound work."""

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from proagentbench.errors import ProagentError
from proagentbench.executors.base import NothingToStart

T = TypeVar("T")
R = TypeVar("R")


class ThreadExecutor(NothingToStart):
    def __init__(self, workers: int = 8) -> None:
        if workers < 1:
            raise ProagentError(f"thread executor: workers must be 1 or more, got {workers}")
        self.workers = workers

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """In input order, up to `workers` at once. Stopping early (Ctrl-C, an error, the consumer closing)
        drops the queued units instead of working through them first."""
        units = list(items)
        if self.workers <= 1 or len(units) <= 1:
            yield from map(function, units)
            return
        pool = ThreadPoolExecutor(max_workers=self.workers)
        try:
            yield from pool.map(function, units)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
