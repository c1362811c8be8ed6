"""The recorder against a real X server: what lands in SQLite for real injected input."""

import json
import time
from pathlib import Path

import pytest

from proagentbench.recorder.text import TextChunk, apply_chunks

from .xenv import fast_settings, query, wait_for, xdotool

pytestmark = pytest.mark.x11

MODIFIER_KEYS = ("shift", "shift_r", "ctrl", "ctrl_r", "alt", "alt_r", "alt_gr", "cmd")


def _count(db: Path, kind: str) -> int:
    return query(db, "SELECT COUNT(*) FROM events WHERE kind = ?", kind)[0][0]


def _non_modifier_presses(db: Path) -> int:
    marks = ",".join("?" * len(MODIFIER_KEYS))
    sql = f"SELECT COUNT(*) FROM events WHERE kind = 'key_press' AND (key IS NULL OR key NOT IN ({marks}))"
    return query(db, sql, *MODIFIER_KEYS)[0][0]


def _text_of(db: Path, title: str) -> str:
    rows = query(
        db,
        "SELECT e.text, e.data FROM events e JOIN windows w ON w.id = e.window_id "
        "WHERE e.kind = 'text' AND w.title = ? ORDER BY e.id",
        title,
    )
    return apply_chunks([TextChunk(text, json.loads(data).get("erased_before", 0)) for text, data in rows])


def test_typed_text_is_reconstructed_per_window(tk_window, start_recording, tmp_path: Path) -> None:
    editor = tk_window("Editor Alpha")
    recording = start_recording()
    editor.activate()
    xdotool("type", "--delay", "5", "hello world")
    xdotool("key", "--delay", "5", "BackSpace", "BackSpace", "BackSpace")
    xdotool("type", "--delay", "5", "rld!")
    xdotool("key", "--delay", "5", "Return", "ctrl+a")
    xdotool("type", "--delay", "5", "second line")
    db = recording.db_path
    expected_presses = 11 + 3 + 4 + 2 + 11  # ctrl+a counts its 'a'; modifiers are counted apart
    wait_for(lambda: _non_modifier_presses(db) == expected_presses, message="all key presses")
    result = recording.stop("stopped")
    assert result.end_reason == "stopped" and result.writer_error is None
    assert _count(db, "key_release") == _count(db, "key_press")
    assert _text_of(db, "Editor Alpha") == "hello world!\nsecond line"
    bang = query(db, "SELECT modifiers FROM events WHERE kind = 'key_press' AND char = '!'")
    assert bang == [("shift",)]
    ctrl_a = query(db, "SELECT modifiers FROM events WHERE kind = 'key_press' AND key = 'a'")
    assert ctrl_a == [("ctrl",)]
    enter_chunk = query(db, "SELECT text FROM events WHERE kind = 'text' AND data LIKE '%enter%'")
    assert enter_chunk and enter_chunk[0][0].endswith("\n")
    session = query(db, "SELECT ended_at, end_reason, state, uid, user FROM sessions")[0]
    assert session[1] == "stopped" and session[2] == "raw" and len(session[3]) == 32
    assert session[4].startswith("u-")


def test_focus_changes_are_recorded_with_titles_app_and_pid(tk_window, start_recording) -> None:
    alpha = tk_window("Window Alpha", "Notes", "500x300+0+0")
    beta = tk_window("Window Beta", "Terminal", "500x300+700+0")
    recording = start_recording(fast_settings(window_heartbeat_seconds=0.5))
    for window in (alpha, beta, alpha):
        window.activate()
    time.sleep(0.8)  # stay on one window past the heartbeat interval
    db = recording.db_path
    recording.stop("stopped")
    rows = query(
        db,
        "SELECT w.title, w.app, w.pid, w.width, w.height FROM events e JOIN windows w ON w.id = e.window_id "
        "WHERE e.kind = 'window_focus' ORDER BY e.id",
    )
    titles = [row[0] for row in rows]
    sequence = iter(titles)
    assert all(title in sequence for title in ("Window Alpha", "Window Beta", "Window Alpha")), titles
    alpha_row = next(row for row in rows if row[0] == "Window Alpha")
    assert alpha_row[1] == "Notes" and alpha_row[2] == alpha.process.pid
    assert (alpha_row[3], alpha_row[4]) == (500, 300)
    heartbeats = query(
        db, "SELECT COUNT(*) FROM events WHERE kind = 'window_focus' AND data LIKE '%heartbeat%'"
    )
    assert heartbeats[0][0] >= 1, "the focused window is also recorded as a heartbeat"
    every_event_linked = query(db, "SELECT COUNT(*) FROM events WHERE window_id IS NULL")[0][0]
    assert every_event_linked == 0


