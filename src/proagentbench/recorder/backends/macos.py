"""macOS window back-end: NSWorkspace for the frontmost app, CGWindowListCopyWindowInfo for its window.

Written against Apple's documented APIs (through PyObjC); it cannot be tested on the Linux machines this
project is built on. Window titles need the Screen Recording permission and global input needs
Accessibility (Input Monitoring); both are checked before recording starts.
"""

from typing import Any

from proagentbench.errors import MissingDependencyError
from proagentbench.recorder.backends.base import NO_WINDOW, PollingOnly, WindowInfo
from proagentbench.recorder.errors import PermissionMissingError


class MacOSBackend(PollingOnly):
    name = "macos"

    def __init__(self, quartz: Any, appkit: Any) -> None:
        self._quartz = quartz
        self._workspace = appkit.NSWorkspace.sharedWorkspace()

    @classmethod
    def open(cls) -> "MacOSBackend":
        try:
            import AppKit
            import Quartz
            from ApplicationServices import AXIsProcessTrusted
        except ImportError:
            raise MissingDependencyError("pyobjc-framework-Quartz", "record") from None
        if not AXIsProcessTrusted():
            raise PermissionMissingError(
                "macOS denies input monitoring to this program: allow it under System Settings > Privacy & "
                "Security > Accessibility (and Input Monitoring), then start again"
            )
        preflight = getattr(Quartz, "CGPreflightScreenCaptureAccess", None)
        if preflight is not None and not preflight():
            raise PermissionMissingError(
                "macOS denies screen capture to this program: allow it under System Settings > Privacy & "
                "Security > Screen Recording, then start again"
            )
        return cls(Quartz, AppKit)

    def active_window(self) -> WindowInfo:
        application = self._workspace.frontmostApplication()
        if application is None:
            return NO_WINDOW
        pid = int(application.processIdentifier())
        app = str(application.localizedName() or "")
        bundle = str(application.bundleIdentifier() or "")
        quartz = self._quartz
        options = quartz.kCGWindowListOptionOnScreenOnly | quartz.kCGWindowListExcludeDesktopElements
        windows = self._quartz.CGWindowListCopyWindowInfo(options, self._quartz.kCGNullWindowID) or []
        # The list is ordered front to back: the first normal-layer window of the frontmost app has focus.
        for window in windows:
            if int(window.get("kCGWindowOwnerPID", -1)) != pid or int(window.get("kCGWindowLayer", 1)) != 0:
                continue
            bounds = window.get("kCGWindowBounds", {})
            return WindowInfo(
                handle=int(window.get("kCGWindowNumber", 0)),
                title=str(window.get("kCGWindowName", "") or ""),
                app=app or "unknown",
                pid=pid,
                x=int(bounds.get("X", 0)),
                y=int(bounds.get("Y", 0)),
                width=int(bounds.get("Width", 0)),
                height=int(bounds.get("Height", 0)),
                app_names=tuple(name for name in (app, bundle) if name),
            )
        return WindowInfo(handle=-pid, title="", app=app or "unknown", pid=pid, app_names=(app, bundle))

    def close(self) -> None:
        return None
