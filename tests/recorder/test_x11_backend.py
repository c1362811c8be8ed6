"""The X11 window back-end without a window manager: the X input focus stands in for _NET_ACTIVE_WINDOW."""

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from proagentbench.recorder.backends.x11 import X11Backend

from .xenv import HERE, start_xvfb, stop_processes

pytestmark = pytest.mark.x11


@pytest.fixture(scope="module")
def bare_display() -> Iterator[str]:
    display, processes = start_xvfb(window_manager=False)
    try:
        yield display
    finally:
        stop_processes(processes)


def test_input_focus_fallback_without_ewmh(bare_display: str) -> None:
    env = dict(os.environ, DISPLAY=bare_display)
    window = subprocess.Popen(
        [sys.executable, str(HERE / "tk_window.py"), "No WM here", "Scratch", "300x200+10+10"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    backend = X11Backend.open(bare_display)
    try:
        assert window.stdout is not None and window.stdout.readline().strip() == "ready"
        window_id = subprocess.run(
            ["xdotool", "search", "--sync", "--name", "^No WM here$"], env=env, capture_output=True, text=True
        ).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window_id], env=env, check=True)
        info = backend.active_window()
        assert info.title == "No WM here" and info.app == "Scratch" and info.pid == window.pid
        assert (info.x, info.y, info.width, info.height) == (10, 10, 300, 200)
        assert "scratch" in info.app_names
    finally:
        backend.close()
        window.kill()
        window.wait()
