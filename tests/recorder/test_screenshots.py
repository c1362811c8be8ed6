"""Screenshots under a real X server: the rate cap, near-duplicate skipping, files and their links."""

import hashlib
import os
import stat
import time
from pathlib import Path

import pytest
from PIL import Image

from proagentbench import paths

from .xenv import fast_settings, query, xdotool

pytestmark = pytest.mark.x11


def test_rate_cap_holds_a_burst_of_clicks_to_one_frame_per_second(tk_window, start_recording) -> None:
    window = tk_window("Clicks", "Tk", "800x600+0+0")
    window.activate()
    settings = fast_settings(screenshot_min_interval_seconds=1.0, screenshot_dedupe_threshold=0.0)
    recording = start_recording(settings)
    db = recording.db_path
    started = time.monotonic()
    xdotool("mousemove", "--window", window.window_id, "100", "100")
    xdotool("click", "--repeat", "25", "--delay", "100", "1")
    elapsed = time.monotonic() - started
    time.sleep(1.2)
    recording.stop("stopped")
    shots = query(db, "SELECT t, trigger, event_id FROM screenshots ORDER BY t")
    gaps = [b[0] - a[0] for a, b in zip(shots, shots[1:], strict=False)]
    assert all(gap >= 950_000 for gap in gaps), gaps
    assert 2 <= len(shots) <= elapsed + 3, (len(shots), elapsed)
    click_shots = [shot for shot in shots if shot[1] == "click"]
    assert click_shots
    for _, _, event_id in click_shots:
        kind, pressed = query(db, "SELECT kind, pressed FROM events WHERE id = ?", event_id)[0]
        assert (kind, pressed) == ("mouse_click", 1)


def test_static_screen_is_deduped_then_forced_and_changes_are_kept(tk_window, start_recording) -> None:
    window = tk_window("Dedupe", "Tk", "900x600+0+0")
    window.activate()
    settings = fast_settings(
        screenshot_heartbeat_seconds=0.3,
        screenshot_min_interval_seconds=0.2,
        screenshot_force_after_seconds=2.0,
    )
    recording = start_recording(settings)
    db = recording.db_path
    time.sleep(3.3)
    static_frames = query(db, "SELECT COUNT(*) FROM screenshots")[0][0]
    duplicates_while_static = recording._screenshots.stats.duplicates
    typed_at = time.time_ns() // 1000
    xdotool("type", "--delay", "10", "THE SCREEN CHANGES HERE WITH A LINE OF TEXT")
    time.sleep(1.0)
    result = recording.stop("stopped")
    assert static_frames == 2, "the first frame, then one forced after 2 s of an unchanged screen"
    assert duplicates_while_static >= 5
    after = query(db, "SELECT t, trigger FROM screenshots WHERE t > ? ORDER BY t", typed_at)
    assert after and after[0][0] - typed_at < 1_600_000, "a changed screen is captured at the next chance"
    assert result.screenshots.captured == query(db, "SELECT COUNT(*) FROM screenshots")[0][0]


@pytest.mark.parametrize(("image_format", "monitor"), [("webp", "focused"), ("png", "all")])
def test_frames_are_private_files_matching_their_rows(
    tk_window, start_recording, image_format: str, monitor: str
) -> None:
    tk_window(f"Frames {image_format}").activate()
    settings = fast_settings(screenshot_format=image_format, screenshot_monitor=monitor)
    recording = start_recording(settings)
    db = recording.db_path
    xdotool("type", "--delay", "5", "frame content")
    time.sleep(2.0)  # the end of the typing burst (1.5 s) triggers a frame
    for suffix in ("-wal", "-shm"):  # SQLite gives its side files the store's own mode
        side = Path(f"{db}{suffix}")
        assert side.exists() and stat.S_IMODE(os.stat(side).st_mode) == 0o600
    recording.stop("stopped")
    folder = paths.screenshots_dir(db)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    rows = query(db, "SELECT path, format, bytes, sha256, width, height, monitor, trigger FROM screenshots")
    assert {row[7] for row in rows} >= {"window", "typing"}
    for path, fmt, size, digest, width, height, monitor_index in (row[:7] for row in rows):
        file = folder / path
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(file.parent).st_mode) == 0o700
        data = file.read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == digest
        assert fmt == image_format and (width, height) == (1920, 1080)
        assert monitor_index == (0 if monitor == "all" else 1)
        with Image.open(file) as image:
            assert image.format == image_format.upper() and image.size == (1920, 1080)
    assert stat.S_IMODE(os.stat(Path(db)).st_mode) == 0o600


def test_the_worker_rechecks_focus_right_before_grabbing(tk_window, tmp_path: Path) -> None:
    """Focus can move to an excluded window between two polls: the grab itself must be refused."""
    from proagentbench.recorder.backends.base import WindowInfo
    from proagentbench.recorder.backends.x11 import X11Backend
    from proagentbench.recorder.exclusions import ExclusionRules
    from proagentbench.recorder.screenshots.worker import CaptureTarget, ScreenshotWorker
    from proagentbench.recorder.session import open_session
    from proagentbench.store import StoreWriter, open_store

    settings = fast_settings(screenshot_min_interval_seconds=0.0)
    rules = ExclusionRules.from_settings(settings.exclusions)
    engine = open_store(tmp_path / "raw.sqlite", create=True)
    session = open_session(engine, settings, "x11")
    writer = StoreWriter(engine, flush_interval=0.05).start()
    stale = CaptureTarget(None, WindowInfo(handle=1, title="Plain editor", app="Tk"))

    def capture_once() -> ScreenshotWorker:
        worker = ScreenshotWorker(
            settings.recorder,
            tmp_path / "shots",
            session.id,
            writer,
            lambda: stale,
            lambda window: not rules.excludes((window.app, *window.app_names), window.title),
            X11Backend.open,
        )
        worker.start()
        worker.request("click", None)
        worker.stop()
        return worker

    tk_window("Vault - KeePassXC", "keepassxc").activate()
    refused = capture_once()
    tk_window("Plain editor").activate()
    allowed = capture_once()
    writer.flush()
    writer.close()
    assert (refused.stats.refused, refused.stats.captured) == (1, 0)
    assert (allowed.stats.refused, allowed.stats.captured) == (0, 1)
    assert query(tmp_path / "raw.sqlite", "SELECT COUNT(*) FROM screenshots")[0][0] == 1
    engine.dispose()
