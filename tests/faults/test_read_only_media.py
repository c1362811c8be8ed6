"""A WAL store on read-only media without its -shm (issue 10, defect 11): readable when its -wal holds nothing
unmerged, refused with one clear line when it does (SQLite alone says "unable to open database file")."""

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from proagentbench.errors import ExitCode, StoreError
from proagentbench.store import open_store
from tests.anonymizer.rawstore import RawStoreBuilder
from tests.helpers import run_proagent


@pytest.fixture
def read_only_medium(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A small tmpfs: (mount point, staging folder); the test fills it and remounts it read-only."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a read-only tmpfs needs root")
    mount = tmp_path / f"medium-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount, tmp_path
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _remount_read_only(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)


def _store(folder: Path) -> Path:
    raw = RawStoreBuilder(folder / "raw.sqlite")
    raw.add_session("s1")
    raw.close()
    return raw.db_path


def test_a_complete_wal_store_without_shm_is_read(read_only_medium: tuple[Path, Path]) -> None:
    mount, staging = read_only_medium
    db = _store(staging / "src")
    shutil.copyfile(db, mount / "raw.sqlite")  # the file alone, as a copy to a USB stick would be
    _remount_read_only(mount)
    assert not (mount / "raw.sqlite-shm").exists()
    listed = run_proagent("sessions", "--db", str(mount / "raw.sqlite"), "--json", timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert '"uid": "s1"' in listed.stdout


def test_unmerged_wal_without_shm_on_read_only_media_is_one_clear_line(
    read_only_medium: tuple[Path, Path],
) -> None:
    mount, staging = read_only_medium
    db = _store(staging / "src")
    holder = sqlite3.connect(db)  # keeps the WAL from being checkpointed into the file at close
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("INSERT INTO store_info (key, value) VALUES ('note', 'unmerged')")
    holder.commit()
    wal = db.with_name("raw.sqlite-wal")
    assert wal.stat().st_size > 0
    for source in (db, wal):
        shutil.copyfile(source, mount / source.name)
    holder.close()
    _remount_read_only(mount)
    refused = run_proagent("sessions", "--db", str(mount / "raw.sqlite"), timeout=60)
    assert refused.returncode == ExitCode.BAD_INPUT and "Traceback" not in refused.stderr, refused.stderr
    assert refused.stderr.strip().count("\n") == 0
    assert "a WAL store on read-only media without its raw.sqlite-shm" in refused.stderr, refused.stderr
    assert "copy the store with its -wal file to a writable folder" in refused.stderr
    with pytest.raises(StoreError, match="unmerged changes"):
        open_store(mount / "raw.sqlite", read_only=True)
