"""A running recorder: lock, store, session, window polling, input listeners and screenshots, started and
stopped in order. The CLI and the tests drive recordings through this class."""

import contextlib
import logging
import os
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from proagentbench import paths
from proagentbench.errors import MissingDependencyError, is_disk_full
from proagentbench.recorder.backends import WindowBackend, check_display, open_backend
from proagentbench.recorder.control import RecorderLock, RecorderStatus
from proagentbench.recorder.core import RecorderCore
from proagentbench.recorder.exclusions import ExclusionRules
from proagentbench.recorder.listeners import InputListeners
from proagentbench.recorder.reserve import DiskReserve
from proagentbench.recorder.screenshots.worker import ScreenshotStats, ScreenshotWorker
from proagentbench.recorder.session import OpenedSession, close_crashed_sessions, end_session, open_session
from proagentbench.recorder.settings import Settings
from proagentbench.store import StoreWriter, db_error_reason, open_store
from proagentbench.store.roles import ROLE_RAW, claim_role
from proagentbench.store.writer import LatencyStats

log = logging.getLogger(__name__)

TICK_SECONDS = 0.1
LOST_AFTER_FAILURES = 20  # consecutive failed ticks (about 2 s) before the display counts as gone
RAW_STORE_USE = "the recorder writes raw stores only (--db)"
LATENCY_SAMPLES = 20_000  # the writer's latency window: enough for p99, bounded for days-long recordings


@dataclass(frozen=True)
class RecordingResult:
    session_id: int
    session_uid: str
    end_reason: str
    ended_at: int
    committed_rows: int
    latency: LatencyStats
    screenshots: ScreenshotStats
    writer_error: str | None
    disk_full: bool = False  # the writer's error was a full disk


