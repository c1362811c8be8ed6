"""Clean stores built with the store API: anonymized sessions, windows, events, real PNGs, labels."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import insert

from proagentbench import paths
from proagentbench.export import PatternScanner
from proagentbench.store import Annotation, Event, Screenshot, Session, Window, open_store, session_row

T0 = 1_750_000_000_000_000
ANONYMIZER = {"version": "0.1.0", "policy": {"text": "presidio", "images": "ocr-boxes"}}


@dataclass
class StoreSpec:
    users: tuple[str, ...] = ("user-a", "user-b", "user-c")
    sessions_per_user: int = 2
    events_per_session: int = 40
    screenshots_per_session: int = 2
    state: str = "anonymized"
    raw_sessions: int = 0
    planted_title: str | None = None
    settings: dict[str, object] = field(default_factory=lambda: {"anonymizer": ANONYMIZER})
    annotation_data: dict[str, object] | None = None  # the annotations' `data` JSON


def build_clean_store(db: Path, spec: StoreSpec | None = None) -> Path:
    """A small clean store with deterministic content; returns the database path."""
    from PIL import Image

    spec = spec or StoreSpec()
    engine = open_store(db, create=True)
    shots_dir = paths.screenshots_dir(db)
    shots_dir.mkdir(parents=True, exist_ok=True)
    ids = {"window": 0, "event": 0, "shot": 0, "annotation": 0}
    session_no = 0
    plan = [(user, index) for user in spec.users for index in range(spec.sessions_per_user)]
    with engine.begin() as connection:
        for number, (user, index) in enumerate(plan):
            session_no += 1
            started = T0 + number * 3_600_000_000
            state = "raw" if number < spec.raw_sessions else spec.state
            uid = f"s{number:03d}{user[-1]}"
            connection.execute(
                insert(Session).values(
                    session_row(
                        id=session_no,
                        uid=uid,
                        user=user,
                        host="host-x",
                        started_at=started,
                        ended_at=started + 1_800_000_000,
                        state=state,
                        recorder_version="test",
                        settings=spec.settings,
                    )
                )
            )
            windows = []
            for w, (app, title) in enumerate((("code", "main.py - editor"), ("firefox", "Docs - browser"))):
                ids["window"] += 1
                windows.append(ids["window"])
                connection.execute(
                    insert(Window).values(
                        id=ids["window"],
                        session_id=session_no,
                        t=started + w,
                        app=app,
                        title=spec.planted_title
                        if (spec.planted_title and number == 1 and w == 1)
                        else title,
                    )
                )
            t = started + 1_000_000
            event_rows = []
            for e in range(spec.events_per_session):
                t += (50_000 if e % 5 else 7_000_000) + index * 1_000
                kind, extra = _event_kind(e)
                ids["event"] += 1
                event_rows.append(
                    {
                        "id": ids["event"],
                        "session_id": session_no,
                        "t": t,
                        "kind": kind,
                        "window_id": windows[(e // 10) % 2],
                        **extra,
                    }
                )
            connection.execute(insert(Event), _uniform(event_rows))
            for s in range(spec.screenshots_per_session):
                ids["shot"] += 1
                relative = f"{uid}/{s:05d}.png"
                target = shots_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                Image.new("RGB", (64, 48), (10 * s, 100, 200 - number)).save(target)
                connection.execute(
                    insert(Screenshot).values(
                        id=ids["shot"],
                        session_id=session_no,
                        t=started + 2_000_000 + s,
                        window_id=windows[0],
                        event_id=None,
                        trigger="timer",
                        path=relative,
                        format="png",
                        width=64,
                        height=48,
                        bytes=target.stat().st_size,
                        sha256=hashlib.sha256(target.read_bytes()).hexdigest(),
                    )
                )
            for a, (label, kind, intent, content) in enumerate(
                (
                    (True, "positive", "debugging", "Explain the stack trace"),
                    (False, "hard_negative", None, None),
                    (True, "moment", "search", "Find the API docs"),
                    (False, "moment", None, None),
                )
            ):
                ids["annotation"] += 1
                connection.execute(
                    insert(Annotation).values(
                        id=ids["annotation"],
                        session_id=session_no,
                        t=started + (a + 1) * 60_000_000,
                        label=label,
                        kind=kind,
                        intent=intent,
                        content=content,
                        source="heuristic",
                        confidence=0.5,
                        data=None if spec.annotation_data is None else json.dumps(spec.annotation_data),
                        created_at=T0,
                    )
                )
    engine.dispose()
    return db


def _event_kind(e: int) -> tuple[str, dict[str, object]]:
    cycle = e % 8
    if cycle == 0:
        return "key_press", {"key": "a", "char": "a"}
    if cycle == 1:
        return "key_press", {"key": "enter", "char": None}
    if cycle == 2:
        return "key_release", {"key": "enter"}
    if cycle == 3:
        return "mouse_click", {"button": "left", "x": 10, "y": 20, "pressed": True}
    if cycle == 4:
        return "mouse_scroll", {"x": 5, "y": 6, "dx": 0, "dy": -1}
    if cycle == 5:
        return "text", {"text": "hello [PERSON] world"}
    if cycle == 6:
        return "window_focus", {}
    return "mouse_move", {"x": 100, "y": 200}


def _uniform(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    keys = {key for row in rows for key in row}
    return [{key: row.get(key) for key in keys} for row in rows]


SECRET = "zz-planted-secret-4711"


@pytest.fixture
def scanner() -> PatternScanner:
    """A real scanner: finds e-mail addresses and the value the tests plant."""
    return PatternScanner({"EMAIL_ADDRESS": r"[\w.+-]+@[\w-]+\.[\w.]+", "PLANTED": SECRET})


@pytest.fixture
def clean_db(tmp_path: Path) -> Path:
    return build_clean_store(tmp_path / "clean" / "clean.sqlite")
