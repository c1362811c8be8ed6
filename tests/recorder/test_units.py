"""The recorder's pure parts, table-driven: text, sampling, exclusions, settings, dedupe, locking."""

import os
import stat
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from proagentbench.errors import ConfigError
from proagentbench.recorder.control import RecorderLock, find_recorder, lock_is_free
from proagentbench.recorder.errors import RecorderNotRunningError, RecorderRunningError
from proagentbench.recorder.exclusions import ExclusionRules
from proagentbench.recorder.sampling import MoveSampler
from proagentbench.recorder.screenshots.dedupe import changed_percent, fingerprint
from proagentbench.recorder.settings import ExclusionSettings, load_settings
from proagentbench.recorder.text import TextBuffer, TextChunk, apply_chunks


@pytest.mark.parametrize(
    ("keys", "chunk_text", "erased"),
    [
        ("abc", "abc", 0),
        ("abc<<d", "ad", 0),
        ("<<ab", "ab", 2),
        ("a<<<", "", 2),
    ],
)
def test_text_buffer_applies_backspace(keys: str, chunk_text: str, erased: int) -> None:
    buffer = TextBuffer()
    for key in keys:
        buffer.backspace() if key == "<" else buffer.type(key)
    chunk = buffer.take("pause")
    assert chunk == TextChunk(chunk_text, erased, "pause")
    assert buffer.take("pause") is None


def test_chunks_replay_into_the_final_text() -> None:
    chunks = [TextChunk("hello wor"), TextChunk("ld\n"), TextChunk("x", erased_before=4)]
    assert apply_chunks(chunks) == "hello wox"


def test_move_sampler_caps_the_rate_and_keeps_the_resting_position() -> None:
    sampler = MoveSampler.per_second(10)
    kept = [sampler.offer(t, t, 0) for t in range(0, 1_000_000, 10_000)]  # 100 moves in one second
    assert sum(1 for move in kept if move) == 10
    assert sampler.trailing(995_000) is None, "not before the interval has passed"
    assert sampler.trailing(1_100_000) == (990_000, 990_000, 0)
    assert sampler.trailing(1_300_000) is None


@pytest.mark.parametrize(
    ("names", "title", "excluded"),
    [
        (("KeePassXC",), "Database", True),
        (("python3", "bitwarden", "Bitwarden"), "Vault", True),
        (("firefox",), "Bank - Mozilla Firefox Private Browsing", True),
        (("chrome",), "New Tab - Google Chrome (Incognito)", True),
        (("msedge",), "[InPrivate] - Microsoft Edge", True),
        (("brave",), "New Tab - Brave (Private)", True),
        (("firefox",), "Incognitoish blog post", False),
        (("code",), "main.py - Visual Studio Code", False),
        (("slack",), "Payroll channel", True),
    ],
)
def test_exclusion_rules(names: tuple[str, ...], title: str, excluded: bool) -> None:
    rules = ExclusionRules.from_settings(ExclusionSettings(extra_titles=(r"(?i)^payroll",)))
    assert rules.excludes(names, title) is excluded


