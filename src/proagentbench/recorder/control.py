"""Finding and controlling a running recorder through its lock and status files in the data directory.

Two flocks: ``recorder.lock`` in the data directory (one recorder per data directory) and ``<store>.lock``
beside the store file (one recorder per store, whichever data directory it was started for). The kernel drops
them when the process dies (even by kill -9), so a stale file never blocks a new recorder. ``recorder.json``
tells the control commands what is running.
Pause and resume are SIGUSR1 and SIGUSR2, stop is SIGINT (POSIX only).
"""

import json
import os
import signal
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from proagentbench.errors import ProagentError, StoreError
from proagentbench.paths import make_private_dir, write_private
from proagentbench.recorder.errors import RecorderNotRunningError, RecorderRunningError

LOCK_NAME = "recorder.lock"
STATUS_NAME = "recorder.json"
LOG_NAME = "recorder.log"
STORE_LOCK_SUFFIX = ".lock"  # beside each store file: <store>.lock
PAUSE_SIGNAL = "SIGUSR1"
RESUME_SIGNAL = "SIGUSR2"
STOP_SIGNAL = "SIGINT"  # like Ctrl-C, so the session ends as 'stopped'; SIGTERM ends it as 'signal'


@dataclass(frozen=True)
class RecorderStatus:
    pid: int
    db: str
    data_dir: str
    session_id: int
    session_uid: str
    started_at: int
    platform: str
    paused: bool = False


def _open_locked(path: Path) -> IO[str] | None:
    """Open ``path`` and take its exclusive lock without waiting; None when another process holds it."""
    handle = open(os.open(path, os.O_RDWR | os.O_CREAT, 0o600), "r+")  # noqa: SIM115 - held while recording
    try:
        if sys.platform == "win32":  # untested here: Windows has no flock
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError from flock, PermissionError from msvcrt
        handle.close()
        return None
    return handle


class RecorderLock:
    """Held for the whole life of a recorder: one per data directory, and one per store file."""

    def __init__(self, data_dir: Path, handles: list[IO[str]]) -> None:
        self.data_dir = data_dir
        self._handles = handles
        self._status_lock = threading.Lock()  # the hotkey and the signal loop may both report a pause

    @classmethod
    def acquire(cls, data_dir: Path) -> "RecorderLock":
        try:
            make_private_dir(data_dir)
            handle = _open_locked(data_dir / LOCK_NAME)
        except OSError as exc:
            raise StoreError(f"{data_dir}: data directory cannot be used ({exc.strerror})") from None
        if handle is None:
            running = _read_status(data_dir)
            who = f" (pid {running.pid}, recording to {running.db})" if running else ""
            raise RecorderRunningError(f"a recorder is already running for data directory {data_dir}{who}")
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return cls(data_dir, [handle])

    def also_lock_store(self, db_path: Path) -> None:
        """Every store file gets its own lock beside it, wherever it lives, so a recorder of another data
        directory (`record --data-dir D2 --db D1/raw.sqlite`) cannot write a store that one is recording to.
        The path is resolved first: a relative or symlinked name of the same file takes the same lock."""
        store = db_path.expanduser().resolve()
        sidecar = store.with_name(store.name + STORE_LOCK_SUFFIX)
        try:
            handle = _open_locked(sidecar)
        except OSError as exc:
            raise StoreError(f"{sidecar}: cannot lock the store ({exc.strerror})") from None
        if handle is None:
            holder = _read_pid(sidecar)
            who = f" (pid {holder})" if holder else ""
            raise RecorderRunningError(
                f"another recorder{who} is already writing {db_path}; stop it first (`proagent stop`)"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handles.append(handle)

    def write_status(self, status: RecorderStatus) -> None:
        target = self.data_dir / STATUS_NAME
        temporary = target.with_suffix(".tmp")
        with self._status_lock:
            write_private(temporary, json.dumps(asdict(status)).encode())
            os.replace(temporary, target)

    def release(self) -> None:
        (self.data_dir / STATUS_NAME).unlink(missing_ok=True)
        for handle in self._handles:
            handle.close()
        self._handles = []


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _read_status(data_dir: Path) -> RecorderStatus | None:
    try:
        return RecorderStatus(**json.loads((data_dir / STATUS_NAME).read_text()))
    except (OSError, ValueError, TypeError):
        return None


def find_recorder(data_dir: Path) -> RecorderStatus:
    """The recorder running for ``data_dir``; raises if none (files left by a crash are ignored)."""
    lock_path = data_dir / LOCK_NAME
    if not lock_path.exists():
        raise RecorderNotRunningError(f"no recorder is running for data directory {data_dir}")
    handle = _open_locked(lock_path)
    if handle is not None:
        handle.close()
        raise RecorderNotRunningError(f"no recorder is running for data directory {data_dir}")
    status = _read_status(data_dir)
    if status is None:
        raise RecorderNotRunningError(f"a recorder for {data_dir} is starting or stopping; try again")
    return status


def signal_recorder(status: RecorderStatus, name: str) -> None:
    if not hasattr(signal, name):
        raise ProagentError(f"controlling a running recorder needs {name}, which this platform lacks")
    try:
        os.kill(status.pid, getattr(signal, name))
    except ProcessLookupError:
        raise RecorderNotRunningError(f"the recorder (pid {status.pid}) has just exited") from None


def lock_is_free(data_dir: Path) -> bool:
    handle = _open_locked(data_dir / LOCK_NAME)
    if handle is None:
        return False
    handle.close()
    return True
