"""The CLI's one error boundary: every failure becomes one line on stderr and a documented exit code.

A `ProagentError` says its own code; an environment fault anywhere in its causes (a full disk under a store
that "cannot be created") takes precedence, since that is what the user must fix. Errors no code of ours
turned into a `ProagentError` (a database page that turns out corrupt mid-query, a disk that fills while
writing) are recognised here by their errno or SQLite result code. Anything else is a bug: one line, and
the traceback only when $PROAGENT_DEBUG is set.
"""

import errno
import os
import sqlite3
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from proagentbench.errors import SQLITE_FULL, ExitCode, ProagentError, exception_chain

DEBUG_ENV = "PROAGENT_DEBUG"

_NAMES_ATTR = "proagent_names"  # (store, output) set on an exception by `naming`

_DISK_FULL = ("disk full", "free some space and run the same command again")
_READ_ONLY = ("not writable", "this command writes here: use a writable copy or fix the permissions")
_CORRUPT = (
    "the store is corrupt",
    "restore it from a backup, or salvage what is readable with sqlite3's .recover",
)
_UNUSABLE = ("the store cannot be read or written", "check the disk and the file's permissions")

# SQLite primary result codes (https://sqlite.org/rescode.html), as sqlite3.Error.sqlite_errorcode & 0xff.
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT = 3, 8, 10, 11
_SQLITE_CANTOPEN, _SQLITE_NOTADB = 14, 26


@dataclass(frozen=True)
class Failure:
    code: ExitCode
    message: str


@contextmanager
def naming(*, store: Path | None = None, output: Path | None = None) -> Iterator[None]:
    """Name the ``store`` in the line a database error raised inside this block becomes, and the ``output``
    in the line of a disk error that names no file itself (a write that fills the disk)."""
    try:
        yield
    except Exception as exc:
        if not hasattr(exc, _NAMES_ATTR):
            setattr(exc, _NAMES_ATTR, (store, output))
        raise


def describe(exc: BaseException) -> Failure:
    """The exit code and the one line for an exception that ended a command."""
    fault = _environment_or_corruption(exc)
    if isinstance(exc, ProagentError):
        environment = fault is not None and fault.code is ExitCode.ENVIRONMENT
        return Failure(ExitCode.ENVIRONMENT if environment else exc.exit_code, str(exc))
    if fault is not None:
        return fault
    return Failure(
        ExitCode.FAILURE,
        f"unexpected error: {type(exc).__name__}: {_first_line(exc)} "
        f"(a bug; set {DEBUG_ENV}=1 to see the traceback)",
    )


def report(exc: BaseException, echo: Callable[[str], None]) -> ExitCode:
    """Print the failure (with the traceback first under $PROAGENT_DEBUG) and return its exit code."""
    failure = describe(exc)
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        echo("".join(traceback.format_exception(exc)).rstrip())
    echo(f"proagent: error: {failure.message}")
    return failure.code


def _environment_or_corruption(exc: BaseException) -> Failure | None:
    store, output = getattr(exc, _NAMES_ATTR, (None, None))
    for cause in exception_chain(exc):
        if isinstance(cause, OSError) and (failure := _os_failure(cause, output)) is not None:
            return failure
        database = _sqlite_error(cause)
        if database is not None and (failure := _database_failure(database, store)) is not None:
            return failure
    return None


def _line(code: ExitCode, where: object, kind: tuple[str, str], reason: str) -> Failure:
    what, hint = kind
    prefix = f"{where}: " if where else ""
    return Failure(code, f"{prefix}{what} ({reason}); {hint}")


def _os_failure(exc: OSError, output: Path | None) -> Failure | None:
    reason = exc.strerror or os.strerror(exc.errno or 0)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or (exc.errno is None and "No space left" in str(exc)):
        # A copy (shutil) names its source first and the file it was writing second.
        return _line(ExitCode.ENVIRONMENT, exc.filename2 or exc.filename or output, _DISK_FULL, reason)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _line(ExitCode.ENVIRONMENT, exc.filename or output, _READ_ONLY, reason)
    return None


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The DB-API error itself, also when SQLAlchemy wrapped it (its ``orig``)."""
    if isinstance(exc, sqlite3.Error):
        return exc
    original = getattr(exc, "orig", None)
    return original if isinstance(original, sqlite3.Error) else None


def _database_failure(exc: sqlite3.Error, store: Path | None) -> Failure | None:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    lowered = reason.lower()
    if primary == SQLITE_FULL or "disk is full" in lowered:
        return _line(ExitCode.ENVIRONMENT, store, _DISK_FULL, reason)
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or "readonly database" in lowered:
        return _line(ExitCode.ENVIRONMENT, store, _READ_ONLY, reason)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in lowered or "not a database" in lowered:
        return _line(ExitCode.BAD_INPUT, store, _CORRUPT, reason)
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
        return _line(ExitCode.ENVIRONMENT, store, _UNUSABLE, reason)
    return None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else "(no message)"
