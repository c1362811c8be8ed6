"""SQLite in WAL mode, owner-only files, clear errors for missing, corrupt or foreign files."""

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError

from proagentbench.errors import StoreError
from proagentbench.paths import make_private_dir, sweep_dead_leftovers
from proagentbench.store import migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
CREATING_PREFIX = ".creating-"


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
        if not read_only:
            _inspect(path, where)  # before anything writes: a foreign file must stay byte-identical
    else:
        _create_atomically(path, where)
    engine = _engine(path, read_only=read_only)
    try:
        with engine.begin() as connection:
            if read_only:
                version = migrations.check_version(connection, where)
                if version != migrations.latest_version():
                    raise StoreError(
                        f"{where}: schema version {version} is older than {migrations.latest_version()}; "
                        f"migrate it once with `proagent sessions --db {where} --migrate`"
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


def _inspect(path: Path, where: str) -> None:
    """Refuse a foreign or newer file through a read-only connection, which changes nothing in it (opening it
    for writing would switch its journal to WAL first)."""
    if path.stat().st_size == 0:
        return  # an empty file: made by a creation that did not get further, or by the user; ours to fill
    engine = _engine(path, read_only=True)
    try:
        with engine.connect() as connection:
            migrations.check_version(connection, where)
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"{where}: cannot be opened as a store ({db_error_reason(exc)})") from None
    finally:
        engine.dispose()


def _create_atomically(path: Path, where: str) -> None:
    """Build the new store under a temporary name beside it and link it into place only once its schema is
    complete, so a failure (a full disk) leaves no stub that every later run would refuse."""
    try:
        make_private_dir(path.parent)
    except OSError as exc:
        raise StoreError(f"{where}: cannot be created ({exc.strerror})") from None
    # What a creation killed or failed before its link left (its process is gone).
    sweep_dead_leftovers(path.parent, f"{CREATING_PREFIX}{path.name}.")
    temporary = path.with_name(f"{CREATING_PREFIX}{path.name}.{os.getpid()}")
    try:
        fd = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        engine = _engine(temporary, read_only=False)
        try:
            with engine.begin() as connection:
                migrations.upgrade(connection, where)
        finally:
            engine.dispose()
        os.link(temporary, path)  # never replaces: another process that created it first wins
    except FileExistsError:
        pass
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"{where}: cannot be created ({db_error_reason(exc)})") from None
    except OSError as exc:
        raise StoreError(f"{where}: cannot be created ({exc.strerror})") from None
    finally:
        for leftover in (temporary, *(temporary.with_name(temporary.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _read_only_query(path: Path) -> str:
    """``mode=ro``, except for a WAL store on read-only media without its ``-shm`` (SQLite cannot create it
    there, and says only "unable to open database file"): with no unmerged ``-wal`` the file is complete and
    is read as immutable; with one, what it holds cannot be read safely, so the store is refused clearly."""
    shm, wal = (path.with_name(path.name + suffix) for suffix in ("-shm", "-wal"))
    if shm.exists() or _writable_folder(path.parent) or not _is_wal(path):
        return "mode=ro"
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path}: a WAL store on read-only media without its {shm.name} and with unmerged changes in "
            f"{wal.name}; copy the store with its -wal file to a writable folder and open the copy"
        )
    return "mode=ro&immutable=1"


def _writable_folder(folder: Path) -> bool:
    if not os.access(folder, os.W_OK):
        return False
    try:
        return not os.statvfs(folder).f_flag & os.ST_RDONLY
    except (OSError, AttributeError):  # no statvfs (Windows): access() said writable
        return True


def _is_wal(path: Path) -> bool:
    """The header's read/write format versions are 2 in WAL mode."""
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18:20] == b"\x02\x02"


def _engine(path: Path, *, read_only: bool) -> Engine:
    url = f"sqlite:///file:{path}?{_read_only_query(path)}&uri=true" if read_only else f"sqlite:///{path}"
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
