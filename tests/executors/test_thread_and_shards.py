"""The thread executor (the bench's default for agents that wait on a model) and the bench's shards of
decision points: input order, overlap, shard sizes, and a clear error for an agent that cannot travel."""

import threading
import time

import pytest

from proagentbench.benchmark.sharding import MAX_SHARD, map_points, shard
from proagentbench.errors import ProagentError
from proagentbench.executors import build_executor
from proagentbench.executors.inline import InlineExecutor
from proagentbench.executors.thread import ThreadExecutor
from proagentbench.plugins import Spec


def test_threads_keep_input_order_and_overlap() -> None:
    running, peak, lock = [0], [0], threading.Lock()

    def work(item: int) -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.02 * (4 - item % 4))
        with lock:
            running[0] -= 1
        return item * 10

    with build_executor(Spec("thread", {"workers": 4})) as executor:
        assert list(executor.map(work, range(12))) == [i * 10 for i in range(12)]
    assert peak[0] > 1


def test_a_thread_executor_needs_a_worker() -> None:
    with pytest.raises(ProagentError, match="workers must be 1 or more"):
        ThreadExecutor(0)


@pytest.mark.parametrize(
    ("points", "workers", "sizes"),
    [
        (0, 2, []),
        (5, 2, [1, 1, 1, 1, 1]),
        (20, 2, [3, 3, 3, 3, 3, 3, 2]),
        (10_000, 1, [MAX_SHARD] * 39 + [16]),
    ],
)
def test_shards_cover_every_point_once_in_order(points: int, workers: int, sizes: list[int]) -> None:
    shards = shard(list(range(points)), workers)
    assert [len(s) for s in shards] == sizes
    assert [item for s in shards for item in s] == list(range(points))


def test_map_points_batches_by_shard_with_an_executor_and_by_point_without() -> None:
    points = list(range(9))
    with InlineExecutor() as executor:
        batches = list(map_points(executor, str, points, concurrency=2))
    assert [len(b) for b in batches] == [3, 3, 3] and sum(batches, []) == [str(p) for p in points]
    assert list(map_points(None, str, points, concurrency=3)) == [[str(p)] for p in points]


class HoldsALock:
    def __init__(self) -> None:
        self.lock = threading.Lock()

    def __call__(self, item: int) -> int:
        return item


def test_an_agent_that_cannot_be_pickled_is_one_clear_line() -> None:
    executor = build_executor(Spec("process", {"workers": 1}))
    with executor, pytest.raises(ProagentError) as raised:
        list(map_points(executor, HoldsALock(), [1, 2], concurrency=1))
    message = str(raised.value)
    assert "cannot be sent to the executor's workers" in message and "\n" not in message
