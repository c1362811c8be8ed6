"""Windows window back-end: GetForegroundWindow and friends from user32, through ctypes.

Written against Microsoft's documented Win32 APIs; it cannot be tested on the Linux machines this project is
built on. No special permission is needed on Windows, but windows of elevated processes report no title to an
unelevated recorder.
"""

import contextlib
import ctypes
from typing import Any

from proagentbench.recorder.backends.base import NO_WINDOW, PollingOnly, WindowInfo


class _Rect(ctypes.Structure):
    _fields_ = [
        ("left", ctypes.c_long),
        ("top", ctypes.c_long),
        ("right", ctypes.c_long),
        ("bottom", ctypes.c_long),
    ]


class WindowsBackend(PollingOnly):
    name = "windows"

    def __init__(self, user32: Any) -> None:
        self._user32 = user32
        self._process_names: dict[int, str] = {}

    @classmethod
    def open(cls) -> "WindowsBackend":
        user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
        # Per-monitor DPI awareness makes GetWindowRect report physical pixels, as mss captures them.
        with contextlib.suppress(AttributeError, OSError):
            ctypes.windll.shcore.SetProcessDpiAwareness(2)  # type: ignore[attr-defined]
        return cls(user32)

    def active_window(self) -> WindowInfo:
        hwnd = self._user32.GetForegroundWindow()
        if not hwnd:
            return NO_WINDOW
        length = self._user32.GetWindowTextLengthW(hwnd)
        buffer = ctypes.create_unicode_buffer(length + 1)
        self._user32.GetWindowTextW(hwnd, buffer, length + 1)
        pid = ctypes.c_ulong(0)
        self._user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        rect = _Rect()
        self._user32.GetWindowRect(hwnd, ctypes.byref(rect))
        process = self._process_name(int(pid.value))
        return WindowInfo(
            handle=int(hwnd),
            title=buffer.value,
            app=process or "unknown",
            pid=int(pid.value) or None,
            x=rect.left,
            y=rect.top,
            width=rect.right - rect.left,
            height=rect.bottom - rect.top,
            app_names=(process, process.removesuffix(".exe")) if process else (),
        )

    def close(self) -> None:
        return None

    def _process_name(self, pid: int) -> str:
        if pid not in self._process_names:
            try:
                import psutil

                self._process_names[pid] = psutil.Process(pid).name()
            except Exception:  # noqa: BLE001 - a vanished or protected process just has no name
                self._process_names[pid] = ""
        return self._process_names[pid]
