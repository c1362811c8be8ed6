"""The interface every platform's window back-end implements, and what it reports."""

import time
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class WindowInfo:
    """The focused window; ``handle`` identifies it on its platform (X window id, CGWindowID, HWND)."""

    handle: int
    title: str
    app: str
    pid: int | None = None
    x: int | None = None
    y: int | None = None
    width: int | None = None
    height: int | None = None
    # Every name the window's application goes by (process name, WM_CLASS instance and class): exclusions
    # match any of them.
    app_names: tuple[str, ...] = field(default=())

    def center(self) -> tuple[int, int] | None:
        x, y, width, height = self.x, self.y, self.width, self.height
        if x is None or y is None or width is None or height is None:
            return None
        return x + width // 2, y + height // 2


NO_WINDOW = WindowInfo(handle=0, title="", app="")
NO_DISPLAY = "no X display: DISPLAY is not set (the recorder needs a desktop session)"


class WindowBackend(Protocol):
    """Reports the focused window. Called from one thread only (the recorder's ticker)."""

    name: str

    def active_window(self) -> WindowInfo: ...

    def watch(self) -> None:
        """Start change notifications, if the platform has them (``wait_for_change`` then wakes early)."""
        ...

    def wait_for_change(self, timeout: float) -> bool:
        """Sleep up to ``timeout``; True when the focused window or its title probably changed."""
        ...

    def close(self) -> None: ...


class PollingOnly:
    """For back-ends without change notifications: the recorder simply polls."""

    def watch(self) -> None:
        return None

    def wait_for_change(self, timeout: float) -> bool:
        time.sleep(timeout)
        return False
