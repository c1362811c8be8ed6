"""The recorder's core without X: pause, idle and exclusion, driven by hand with a fake writer and clock.

The X11 tests show the real stack end to end; these pin down the rules the core applies to what it is told."""

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from proagentbench.recorder import core as core_module
from proagentbench.recorder.backends.base import WindowInfo
from proagentbench.recorder.core import RecorderCore
from proagentbench.recorder.exclusions import ExclusionRules
from proagentbench.recorder.inputs import KeyInput
from proagentbench.recorder.settings import ExclusionSettings, RecorderSettings
from proagentbench.store import EXCLUDED_TITLE

EDITOR = WindowInfo(handle=1, title="notes.txt - editor", app="gedit", app_names=("gedit",))
VAULT = WindowInfo(handle=2, title="Passwords.kdbx - KeePassXC", app="keepassxc", app_names=("keepassxc",))


@dataclass
class FakeWriter:
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def add(self, table: str, row: dict[str, Any]) -> int:
        self.rows.append((table, row))
        return len(self.rows)

    def events(self) -> list[dict[str, Any]]:
        return [row for table, row in self.rows if table == "events"]

    def kinds(self) -> list[str]:
        return [row["kind"] for row in self.events()]

    def windows(self) -> list[dict[str, Any]]:
        return [row for table, row in self.rows if table == "windows"]


@dataclass
class FakeCapture:
    requests: list[tuple[str, int | None]] = field(default_factory=list)

    def request(self, trigger: str, event_id: int | None) -> None:
        self.requests.append((trigger, event_id))


class Clock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def monotonic(self) -> float:
        return self.seconds

    def now_us(self) -> int:
        return int(self.seconds * 1_000_000)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(core_module.time, "monotonic", fake.monotonic)
    monkeypatch.setattr(core_module, "now_us", fake.now_us)
    return fake


@dataclass
class Rig:
    core: RecorderCore
    writer: FakeWriter
    capture: FakeCapture


@pytest.fixture
def rig(clock: Clock) -> Rig:
    settings = RecorderSettings(idle_seconds=30, typing_burst_gap_seconds=1.5, window_heartbeat_seconds=60)
    writer, capture = FakeWriter(), FakeCapture()
    core = RecorderCore(settings, ExclusionRules.from_settings(ExclusionSettings()), writer, session_id=7)
    core.attach_capture(capture)
    core.update_window(EDITOR)
    return Rig(core, writer, capture)


def _type(core: RecorderCore, text: str) -> None:
    for char in text:
        key = KeyInput.special("space") if char == " " else KeyInput.printable(char)
        core.key_press(key)
        core.key_release(key)


def _texts(writer: FakeWriter) -> list[tuple[str, str]]:
    return [
        (row["text"], json.loads(row["data"])["ended_by"]) for row in writer.events() if row["kind"] == "text"
    ]


def test_pause_flushes_text_records_nothing_and_resume_refocuses(rig: Rig, clock: Clock) -> None:
    _type(rig.core, "hello")
    assert rig.core.pause("hotkey") and not rig.core.pause("hotkey")
    before = len(rig.writer.rows)
    _type(rig.core, "secret")
    rig.core.click(5, 5, "left", True)
    rig.core.move(9, 9)
    rig.core.scroll(1, 1, 0, -1)
    rig.core.update_window(VAULT)
    clock.seconds += 120
    rig.core.tick()
    assert len(rig.writer.rows) == before, "nothing is recorded while paused"
    assert rig.core.capture_target() is None
    assert rig.core.resume("command") and not rig.core.resume("command")
    rig.core.update_window(EDITOR)
    kinds = rig.writer.kinds()
    assert kinds[-3:] == ["pause", "resume", "window_focus"]
    assert json.loads(rig.writer.events()[-1]["data"]) == {"reason": "resume"}
    sources = [
        json.loads(row["data"])["source"] for row in rig.writer.events() if row["kind"] in ("pause", "resume")
    ]
    assert sources == ["hotkey", "command"]
    assert _texts(rig.writer) == [("hello", "pause")]


