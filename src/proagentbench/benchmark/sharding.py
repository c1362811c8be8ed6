"""Decision points as units of work: by default each point on a thread of this process (agents that wait on a
model), with an executor in shards of consecutive points, each shard run by one worker and handed back whole.

The agent and the context builder travel with the function (pickled once per shard by a process pool, put
once in the object store by Ray); points and records are small. Only the caller journals the records.
"""

import pickle
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import TypeVar

from proagentbench.errors import ProagentError
from proagentbench.executors import Executor
from proagentbench.executors.thread import ThreadExecutor

T = TypeVar("T")
R = TypeVar("R")

SHARDS_PER_WORKER = 4  # enough that a slow shard does not leave the other workers idle at the end
MAX_SHARD = 256  # points a crash or an interruption can lose before their records are journaled


def shard(items: Sequence[T], workers: int) -> list[list[T]]:
    if not items:
        return []
    size = max(1, min(MAX_SHARD, -(-len(items) // (SHARDS_PER_WORKER * max(1, workers)))))
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


def run_shard(work: Callable[[T], R], concurrency: int, points: list[T]) -> list[R]:
    """One unit of work, in any worker: the shard's points, `concurrency` at a time."""
    return list(ThreadExecutor(concurrency).map(work, points))


def map_points(
    executor: Executor | None, work: Callable[[T], R], points: Sequence[T], concurrency: int
) -> Iterator[list[R]]:
    """Batches of records in input order: one record per batch on threads, one shard per batch otherwise."""
    if executor is None:
        for record in ThreadExecutor(concurrency).map(work, points):
            yield [record]
        return
    try:
        yield from executor.map(partial(run_shard, work, concurrency), shard(points, executor.workers))
    except (pickle.PicklingError, TypeError) as exc:
        # The work itself never raises these (an agent's exception becomes the record's error): the agent
        # or its context cannot be sent to the executor's workers.
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ProagentError(
            f"the agent cannot be sent to the executor's workers ({first}); run without --executor"
        ) from None