class Recording:
    """Use ``Recording.start(...)``; then ``pause``/``resume``, and ``stop(reason)`` exactly once."""

    def __init__(
        self,
        settings: Settings,
        db_path: Path,
        lock: RecorderLock,
        engine: Engine,
        backend: WindowBackend,
        session: OpenedSession,
        writer: StoreWriter,
        core: RecorderCore,
        crashed_sessions: list[int],
        platform_name: str,
    ) -> None:
        self.settings = settings
        self.db_path = db_path
        self.session = session
        self.crashed_sessions = crashed_sessions
        self.platform_name = platform_name
        self._lock = lock
        self._engine = engine
        self._backend = backend
        self._writer = writer
        self.core = core
        self._screenshots: ScreenshotWorker | None = None
        self._listeners: InputListeners | None = None
        self._ticker: threading.Thread | None = None
        self._stopping = threading.Event()
        self._reserve: DiskReserve | None = None
        # Set when capture can no longer work (the display went away): whoever runs the recording stops it.
        self.lost = threading.Event()

    @classmethod
    def start(cls, settings: Settings, db_path: Path, data_dir: Path) -> "Recording":
        """Refuse clearly (no display, Wayland, another recorder, a bad store) before writing anything."""
        platform_name = check_display(allow_xwayland=settings.recorder.allow_xwayland)
        _require_capture_stack(screenshots=settings.recorder.screenshots)
        rules = ExclusionRules.from_settings(settings.exclusions)
        with ExitStack() as undo:  # on any failure, release what was taken, in reverse order
            lock = RecorderLock.acquire(data_dir)
            undo.callback(lock.release)
            backend = open_backend(platform_name)
            undo.callback(backend.close)
            engine = open_store(db_path, create=True)
            undo.callback(engine.dispose)
            lock.also_lock_store(db_path)
            claim_role(engine, ROLE_RAW, str(db_path), use=RAW_STORE_USE)
            reserve = DiskReserve(db_path)
            reserve.hold()
            undo.callback(reserve.release)
            if settings.recorder.screenshots:
                paths.make_private_dir(paths.screenshots_dir(db_path))
            crashed = close_crashed_sessions(engine)
            session = open_session(engine, settings, platform_name)
            writer = StoreWriter(
                engine,
                flush_interval=settings.recorder.flush_interval_seconds,
                latency_samples=LATENCY_SAMPLES,
                on_error=_log_write_error,
            ).start()
            undo.callback(writer.close)
            core = RecorderCore(settings.recorder, rules, writer, session.id)
            recording = cls(
                settings, db_path, lock, engine, backend, session, writer, core, crashed, platform_name
            )
            recording._reserve = reserve
            undo.callback(recording._stop_threads)
            recording._start_threads()
            lock.write_status(recording.status())
            undo.pop_all()
        return recording

    def _start_threads(self) -> None:
        settings = self.settings.recorder
        if settings.screenshots:
            self._screenshots = ScreenshotWorker(
                settings,
                paths.screenshots_dir(self.db_path),
                self.session.id,
                self._writer,
                self.core.capture_target,
                self.core.allows,
                lambda: open_backend(self.platform_name),
            )
            self._screenshots.start()
            self.core.attach_capture(self._screenshots)
        self.core.update_window(self._backend.active_window())
        self._listeners = InputListeners(self.core, settings.pause_hotkey, self._hotkey_toggled)
        self._listeners.start()
        self._ticker = threading.Thread(target=self._tick_loop, name="recorder-ticker", daemon=True)
        self._ticker.start()

    def status(self) -> RecorderStatus:
        return RecorderStatus(
            pid=os.getpid(),
            db=str(self.db_path),
            data_dir=str(self._lock.data_dir),
            session_id=self.session.id,
            session_uid=self.session.uid,
            started_at=self.session.started_at,
            platform=self.platform_name,
            paused=self.core.paused,
        )

    def pause(self, source: str = "api") -> bool:
        changed = self.core.pause(source)
        self._lock.write_status(self.status())
        return changed

    def resume(self, source: str = "api") -> bool:
        changed = self.core.resume(source)
        self._lock.write_status(self.status())
        return changed

    def _hotkey_toggled(self) -> None:
        if self.core.paused:
            self.resume("hotkey")
        else:
            self.pause("hotkey")

    def flush(self) -> None:
        """Block until every row queued so far is committed (tests and benchmarks use this)."""
        self._writer.flush()

    def stop(self, reason: str) -> RecordingResult:
        """Stop input first, then write out text, frames and rows, then close the session and the lock."""
        try:
            self._stop_threads()
            self._writer.flush()
            self._writer.close()
            ended_at = self._end_session(reason)
            return RecordingResult(
                session_id=self.session.id,
                session_uid=self.session.uid,
                end_reason=reason,
                ended_at=ended_at,
                committed_rows=self._writer.committed_rows,
                latency=self._writer.latency(),
                screenshots=self._screenshots.stats if self._screenshots else ScreenshotStats(),
                writer_error=db_error_reason(self._writer.error) if self._writer.error else None,
                disk_full=self._writer.error is not None and is_disk_full(self._writer.error),
            )
        finally:
            # Even if the session cannot be closed (the next start closes it as crashed), nothing stays held.
            self._engine.dispose()
            with contextlib.suppress(Exception):  # the display may already be gone
                self._backend.close()
            self._lock.release()

    def _end_session(self, reason: str) -> int:
        try:
            try:
                return end_session(self._engine, self.session.id, reason)
            except Exception as exc:
                if self._reserve is None or not is_disk_full(exc):
                    raise
                self._reserve.release()  # the room it frees lets the session be closed after all
                return end_session(self._engine, self.session.id, reason)
        finally:
            if self._reserve is not None:
                self._reserve.release()

    def _stop_threads(self) -> None:
        self._stopping.set()
        if self._ticker is not None:
            self._ticker.join(5)
        if self._listeners is not None:
            self._listeners.stop()
        self.core.finish()
        if self._screenshots is not None:
            self._screenshots.stop()

    def _tick_loop(self) -> None:
        """Polls the focused window, woken early by the platform's change notifications, and runs ticks."""
        poll_every = self.settings.recorder.window_poll_seconds
        next_poll = 0.0
        next_tick = time.monotonic() + TICK_SECONDS
        failures = 0
        self._backend.watch()
        while not self._stopping.is_set():
            try:
                changed = self._backend.wait_for_change(
                    max(0.0, min(next_tick, next_poll) - time.monotonic())
                )
                now = time.monotonic()
                if changed or now >= next_poll:
                    next_poll = now + poll_every
                    self.core.update_window(self._backend.active_window())
                if now >= next_tick:
                    next_tick = now + TICK_SECONDS
                    self.core.tick()
                failures = 0
            except Exception:  # noqa: BLE001 - one failed poll must not end the recording
                failures += 1
                if failures == 1:
                    log.exception("recorder tick failed")
                if failures >= LOST_AFTER_FAILURES:
                    log.error("the display stopped answering; ending the recording")
                    self.lost.set()
                    return
                self._stopping.wait(TICK_SECONDS)


def _log_write_error(exc: BaseException) -> None:
    log.error("the store rejected a batch of rows: %s", db_error_reason(exc))


def _require_capture_stack(*, screenshots: bool) -> None:
    """Name the missing package before anything starts, rather than losing a thread to an ImportError."""
    import importlib.util

    needed = [("pynput", "pynput")] + ([("mss", "mss"), ("PIL", "Pillow")] if screenshots else [])
    for module, package in needed:
        if importlib.util.find_spec(module) is None:
            raise MissingDependencyError(package, "record")
