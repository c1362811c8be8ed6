"""A synthetic clean store with realistic, bursty desktop activity, for timing export and offline baselines.

Reusable: ``from synthetic_store import build_synthetic_store`` (with ``benchmarks/`` on ``sys.path``) or
``python benchmarks/synthetic_store.py --out DIR/clean.sqlite --events 30000``.

Timing: inside a burst, gaps are log-normal (median ~0.15 s); with probability ``pause_p`` a pause follows,
Pareto-distributed (alpha 1.2, from 2 s, capped at 30 min), so inter-event times are heavy-tailed as in real
work. Users switch windows between bursts; long pauses are wrapped in idle_start/idle_end. Positives are
moments before a switch to the browser after a typing burst (the user turned to an assistant), with an intent
and reference content; hard negatives are similar switches without one. Screenshots are real PNGs.
All sessions are marked anonymized, with anonymizer settings, and hold no personal data.
"""

import argparse
import hashlib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from proagentbench import paths
from proagentbench.store import Annotation, Event, Screenshot, Session, Window, open_store, session_row

T0 = 1_767_225_600_000_000  # 2026-01-01 UTC
APPS = (
    (
        "code",
        ("report.py - Visual Studio Code", "tests.py - Visual Studio Code", "README.md - Visual Studio Code"),
    ),
    (
        "firefox",
        ("Python docs - Mozilla Firefox", "Search results - Mozilla Firefox", "Issue tracker - Firefox"),
    ),
    ("gnome-terminal", ("Terminal - pytest", "Terminal - git log")),
    ("libreoffice", ("quarterly_plan.odt - LibreOffice Writer", "budget.ods - LibreOffice Calc")),
    ("slack", ("general - Slack", "project-x - Slack")),
)
INTENTS = {
    "debugging": "Explain why the failing test raises a KeyError and suggest a fix.",
    "search": "Find the documentation of the function being called.",
    "writing": "Rephrase the selected paragraph to be more concise.",
    "explain": "Explain what this shell command does before running it.",
    "summarise": "Summarise the discussion in the open channel.",
}
WORDS = [
    "the",
    "report",
    "test",
    "value",
    "plan",
    "draft",
    "result",
    "table",
    "figure",
    "review",
    "merge",
    "branch",
    "fix",
    "update",
    "note",
]
SPECIAL_KEYS = ("enter", "backspace", "tab", "shift", "ctrl", "left", "right", "esc")


@dataclass
class SyntheticStore:
    db: Path
    screenshots_dir: Path
    users: int
    sessions: int
    events: int
    screenshots: int
    annotations: int
    positives: int


class _Ids:
    def __init__(self) -> None:
        self.window = self.event = self.shot = self.annotation = 0


def build_synthetic_store(
    db: Path,
    *,
    events: int = 30_000,
    users: int = 4,
    sessions_per_user: int = 3,
    seed: int = 0,
    pause_p: float = 0.08,
    screenshot_size: tuple[int, int] = (320, 180),
) -> SyntheticStore:
    """Write a clean store at ``db`` (which must not exist) with exactly ``events`` events."""
    if db.exists():
        raise FileExistsError(f"{db} exists; the generator only writes new stores")
    rng = random.Random(seed)
    engine = open_store(db, create=True)
    shots_dir = paths.screenshots_dir(db)
    shots_dir.mkdir(parents=True, exist_ok=True)
    n_sessions = users * sessions_per_user
    ids = _Ids()
    totals = {"screenshots": 0, "annotations": 0, "positives": 0}
    try:
        for number in range(n_sessions):
            share = events // n_sessions + (1 if number < events % n_sessions else 0)
            user = f"user-{number % users:02d}"
            counts = _write_session(
                engine, rng, ids, number, user, share, shots_dir, pause_p, screenshot_size
            )
            for key, value in counts.items():
                totals[key] += value
    finally:
        engine.dispose()
    return SyntheticStore(
        db=db,
        screenshots_dir=shots_dir,
        users=users,
        sessions=n_sessions,
        events=events,
        screenshots=totals["screenshots"],
        annotations=totals["annotations"],
        positives=totals["positives"],
    )


def _gap_us(rng: random.Random, pause_p: float) -> tuple[int, bool]:
    if rng.random() < pause_p:
        return int(min(2.0 * rng.paretovariate(1.2), 1800.0) * 1e6), True
    return int(rng.lognormvariate(-1.9, 0.9) * 1e6) + 1, False


