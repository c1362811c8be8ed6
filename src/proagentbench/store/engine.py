"""SQLite in WAL mode, owner-only files, clear errors for missing, corrupt or foreign files."""

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError

from proagentbench.errors import StoreError
from proagentbench.paths import make_private_dir
from proagentbench.store import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"


def open_store(path: Path, *, create: bool = False, read_only: bool = False) -> Engine:
    """Open (or with ``create`` make) a store and bring it to the current schema.

    A read-only store is never migrated or written: an older schema is refused with a clear message.
    Nothing here ever truncates or replaces an existing file.
    """
    path = path.expanduser()
    where = str(path)
    if path.is_dir():
        raise StoreError(f"{where}: is a directory, not a store file")
    exists = path.exists()
    if not exists and (read_only or not create):
        raise StoreError(f"{where}: no such store")
    if exists:
        _check_header(path)
    else:
        _create_private_file(path)
    engine = _engine(path, read_only=read_only)
    try:
        with engine.begin() as connection:
            if read_only:
                version = migrations.check_version(connection, where)
                if version != migrations.latest_version():
                    raise StoreError(
                        f"{where}: schema version {version} is older than {migrations.latest_version()}; "
                        "open it once for writing (e.g. `proagent sessions`) to migrate it"
                    )
            else:
                migrations.upgrade(connection, where)
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        raise StoreError(f"{where}: cannot be opened as a store ({db_error_reason(exc)})") from None
    except StoreError:
        engine.dispose()
        raise
    return engine


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror})") from None
    if header and header != SQLITE_MAGIC:
        raise StoreError(f"{path}: not a SQLite database (corrupt or another kind of file); left untouched")


def _create_private_file(path: Path) -> None:
    try:
        make_private_dir(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot be created ({exc.strerror})") from None


def _engine(path: Path, *, read_only: bool) -> Engine:
    url = f"sqlite:///file:{path}?mode=ro&uri=true" if read_only else f"sqlite:///{path}"
    # hide_parameters: an error's text must never carry a row's values (typed text, titles) into a log.
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


def db_error_reason(exc: BaseException) -> str:
    """The database's own one-line reason ("UNIQUE constraint failed: events.id", "database or disk is
    full"), without SQLAlchemy's statement and parameters: those hold captured content (typed text)."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).splitlines()
    return lines[0] if lines else type(original).__name__


def integrity_ok(engine: Engine) -> bool:
    with engine.connect() as connection:
        return connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
