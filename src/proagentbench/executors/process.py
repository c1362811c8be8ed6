"""A pool of worker processes on this machine (the default for more than one worker).

Workers must not outlive the driver: each leads its own process group (so what it starts, Tesseract, goes
with it) and watches its parent, killing its group as soon as the parent is gone (kill -9 included). A block
left by an exception or an interrupt (Ctrl-C, or SIGTERM turned into one by the CLI) kills the workers at
once instead of waiting for their chunks: workers only compute, so nothing committed is lost.
"""

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from types import TracebackType
from typing import Self, TypeVar

from proagentbench.errors import ProagentError

T = TypeVar("T")
R = TypeVar("R")

PARENT_POLL_SECONDS = 0.2
JOIN_SECONDS = 10


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
            initializer=start_worker,
            initargs=(os.getpid(),),
        )
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if exc_type is None:
            pool.shutdown(wait=True)
        else:
            _kill_workers(pool)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self._pool is None:
            raise RuntimeError("use the process executor as a context manager")
        return self._pool.map(function, items)


def start_worker(parent: int) -> None:
    """Pool initializer, run first in each worker."""
    one_thread_per_worker()
    watch_parent(parent)


def watch_parent(parent: int) -> None:
    """Pool initializer, run in each worker: lead a process group of its own and die with the parent."""
    if not hasattr(os, "setpgid"):  # Windows: no process groups; the pool's own handling applies
        return
    try:
        os.setpgid(0, 0)
        leader = True
    except OSError:
        leader = False
    threading.Thread(target=_orphan_watch, args=(parent, leader), name="parent-watch", daemon=True).start()


def _orphan_watch(parent: int, leader: bool) -> None:
    # A dead parent's children are re-parented (to init or a subreaper), so the parent pid changes.
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    if leader:
        os.killpg(0, signal.SIGKILL)  # this worker and what it started
    os._exit(1)  # not a group of its own: never signal the parent's group (the user's shell)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    # `_processes` is private, but the only handle on the workers before Python 3.14's terminate_workers().
    processes = list(getattr(pool, "_processes", None) or {})
    pool.shutdown(wait=False, cancel_futures=True)
    for pid in processes:
        for kill in (_kill_group, _kill_process):  # a worker killed before its initializer has no group
            with suppress(ProcessLookupError, PermissionError):
                kill(pid)
    pool.shutdown(wait=True)


def _kill_group(pid: int) -> None:
    if hasattr(os, "killpg"):
        os.killpg(pid, signal.SIGKILL)


def _kill_process(pid: int) -> None:
    os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
