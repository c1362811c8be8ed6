"""Platform window back-ends behind one interface; each is imported only on its own platform."""

import os
import sys

from proagentbench.recorder.backends.base import NO_DISPLAY, NO_WINDOW, WindowBackend, WindowInfo
from proagentbench.recorder.errors import DisplayUnavailableError

__all__ = ["NO_WINDOW", "WindowBackend", "WindowInfo", "check_display", "open_backend"]


def check_display(*, allow_xwayland: bool = False) -> str:
    """Name the platform to record on, or refuse clearly when there is nothing the recorder can capture."""
    if sys.platform == "darwin":
        return "macos"
    if sys.platform == "win32":
        return "windows"
    wayland = bool(os.environ.get("WAYLAND_DISPLAY")) or os.environ.get("XDG_SESSION_TYPE") == "wayland"
    display = os.environ.get("DISPLAY", "")
    if wayland and not (display and allow_xwayland):
        raise DisplayUnavailableError(
            "this is a Wayland session: Wayland lets no program capture global input or other windows, "
            "so the recorder cannot run; log in to an X11 session"
            + (" (or set recorder.allow_xwayland = true to see only XWayland apps)" if display else "")
        )
    if not display:
        raise DisplayUnavailableError(NO_DISPLAY)
    return "x11"


def open_backend(platform_name: str) -> WindowBackend:
    if platform_name == "macos":
        from proagentbench.recorder.backends.macos import MacOSBackend

        return MacOSBackend.open()
    if platform_name == "windows":
        from proagentbench.recorder.backends.windows import WindowsBackend

        return WindowsBackend.open()
    from proagentbench.recorder.backends.x11 import X11Backend

    return X11Backend.open()
