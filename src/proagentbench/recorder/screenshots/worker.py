"""The screenshot thread: grabs, dedupes, encodes and writes frames away from the input threads.

Requests are hints that coalesce: while the rate cap holds a capture back, a newer request replaces an older
one, so a burst of clicks yields one frame per interval. Frames never cross a process boundary or a queue:
the thread that grabs a frame is the one that encodes and writes it.
"""

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proagentbench.recorder.backends.base import WindowBackend, WindowInfo
from proagentbench.recorder.screenshots.dedupe import changed_percent, fingerprint
from proagentbench.recorder.screenshots.encode import encode_screenshot, write_frame
from proagentbench.recorder.settings import RecorderSettings
from proagentbench.store import StoreWriter
from proagentbench.timeutil import now_us

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaptureRequest:
    trigger: str
    event_id: int | None


@dataclass(frozen=True)
class CaptureTarget:
    """What the recorder allows to be captured right now: the focused window's row and description."""

    window_id: int | None
    window: WindowInfo


@dataclass
class ScreenshotStats:
    captured: int = 0
    duplicates: int = 0
    refused: int = 0
    errors: int = 0


class ScreenshotWorker:
    def __init__(
        self,
        settings: RecorderSettings,
        directory: Path,
        session_id: int,
        writer: StoreWriter,
        target: Callable[[], CaptureTarget | None],
        allowed: Callable[[WindowInfo], bool],
        backend_factory: Callable[[], WindowBackend],
    ) -> None:
        self._settings = settings
        self._directory = directory
        self._session_id = session_id
        self._writer = writer
        self._target = target
        self._allowed = allowed
        self._backend_factory = backend_factory
        self._pending: CaptureRequest | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_grab = -1e9
        self._last_saved = -1e9
        self._last_fingerprint: Any = None
        self.stats = ScreenshotStats()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="screenshots", daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def request(self, trigger: str, event_id: int | None) -> None:
        with self._lock:
            self._pending = CaptureRequest(trigger, event_id)
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the frame in hand and the last pending request, then end the thread."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        import mss

        backend = self._backend_factory()
        try:
            with mss.MSS() as grabber:
                self._ready.set()
                while not self._stopping.is_set():
                    self._wake.wait()
                    self._wake.clear()
                    wait = self._last_grab + self._settings.screenshot_min_interval_seconds - time.monotonic()
                    if wait > 0 and self._stopping.wait(wait):
                        break
                    self._capture_pending(grabber, backend)
                self._capture_pending(grabber, backend)
        finally:
            self._ready.set()
            with contextlib.suppress(Exception):  # the display may already be gone
                backend.close()

    def _capture_pending(self, grabber: Any, backend: WindowBackend) -> None:
        with self._lock:
            request, self._pending = self._pending, None
        if request is None:
            return
        try:
            self._capture(request, grabber, backend)
        except Exception:  # noqa: BLE001 - one failed frame (full disk, vanished monitor) must not end capture
            self.stats.errors += 1
            log.exception("screenshot failed")

    def _capture(self, request: CaptureRequest, grabber: Any, backend: WindowBackend) -> None:
        from PIL import Image

        target = self._target()
        if target is None:
            self.stats.refused += 1
            return
        # Re-check the window right before grabbing: focus may have moved to an excluded window since the
        # recorder last polled it.
        if not self._allowed(backend.active_window()):
            self.stats.refused += 1
            return
        monitor_index, monitor = choose_monitor(
            grabber.monitors, target.window, self._settings.screenshot_monitor
        )
        t = now_us()
        self._last_grab = time.monotonic()
        shot = grabber.grab(monitor)
        image = Image.frombytes("RGB", shot.size, shot.bgra, "raw", "BGRX")
        current = fingerprint(image)
        fresh = self._last_grab - self._last_saved >= self._settings.screenshot_force_after_seconds
        changed = changed_percent(self._last_fingerprint, current)
        if not fresh and changed < self._settings.screenshot_dedupe_threshold:
            self.stats.duplicates += 1
            return
        settings = self._settings
        data = encode_screenshot(
            image, settings.screenshot_format, settings.screenshot_quality, settings.screenshot_lossless
        )
        relative = f"{self._session_id:06d}/{t}-{request.trigger}.{self._settings.screenshot_format}"
        frame = write_frame(self._directory, relative, data)
        self._writer.add(
            "screenshots",
            {
                "session_id": self._session_id,
                "t": t,
                "window_id": target.window_id,
                "event_id": request.event_id,
                "trigger": request.trigger,
                "path": frame.relative_path,
                "format": self._settings.screenshot_format,
                "monitor": monitor_index,
                "left": monitor["left"],
                "top": monitor["top"],
                "width": shot.size[0],
                "height": shot.size[1],
                "bytes": frame.bytes,
                "sha256": frame.sha256,
            },
        )
        self._last_fingerprint = current
        self._last_saved = self._last_grab
        self.stats.captured += 1


def choose_monitor(
    monitors: list[dict[str, int]], window: WindowInfo, mode: str
) -> tuple[int, dict[str, int]]:
    """mss lists the whole virtual screen first, then each monitor: pick the one holding the window's centre
    (the first monitor when the window's geometry is unknown or off-screen), or the whole screen for 'all'."""
    if mode == "all" or len(monitors) < 2:
        return 0, monitors[0]
    center = window.center()
    if center is not None:
        for index, monitor in enumerate(monitors[1:], start=1):
            inside_x = monitor["left"] <= center[0] < monitor["left"] + monitor["width"]
            if inside_x and monitor["top"] <= center[1] < monitor["top"] + monitor["height"]:
                return index, monitor
    return 1, monitors[1]
