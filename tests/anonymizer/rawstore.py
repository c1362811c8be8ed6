"""Building real raw stores for tests without the recorder: sessions, windows, key and text events, and
screenshots rendered with Pillow and DejaVu fonts, stored owner-only where the recorder would put them.

Reusable by later stages (annotator, export): `RawStoreBuilder(db_path).session(...)`.
"""

import hashlib
import itertools
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from proagentbench import paths
from proagentbench.store import Event, Screenshot, Session, Window, open_store, session_row

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
T0 = 1_767_000_000_000_000


def render_screen(
    lines: list[str],
    path: Path,
    *,
    size: tuple[int, int] = (1280, 720),
    font_size: int = 20,
    origin: tuple[int, int] = (40, 40),
    line_gap: int = 14,
    mono: bool = False,
    fmt: str = "PNG",
) -> Path:
    """Dark text on a light background, one line per entry, saved owner-only."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", size, "#f4f4f4")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(MONO_FONT if mono else FONT, font_size)
    x, y = origin
    for line in lines:
        draw.text((x, y), line, fill="#111111", font=font)
        y += font_size + line_gap
    paths.make_private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as handle:
        image.save(handle, format=fmt)
    return path


class RawStoreBuilder:
    """Writes rows straight through the store API, the way the recorder's writer would."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.engine: Engine = open_store(db_path, create=True)
        self.shots_dir = paths.screenshots_dir(db_path)
        paths.make_private_dir(self.shots_dir)
        self._ids = {name: itertools.count(1) for name in ("sessions", "windows", "events", "screenshots")}

    def close(self) -> None:
        self.engine.dispose()

    def add_session(self, uid: str, *, user: str = "jdoe", host: str = "devbox", ended: bool = True) -> int:
        session_id = next(self._ids["sessions"])
        with self.engine.begin() as connection:
            connection.execute(
                insert(Session).values(
                    session_row(
                        id=session_id,
                        uid=uid,
                        user=user,
                        host=host,
                        started_at=T0,
                        ended_at=T0 + 600_000_000 if ended else None,
                        recorder_version="test",
                        settings={"note": f"recorded by {user} on {host}"},
                    )
                )
            )
        return session_id

    def add_window(
        self,
        session_id: int,
        t: int,
        app: str,
        title: str,
        *,
        excluded: bool = False,
        geometry: tuple[int, int, int, int] | None = (0, 0, 800, 600),
    ) -> int:
        window_id = next(self._ids["windows"])
        x, y, w, h = geometry if geometry is not None else (None, None, None, None)
        with self.engine.begin() as connection:
            connection.execute(
                insert(Window).values(
                    id=window_id,
                    session_id=session_id,
                    t=T0 + t,
                    app=app,
                    title="[excluded]" if excluded else title,
                    pid=1234,
                    x=x,
                    y=y,
                    width=w,
                    height=h,
                    excluded=excluded,
                )
            )
        return window_id

    def type_text(self, session_id: int, window_id: int, t: int, text: str) -> None:
        """Key press/release per character, then the reconstructed `text` event, as the recorder writes."""
        rows = []
        for offset, char in enumerate(text):
            for kind in ("key_press", "key_release"):
                rows.append(
                    {
                        "id": next(self._ids["events"]),
                        "session_id": session_id,
                        "t": T0 + t + offset * 1000,
                        "kind": kind,
                        "window_id": window_id,
                        "key": char,
                        "char": char,
                        "pressed": kind == "key_press",
                    }
                )
        rows.append(
            {
                "id": next(self._ids["events"]),
                "session_id": session_id,
                "t": T0 + t + len(text) * 1000,
                "kind": "text",
                "window_id": window_id,
                "text": text,
                "data": json.dumps({"source": "typing"}),
            }
        )
        self._insert_events(rows)

    def add_event(self, session_id: int, t: int, kind: str, **values: Any) -> int:
        event_id = next(self._ids["events"])
        self._insert_events([{"id": event_id, "session_id": session_id, "t": T0 + t, "kind": kind, **values}])
        return event_id

    def add_screenshot(
        self,
        session_id: int,
        t: int,
        lines: list[str],
        *,
        window_id: int | None = None,
        fmt: str = "PNG",
        size: tuple[int, int] = (1280, 720),
        font_size: int = 20,
        name: str | None = None,
    ) -> Path:
        shot_id = next(self._ids["screenshots"])
        suffix = "png" if fmt == "PNG" else "webp"
        relative = Path(f"s{session_id}") / (name or f"{shot_id:06d}.{suffix}")
        path = render_screen(lines, self.shots_dir / relative, size=size, font_size=font_size, fmt=fmt)
        self.register_screenshot(session_id, t, relative, window_id=window_id, shot_id=shot_id)
        return path

    def register_screenshot(
        self,
        session_id: int,
        t: int,
        relative: Path,
        *,
        window_id: int | None = None,
        shot_id: int | None = None,
    ) -> None:
        path = self.shots_dir / relative
        data = path.read_bytes() if path.exists() else b""
        width, height = _image_size(path)
        with self.engine.begin() as connection:
            connection.execute(
                insert(Screenshot).values(
                    id=shot_id or next(self._ids["screenshots"]),
                    session_id=session_id,
                    t=T0 + t,
                    window_id=window_id,
                    trigger="interval",
                    path=str(relative),
                    format=relative.suffix.lstrip("."),
                    width=width,
                    height=height,
                    bytes=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                )
            )

    def _insert_events(self, rows: list[dict[str, Any]]) -> None:
        keys = {key for row in rows for key in row}
        with self.engine.begin() as connection:
            connection.execute(insert(Event), [{key: row.get(key) for key in keys} for row in rows])


def _image_size(path: Path) -> tuple[int, int]:
    try:
        from PIL import Image

        with Image.open(path) as image:
            return image.size
    except Exception:  # noqa: BLE001 - corrupt files are registered on purpose in bad-input tests
        return (0, 0)


def clean_store_contents(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of a clean store's tables, and the sha256 of every frame file: equal for equal outputs."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:  # reading changes nothing
        tables = {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("sessions", "windows", "events", "screenshots")
        }
        frames = [row[0] for row in connection.execute("SELECT path FROM screenshots ORDER BY id")]
    connection.close()
    shots = paths.screenshots_dir(db)
    tables["frame files"] = [(p, hashlib.sha256((shots / p).read_bytes()).hexdigest()) for p in frames]
    return tables
