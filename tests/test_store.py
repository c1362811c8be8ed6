import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text

from proagentbench.errors import StoreError
from proagentbench.store import (
    Event,
    Session,
    StoreWriter,
    integrity_ok,
    list_sessions,
    migrations,
    open_store,
    session_row,
)


def _add_session(engine, uid: str = "s1") -> int:
    with engine.begin() as connection:
        result = connection.execute(insert(Session).values(session_row(uid=uid, user="u", started_at=1)))
        return int(result.inserted_primary_key[0])


def test_new_store_is_private_wal_and_at_latest_version(store_path: Path) -> None:
    engine = open_store(store_path, create=True)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert migrations.current_version(connection) == migrations.latest_version()
    assert stat.S_IMODE(os.stat(store_path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(store_path.parent).st_mode) == 0o700
    assert integrity_ok(engine)


def test_missing_store_is_refused_without_create(store_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(store_path)
    assert not store_path.exists()


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "raw.sqlite"
    path.write_bytes(b"this is not sqlite at all" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(path, create=True)
    assert path.read_bytes() == before


def test_truncated_database_gives_a_clear_error(store_path: Path) -> None:
    engine = open_store(store_path, create=True)
    _add_session(engine)
    engine.dispose()
    data = store_path.read_bytes()
    store_path.write_bytes(data[:4096] + b"\xff" * 100)
    with pytest.raises(StoreError):
        open_store(store_path)


def test_foreign_sqlite_file_is_not_adopted(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(StoreError, match="not a proagentbench store"):
        open_store(path)


def test_store_from_a_newer_release_is_refused(store_path: Path) -> None:
    open_store(store_path, create=True).dispose()
    with sqlite3.connect(store_path) as connection:
        connection.execute("INSERT INTO schema_migrations VALUES (999, 'future', 0)")
    with pytest.raises(StoreError, match="newer proagentbench"):
        open_store(store_path)


def test_registered_migration_runs_on_an_older_store(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(store_path, create=True).dispose()
    ran: list[int] = []
    version = migrations.latest_version() + 1
    monkeypatch.setitem(
        migrations._MIGRATIONS, version, ("test step", lambda connection: ran.append(version))
    )
    engine = open_store(store_path)
    with engine.connect() as connection:
        assert migrations.current_version(connection) == version
    assert ran == [version]


def test_read_only_store_cannot_be_written(store_path: Path) -> None:
    open_store(store_path, create=True).dispose()
    engine = open_store(store_path, read_only=True)
    with pytest.raises(Exception, match="readonly"), engine.begin() as connection:
        connection.execute(text("INSERT INTO schema_migrations VALUES (500, 'x', 0)"))


def test_writer_batches_rows_and_assigns_linked_ids(store_path: Path) -> None:
    engine = open_store(store_path, create=True)
    session_id = _add_session(engine)
    writer = StoreWriter(engine, flush_interval=0.05).start()
    window_id = writer.add("windows", {"session_id": session_id, "t": 1, "app": "xterm", "title": "shell"})
    for index in range(5000):
        writer.add(
            "events", {"session_id": session_id, "t": index, "kind": "key_press", "window_id": window_id}
        )
    writer.add("events", {"session_id": session_id, "t": 9999, "kind": "text", "text": "hello"})
    writer.flush()
    writer.close()
    assert writer.committed_rows == 5002
    assert writer.transactions < 50, "rows must be committed in batches, not one per transaction"
    assert writer.latency().count == 5002
    with engine.connect() as connection:
        window_ids = set(
            connection.execute(select(Event.window_id).where(Event.kind == "key_press")).scalars()
        )
        assert window_ids == {window_id}
    summary = list_sessions(engine)[0]
    assert summary.counts == {"key_press": 5000, "text": 1}


def test_writer_continues_ids_after_reopen(store_path: Path) -> None:
    engine = open_store(store_path, create=True)
    session_id = _add_session(engine)
    first = StoreWriter(engine).start()
    ids = [first.add("events", {"session_id": session_id, "t": 0, "kind": "key_press"}) for _ in range(3)]
    first.close()
    second = StoreWriter(engine).start()
    assert second.add("events", {"session_id": session_id, "t": 0, "kind": "key_press"}) == ids[-1] + 1
    second.close()


def test_writer_reports_a_failed_commit_instead_of_dying(store_path: Path) -> None:
    engine = open_store(store_path, create=True)
    errors: list[BaseException] = []
    writer = StoreWriter(engine, on_error=errors.append).start()
    writer.add("events", {"session_id": 12345, "t": 0, "kind": "key_press"})  # no such session: FK fails
    writer.flush()
    session_id = _add_session(engine)
    writer.add("events", {"session_id": session_id, "t": 0, "kind": "key_press"})
    writer.flush()
    writer.close()
    assert errors and writer.error is not None
    assert list_sessions(engine)[0].counts == {"key_press": 1}
