"""`proagent record | status | stop | pause | resume`: run the recorder and control a running one."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import typer

from proagentbench import paths
from proagentbench.cli.options import ConfigOption, DataDirOption, DbOption, JsonOption, resolve_db
from proagentbench.errors import ExitCode, ProagentError

DETACH_START_TIMEOUT = 20.0
STOP_TIMEOUT = 60.0

ExcludeAppOption = typer.Option(
    [], "--exclude-app", help="Also exclude this application (process or WM_CLASS name); repeatable."
)
ExcludeTitleOption = typer.Option(
    [], "--exclude-title", help="Also exclude windows whose title matches this regex; repeatable."
)


def record(
    db: Path | None = DbOption,
    data_dir: Path | None = DataDirOption,
    config: Path | None = ConfigOption,
    duration: float | None = typer.Option(
        None, "--duration", min=0.1, help="Stop by itself after this many seconds."
    ),
    detach: bool = typer.Option(
        False, "--detach", help="Run in the background; use `proagent status` and `proagent stop`."
    ),
    idle_seconds: float | None = typer.Option(
        None, "--idle-seconds", help="Seconds without input before idle_start (default 60)."
    ),
    screenshots: bool | None = typer.Option(
        None, "--screenshots/--no-screenshots", help="Take screenshots (default on)."
    ),
    screenshot_format: str | None = typer.Option(None, "--screenshot-format", help="webp (default) or png."),
    screenshot_monitor: str | None = typer.Option(
        None, "--screenshot-monitor", help="focused (monitor holding the focused window, default) or all."
    ),
    exclude_app: list[str] = ExcludeAppOption,
    exclude_title: list[str] = ExcludeTitleOption,
    pause_hotkey: str | None = typer.Option(
        None,
        "--pause-hotkey",
        help="Global hotkey toggling pause ('' disables).",
    ),
    user_id: str | None = typer.Option(
        None,
        "--user-id",
        help="Pseudonymous user id for the session (default: a hash of login@host).",
    ),
) -> None:
    """Record keyboard, mouse, focused windows, idle time and screenshots into the raw store.

    Runs in the foreground until Ctrl-C (or SIGTERM, or --duration); everything queued is written before exit.
    """
    from proagentbench.config import load_config
    from proagentbench.recorder.settings import load_settings

    os.umask(0o077)
    settings = load_settings(
        load_config(paths.config_path(config)),
        idle_seconds=idle_seconds,
        screenshots=screenshots,
        screenshot_format=screenshot_format,
        screenshot_monitor=screenshot_monitor,
        pause_hotkey=pause_hotkey,
        user_id=user_id,
        extra_apps=tuple(exclude_app),
        extra_titles=tuple(exclude_title),
    )
    data_directory = paths.data_dir(data_dir)
    db_path = resolve_db(db, data_dir)
    if detach:
        _start_detached(data_directory)
        return
    _record_foreground(settings, db_path, data_directory, duration)


def _record_foreground(settings: Any, db_path: Path, data_directory: Path, duration: float | None) -> None:
    from proagentbench.recorder import Recording

    recording = Recording.start(settings, db_path, data_directory)
    for session_id in recording.crashed_sessions:
        typer.echo(f"closed session {session_id}, left open by a recorder that was killed", err=True)
    typer.echo(
        f"recording session {recording.session.id} to {db_path} (Ctrl-C or `proagent stop` to stop)", err=True
    )
    reason = _wait(recording, duration)
    result = recording.stop(reason)
    typer.echo(
        f"session {result.session_id} ended ({result.end_reason}): {result.committed_rows} rows, "
        f"{result.screenshots.captured} screenshots",
        err=True,
    )
    if result.disk_full:
        raise ProagentError(
            f"{db_path}: disk full: rows after the disk filled could not be written ({result.writer_error}); "
            "the session is closed with what was committed; free some space before recording again",
            exit_code=ExitCode.ENVIRONMENT,
        )
    if result.writer_error:
        raise ProagentError(f"some rows could not be written: {result.writer_error}")


def _wait(recording: Any, duration: float | None) -> str:
    """Block until a stop signal or the duration; pause/resume signals are handled on this thread."""
    wake = threading.Event()
    requests: list[str] = []

    def on_signal(signum: int, _frame: Any) -> None:
        requests.append(signal.Signals(signum).name)
        wake.set()

    for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGUSR1", "SIGUSR2"):
        if hasattr(signal, name):  # Windows has only SIGTERM and SIGINT
            signal.signal(getattr(signal, name), on_signal)
    with _DurationBar(duration) as bar:
        while True:
            remaining = bar.remaining()
            if remaining is not None and remaining <= 0:
                return "duration"
            if recording.lost.is_set():  # the display went away (logout, X server crash)
                typer.echo("proagent: the display went away; stopping", err=True)
                return "signal"
            wake.wait(min(remaining, bar.refresh) if remaining is not None else bar.refresh)
            wake.clear()
            while requests:
                name = requests.pop(0)
                if name == "SIGUSR1":
                    recording.pause("command")
                elif name == "SIGUSR2":
                    recording.resume("command")
                elif name == "SIGINT":  # Ctrl-C or `proagent stop`: the user asked to stop
                    return "stopped"
                else:  # SIGTERM, SIGHUP: the system ends the recorder (shutdown, logout, kill)
                    return "signal"


class _DurationBar:
    """A rich progress bar for `--duration` on a terminal; silent otherwise (detached, tests, pipes)."""

    refresh = 0.5

    def __init__(self, duration: float | None) -> None:
        self._duration = duration
        self._deadline = None if duration is None else time.monotonic() + duration
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> "_DurationBar":
        if self._duration is not None and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TimeRemainingColumn

            self._progress = Progress(
                "recording", BarColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=True
            )
            self._progress.start()
            self._task = self._progress.add_task("recording", total=self._duration)
        return self

    def remaining(self) -> float | None:
        if self._deadline is None:
            return None
        left = self._deadline - time.monotonic()
        if self._progress is not None and self._duration is not None:
            self._progress.update(self._task, completed=self._duration - max(0.0, left))
        return left

    def __exit__(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def _start_detached(data_directory: Path) -> None:
    """Re-run this command without --detach in a new session, and wait until it holds the lock."""
    from proagentbench.recorder.control import LOG_NAME, find_recorder
    from proagentbench.recorder.errors import RecorderNotRunningError

    paths.make_private_dir(data_directory)
    args = [arg for arg in sys.argv[1:] if arg != "--detach"]
    log_path = data_directory / LOG_NAME
    log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    offset = os.lseek(log_fd, 0, os.SEEK_END)
    command = [sys.executable, "-c", "from proagentbench.cli.main import run; run()", *args]
    env = dict(os.environ, PROAGENT_DATA_DIR=str(data_directory))
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=log_fd, stderr=log_fd, start_new_session=True, env=env
    )
    os.close(log_fd)
    deadline = time.monotonic() + DETACH_START_TIMEOUT
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise ProagentError(f"the recorder did not start: {_last_line(log_path, offset)}")
        try:
            status = find_recorder(data_directory)
        except RecorderNotRunningError:
            time.sleep(0.1)
            continue
        if status.pid == child.pid:
            typer.echo(f"recorder running in the background (pid {child.pid}), session {status.session_id}")
            return
        time.sleep(0.1)
    raise ProagentError(f"the recorder did not start within {DETACH_START_TIMEOUT:.0f} s; see {log_path}")


def _last_line(log_path: Path, offset: int) -> str:
    with log_path.open("rb") as handle:
        handle.seek(offset)
        lines = [line for line in handle.read().decode(errors="replace").splitlines() if line.strip()]
    if not lines:
        return "it exited without a message"
    return lines[-1].removeprefix("proagent: error: ")


def status(data_dir: Path | None = DataDirOption, as_json: bool = JsonOption) -> None:
    """Show whether a recorder runs for the data directory, and which session and store it records to."""
    from proagentbench.recorder.control import find_recorder
    from proagentbench.recorder.errors import RecorderNotRunningError
    from proagentbench.timeutil import us_to_iso

    try:
        running = find_recorder(paths.data_dir(data_dir))
    except RecorderNotRunningError as exc:
        if as_json:
            typer.echo(json.dumps({"running": False}))
        else:
            typer.echo(str(exc))
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(
            json.dumps({"running": True, **running.__dict__, "started_at": us_to_iso(running.started_at)})
        )
        return
    state = "paused" if running.paused else "recording"
    typer.echo(
        f"{state}: pid {running.pid}, session {running.session_id} since "
        f"{us_to_iso(running.started_at)}, store {running.db}"
    )


def stop(data_dir: Path | None = DataDirOption) -> None:
    """Stop the running recorder cleanly (everything queued is written) and wait until it has exited."""
    from proagentbench.recorder.control import STOP_SIGNAL, find_recorder, lock_is_free, signal_recorder

    directory = paths.data_dir(data_dir)
    running = find_recorder(directory)
    signal_recorder(running, STOP_SIGNAL)
    deadline = time.monotonic() + STOP_TIMEOUT
    while not lock_is_free(directory):
        if time.monotonic() > deadline:
            raise ProagentError(f"the recorder (pid {running.pid}) did not stop within {STOP_TIMEOUT:.0f} s")
        time.sleep(0.1)
    typer.echo(f"stopped the recorder (pid {running.pid}); session {running.session_id} is closed")


def pause(data_dir: Path | None = DataDirOption) -> None:
    """Pause the running recorder: nothing is captured until `proagent resume` (a gap, not idle time)."""
    _set_paused(paths.data_dir(data_dir), paused=True)


def resume(data_dir: Path | None = DataDirOption) -> None:
    """Resume a paused recorder."""
    _set_paused(paths.data_dir(data_dir), paused=False)


def _set_paused(directory: Path, *, paused: bool) -> None:
    from proagentbench.recorder.control import PAUSE_SIGNAL, RESUME_SIGNAL, find_recorder, signal_recorder

    running = find_recorder(directory)
    signal_recorder(running, PAUSE_SIGNAL if paused else RESUME_SIGNAL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if find_recorder(directory).paused == paused:
            typer.echo(f"recorder (pid {running.pid}) {'paused' if paused else 'resumed'}")
            return
        time.sleep(0.05)
    raise ProagentError(f"the recorder (pid {running.pid}) did not confirm within 10 s")


def register(app: typer.Typer) -> None:
    for command in (record, status, stop, pause, resume):
        app.command()(command)
