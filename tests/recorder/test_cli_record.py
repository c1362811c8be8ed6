"""`proagent record | status | stop | pause | resume` as processes: signals, kill -9, detach, refusals."""

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proagentbench.store import open_store
from proagentbench.store.roles import ROLE_CLEAN, claim_role

from ..helpers import PROAGENT, fill_disk
from .xenv import query, wait_for, xdotool

pytestmark = pytest.mark.x11


def proagent(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PROAGENT, *args], capture_output=True, text=True, timeout=timeout, env=env)


_spawned: list[subprocess.Popen[str]] = []


def spawn(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [*PROAGENT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    _spawned.append(process)
    return process


@pytest.fixture(autouse=True)
def _reap_recorders() -> Iterator[None]:
    """A failed test must not leave a recorder running."""
    yield
    while _spawned:
        process = _spawned.pop()
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)


def _wait_recording(db: Path) -> None:
    """The recorder is ready once its session row exists and its listeners run (the status file says so)."""
    wait_for(lambda: (db.parent / "recorder.json").exists(), timeout=30, message="recorder start")


def _key_presses(db: Path) -> int:
    return query(db, "SELECT COUNT(*) FROM events WHERE kind = 'key_press'")[0][0]


def test_duration_ends_the_session_and_sessions_lists_it(x_display, tk_window, tmp_path: Path) -> None:
    tk_window("Duration").activate()
    db = tmp_path / "data" / "raw.sqlite"
    result = proagent("record", "--db", str(db), "--duration", "1.5", "--no-screenshots")
    assert result.returncode == 0, result.stderr
    listed = json.loads(proagent("sessions", "--db", str(db), "--json").stdout)
    assert listed[0]["end_reason"] == "duration" and listed[0]["counts"]["window_focus"] >= 1
    started, ended = query(db, "SELECT started_at, ended_at FROM sessions")[0]
    assert 1.4e6 <= ended - started <= 10e6


def test_sigterm_flushes_every_queued_event(x_display, tk_window, tmp_path: Path) -> None:
    window = tk_window("Sigterm")
    db = tmp_path / "data" / "raw.sqlite"
    process = spawn("record", "--db", str(db), "--data-dir", str(db.parent))
    _wait_recording(db)
    window.activate()
    xdotool("type", "--delay", "0", "x" * 300)
    time.sleep(0.3)  # let the X server deliver the last key events to the recorder
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert _key_presses(db) == 300
    assert query(db, "SELECT end_reason FROM sessions") == [("signal",)]
    assert query(db, "SELECT text FROM events WHERE kind = 'text'") == [("x" * 300,)]


def test_kill_9_loses_at_most_a_second_and_the_next_start_closes_the_session(
    x_display, tk_window, tmp_path: Path
) -> None:
    window = tk_window("Kill nine")
    db = tmp_path / "data" / "raw.sqlite"
    process = spawn("record", "--db", str(db), "--data-dir", str(db.parent), "--no-screenshots")
    _wait_recording(db)
    window.activate()
    xdotool("type", "--delay", "0", "y" * 200)
    time.sleep(1.2)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _key_presses(db) == 200, "rows older than a second are already committed"
    assert query(db, "SELECT ended_at FROM sessions") == [(None,)]
    stale = proagent("status", "--data-dir", str(db.parent))
    assert stale.returncode == 1 and "no recorder is running" in stale.stdout, (
        "files left by kill -9 are ignored"
    )
    last_event = query(db, "SELECT MAX(t) FROM events")[0][0]
    again = proagent("record", "--db", str(db), "--data-dir", str(db.parent), "--duration", "0.5")
    assert again.returncode == 0, again.stderr
    assert "closed session 1" in again.stderr
    sessions = query(db, "SELECT id, ended_at, end_reason FROM sessions ORDER BY id")
    assert sessions[0] == (1, last_event, "crashed")
    assert sessions[1][2] == "duration"


def test_detach_status_pause_resume_and_stop(x_display, tk_window, tmp_path: Path) -> None:
    window = tk_window("Detached")
    data = tmp_path / "detached"
    db = data / "raw.sqlite"
    try:
        _detached_round_trip(window, data, db)
    finally:
        if (data / "recorder.json").exists():  # a failed assertion must not leave the daemon running
            proagent("stop", "--data-dir", str(data))


def _detached_round_trip(window: Any, data: Path, db: Path) -> None:
    started = proagent("record", "--detach", "--data-dir", str(data), "--no-screenshots", timeout=60)
    assert started.returncode == 0, started.stderr
    assert "running in the background" in started.stdout
    status = json.loads(proagent("status", "--data-dir", str(data), "--json").stdout)
    assert status["running"] and status["db"] == str(db) and not status["paused"]
    window.activate()
    assert proagent("pause", "--data-dir", str(data)).returncode == 0
    assert "paused" in proagent("status", "--data-dir", str(data)).stdout
    xdotool("type", "--delay", "5", "hidden")
    time.sleep(0.3)
    assert proagent("resume", "--data-dir", str(data)).returncode == 0
    xdotool("type", "--delay", "5", "seen")
    time.sleep(0.5)
    second = proagent("record", "--data-dir", str(data), "--duration", "1")
    assert second.returncode == 2 and "already running" in second.stderr
    stopped = proagent("stop", "--data-dir", str(data))
    assert stopped.returncode == 0, stopped.stderr
    after = proagent("status", "--data-dir", str(data))
    assert after.returncode == 1 and "no recorder is running" in after.stdout
    assert query(db, "SELECT end_reason FROM sessions") == [("stopped",)]
    sources = query(db, "SELECT kind, data FROM events WHERE kind IN ('pause', 'resume') ORDER BY id")
    assert [(kind, json.loads(data)["source"]) for kind, data in sources] == [
        ("pause", "command"),
        ("resume", "command"),
    ]
    assert query(db, "SELECT text FROM events WHERE kind = 'text'") == [("seen",)]
    assert oct(os.stat(data / "recorder.log").st_mode & 0o777) == "0o600"
    assert proagent("stop", "--data-dir", str(data)).returncode == 2


def test_bad_db_paths_and_a_corrupt_store_are_refused_untouched(x_display, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"not a database at all" * 50)
    before = corrupt.read_bytes()
    clean = tmp_path / "clean.sqlite"
    engine = open_store(clean, create=True)
    claim_role(engine, ROLE_CLEAN, str(clean), use="")
    engine.dispose()
    cases = {  # click's own check of the option (usage, 2), then the store's (bad input, 3)
        str(tmp_path): ("is a directory", 2),
        "/proc/no-such-dir/raw.sqlite": ("cannot be created", 3),
        str(corrupt): ("not a SQLite database", 3),
        str(clean): ("is a clean store (anonymized), not a raw store", 3),
    }
    for db, (message, code) in cases.items():
        result = proagent("record", "--db", db, "--duration", "1", "--data-dir", str(tmp_path / "d"))
        assert result.returncode == code, (db, result.stderr)
        assert message in result.stderr and result.stderr.strip().count("\n") == 0, result.stderr
        assert "Traceback" not in result.stderr
    assert corrupt.read_bytes() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"WAYLAND_DISPLAY": "wayland-0"}, "Wayland session"),
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": None}, "Wayland session"),
        ({"DISPLAY": None}, "DISPLAY is not set"),
        ({"DISPLAY": ":987"}, "cannot connect to X display"),
    ],
)
def test_refuses_without_a_usable_x_display(
    x_display, tmp_path: Path, changes: dict[str, str | None], message: str
) -> None:
    env = dict(os.environ)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    db = tmp_path / "raw.sqlite"
    result = proagent("record", "--db", str(db), "--duration", "1", env=env)
    assert result.returncode == 4 and message in result.stderr, result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert not db.exists(), "a refused start creates no store"


