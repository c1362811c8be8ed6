"""The recorder's core: turns input and focus changes into rows, tracks idle, pause, typing and exclusions.

Every method may be called from any thread (keyboard, mouse, ticker, screenshot, signal handling); one lock
keeps the rows of each window, its events and its text in order. Nothing here blocks on I/O: rows go to the
writer's queue and capture requests to the screenshot thread.
"""

import json
import threading
import time
from typing import Any, Protocol

from proagentbench.recorder.backends.base import NO_WINDOW, WindowInfo
from proagentbench.recorder.exclusions import ExclusionRules
from proagentbench.recorder.inputs import KeyInput
from proagentbench.recorder.sampling import MoveSampler
from proagentbench.recorder.screenshots.worker import CaptureTarget
from proagentbench.recorder.settings import RecorderSettings
from proagentbench.recorder.text import TextBuffer
from proagentbench.store import EXCLUDED_TITLE, MODIFIER_SEPARATOR, SHORTCUT_MODIFIERS
from proagentbench.timeutil import now_us


class CaptureSink(Protocol):
    def request(self, trigger: str, event_id: int | None) -> None: ...


class RowSink(Protocol):
    """Where rows go: the store's batching `StoreWriter`, which assigns each row's id up front."""

    def add(self, table: str, row: dict[str, Any]) -> int: ...