def test_idle_starts_after_the_threshold_and_ends_with_the_next_input(rig: Rig, clock: Clock) -> None:
    _type(rig.core, "abc")
    clock.seconds += 29
    rig.core.tick()
    assert "idle_start" not in rig.writer.kinds()
    clock.seconds += 2
    rig.core.tick()
    assert rig.writer.kinds()[-1] == "idle_start"
    assert json.loads(rig.writer.events()[-1]["data"]) == {"idle_seconds": 30}
    assert _texts(rig.writer) == [("abc", "pause")], "the typing burst ended long before idle began"
    assert rig.core.capture_target() is None, "no screenshots of an idle screen"
    requests = len(rig.capture.requests)
    clock.seconds += 600
    rig.core.tick()
    assert rig.writer.kinds()[-1] == "idle_start" and len(rig.capture.requests) == requests, "no heartbeats"
    rig.core.move(3, 4)
    assert rig.writer.kinds()[-2:] == ["idle_end", "mouse_move"]
    assert rig.core.capture_target() is not None


def test_idle_flushes_unfinished_text_as_idle(clock: Clock) -> None:
    settings = RecorderSettings(idle_seconds=2, typing_burst_gap_seconds=10)
    writer = FakeWriter()
    core = RecorderCore(settings, ExclusionRules.from_settings(ExclusionSettings()), writer, session_id=1)
    core.update_window(EDITOR)
    _type(core, "half a thought")
    clock.seconds += 3
    core.tick()
    assert _texts(writer) == [("half a thought", "idle")]
    assert writer.kinds()[-2:] == ["text", "idle_start"]


def test_an_excluded_window_keeps_keys_text_title_and_pixels_out(rig: Rig, clock: Clock) -> None:
    _type(rig.core, "note")
    rig.core.update_window(VAULT)
    vault_row = rig.writer.windows()[-1]
    assert vault_row["title"] == EXCLUDED_TITLE and vault_row["excluded"] is True
    requests = len(rig.capture.requests)
    _type(rig.core, "hunter2")
    rig.core.key_press(KeyInput.special("enter"))
    rig.core.click(10, 10, "left", True)
    clock.seconds += 5
    rig.core.tick()
    keys = [row for row in rig.writer.events() if row["kind"] in ("key_press", "key_release")]
    vault_id = rig.writer.rows.index(("windows", vault_row)) + 1  # FakeWriter's ids count rows from 1
    vault_keys = [row for row in keys if row["window_id"] == vault_id]
    assert vault_keys and all(row["key"] is None and row["char"] is None for row in vault_keys)
    assert _texts(rig.writer) == [("note", "focus")], "nothing typed in the vault becomes text"
    assert len(rig.capture.requests) == requests and rig.core.capture_target() is None
    windows = len(rig.writer.windows())
    rig.core.update_window(WindowInfo(handle=2, title="Other.kdbx - KeePassXC", app="keepassxc"))
    assert len(rig.writer.windows()) == windows, "a title change inside an excluded window is not recorded"
    rig.core.update_window(EDITOR)
    assert rig.writer.windows()[-1]["title"] == EDITOR.title and rig.core.capture_target() is not None


def test_shortcuts_are_keys_not_text(rig: Rig) -> None:
    ctrl = KeyInput.special("ctrl_l")
    rig.core.key_press(ctrl)
    rig.core.key_press(KeyInput.printable("c"))
    rig.core.key_release(KeyInput.printable("c"))
    rig.core.key_release(ctrl)
    _type(rig.core, "ok")
    rig.core.finish()
    assert _texts(rig.writer) == [("ok", "stop")]
    presses = [row for row in rig.writer.events() if row["kind"] == "key_press"]
    assert presses[1]["key"] == "c" and presses[1]["modifiers"] == "ctrl"
