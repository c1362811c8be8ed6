"""One store-opening path: it inspects before it writes and creates atomically (issue 10, defects 6, 8)."""

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from proagentbench.errors import StoreError
from proagentbench.store import engine as engine_module
from proagentbench.store import list_sessions, migrations, open_store
from tests.helpers import run_proagent


def _foreign(path: Path, *, version: int | None = None) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes (body) VALUES ('mine, not yours')")
        if version is not None:
            connection.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER)"
            )
            connection.execute("INSERT INTO schema_migrations VALUES (?, 'future', 0)", (version,))
    connection.close()
    return path


def _fingerprint(path: Path) -> tuple[str, list[str], str]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    siblings = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    return digest, siblings, mode


@pytest.mark.parametrize(
    ("version", "message"),
    [(None, "not a proagentbench store"), (99, "schema version 99 was written by a newer proagentbench")],
)
def test_a_foreign_or_newer_file_is_refused_and_left_byte_identical(
    tmp_path: Path, version: int | None, message: str
) -> None:
    path = _foreign(tmp_path / "notes.sqlite", version=version)
    before = _fingerprint(path)
    assert before[1:] == (["notes.sqlite"], "delete")
    with pytest.raises(StoreError, match=message):
        open_store(path, create=True)
    for args in (["annotate", "--db", str(path)], ["sessions", "--db", str(path)]):
        done = run_proagent(*args, timeout=60)
        assert done.returncode == 3 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    raw = tmp_path / "raw.sqlite"
    open_store(raw, create=True).dispose()
    done = run_proagent("anonymize", "--db", str(raw), "--out", str(path), timeout=120)
    assert done.returncode == 3 and message in done.stderr, done.stderr
    assert _fingerprint(path) == before, "journal mode, bytes and side files must be exactly as they were"


def test_a_full_disk_during_creation_leaves_no_stub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data" / "raw.sqlite"

    def disk_full(connection: object, where: str) -> int:
        raise OperationalError("CREATE TABLE", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(migrations, "upgrade", disk_full)
    with pytest.raises(StoreError, match=r"raw.sqlite: cannot be created \(database or disk is full\)$"):
        open_store(path, create=True)
    assert list(path.parent.iterdir()) == [], "no stub and no temporary file"
    monkeypatch.undo()
    engine = open_store(path, create=True)  # the rerun simply creates the store
    assert list_sessions(engine) == []
    engine.dispose()
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "raw.sqlite"
    ]


def test_creation_sweeps_what_a_killed_creation_left(tmp_path: Path) -> None:
    dead_pid = 2**22 + 12345  # above the default pid_max: no such process
    leftover = tmp_path / f"{engine_module.CREATING_PREFIX}raw.sqlite.{dead_pid}"
    leftover.write_bytes(b"SQLite format 3\x00half a store")
    open_store(tmp_path / "raw.sqlite", create=True).dispose()
    assert not leftover.exists()
    assert (tmp_path / "raw.sqlite").stat().st_mode & 0o777 == 0o600


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "raw.sqlite"
    path.touch(mode=0o600)
    engine = open_store(path)
    assert list_sessions(engine) == []
    engine.dispose()