class RecorderCore:
    def __init__(
        self, settings: RecorderSettings, rules: ExclusionRules, writer: RowSink, session_id: int
    ) -> None:
        self._settings = settings
        self._rules = rules
        self._writer = writer
        self._session_id = session_id
        self._lock = threading.Lock()
        self._capture: CaptureSink | None = None
        self._window = NO_WINDOW
        self._window_id: int | None = None
        self._excluded = False
        self._refocus_reason: str | None = "start"
        self._paused = False
        self._idle = False
        self._held: set[str] = set()
        self._text = TextBuffer()
        self._moves = MoveSampler.per_second(settings.mouse_moves_per_second)
        now = time.monotonic()
        self._last_input = now
        self._last_key: float | None = None
        self._last_key_event: int | None = None
        self._last_scroll: float | None = None
        self._last_scroll_event: int | None = None
        self._last_window_heartbeat = now
        self._last_capture_request = now

    def attach_capture(self, sink: CaptureSink) -> None:
        self._capture = sink

    @property
    def paused(self) -> bool:
        return self._paused

    # Input -----------------------------------------------------------------------------------------------

    def key_press(self, key: KeyInput) -> None:
        with self._lock:
            if self._paused:
                return
            t = self._activity()
            held_before = frozenset(self._held)
            if key.modifier:
                self._held.add(key.modifier)
            visible = not self._excluded
            self._last_key_event = self._event(
                "key_press",
                t,
                key=key.name if visible else None,
                char=key.char if visible else None,
                modifiers=(MODIFIER_SEPARATOR.join(sorted(held_before)) or None) if visible else None,
            )
            self._last_key = time.monotonic()
            if visible and not key.modifier and not held_before & SHORTCUT_MODIFIERS:
                self._type(key, t)

    def key_release(self, key: KeyInput) -> None:
        with self._lock:
            if key.modifier:
                self._held.discard(key.modifier)
            if self._paused:
                return
            t = self._activity()
            visible = not self._excluded
            self._event(
                "key_release", t, key=key.name if visible else None, char=key.char if visible else None
            )

    def click(self, x: int, y: int, button: str, pressed: bool) -> None:
        with self._lock:
            if self._paused:
                return
            t = self._activity()
            event_id = self._event("mouse_click", t, x=x, y=y, button=button, pressed=pressed)
            if pressed:
                self._request_capture("click", event_id)

    def scroll(self, x: int, y: int, dx: int, dy: int) -> None:
        with self._lock:
            if self._paused:
                return
            t = self._activity()
            self._last_scroll_event = self._event("mouse_scroll", t, x=x, y=y, dx=dx, dy=dy)
            self._last_scroll = time.monotonic()

    def move(self, x: int, y: int) -> None:
        with self._lock:
            if self._paused:
                return
            t = self._activity()
            kept = self._moves.offer(t, x, y)
            if kept is not None:
                self._event("mouse_move", t, x=x, y=y)

    # Focus, time, pause ----------------------------------------------------------------------------------

    def update_window(self, window: WindowInfo) -> None:
        """Record the focused window when it (or its title) changed, or after start and resume."""
        with self._lock:
            if self._paused:
                return
            same_window = window.handle == self._window.handle
            if same_window and window.title == self._window.title and self._refocus_reason is None:
                return
            excluded = self._rules.excludes((window.app, *window.app_names), window.title)
            if same_window and excluded and self._excluded and self._refocus_reason is None:
                return  # a title change inside an excluded window is not recorded either
            t = now_us()
            if not same_window:
                self._flush_text(t, "focus")
            reason = self._refocus_reason or ("title" if same_window else "focus")
            self._refocus_reason = None
            self._window, self._excluded = window, excluded
            self._window_id = self._writer.add(
                "windows",
                {
                    "session_id": self._session_id,
                    "t": t,
                    "app": window.app,
                    "title": EXCLUDED_TITLE if excluded else window.title,
                    "pid": window.pid,
                    "x": window.x,
                    "y": window.y,
                    "width": window.width,
                    "height": window.height,
                    "excluded": excluded,
                },
            )
            event_id = self._event("window_focus", t, data={"reason": reason})
            self._last_window_heartbeat = time.monotonic()
            self._request_capture("window", event_id)

    def tick(self) -> None:
        """Time-driven work, called a few times a second: idle, ends of bursts, trailing moves, heartbeats."""
        with self._lock:
            if self._paused:
                return
            now = time.monotonic()
            t = now_us()
            if not self._idle and now - self._last_input >= self._settings.idle_seconds:
                self._flush_text(t, "idle")
                self._idle = True
                self._event("idle_start", t, data={"idle_seconds": self._settings.idle_seconds})
            if self._last_key is not None and now - self._last_key >= self._settings.typing_burst_gap_seconds:
                self._last_key = None
                text_event = self._flush_text(t, "pause")
                self._request_capture("typing", text_event or self._last_key_event)
            scroll_gap = self._settings.scroll_end_gap_seconds
            if self._last_scroll is not None and now - self._last_scroll >= scroll_gap:
                self._last_scroll = None
                self._request_capture("scroll", self._last_scroll_event)
            trailing = self._moves.trailing(t)
            if trailing is not None:
                self._event("mouse_move", trailing[0], x=trailing[1], y=trailing[2])
            if self._idle:
                return
            if now - self._last_window_heartbeat >= self._settings.window_heartbeat_seconds:
                self._last_window_heartbeat = now
                self._event("window_focus", t, data={"reason": "heartbeat"})
            if now - self._last_capture_request >= self._settings.screenshot_heartbeat_seconds:
                self._request_capture("heartbeat", None)

    def pause(self, source: str) -> bool:
        with self._lock:
            if self._paused:
                return False
            t = now_us()
            self._flush_text(t, "pause")
            if self._idle:
                self._idle = False
                self._event("idle_end", t, data={"reason": "pause"})
            self._event("pause", t, data={"source": source})
            self._paused = True
            self._held.clear()
            self._last_key = self._last_scroll = None
            return True

    def resume(self, source: str) -> bool:
        with self._lock:
            if not self._paused:
                return False
            self._paused = False
            self._event("resume", now_us(), data={"source": source})
            self._last_input = time.monotonic()
            self._refocus_reason = "resume"
            return True

    def toggle_pause(self, source: str) -> None:
        if not self.pause(source):
            self.resume(source)

    def finish(self) -> None:
        with self._lock:
            self._flush_text(now_us(), "stop")

    # Screenshot gate -------------------------------------------------------------------------------------

    def capture_target(self) -> CaptureTarget | None:
        with self._lock:
            if self._paused or self._idle or self._excluded or self._window_id is None:
                return None
            return CaptureTarget(self._window_id, self._window)

    def allows(self, window: WindowInfo) -> bool:
        return not self._rules.excludes((window.app, *window.app_names), window.title)

    # Internals (called with the lock held) ---------------------------------------------------------------

    def _activity(self) -> int:
        t = now_us()
        self._last_input = time.monotonic()
        if self._idle:
            self._idle = False
            self._event("idle_end", t)
        return t

    def _event(self, kind: str, t: int, *, data: dict[str, Any] | None = None, **columns: Any) -> int:
        row = {"session_id": self._session_id, "t": t, "kind": kind, "window_id": self._window_id, **columns}
        if data is not None:
            row["data"] = json.dumps(data)
        return self._writer.add("events", row)

    def _type(self, key: KeyInput, t: int) -> None:
        if key.name == "backspace":
            self._text.backspace()
        elif key.char is not None:
            self._text.type(key.char)
            if key.char == "\n":
                self._flush_text(t, "enter")

    def _flush_text(self, t: int, ended_by: str) -> int | None:
        chunk = self._text.take(ended_by)
        if chunk is None:
            return None
        data: dict[str, Any] = {"ended_by": ended_by}
        if chunk.erased_before:
            data["erased_before"] = chunk.erased_before
        return self._event("text", t, text=chunk.text, data=data)

    def _request_capture(self, trigger: str, event_id: int | None) -> None:
        self._last_capture_request = time.monotonic()
        if self._capture is None or self._paused or self._idle or self._excluded:
            return
        self._capture.request(trigger, event_id)
