"""Real X for recorder tests: Xvfb with openbox, Tk windows, xdotool input and the real recorder."""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
SCREEN = "1920x1080x24"


def _require(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f"recorder tests need {', '.join(missing)}: run scripts/bootstrap.sh")


def start_xvfb(*, window_manager: bool) -> tuple[str, list[subprocess.Popen[bytes]]]:
    """Start Xvfb on a free display (-displayfd), optionally with openbox; returns ':N' and processes."""
    _require("Xvfb", "xdotool", "openbox")
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not report a display number")
    display = f":{number}"
    processes: list[subprocess.Popen[bytes]] = [xvfb]
    if window_manager:
        wm = subprocess.Popen(
            ["openbox"],
            env=dict(os.environ, DISPLAY=display),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(wm)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # openbox is ready once it advertises EWMH on the root window
            probe = subprocess.run(
                ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"],
                env=dict(os.environ, DISPLAY=display),
                capture_output=True,
                text=True,
            )
            if "window id" in probe.stdout:
                break
            time.sleep(0.1)
    return display, processes


def stop_processes(processes: list[subprocess.Popen[Any]]) -> None:
    for process in reversed(processes):
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    display, processes = start_xvfb(window_manager=True)
    saved = {name: os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    os.environ["DISPLAY"] = display
    os.environ.pop("WAYLAND_DISPLAY", None)
    os.environ["XDG_SESSION_TYPE"] = "x11"
    try:
        yield display
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        stop_processes(processes)


def xdotool(*args: str) -> str:
    result = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


@dataclass
class TkWindow:
    title: str
    process: subprocess.Popen[str]
    window_id: str

    def activate(self) -> None:
        xdotool("windowactivate", "--sync", self.window_id)
        time.sleep(0.4)  # let the recorder's focus poll (every 0.25 s) see it before input arrives


@pytest.fixture
def tk_window(x_display: str) -> Iterator[Callable[..., TkWindow]]:
    opened: list[TkWindow] = []

    def open_window(title: str, class_name: str = "Tk", geometry: str = "640x400+80+80") -> TkWindow:
        process = subprocess.Popen(
            [sys.executable, str(HERE / "tk_window.py"), title, class_name, geometry],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            process.kill()
            raise RuntimeError(f"Tk window {title!r} did not start")
        window_id = xdotool("search", "--sync", "--name", f"^{title}$").splitlines()[0]
        window = TkWindow(title, process, window_id)
        opened.append(window)
        return window

    yield open_window
    for window in opened:
        window.process.kill()
        window.process.wait()


def fast_settings(**overrides: Any) -> Any:
    """Settings for tests: short intervals so behaviour shows within seconds."""
    from proagentbench.recorder import load_settings

    values: dict[str, Any] = {"flush_interval_seconds": 0.05}
    values.update(overrides)
    return load_settings({}, **values)


@pytest.fixture
def start_recording(x_display: str, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Start the real recorder in this process; it is stopped at teardown if the test did not stop it."""
    from proagentbench.recorder import Recording

    started: list[Any] = []

    def start(settings: Any = None, db: Path | None = None) -> Any:
        recording = Recording.start(
            settings or fast_settings(), db or tmp_path / "data" / "raw.sqlite", tmp_path / "data"
        )
        started.append(recording)
        return recording

    yield start
    for recording in started:
        if recording.core is not None and not recording._stopping.is_set():
            recording.stop("stopped")


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0, message: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {message}")


@contextmanager
def held_for(seconds: float) -> Iterator[None]:
    """Run a block and then sleep out the rest of ``seconds`` (for time-based behaviour)."""
    start = time.monotonic()
    yield
    remaining = seconds - (time.monotonic() - start)
    if remaining > 0:
        time.sleep(remaining)