def _write_session(
    engine: Engine,
    rng: random.Random,
    ids: _Ids,
    number: int,
    user: str,
    n_events: int,
    shots_dir: Path,
    pause_p: float,
    size: tuple[int, int],
) -> dict[str, int]:
    session_id = number + 1
    uid = f"syn{number:04d}{hashlib.sha256(f'{number}'.encode()).hexdigest()[:8]}"
    started = T0 + number * 86_400_000_000
    windows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    shots: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    t = started + 1_000_000
    window_id = _new_window(rng, ids, windows, session_id, t)
    typed: list[str] = []
    typing_burst = 0

    def add(kind: str, **fields: Any) -> None:
        ids.event += 1
        event_rows.append(
            {
                "id": ids.event,
                "session_id": session_id,
                "t": t,
                "kind": kind,
                "window_id": window_id,
                **fields,
            }
        )

    while len(event_rows) < n_events:
        gap, paused = _gap_us(rng, pause_p)
        if paused and gap > 60_000_000 and len(event_rows) + 2 <= n_events:
            t += 60_000_000
            add("idle_start")
            t += gap - 60_000_000
            add("idle_end")
            continue
        t += gap
        if paused and len(event_rows) + 1 < n_events:  # a pause often ends in another window
            if typed:
                add("text", text=" ".join(typed))
                typed = []
            previous_app = windows[-1]["app"]
            window_id = _new_window(rng, ids, windows, session_id, t)
            add("window_focus")
            shots.append(_screenshot(rng, ids, session_id, uid, t, window_id, len(shots), shots_dir, size))
            if windows[-1]["app"] == "firefox" and previous_app != "firefox" and typing_burst > 5:
                annotations.append(
                    _annotation(rng, ids, session_id, t - 500_000, positive=rng.random() < 0.6)
                )
            typing_burst = 0
            continue
        roll = rng.random()
        if roll < 0.45:
            if rng.random() < 0.85:
                word = rng.choice(WORDS)
                add("key_press", key=word[0], char=word[0])
                typed.append(word)
            else:
                add("key_press", key=rng.choice(SPECIAL_KEYS))
            typing_burst += 1
        elif roll < 0.75:
            add("key_release", key=rng.choice(SPECIAL_KEYS))
        elif roll < 0.9:
            add("mouse_move", x=rng.randrange(1920), y=rng.randrange(1080))
        elif roll < 0.96:
            add("mouse_click", button="left", pressed=True, x=rng.randrange(1920), y=rng.randrange(1080))
        else:
            add("mouse_scroll", x=rng.randrange(1920), y=rng.randrange(1080), dx=0, dy=rng.choice((-1, 1)))
    ended = t + 1_000_000
    settings = {"anonymizer": {"version": "synthetic-1", "policy": {"text": "none needed", "images": "none"}}}
    with engine.begin() as connection:
        connection.execute(
            insert(Session).values(
                session_row(
                    id=session_id,
                    uid=uid,
                    user=user,
                    host="synthetic",
                    started_at=started,
                    ended_at=ended,
                    state="anonymized",
                    recorder_version="synthetic",
                    settings=settings,
                )
            )
        )
        connection.execute(insert(Window), windows)
        for start in range(0, len(event_rows), 5_000):
            connection.execute(insert(Event), _uniform(event_rows[start : start + 5_000]))
        if shots:
            connection.execute(insert(Screenshot), shots)
        if annotations:
            connection.execute(insert(Annotation), annotations)
    return {
        "screenshots": len(shots),
        "annotations": len(annotations),
        "positives": sum(1 for a in annotations if a["label"]),
    }


def _new_window(rng: random.Random, ids: _Ids, windows: list[dict[str, Any]], session_id: int, t: int) -> int:
    app, titles = rng.choice(APPS)
    ids.window += 1
    windows.append(
        {
            "id": ids.window,
            "session_id": session_id,
            "t": t,
            "app": app,
            "title": rng.choice(titles),
            "pid": None,
            "x": 0,
            "y": 0,
            "width": 1920,
            "height": 1080,
            "excluded": False,
        }
    )
    return ids.window


def _screenshot(
    rng: random.Random,
    ids: _Ids,
    session_id: int,
    uid: str,
    t: int,
    window_id: int,
    index: int,
    shots_dir: Path,
    size: tuple[int, int],
) -> dict[str, Any]:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (240, 240, 240))
    draw = ImageDraw.Draw(image)
    for _ in range(6):  # a few "text lines" and panels so frames differ like real screens
        x, y = rng.randrange(size[0] // 2), rng.randrange(size[1] - 10)
        draw.rectangle((x, y, x + rng.randrange(20, size[0] // 2), y + 6), fill=(rng.randrange(200),) * 3)
    relative = f"{uid}/{index:06d}.png"
    target = shots_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target)
    data = target.read_bytes()
    ids.shot += 1
    return {
        "id": ids.shot,
        "session_id": session_id,
        "t": t,
        "window_id": window_id,
        "event_id": None,
        "trigger": "window_focus",
        "path": relative,
        "format": "png",
        "monitor": 0,
        "left": 0,
        "top": 0,
        "width": size[0],
        "height": size[1],
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _annotation(rng: random.Random, ids: _Ids, session_id: int, t: int, *, positive: bool) -> dict[str, Any]:
    ids.annotation += 1
    intent = rng.choice(sorted(INTENTS)) if positive else None
    return {
        "id": ids.annotation,
        "session_id": session_id,
        "t": t,
        "label": positive,
        "kind": "positive" if positive else "hard_negative",
        "intent": intent,
        "content": INTENTS[intent] if intent else None,
        "source": "synthetic",
        "confidence": 1.0,
        "data": None,
        "created_at": T0,
    }


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = {key for row in rows for key in row}
    return [{key: row.get(key) for key in keys} for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True, help="new store file, e.g. /tmp/syn/clean.sqlite")
    parser.add_argument("--events", type=int, default=30_000)
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--sessions-per-user", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    info = build_synthetic_store(
        args.out,
        events=args.events,
        users=args.users,
        sessions_per_user=args.sessions_per_user,
        seed=args.seed,
    )
    print(json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in info.__dict__.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
