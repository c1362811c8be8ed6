"""A private X session for recorder benchmarks: Xvfb 1920x1080 with openbox, Tk windows, xdotool, the CLI."""

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TK_WINDOW = Path(__file__).parents[1] / "tests" / "recorder" / "tk_window.py"
PROAGENT = [sys.executable, "-c", "from proagentbench.cli.main import run; run()"]


@contextmanager
def x_session() -> Iterator[str]:
    """Start Xvfb and openbox, point DISPLAY at them for this process and its children, clean up after."""
    for tool in ("Xvfb", "openbox", "xdotool", "xprop"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: run scripts/bootstrap.sh")
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = ":" + pipe.readline().strip()
    os.environ["DISPLAY"] = display
    os.environ.pop("WAYLAND_DISPLAY", None)
    wm = subprocess.Popen(["openbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while (
        "window id"
        not in subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], capture_output=True, text=True
        ).stdout
    ):
        time.sleep(0.1)
    try:
        yield display
    finally:
        for process in (wm, xvfb):
            process.terminate()
            process.wait(10)


def open_window(title: str, geometry: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, str(TK_WINDOW), title, "Tk", geometry], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    window_id = xdotool("search", "--sync", "--name", f"^{title}$").split()[0]
    return process, window_id


def xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, check=True).stdout


def activate(window_id: str) -> None:
    xdotool("windowactivate", "--sync", window_id)
    time.sleep(0.4)


def wait_for_recorder(data_dir: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not (data_dir / "recorder.json").exists():
        if time.monotonic() > deadline:
            raise SystemExit("the recorder did not start")
        time.sleep(0.1)


def folder_bytes(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())
