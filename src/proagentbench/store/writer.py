"""A batching writer: producers on any thread enqueue rows; one thread commits them in few transactions.

Row ids are assigned here when a row is enqueued, so an event can name its window and a screenshot its event
before either is committed. That is safe because one writer owns a store at a time (the recorder's lock).
"""

import itertools
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select

from proagentbench.store.schema import Annotation, Event, Screenshot, Window

# Parents before children, so foreign keys hold inside one transaction.
_TABLES: dict[str, Table] = {
    "windows": Window.__table__,  # type: ignore[dict-item]
    "events": Event.__table__,  # type: ignore[dict-item]
    "screenshots": Screenshot.__table__,  # type: ignore[dict-item]
    "annotations": Annotation.__table__,  # type: ignore[dict-item]
}

_STOP = object()


@dataclass(frozen=True)
class LatencyStats:
    count: int
    p50_ms: float
    p99_ms: float
    max_ms: float


class StoreWriter:
    def __init__(
        self,
        engine: Engine,
        *,
        max_batch: int = 2000,
        flush_interval: float = 0.25,
        latency_samples: int = 200_000,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._engine = engine
        self._max_batch = max_batch
        self._flush_interval = flush_interval
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._ids = {name: itertools.count(self._max_id(table) + 1) for name, table in _TABLES.items()}
        self._id_lock = threading.Lock()
        self._latencies: deque[float] = deque(maxlen=latency_samples)
        self._on_error = on_error
        self._thread: threading.Thread | None = None
        self.committed_rows = 0
        self.transactions = 0
        self.error: BaseException | None = None

    def _max_id(self, table: Table) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())

    def start(self) -> "StoreWriter":
        self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
        self._thread.start()
        return self

    def add(self, table: str, row: dict[str, Any]) -> int:
        """Queue one row for ``table``; returns the id it will have."""
        with self._id_lock:
            row_id = next(self._ids[table])
        row["id"] = row_id
        self._queue.put((table, row, time.monotonic()))
        return row_id

    def flush(self, timeout: float = 30.0) -> None:
        """Block until everything queued so far is committed."""
        done = threading.Event()
        self._queue.put(done)
        if not done.wait(timeout):
            raise TimeoutError("the store writer did not flush in time")

    def close(self, timeout: float = 30.0) -> None:
        if self._thread is None:
            return
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None

    def latency(self) -> LatencyStats:
        samples = sorted(self._latencies)
        if not samples:
            return LatencyStats(0, 0.0, 0.0, 0.0)

        def pick(fraction: float) -> float:
            return samples[min(len(samples) - 1, int(fraction * len(samples)))] * 1000

        return LatencyStats(len(samples), pick(0.5), pick(0.99), samples[-1] * 1000)

    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch: list[tuple[str, dict[str, Any], float]] = []
            waiters: list[threading.Event] = []
            deadline = time.monotonic() + self._flush_interval
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
                except queue.Empty:
                    break
                if item is _STOP:
                    stopping = True
                    self._drain_into(batch, waiters)
                    break
                if isinstance(item, threading.Event):
                    waiters.append(item)
                    break
                batch.append(item)
            if batch:
                self._commit(batch)
            for waiter in waiters:
                waiter.set()

    def _drain_into(
        self, batch: list[tuple[str, dict[str, Any], float]], waiters: list[threading.Event]
    ) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(item, threading.Event):
                waiters.append(item)
            elif item is not _STOP:
                batch.append(item)

    def _commit(self, batch: list[tuple[str, dict[str, Any], float]]) -> None:
        grouped: dict[str, list[dict[str, Any]]] = {name: [] for name in _TABLES}
        for table, row, _ in batch:
            grouped[table].append(row)
        try:
            with self._engine.begin() as connection:
                for name, rows in grouped.items():
                    if rows:
                        connection.execute(insert(_TABLES[name]), _uniform(rows))
        except Exception as exc:  # noqa: BLE001 - a full disk must not kill the input threads
            self.error = exc
            if self._on_error is not None:
                self._on_error(exc)
            return
        committed_at = time.monotonic()
        self._latencies.extend(committed_at - queued for _, _, queued in batch)
        self.committed_rows += len(batch)
        self.transactions += 1


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """executemany needs every row to carry the same keys; missing ones become NULL."""
    keys: set[str] = set()
    for row in rows:
        keys.update(row)
    return [{key: row.get(key) for key in keys} for row in rows]
