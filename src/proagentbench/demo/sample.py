"""Build the bundled sample sessions as a raw store, exactly as the recorder would have written them."""

import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, update

from proagentbench.demo.script import SAMPLE_SESSIONS, Activity
from proagentbench.paths import make_private_dir, screenshots_dir, write_private
from proagentbench.store import Session, StoreWriter, open_store, session_row
from proagentbench.timeutil import MICROS_PER_SECOND

EXCLUDED_APPS = ("keepassxc", "1password", "bitwarden")
FIRST_DAY_US = 1_793_610_000 * MICROS_PER_SECOND  # 2026-11-02T08:20:00Z
DAY_US = 86_400 * MICROS_PER_SECOND
SCREEN_SIZE = (1280, 720)


@dataclass
class _Clock:
    """Simulated time with human-like gaps: fast bursts of keys, heavy-tailed pauses between actions."""

    rng: random.Random
    now: int

    def advance(self, seconds: float) -> int:
        self.now += max(1, int(seconds * MICROS_PER_SECOND))
        return self.now

    def keystroke(self) -> int:
        return self.advance(self.rng.lognormvariate(-2.1, 0.5))

    def pause(self, scale: float = 2.0) -> int:
        return self.advance(scale * self.rng.paretovariate(1.6))


@dataclass
class _SessionBuilder:
    writer: StoreWriter
    session_id: int
    frames_dir: Path
    clock: _Clock
    window_id: int | None = None
    frame_count: int = 0
    text_per_window: dict[int, str] = field(default_factory=dict)

    def event(self, kind: str, **values: object) -> int:
        row = {"session_id": self.session_id, "t": self.clock.now, "kind": kind, "window_id": self.window_id}
        row.update(values)
        return self.writer.add("events", row)

    def focus(self, activity: Activity) -> bool:
        excluded = activity.app in EXCLUDED_APPS
        self.window_id = self.writer.add(
            "windows",
            {
                "session_id": self.session_id,
                "t": self.clock.now,
                "app": activity.app,
                "title": "[excluded]" if excluded else activity.title,
                "pid": 1000 + sum(map(ord, activity.app)),
                "x": 0,
                "y": 0,
                "width": SCREEN_SIZE[0],
                "height": SCREEN_SIZE[1],
                "excluded": excluded,
            },
        )
        event_id = self.event("window_focus")
        if not excluded:
            self.screenshot(activity, "window", event_id, typed="")
        return excluded

    def type_burst(self, activity: Activity, burst: str, excluded: bool) -> None:
        rng = self.clock.rng
        typed = ""
        for char in burst:
            if char.isalpha() and rng.random() < 0.03:
                self._key(rng.choice("qwertyuiop"), excluded)
                self._key("\b", excluded)
            self._key(char, excluded)
            typed += char
        if not excluded:
            event_id = self.event("text", text=typed)
            self.screenshot(activity, "typing", event_id, typed=typed)

    def _key(self, char: str, excluded: bool) -> None:
        key = {"\n": "enter", " ": "space", "\b": "backspace"}.get(char, char)
        special = key != char
        for kind in ("key_press", "key_release"):
            self.clock.keystroke()
            if excluded:
                self.event(kind)
            else:
                self.event(kind, key=key, char=None if special else char)

    def mouse(self, activity: Activity) -> None:
        rng = self.clock.rng
        for _ in range(activity.clicks):
            x, y = rng.randrange(SCREEN_SIZE[0]), rng.randrange(SCREEN_SIZE[1])
            for step in range(3):
                self.clock.advance(0.1)
                self.event("mouse_move", x=x - 30 * (2 - step), y=y)
            for pressed in (True, False):
                self.clock.advance(0.08)
                self.event("mouse_click", button="left", pressed=pressed, x=x, y=y)
            self.clock.pause(0.5)
        for _ in range(activity.scrolls):
            self.clock.advance(0.2)
            self.event("mouse_scroll", x=640, y=360, dx=0, dy=rng.choice((-3, -1, 1, 3)))

    def screenshot(self, activity: Activity, trigger: str, event_id: int, typed: str) -> None:
        from proagentbench.demo.window_image import render_window

        self.frame_count += 1
        relative = f"{self.session_id}/{self.frame_count:05d}.png"
        path = self.frames_dir / relative
        data = render_window(activity.title, (*activity.screen, *typed.splitlines()), SCREEN_SIZE)
        write_private(path, data)
        self.writer.add(
            "screenshots",
            {
                "session_id": self.session_id,
                "t": self.clock.now,
                "window_id": self.window_id,
                "event_id": event_id,
                "trigger": trigger,
                "path": relative,
                "format": "png",
                "monitor": 1,
                "left": 0,
                "top": 0,
                "width": SCREEN_SIZE[0],
                "height": SCREEN_SIZE[1],
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            },
        )


def build_sample_store(db_path: Path, *, seed: int = 7) -> int:
    """Write the sample sessions into a new raw store at ``db_path``; returns the number of sessions."""
    engine = open_store(db_path, create=True)
    frames_dir = screenshots_dir(db_path)
    make_private_dir(frames_dir)
    writer = StoreWriter(engine).start()
    try:
        for index, (user, activities) in enumerate(SAMPLE_SESSIONS):
            rng = random.Random(f"{seed}-{index}")
            started = FIRST_DAY_US + index * DAY_US + rng.randrange(0, 1800) * MICROS_PER_SECOND
            with engine.begin() as connection:
                inserted = connection.execute(
                    insert(Session).values(
                        session_row(
                            uid=hashlib.sha256(f"sample-{seed}-{index}".encode()).hexdigest()[:32],
                            user=user,
                            host="devbox",
                            started_at=started,
                            # the export's card says the data is synthetic from this flag
                            settings={"source": "proagentbench sample session", "synthetic": True},
                        )
                    )
                )
                session_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            builder = _SessionBuilder(writer, session_id, frames_dir, _Clock(rng, started))
            for position, activity in enumerate(activities):
                _simulate(builder, activity)
                if position == len(activities) // 2:
                    _idle(builder)
            writer.flush()
            with engine.begin() as connection:
                connection.execute(
                    update(Session)
                    .where(Session.id == session_id)
                    .values(ended_at=builder.clock.advance(1.0), end_reason="stopped")
                )
    finally:
        writer.close()
        engine.dispose()
    return len(SAMPLE_SESSIONS)


def _simulate(builder: _SessionBuilder, activity: Activity) -> None:
    clock = builder.clock
    clock.pause(1.0)
    excluded = builder.focus(activity)
    end = clock.now + int(activity.dwell_s * MICROS_PER_SECOND)
    builder.mouse(activity)
    for burst in activity.typed:
        clock.pause(1.5)
        builder.type_burst(activity, burst, excluded)
    builder.mouse(activity)
    clock.now = max(clock.now, end)


def _idle(builder: _SessionBuilder) -> None:
    clock = builder.clock
    clock.advance(60.0)
    builder.event("idle_start")
    clock.advance(180.0 + clock.rng.random() * 240.0)
    builder.event("idle_end")
