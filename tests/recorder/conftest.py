"""Fixtures for recorder tests: a session-wide Xvfb with openbox, real Tk windows, the real recorder."""

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .xenv import HERE, TkWindow, fast_settings, start_xvfb, stop_processes, xdotool


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
