"""Worker processes never outlive `proagent anonymize` (issue 10, defect 7): after kill -9 or SIGTERM of the
command, no OCR worker, Tesseract or resource tracker is left running, SIGTERM stops like Ctrl-C (exit 143,
committed sessions kept), and a rerun finishes with a clean store identical to an uninterrupted run's."""

import signal
import sqlite3
import stat
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from proagentbench import paths
from tests.anonymizer.rawstore import RawStoreBuilder, clean_store_contents
from tests.helpers import PROAGENT, run_proagent

SESSIONS = 3
FRAMES = 6
GONE_WITHIN = 5.0


@pytest.fixture(scope="module")
def raw_and_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[object]]]:
    root = tmp_path_factory.mktemp("workers")
    raw = RawStoreBuilder(root / "raw" / "raw.sqlite")
    for number in range(SESSIONS):
        session = raw.add_session(f"s{number}")
        window = raw.add_window(session, 0, "xterm", f"jdoe@devbox: ~/job{number}")
        for frame in range(FRAMES):
            lines = [f"job {number} frame {frame} " * 2, "mail maria.keller@example.com or call 555-0100"]
            raw.add_screenshot(session, frame * 1000, lines * 5, window_id=window, size=(900, 420))
    raw.close()
    reference = root / "reference" / "clean.sqlite"
    done = run_proagent("anonymize", "--db", str(raw.db_path), "--out", str(reference), "--workers", "2")
    assert done.returncode == 0, done.stderr
    return raw.db_path, clean_store_contents(reference)


def _committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT count(*) FROM sessions").fetchone()[0])
    except sqlite3.Error:
        return 0


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.add(pid)
        except psutil.NoSuchProcess:
            continue
    return alive


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_no_worker_outlives_a_killed_anonymize_and_the_rerun_is_identical(
    tmp_path: Path, raw_and_reference: tuple[Path, dict[str, list[object]]], how: str
) -> None:
    raw_db, reference = raw_and_reference
    clean = tmp_path / "out" / "clean.sqlite"
    command = [*PROAGENT, "anonymize", "--db", str(raw_db), "--out", str(clean), "--workers", "2"]
    # Output to a file, not a pipe: a surviving worker would hold a pipe open and hide the parent's exit.
    log = tmp_path / "anonymize.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)
    descendants: set[int] = set()
    try:
        _kill_and_check(process, clean, log, how, descendants)
    finally:
        for pid in _alive(descendants):  # a failed test must not leave workers behind
            psutil.Process(pid).kill()
    first_run = _committed(clean)
    assert 1 <= first_run < SESSIONS, "whole sessions only, and the kill came before the end"
    staging = paths.screenshots_dir(clean) / ".staging"
    if how == "SIGKILL":  # what a killed run leaves is owner-only (the next run replaces it)
        assert staging.is_dir(), "killed mid-session: its staging folder is left"
        for folder in [staging, *(p for p in staging.rglob("*") if p.is_dir())]:
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder

    rerun = run_proagent("anonymize", "--db", str(raw_db), "--out", str(clean), "--workers", "2", timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"anonymized {SESSIONS - first_run}, already done {first_run}" in rerun.stderr
    assert clean_store_contents(clean) == reference


def _kill_and_check(
    process: "subprocess.Popen[str]", clean: Path, log: Path, how: str, descendants: set[int]
) -> None:
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 240
    # Kill once the first session is committed and the pool is busy with the next ones.
    while process.poll() is None and time.monotonic() < deadline:
        descendants.update(child.pid for child in parent.children(recursive=True))
        if _committed(clean) >= 1 and len(descendants) >= 3:  # two workers and the resource tracker
            break
        time.sleep(0.05)
    assert process.poll() is None, f"finished before it could be killed: {log.read_text()}"
    descendants.update(child.pid for child in parent.children(recursive=True))
    process.send_signal(getattr(signal, how))
    process.wait(timeout=120)
    stderr = log.read_text()
    if how == "SIGTERM":
        assert process.returncode == 143, stderr
        assert "terminated" in stderr and "Traceback" not in stderr, stderr
    else:
        assert process.returncode == -signal.SIGKILL
    until = time.monotonic() + GONE_WITHIN
    while _alive(descendants) and time.monotonic() < until:
        time.sleep(0.1)
    survivors = {pid: psutil.Process(pid).cmdline()[-2:] for pid in _alive(descendants)}
    assert not survivors, f"processes outlived anonymize by {GONE_WITHIN} s: {survivors}"