def test_bad_configuration_is_a_clear_error(x_display, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    for body, message in [
        ("[recorder]\nidle_seconds = 'soon'\n", "recorder.idle_seconds: expected float"),
        ("[recorder]\nidle_second = 5\n", "unknown key(s) idle_second"),
        ("[exclusions]\nextra_titles = ['(unclosed']\n", "not a regex"),
        ("[recorder]\nscreenshot_format = 'bmp'\n", "screenshot_format"),
    ]:
        config.write_text(body)
        result = proagent(
            "record", "--config", str(config), "--db", str(tmp_path / "r.sqlite"), "--duration", "1"
        )
        assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not (tmp_path / "r.sqlite").exists()


def test_a_lost_display_ends_the_recording_cleanly(tmp_path: Path) -> None:
    from .xenv import start_xvfb, stop_processes

    display, processes = start_xvfb(window_manager=False)
    db = tmp_path / "data" / "raw.sqlite"
    env = dict(os.environ, DISPLAY=display)
    env.pop("WAYLAND_DISPLAY", None)
    recorder = spawn("record", "--db", str(db), "--data-dir", str(db.parent), env=env)
    try:
        _wait_recording(db)
    finally:
        stop_processes(processes)
    _, stderr = recorder.communicate(timeout=30)
    assert recorder.returncode == 0, stderr
    assert "the display went away" in stderr
    assert query(db, "SELECT end_reason FROM sessions") == [("signal",)]


def test_a_second_recorder_on_the_same_store_is_refused_and_the_first_loses_nothing(
    x_display, tk_window, tmp_path: Path
) -> None:
    """Issue 10, defect 2: the lock is per store file, not per data directory."""
    window = tk_window("Two recorders")
    first_dir, second_dir = tmp_path / "d1", tmp_path / "d2"
    db = first_dir / "raw.sqlite"
    first = spawn("record", "--data-dir", str(first_dir), "--no-screenshots")
    _wait_recording(db)
    window.activate()
    xdotool("type", "--delay", "0", "a" * 100)
    # The same file under another name (a symlink) must take the same lock.
    (tmp_path / "alias.sqlite").symlink_to(db)
    for other_db in (db, tmp_path / "alias.sqlite"):
        second = proagent("record", "--data-dir", str(second_dir), "--db", str(other_db), "--duration", "1")
        assert second.returncode == 2, second.stderr
        assert "is already writing" in second.stderr and f"pid {first.pid}" in second.stderr, second.stderr
        assert second.stderr.strip().count("\n") == 0 and "Traceback" not in second.stderr
    xdotool("type", "--delay", "0", "b" * 100)
    time.sleep(0.5)
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=30)
    assert first.returncode == 0, stderr
    assert "rejected" not in stderr
    sessions = query(db, "SELECT id, end_reason FROM sessions")
    assert sessions == [(1, "stopped")], "no session marked crashed, no second session"
    assert _key_presses(db) == 200
    typed = query(db, "SELECT text FROM events WHERE kind = 'text' ORDER BY id")
    assert "".join(text for (text,) in typed) == "a" * 100 + "b" * 100  # split by the pause between them


def test_a_disk_that_fills_while_recording_ends_in_one_line_with_the_session_closed(
    x_display, tk_window, tmp_path: Path
) -> None:
    data = tmp_path / "disk"
    data.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(data)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        window = tk_window("Disk full")
        db = data / "raw.sqlite"
        process = spawn("record", "--db", str(db), "--data-dir", str(data), "--no-screenshots")
        _wait_recording(db)
        window.activate()
        xdotool("type", "--delay", "0", "k" * 100)
        time.sleep(1.5)  # committed before the disk fills
        fill_disk(data)
        xdotool("type", "--delay", "0", "m" * 2000)
        time.sleep(1.5)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        errors = [line for line in stderr.splitlines() if line.startswith("proagent: error:")]
        assert process.returncode == 4 and len(errors) == 1 and "disk full" in errors[0], stderr
        (data / "ballast").unlink()
        assert query(db, "SELECT end_reason FROM sessions") == [("signal",)], "the session is closed"
        assert _key_presses(db) >= 100, "what was committed before the disk filled stays"
        assert [p.name for p in data.iterdir() if "reserve" in p.name] == [], "the reserve is removed"
    finally:
        subprocess.run(["umount", str(data)], check=True)
