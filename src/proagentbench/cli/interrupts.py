"""SIGTERM (a service manager, `kill`, a closing session) stops a command the way Ctrl-C does: it unwinds
through the same interrupt handling (committed work kept, workers stopped), then exits 143 instead of 130.
`proagent record` installs its own handler while it records (the session ends as `signal`, exit 0)."""

import signal
from types import FrameType

_terminated = False


def _interrupt(signum: int, frame: FrameType | None) -> None:
    global _terminated
    _terminated = True
    raise KeyboardInterrupt


def stop_on_sigterm() -> None:
    signal.signal(signal.SIGTERM, _interrupt)


def was_terminated() -> bool:
    """Whether the interrupt being handled came from SIGTERM rather than Ctrl-C."""
    return _terminated
