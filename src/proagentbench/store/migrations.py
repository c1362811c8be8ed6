"""Schema versions and the migrations between them, as small registered functions.

A new store is created from the current schema and stamped with the latest version (as Alembic advises);
an existing store runs, in order, every migration newer than its recorded version. A store written by a
newer release (a version we do not know) is refused rather than guessed at.
"""

from collections.abc import Callable

from sqlalchemy import Connection, text

from proagentbench.errors import StoreError
from proagentbench.store.schema import Base, StoreInfo
from proagentbench.timeutil import now_us

Migration = Callable[[Connection], None]

_MIGRATIONS: dict[int, tuple[str, Migration]] = {}


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    """Register ``func`` as the step that brings a store from ``version - 1`` to ``version``."""

    def register(func: Migration) -> Migration:
        if version in _MIGRATIONS:
            raise ValueError(f"migration {version} is registered twice")
        _MIGRATIONS[version] = (name, func)
        return func

    return register


@migration(1, "initial schema: sessions, windows, events, screenshots, annotations")
def _initial(connection: Connection) -> None:
    Base.metadata.create_all(connection)


@migration(2, "store_info: the store's role and the pseudonym key fingerprint of a clean store")
def _store_info(connection: Connection) -> None:
    # An older store's role is inferred from its sessions' states until a stage records it (store.roles).
    Base.metadata.tables[StoreInfo.__tablename__].create(connection, checkfirst=True)


def latest_version() -> int:
    return max(_MIGRATIONS)


def _ensure_version_table(connection: Connection) -> None:
    connection.execute(
        text(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"
        )
    )


def current_version(connection: Connection) -> int:
    has_table = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    ).first()
    if has_table is None:
        return 0
    return int(
        connection.execute(text("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")).scalar_one()
    )


def has_user_tables(connection: Connection) -> bool:
    return (
        connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ).first()
        is not None
    )


def check_version(connection: Connection, where: str) -> int:
    version = current_version(connection)
    if version > latest_version():
        raise StoreError(
            f"{where}: schema version {version} was written by a newer proagentbench "
            f"(this one knows versions up to {latest_version()}); upgrade proagentbench"
        )
    if version == 0 and has_user_tables(connection):
        raise StoreError(f"{where}: this SQLite file is not a proagentbench store (no schema version)")
    return version


def upgrade(connection: Connection, where: str) -> int:
    """Bring the store to the latest schema version; returns the version it was at."""
    version = check_version(connection, where)
    _ensure_version_table(connection)
    if version == 0:
        Base.metadata.create_all(connection)
        _stamp(connection, range(1, latest_version() + 1))
        return 0
    pending = [v for v in sorted(_MIGRATIONS) if v > version]
    for step in pending:
        _MIGRATIONS[step][1](connection)
    _stamp(connection, pending)
    return version


def _stamp(connection: Connection, versions: range | list[int]) -> None:
    applied_at = now_us()
    for version in versions:
        connection.execute(
            text("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)"),
            {"v": version, "n": _MIGRATIONS[version][0], "t": applied_at},
        )
