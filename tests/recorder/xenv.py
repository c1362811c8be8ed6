"""Helpers for recorder tests against a real X server: Xvfb (+ openbox), xdotool, Tk windows, the store."""

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def fast_settings(**overrides: Any) -> Any:
    """Settings for tests: short intervals so behaviour shows within seconds."""
    from proagentbench.recorder import load_settings

    values: dict[str, Any] = {"flush_interval_seconds": 0.05}
    values.update(overrides)
    return load_settings({}, **values)


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
