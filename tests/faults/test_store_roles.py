"""A store says what it is: "already done" is never decided by session uid alone (issue 10, defect 5), a clean
store is bound to the pseudonym key that made it (defect 4), and a refusal leaves no clean store behind
(defect 11)."""

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from proagentbench.anonymizer import anonymize_store, key_path
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.pseudonym import key_fingerprint
from proagentbench.errors import ExitCode, StoreError
from proagentbench.store import migrations, open_store
from proagentbench.store.roles import ROLE_CLEAN, ROLE_RAW, claim_role
from tests.anonymizer.rawstore import RawStoreBuilder
from tests.helpers import run_proagent

POLICY = Policy(machine_identity=False)


def _raw(tmp_path: Path, *uids: str) -> RawStoreBuilder:
    raw = RawStoreBuilder(tmp_path / "raw" / "raw.sqlite")
    for uid in uids:
        session = raw.add_session(uid)
        window = raw.add_window(session, 0, "xterm", "jdoe@devbox: ~/src")
        raw.type_text(session, window, 100, "mail maria.keller@example.com")
    return raw


def _copy(source: Path, target: Path) -> Path:
    """A plain copy of a closed store file, as `cp` would make."""
    shutil.copyfile(source, target)
    return target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_refusal(done: object, message: str, code: ExitCode = ExitCode.USAGE) -> None:
    stderr = done.stderr  # type: ignore[attr-defined]
    assert done.returncode == code, stderr  # type: ignore[attr-defined]
    assert message in stderr and stderr.strip().count("\n") == 0 and "Traceback" not in stderr, stderr


def test_a_copy_of_the_raw_store_given_as_out_is_refused_not_reported_done(tmp_path: Path) -> None:
    raw = _raw(tmp_path, "s1", "s2")
    raw.close()
    copy = _copy(raw.db_path, tmp_path / "copy.sqlite")
    before = _digest(copy)
    done = run_proagent("anonymize", "--db", str(raw.db_path), "--out", str(copy), "--workers", "1")
    _one_line_refusal(
        done, "copy.sqlite: is a raw store (written by the recorder), not a clean store", ExitCode.BAD_INPUT
    )
    assert "--out takes a new or clean store" in done.stderr
    assert _digest(copy) == before


def test_a_clean_store_given_as_db_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    raw = _raw(tmp_path, "s1")
    raw.close()
    clean = tmp_path / "clean.sqlite"
    assert anonymize_store(raw.db_path, clean, POLICY).done == ["s1"]
    again = tmp_path / "again.sqlite"
    done = run_proagent("anonymize", "--db", str(clean), "--out", str(again), "--workers", "1")
    _one_line_refusal(
        done, "clean.sqlite: is a clean store (anonymized), not a raw store", ExitCode.BAD_INPUT
    )
    assert "--db takes the raw store" in done.stderr
    assert not again.exists()
    # The role is recorded, so it holds even when the sessions' states cannot tell (an emptied store).
    with sqlite3.connect(clean) as connection:
        connection.execute("DELETE FROM events")
        connection.execute("DELETE FROM windows")
        connection.execute("DELETE FROM sessions")
    connection.close()
    with pytest.raises(StoreError, match="is a clean store"):
        anonymize_store(clean, again, POLICY)


def test_the_recorder_claims_raw_and_refuses_a_clean_store(tmp_path: Path) -> None:
    store = tmp_path / "clean.sqlite"
    engine = open_store(store, create=True)
    claim_role(engine, ROLE_CLEAN, str(store), use="x")
    claim_role(engine, ROLE_CLEAN, str(store), use="x")  # claiming again is a no-op
    with pytest.raises(StoreError, match=r"clean.sqlite: is a clean store \(anonymized\), not a raw store"):
        claim_role(engine, ROLE_RAW, str(store), use="the recorder writes raw stores only")
    engine.dispose()


def test_a_clean_store_refuses_sessions_made_with_another_pseudonym_key(tmp_path: Path) -> None:
    raw = _raw(tmp_path, "s1")
    clean = tmp_path / "clean.sqlite"
    assert anonymize_store(raw.db_path, clean, POLICY).done == ["s1"]
    key_file = key_path(raw.db_path)
    first_key = bytes.fromhex(key_file.read_text().strip())
    with sqlite3.connect(clean) as connection:
        (settings,) = connection.execute("SELECT settings FROM sessions").fetchone()
        (recorded,) = connection.execute(
            "SELECT value FROM store_info WHERE key = 'pseudonym_key'"
        ).fetchone()
    connection.close()
    assert recorded == key_fingerprint(first_key) and len(recorded) == 16
    assert json.loads(settings)["anonymizer"]["pseudonym_key"] == recorded, "provenance for exports"
    assert first_key.hex() not in settings and first_key.hex() not in clean.read_text(errors="replace")

    raw.add_session("s2")  # the same user, recorded later, after the key file was lost
    raw.close()
    key_file.unlink()
    before = _digest(clean)
    done = run_proagent("anonymize", "--db", str(raw.db_path), "--out", str(clean), "--workers", "1")
    _one_line_refusal(done, "clean.sqlite: made with another pseudonym key (fingerprint")
    assert "put back the key file that made it" in done.stderr
    assert _digest(clean) == before
    key_file.unlink()
    key_file.write_text(first_key.hex() + "\n")
    key_file.chmod(0o600)
    report = anonymize_store(raw.db_path, clean, POLICY)
    assert report.done == ["s2"] and report.skipped == ["s1"]
    with sqlite3.connect(clean) as connection:
        users = {user for (user,) in connection.execute("SELECT user FROM sessions")}
    connection.close()
    assert len(users) == 1, "one person, one pseudonym"


def test_a_bad_key_leaves_no_clean_store(tmp_path: Path) -> None:
    raw = _raw(tmp_path, "s1")
    raw.close()
    key_path(raw.db_path).write_text("not hex at all\n")
    key_path(raw.db_path).chmod(0o600)
    clean = tmp_path / "out" / "clean.sqlite"
    done = run_proagent("anonymize", "--db", str(raw.db_path), "--out", str(clean), "--workers", "1")
    _one_line_refusal(done, "not a pseudonym key")
    assert not clean.parent.exists(), "neither the store nor its folder"


def test_an_older_store_read_only_names_the_command_that_migrates_it(tmp_path: Path) -> None:
    store = tmp_path / "old.sqlite"
    open_store(store, create=True).dispose()
    with sqlite3.connect(store) as connection:  # as release 1 made it
        connection.execute("DROP TABLE store_info")
        connection.execute("DELETE FROM schema_migrations WHERE version > 1")
    connection.close()
    refused = run_proagent("sessions", "--db", str(store), "--json", timeout=60)
    _one_line_refusal(refused, "schema version 1 is older than", ExitCode.BAD_INPUT)
    advice = refused.stderr.split("`")[1]
    assert advice == f"proagent sessions --db {store} --migrate"
    migrated = run_proagent(*advice.split()[1:], "--json", timeout=60)
    assert migrated.returncode == 0 and json.loads(migrated.stdout) == [], migrated.stderr
    after = run_proagent("sessions", "--db", str(store), "--json", timeout=60)
    assert after.returncode == 0, after.stderr
    with sqlite3.connect(store) as connection:
        versions = [v for (v,) in connection.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    connection.close()
    assert versions == list(range(1, migrations.latest_version() + 1))
