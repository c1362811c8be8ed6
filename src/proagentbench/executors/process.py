"""A pool of worker processes on this machine (the default for more than one worker).

Workers must not outlive the driver: each leads its own process group (so what it starts, Tesseract, goes
with it) and watches its parent, killing its group as soon as the parent is gone (kill -9 included). A block
left by an exception or an interrupt (Ctrl-C, or SIGTERM turned into one by the CLI) kills the workers at
once instead of waiting for their chunks: workers only compute, so nothing committed is lost.
"""

import multiprocessing
import multiprocessing.context
import multiprocessing.queues
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
from proagentbench.executors import ticks

T = TypeVar("T")
R = TypeVar("R")

PARENT_POLL_SECONDS = 0.2
JOIN_SECONDS = 10
TICK_POLL_SECONDS = 0.1


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
        self._ticks: TickReader | None = None

    def __enter__(self) -> Self:
        # spawn, not fork: callers hold threads and SQLite engines that a forked child must not inherit.
        context = multiprocessing.get_context("spawn")
        self._ticks = TickReader(context)
        self._ticks.start()  # always read, so that workers never block on a full pipe nobody drains
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=start_worker,
            initargs=(os.getpid(), self._ticks.queue),
        )
        return self

    def on_ticks(self, callback: Callable[[int], None]) -> None:
        """Counts that work running in the workers reports (`ticks.channel()`) go to ``callback``, from a
        thread of this process, as they arrive."""
        if self._ticks is None:
            raise RuntimeError("use the process executor as a context manager")
        self._ticks.callback = callback

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        pool, self._pool = self._pool, None
        reader, self._ticks = self._ticks, None
        if pool is None:
            return
        if exc_type is None:
            pool.shutdown(wait=True)
        else:
            _kill_workers(pool)
        if reader is not None:
            reader.stop(drain=exc_type is None)

    def map(self, function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self._pool is None:
            raise RuntimeError("use the process executor as a context manager")
        return self._pool.map(function, items)


def start_worker(parent: int, tick_queue: "multiprocessing.queues.SimpleQueue[int] | None" = None) -> None:
    """Pool initializer, run first in each worker."""
    one_thread_per_worker()
    watch_parent(parent)
    if tick_queue is not None:
        ticks.set_channel(tick_queue.put)


class TickReader:
    """The driver's end of the workers' tick channel: a reader thread handing counts to ``callback`` (dropped
    while none is set)."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        self.queue: multiprocessing.queues.SimpleQueue[int] = context.SimpleQueue()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self.callback: Callable[[int], None] | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._read, name="worker-ticks", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        reader = self.queue._reader  # type: ignore[attr-defined]  # poll with a timeout: stop() is seen
        while not self._done.is_set():
            if reader.poll(TICK_POLL_SECONDS):
                self._deliver(self.queue.get())

    def _deliver(self, count: int) -> None:
        if self.callback is not None:
            self.callback(count)

    def stop(self, *, drain: bool) -> None:
        """After the workers are gone: ``drain`` delivers what they reported before ending (a clean exit);
        otherwise the thread just ends (a killed worker may have left half a message in the pipe)."""
        self._done.set()
        if self._thread is not None:
            # After an interrupt, do not wait long on a thread stuck in half a message: it is a daemon.
            self._thread.join(JOIN_SECONDS if drain else 5 * TICK_POLL_SECONDS)
        if drain and self._thread is not None:
            reader = self.queue._reader  # type: ignore[attr-defined]
            while reader.poll(0):
                self._deliver(self.queue.get())
        self.queue.close()


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