def test_clicks_scrolls_and_subsampled_moves(tk_window, start_recording) -> None:
    tk_window("Canvas", "Tk", "800x600+0+0").activate()
    recording = start_recording(fast_settings(mouse_moves_per_second=10.0, screenshot_dedupe_threshold=0.0))
    db = recording.db_path
    xdotool("mousemove", "200", "200", "click", "--repeat", "20", "--delay", "10", "1")
    xdotool("click", "--repeat", "5", "--delay", "10", "4")
    moves = []
    for step in range(300):
        moves += ["mousemove", str(100 + step), str(150 + step // 2)]
    started = time.monotonic()
    xdotool(*moves)
    elapsed = time.monotonic() - started
    wait_for(lambda: _count(db, "mouse_scroll") == 5 and _count(db, "mouse_click") == 40, message="clicks")
    time.sleep(1.3)  # the trailing move comes after the sampling interval, the scroll frame after 1 s
    recording.stop("stopped")
    scroll_frames = query(
        db,
        "SELECT e.kind FROM screenshots s JOIN events e ON e.id = s.event_id WHERE s.trigger = 'scroll'",
    )
    assert scroll_frames == [("mouse_scroll",)], "the end of a scroll is a meaningful moment"
    pressed = query(db, "SELECT pressed, button, x, y FROM events WHERE kind = 'mouse_click'")
    assert sum(1 for row in pressed if row[0]) == 20
    assert {row[1] for row in pressed} == {"left"} and (pressed[0][2], pressed[0][3]) == (200, 200)
    scrolls = query(db, "SELECT dx, dy FROM events WHERE kind = 'mouse_scroll'")
    assert scrolls == [(0, 1)] * 5
    move_rows = query(db, "SELECT t, x, y FROM events WHERE kind = 'mouse_move' ORDER BY t")
    assert 1 <= len(move_rows) <= 10 * elapsed + 3, (len(move_rows), elapsed)
    assert (move_rows[-1][1], move_rows[-1][2]) == (399, 299), "the resting position must be kept"
    sampled = move_rows[:-1]  # the last row is the trailing resting position, stamped when it happened
    gaps = [b[0] - a[0] for a, b in zip(sampled, sampled[1:], strict=False)]
    assert all(gap >= 95_000 for gap in gaps), gaps


def test_excluded_windows_keep_keys_text_and_pixels_out(tk_window, start_recording) -> None:
    vault = tk_window("Vault - KeePassXC", "keepassxc", "500x300+0+0")
    private = tk_window("Bank - Mozilla Firefox Private Browsing", "firefox", "500x300+600+0")
    custom = tk_window("Payroll sheet", "Tk", "500x300+0+400")
    normal = tk_window("Plain editor", "Tk", "500x300+600+400")
    settings = fast_settings(extra_titles=("(?i)payroll",), screenshot_min_interval_seconds=0.0)
    recording = start_recording(settings)
    db = recording.db_path
    for window in (vault, private, custom, normal):
        window.activate()
        xdotool("type", "--delay", "5", "hunter2")
        xdotool("mousemove", "--window", window.window_id, "50", "50", "click", "1")
        time.sleep(0.3)
    wait_for(lambda: _non_modifier_presses(db) == 28, message="key presses")
    recording.stop("stopped")
    windows = query(db, "SELECT id, title, app, excluded FROM windows")
    excluded_ids = {row[0] for row in windows if row[3]}
    assert {row[2] for row in windows if row[3]} >= {"Keepassxc", "Firefox"}
    assert all(row[1] == "[excluded]" for row in windows if row[3])
    assert not any("KeePassXC" in row[1] or "Payroll" in row[1] or "Private" in row[1] for row in windows)
    assert len({row[0] for row in windows if row[3]}) >= 3
    marks = ",".join("?" * len(excluded_ids))
    leaked = query(
        db,
        f"SELECT kind, key, char, text FROM events WHERE window_id IN ({marks}) "
        "AND (key IS NOT NULL OR char IS NOT NULL OR text IS NOT NULL)",
        *excluded_ids,
    )
    assert leaked == []
    presses_in_excluded = query(
        db, f"SELECT COUNT(*) FROM events WHERE kind = 'key_press' AND window_id IN ({marks})", *excluded_ids
    )[0][0]
    assert presses_in_excluded == 21, "key timing is kept, only the keys are dropped"
    shots = query(db, f"SELECT COUNT(*) FROM screenshots WHERE window_id IN ({marks})", *excluded_ids)[0][0]
    assert shots == 0
    assert _text_of(db, "Plain editor") == "hunter2"
    assert query(db, "SELECT COUNT(*) FROM screenshots")[0][0] >= 1


def test_pause_by_api_and_hotkey_records_a_gap_not_idle(tk_window, start_recording) -> None:
    tk_window("Pause test").activate()
    recording = start_recording(fast_settings(idle_seconds=1.0))
    db = recording.db_path
    xdotool("type", "--delay", "5", "before")
    wait_for(lambda: _non_modifier_presses(db) == 6, message="typing before pause")
    assert recording.pause("api")
    xdotool("type", "--delay", "5", "secret")
    xdotool("click", "1")
    time.sleep(1.6)  # longer than the idle threshold: a pause must not turn into idle
    assert recording.resume("api")
    xdotool("type", "--delay", "5", "after")
    xdotool("key", "ctrl+alt+shift+p")
    wait_for(lambda: _count(db, "pause") == 2, message="hotkey pause")
    xdotool("type", "--delay", "5", "hidden")
    xdotool("key", "ctrl+alt+shift+p")
    wait_for(lambda: _count(db, "resume") == 2, message="hotkey resume")
    recording.stop("stopped")
    kinds = query(
        db, "SELECT kind, data, t FROM events WHERE kind IN ('pause','resume','idle_start') ORDER BY t"
    )
    assert [(kind, json.loads(data)["source"]) for kind, data, _ in kinds if kind != "idle_start"] == [
        ("pause", "api"),
        ("resume", "api"),
        ("pause", "hotkey"),
        ("resume", "hotkey"),
    ]
    pause_t, resume_t = kinds[0][2], kinds[1][2]
    inside = query(db, "SELECT kind FROM events WHERE t > ? AND t < ?", pause_t, resume_t)
    assert inside == [], "nothing is recorded while paused"
    assert not any(kind == "idle_start" and pause_t < t < resume_t for kind, _, t in kinds)
    typed = "".join(row[0] for row in query(db, "SELECT text FROM events WHERE kind = 'text' ORDER BY id"))
    assert typed == "beforeafter"


def test_idle_starts_after_the_threshold_and_ends_on_input(tk_window, start_recording) -> None:
    tk_window("Idle test").activate()
    settings = fast_settings(
        idle_seconds=1.0, screenshot_heartbeat_seconds=0.3, screenshot_min_interval_seconds=0.1
    )
    recording = start_recording(settings)
    db = recording.db_path
    xdotool("type", "--delay", "5", "abc")
    wait_for(lambda: _count(db, "idle_start") == 1, timeout=5, message="idle_start")
    time.sleep(1.0)
    xdotool("mousemove", "300", "300")
    wait_for(lambda: _count(db, "idle_end") == 1, timeout=5, message="idle_end")
    recording.stop("stopped")
    (idle_start,), (idle_end,) = query(
        db, "SELECT t FROM events WHERE kind IN ('idle_start','idle_end') ORDER BY t"
    )
    last_input = query(db, "SELECT MAX(t) FROM events WHERE kind LIKE 'key_%' AND t < ?", idle_start)[0][0]
    assert 0.9e6 <= idle_start - last_input <= 1.6e6
    assert idle_end - idle_start >= 0.9e6
    during = query(db, "SELECT COUNT(*) FROM screenshots WHERE t > ? AND t < ?", idle_start, idle_end)[0][0]
    assert during == 0, "no screenshots while idle"
    text_before_idle = query(db, "SELECT text, data FROM events WHERE kind = 'text'")
    assert text_before_idle and text_before_idle[0][0] == "abc"


def test_focus_change_reaches_the_recorder_before_the_next_keys(tk_window, start_recording) -> None:
    """With polling made slow (5 s), only the X server's PropertyNotify can attribute these keys correctly."""
    left = tk_window("Left pane", "Tk", "500x300+0+0")
    right = tk_window("Right pane", "Tk", "500x300+700+0")
    recording = start_recording(fast_settings(window_poll_seconds=5.0))
    db = recording.db_path
    for window, word in ((left, "one"), (right, "two"), (left, "three"), (right, "four")):
        xdotool("windowactivate", "--sync", window.window_id)
        time.sleep(0.1)
        xdotool("type", "--delay", "5", word)
    wait_for(lambda: _non_modifier_presses(db) == 15, message="key presses")
    recording.stop("stopped")
    assert _text_of(db, "Left pane") == "onethree"
    assert _text_of(db, "Right pane") == "twofour"


def test_a_missing_capture_package_is_named_before_anything_is_written(
    x_display, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    from proagentbench.errors import MissingDependencyError
    from proagentbench.recorder import Recording

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mss" else real_find_spec(name, *a)
    )
    db = tmp_path / "data" / "raw.sqlite"
    with pytest.raises(MissingDependencyError, match=r"'mss'.*proagentbench\[record\]"):
        Recording.start(fast_settings(), db, db.parent)
    assert not db.exists()
    Recording.start(fast_settings(screenshots=False), db, db.parent).stop("stopped")
    assert query(db, "SELECT end_reason FROM sessions") == [("stopped",)]
