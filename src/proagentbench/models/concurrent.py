"""Running model-bound work on many items at once, results in input order, cancellable."""

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def map_concurrently(work: Callable[[In], Out], items: Sequence[In], workers: int) -> Iterator[Out]:
    """Yield `work(item)` for each item, in order, with up to `workers` running at once (threads: the work
    waits on the network). Stopping early (Ctrl-C, an error, the consumer closing) drops the queued items
    instead of working through them first."""
    if workers <= 1 or len(items) <= 1:
        yield from (work(item) for item in items)
        return
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        yield from pool.map(work, items)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