def test_settings_come_from_config_then_flags() -> None:
    config = {
        "recorder": {"idle_seconds": 30, "screenshot_format": "png"},
        "exclusions": {"extra_apps": ["x"]},
    }
    settings = load_settings(config, idle_seconds=5.0, extra_apps=("y",), screenshots=None)
    assert settings.recorder.idle_seconds == 5.0 and settings.recorder.screenshot_format == "png"
    assert settings.exclusions.extra_apps == ("x", "y")
    assert settings.recorder.screenshots is True


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"recorder": {"idle_seconds": 0}}, "idle_seconds: must be greater than 0"),
        ({"recorder": {"screenshot_monitor": "left"}}, "screenshot_monitor"),
        ({"recorder": {"screenshot_quality": 0}}, "screenshot_quality"),
        ({"recorder": {"pause_hotkey": "<ctrl>++p"}}, "pause_hotkey"),
        ({"recorder": {"pause_hotkey": "ctrl+p"}}, "pause_hotkey"),
        ({"exclusions": {"apps": "keepassxc"}}, "expected tuple"),
    ],
)
def test_bad_settings_are_refused(table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(table)


def test_user_id_is_pseudonymous_and_stable() -> None:
    settings = load_settings({})
    user = settings.recorder.pseudonymous_user()
    assert user == load_settings({}).recorder.pseudonymous_user() and user.startswith("u-")
    assert os.environ.get("USER", "root") not in user.removeprefix("u-")
    assert load_settings({}, user_id="p17").recorder.pseudonymous_user() == "p17"


def _screen(text: str) -> Image.Image:
    image = Image.new("RGB", (1920, 1080), "white")
    ImageDraw.Draw(image).text((100, 100), text, fill="black")
    return image


def test_dedupe_ignores_a_blinking_cursor_but_sees_typed_words() -> None:
    base = _screen("hello")
    cursor = base.copy()
    ImageDraw.Draw(cursor).rectangle((300, 100, 301, 112), fill="black")
    typed = _screen("hello, this line has more words in it now")
    threshold = load_settings({}).recorder.screenshot_dedupe_threshold
    assert changed_percent(fingerprint(base), fingerprint(base)) == 0.0
    assert changed_percent(fingerprint(base), fingerprint(cursor)) < threshold
    assert changed_percent(fingerprint(base), fingerprint(typed)) > threshold
    assert changed_percent(None, fingerprint(base)) == 100.0


def test_one_recorder_per_data_directory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with pytest.raises(RecorderNotRunningError):
        find_recorder(data)
    lock = RecorderLock.acquire(data)
    assert stat.S_IMODE(os.stat(data).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(data / "recorder.lock").st_mode) == 0o600
    with pytest.raises(RecorderRunningError, match="already running"):
        RecorderLock.acquire(data)
    assert not lock_is_free(data)
    lock.also_lock_store(tmp_path / "elsewhere.sqlite")
    lock.also_lock_store(data / "raw.sqlite")  # a store inside the data directory is locked too
    other = RecorderLock.acquire(tmp_path / "other-data")
    for store in (tmp_path / "elsewhere.sqlite", data / "raw.sqlite", data / ".." / "data" / "raw.sqlite"):
        with pytest.raises(RecorderRunningError, match=rf"recorder \(pid {os.getpid()}\) is already writing"):
            other.also_lock_store(store)
    other.release()
    lock.release()
    assert lock_is_free(data)
    with pytest.raises(RecorderNotRunningError):
        find_recorder(data)


@pytest.mark.parametrize(
    ("geometry", "mode", "expected"),
    [
        ((100, 100, 800, 600), "focused", 1),
        ((2000, 100, 800, 600), "focused", 2),
        ((1800, 100, 400, 600), "focused", 2),  # centre (2000, 400) lies on the right monitor
        ((None, None, None, None), "focused", 1),
        ((9000, 9000, 10, 10), "focused", 1),
        ((2000, 100, 800, 600), "all", 0),
    ],
)
def test_the_monitor_holding_the_focused_window_is_captured(
    geometry: tuple[int | None, ...], mode: str, expected: int
) -> None:
    from proagentbench.recorder.backends.base import WindowInfo
    from proagentbench.recorder.screenshots.worker import choose_monitor

    monitors = [
        {"left": 0, "top": 0, "width": 3840, "height": 1080},
        {"left": 0, "top": 0, "width": 1920, "height": 1080},
        {"left": 1920, "top": 0, "width": 1920, "height": 1080},
    ]
    x, y, width, height = geometry
    window = WindowInfo(handle=1, title="t", app="a", x=x, y=y, width=width, height=height)
    index, monitor = choose_monitor(monitors, window, mode)
    assert index == expected and monitor is monitors[expected]
