"""Counts that a unit of work reports while it runs (frames redacted), delivered to the driver as they happen.

Inside a worker process of the `process` executor, `report` sends each count over a pipe the pool set up;
the driver hands them to the callback given to `ProcessExecutor.on_ticks` from a reader thread. Elsewhere
(no channel set) `report` returns False, and the caller counts the unit's work when its result is back.
"""

from collections.abc import Callable

_send: Callable[[int], None] | None = None


def set_channel(send: Callable[[int], None] | None) -> None:
    global _send
    _send = send


def channel() -> Callable[[int], None] | None:
    """The way to report counts from this process, or None when no driver listens."""
    return _send
