"""Linux/X11 window back-end (python-xlib): EWMH when a window manager keeps it, else the X input focus."""

import os
import time
from typing import Any

from proagentbench.errors import MissingDependencyError
from proagentbench.recorder.backends.base import NO_DISPLAY, NO_WINDOW, WindowInfo
from proagentbench.recorder.errors import DisplayUnavailableError

_DESCRIBE_REFRESH_SECONDS = 5.0


class X11Backend:
    name = "x11"

    def __init__(self, display: Any) -> None:
        from Xlib import X

        self._display = display
        self._root = display.screen().root
        self._X = X
        self._atoms = {
            name: display.intern_atom(name)
            for name in (
                "_NET_ACTIVE_WINDOW",
                "_NET_WM_NAME",
                "_NET_WM_PID",
                "UTF8_STRING",
                "WM_CLASS",
                "WM_NAME",
            )
        }
        self._watched_atoms = {
            self._atoms[name] for name in ("_NET_ACTIVE_WINDOW", "_NET_WM_NAME", "WM_NAME")
        }
        self._watched_window = 0
        self._process_names: dict[int, str] = {}
        self._has_xres = bool(display.has_extension("X-Resource"))
        self._cache: dict[tuple[int, str], tuple[float, WindowInfo]] = {}

    @classmethod
    def open(cls, display_name: str | None = None) -> "X11Backend":
        """Connect to the X display named by ``$DISPLAY``, refusing clearly when that cannot work."""
        try:
            import Xlib.display
            import Xlib.error
        except ImportError:
            raise MissingDependencyError("python-xlib", "record") from None
        name = display_name if display_name is not None else os.environ.get("DISPLAY", "")
        if not name:
            raise DisplayUnavailableError(NO_DISPLAY)
        try:
            display = Xlib.display.Display(name)
        except (Xlib.error.DisplayError, Xlib.error.ConnectionClosedError, OSError) as exc:
            raise DisplayUnavailableError(
                f"cannot connect to X display {name!r} ({exc}); "
                "is the session running, and may this user use it?"
            ) from None
        if not display.has_extension("RECORD"):
            display.close()
            raise DisplayUnavailableError(
                f"X display {name!r} lacks the RECORD extension that global input capture needs"
            )
        return cls(display)

    def active_window(self) -> WindowInfo:
        from Xlib.error import XError

        try:
            window = self._ewmh_active() or self._focused_top_level()
            if window is None:
                return NO_WINDOW
            key = (int(window.id), self._title(window))
            now = time.monotonic()
            cached = self._cache.get(key)
            if cached is None or now - cached[0] > _DESCRIBE_REFRESH_SECONDS:
                # Class, pid and geometry cost several round trips: fetch them only for a new window or title.
                self._cache = {key: (now, self._describe(window, key[1]))}
                self._watch_title(window)
            return self._cache[key][1]
        except XError:
            # The window closed between our requests; the next poll sees its successor.
            return NO_WINDOW

    def watch(self) -> None:
        """Ask the X server to tell us when the active window changes (see ``wait_for_change``)."""
        self._root.change_attributes(event_mask=self._X.PropertyChangeMask)
        self._display.flush()

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to ``timeout`` for a change of the active window or of its title.

        Focus then reaches the recorder within milliseconds instead of at the next poll, so keys typed right
        after switching windows are attributed to the new window; idle, it costs no CPU. Without a window
        manager that maintains EWMH no such event comes, and polling alone finds focus changes.
        """
        import select

        display = self._display
        if not display.pending_events():
            readable, _, _ = select.select([display.fileno()], [], [], timeout)
            if not readable:
                return False
        changed = False
        while display.pending_events():
            event = display.next_event()
            if event.type == self._X.PropertyNotify and event.atom in self._watched_atoms:
                changed = True
        return changed

    def close(self) -> None:
        self._display.close()

    def _watch_title(self, window: Any) -> None:
        """Title changes of the focused window arrive as PropertyNotify once we select them on it."""
        from Xlib.error import CatchError

        if int(window.id) != self._watched_window:
            self._watched_window = int(window.id)
            # A window that closes first makes this fail asynchronously; CatchError keeps that quiet.
            window.change_attributes(event_mask=self._X.PropertyChangeMask, onerror=CatchError())
            self._display.flush()

    def _ewmh_active(self) -> Any | None:
        prop = self._root.get_full_property(self._atoms["_NET_ACTIVE_WINDOW"], self._X.AnyPropertyType)
        if prop is None or not prop.value or not prop.value[0]:
            return None
        return self._display.create_resource_object("window", int(prop.value[0]))

    def _focused_top_level(self) -> Any | None:
        """Without EWMH: the input-focus window, walked up to the client that carries WM_CLASS."""
        focus = self._display.get_input_focus().focus
        if isinstance(focus, int) or focus is None:  # PointerRoot or None
            return None
        window = focus
        while window is not None and window.id != self._root.id:
            if window.get_wm_class() is not None:
                return window
            window = window.query_tree().parent
        return focus

    def _describe(self, window: Any, title: str) -> WindowInfo:
        wm_class: tuple[str, ...] = tuple(window.get_wm_class() or ())
        pid = self._pid(window)
        process = self._process_name(pid) if pid else ""
        app = (wm_class[1] if len(wm_class) > 1 else "") or process or (wm_class[0] if wm_class else "")
        geometry = window.get_geometry()
        origin = self._root.translate_coords(window, 0, 0)
        x, y, width, height = origin.x, origin.y, geometry.width, geometry.height
        names = tuple(name for name in (process, *wm_class) if name)
        return WindowInfo(
            handle=int(window.id),
            title=title,
            app=app or "unknown",
            pid=pid,
            x=x,
            y=y,
            width=width,
            height=height,
            app_names=names,
        )

    def _title(self, window: Any) -> str:
        prop = window.get_full_property(self._atoms["_NET_WM_NAME"], self._atoms["UTF8_STRING"])
        if prop is not None and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        name = window.get_wm_name()
        if isinstance(name, bytes):
            return name.decode("latin-1")
        return name or ""

    def _pid(self, window: Any) -> int | None:
        prop = window.get_full_property(self._atoms["_NET_WM_PID"], self._X.AnyPropertyType)
        if prop is not None and prop.value:
            return int(prop.value[0])
        return self._pid_from_server(window)

    def _pid_from_server(self, window: Any) -> int | None:
        """Clients that do not set _NET_WM_PID (Tk, many older toolkits): ask the X server which local
        process owns the window's connection (X-Resource extension)."""
        if not self._has_xres:
            return None
        from Xlib.ext import res

        reply = self._display.res_query_client_ids([{"client": window.id, "mask": res.LocalClientPIDMask}])
        for client in reply.ids:
            if client.value:
                return int(client.value[0])
        return None

    def _process_name(self, pid: int) -> str:
        if pid not in self._process_names:
            try:
                import psutil

                self._process_names[pid] = psutil.Process(pid).name()
            except Exception:  # noqa: BLE001 - a vanished or foreign process just has no name
                self._process_names[pid] = ""
            if len(self._process_names) > 4096:
                self._process_names.clear()
        return self._process_names[pid]
