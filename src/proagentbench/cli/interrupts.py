"""SIGTERM (a service manager, `kill`, a closing session) stops a long command the way Ctrl-C does: the
command unwinds through its interrupt handling (committed work kept, workers stopped) and exits 130."""

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
