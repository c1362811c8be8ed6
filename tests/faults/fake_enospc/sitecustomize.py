"""A full disk at the OS boundary, for machines where the tests cannot mount a small tmpfs (not root).

Put this folder on a subprocess's PYTHONPATH with $PROAGENT_TEST_FULL_DIR set: every open for writing of a
file under that folder fails with ENOSPC, as on a disk with no free block left (Python's open, io.open and
os.open, which tempfile and pathlib use; SQLite gets max_page_count, so it reports SQLITE_FULL).
"""

import builtins
import errno
import io
import os
import sqlite3
from typing import Any

_FULL = os.environ.get("PROAGENT_TEST_FULL_DIR")


def _under(path: Any) -> bool:
    if _FULL is None or isinstance(path, int):
        return False
    try:
        return os.path.realpath(os.fspath(path)).startswith(os.path.realpath(_FULL) + os.sep)
    except TypeError:
        return False


def _full(path: Any) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))


if _FULL is not None:
    _open, _os_open, _connect = io.open, os.open, sqlite3.connect

    def _checked_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if _under(file) and any(flag in mode for flag in "wax+"):
            raise _full(file)
        return _open(file, mode, *args, **kwargs)

    def _checked_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if _under(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise _full(path)
        return _os_open(path, flags, *args, **kwargs)

    def _checked_connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = _connect(database, *args, **kwargs)
        if _under(str(database).removeprefix("file:").split("?")[0]):
            connection.execute("PRAGMA max_page_count = 1")
        return connection

    builtins.open = io.open = _checked_open  # type: ignore[assignment]
    os.open = _checked_os_open  # type: ignore[assignment]
    sqlite3.connect = _checked_connect  # type: ignore[assignment]
