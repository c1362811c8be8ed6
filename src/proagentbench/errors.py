"""Errors that reach the user as one clear line (the CLI prints them without a traceback), and the exit code
each class of failure ends the command with (documented in docs/cli.md, "Exit codes")."""

import errno
from collections.abc import Iterator
from enum import IntEnum

SQLITE_FULL = 13  # SQLite's primary result code for a full disk (sqlite3.Error.sqlite_errorcode & 0xff)


class ExitCode(IntEnum):
    OK = 0
    FAILURE = 1  # the command ran and its result is a failure (verify found data), or an unexpected error
    USAGE = 2  # an option, argument, configuration file or component the user named is wrong
    BAD_INPUT = 3  # an input store, corpus or file is missing, corrupt, foreign or of an unknown version
    ENVIRONMENT = 4  # the machine or a service: disk full, read-only, permissions, a package, an endpoint
    BELOW_COVERAGE = 5  # `bench`: fewer decision points answered than --min-coverage asks
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM


class ProagentError(Exception):
    """A failure caused by input, environment or configuration that the user can act on.

    Each class says which exit code it ends the command with; one raise site may pass another."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, *args: object, exit_code: ExitCode | None = None) -> None:
        super().__init__(*args)
        if exit_code is not None:
            self.exit_code = exit_code


class StoreError(ProagentError):
    """A store that is missing, corrupt, of an unknown schema version, or not writable."""

    exit_code = ExitCode.BAD_INPUT


class ConfigError(ProagentError):
    """A configuration or policy file that cannot be read or contains unknown keys."""


class EnvironmentProblem(ProagentError):
    """The machine or a service the command needs is not as it must be (a package, a display, an endpoint)."""

    exit_code = ExitCode.ENVIRONMENT


class MissingDependencyError(EnvironmentProblem):
    """An optional dependency that a command needs is not installed."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"this command needs the Python package '{module}', which is not installed; "
            f"install it with: pip install 'proagentbench[{extra}]'"
        )


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and what it was raised from or while handling (also through ``raise ... from None``)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_disk_full(exc: BaseException) -> bool:
    """Whether a full disk (ENOSPC, a quota, SQLite's SQLITE_FULL) is anywhere in the exception's causes."""
    for cause in exception_chain(exc):
        if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        database = getattr(cause, "orig", cause)
        code = getattr(database, "sqlite_errorcode", None)
        if (isinstance(code, int) and code & 0xFF == SQLITE_FULL) or "disk is full" in str(database).lower():
            return True
    return False
