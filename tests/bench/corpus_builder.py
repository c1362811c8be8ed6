"""Hand-built corpora for benchmark tests, written through the real CorpusWriter.

Times are given in seconds from a fixed origin, so tests can state windows and expectations plainly.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proagentbench.corpus import CorpusWriter, new_manifest, point_id

ORIGIN_US = 1_767_225_600_000_000  # 2026-01-01T00:00:00Z


def us(seconds: float) -> int:
    return ORIGIN_US + int(seconds * 1_000_000)


@dataclass
class CorpusBuilder:
    rows: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    splits: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)

    def session(self, uid: str, user: str, split: str, start_s: float, end_s: float) -> "CorpusBuilder":
        self.splits[uid] = split
        self.users[uid] = user
        self.rows.append(
            (
                "sessions",
                split,
                {
                    "session_uid": uid,
                    "user": user,
                    "split": split,
                    "source": "test",
                    "started_at_us": us(start_s),
                    "ended_at_us": us(end_s),
                    "duration_s": end_s - start_s,
                    "n_events": 0,
                    "n_screenshots": 0,
                },
            )
        )
        return self

    def event(
        self,
        uid: str,
        t_s: float,
        kind: str,
        *,
        app: str | None = None,
        title: str | None = None,
        text: str | None = None,
        key: str | None = None,
    ) -> "CorpusBuilder":
        self.rows.append(
            (
                "events",
                self.splits[uid],
                {
                    "session_uid": uid,
                    "t_us": us(t_s),
                    "kind": kind,
                    "app": app,
                    "title": title,
                    "key": key,
                    "button": None,
                    "x": None,
                    "y": None,
                    "dx": None,
                    "dy": None,
                    "text": text,
                    "split": self.splits[uid],
                },
            )
        )
        return self

    def point(
        self,
        uid: str,
        t_s: float,
        label: bool,
        *,
        intent: str | None = None,
        content: str | None = None,
        kind: str | None = None,
    ) -> str:
        split = self.splits[uid]
        pid = point_id(uid, us(t_s))
        common = {
            "point_id": pid,
            "session_uid": uid,
            "user": self.users[uid],
            "t_us": us(t_s),
            "split": split,
        }
        self.rows.append(
            (
                "timing",
                split,
                {**common, "label": label, "kind": kind or ("positive" if label else "negative")},
            )
        )
        if label and content is not None:
            self.rows.append(("content", split, {**common, "intent": intent, "content": content}))
        return pid

    def screenshot(self, uid: str, t_s: float, data: bytes, name: str) -> str:
        relative = f"images/{uid}/{name}"
        self.files[relative] = data
        self.rows.append(
            (
                "screenshots",
                self.splits[uid],
                {
                    "session_uid": uid,
                    "t_us": us(t_s),
                    "image": relative,
                    "width": 4,
                    "height": 4,
                    "app": None,
                    "title": None,
                    "split": self.splits[uid],
                },
            )
        )
        return relative

    def write(self, root: Path) -> Path:
        with CorpusWriter(root) as writer:
            for table, split, row in self.rows:
                writer.add_row(table, split, row)
            for relative, data in self.files.items():
                writer.add_file(relative, data)
            writer.finish(new_manifest(source="test", split_by="session"))
        return root


def png(colour: tuple[int, int, int]) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def two_user_corpus(root: Path, *, images: bool = False) -> Path:
    """Two users; each has two earlier train sessions and one later test session.

    Trouble (an error message in a terminal) precedes every positive; quiet editing precedes negatives.
    """
    builder = CorpusBuilder()
    for u, user in enumerate(("alice", "bob")):
        for s, split in enumerate(("train", "train", "test")):
            uid = f"{user}-{s}"
            start = u * 100_000 + s * 10_000
            builder.session(uid, user, split, start, start + 4_000)
            builder.event(uid, start + 1, "window_focus", app="editor", title="main.py")
            for k in range(8):
                t = start + 100 + k * 400  # farther apart than the default 300 s window
                positive = k % 2 == 0
                app = "terminal" if positive else "editor"
                builder.event(uid, t - 50, "window_focus", app=app, title="pytest" if positive else "main.py")
                text = "Traceback error: tests failed" if positive else "def helper(x): return x"
                builder.event(
                    uid, t - 10, "text", app=app, title="pytest" if positive else "main.py", text=text
                )
                builder.event(uid, t - 5, "key_press", app=app, key="Return")
                if images:
                    colour = (255, 0, 0) if positive else (0, 0, 255)
                    builder.screenshot(uid, t - 2, png(colour), f"{k}.png")
                builder.point(
                    uid,
                    t,
                    positive,
                    intent="debug" if positive else None,
                    content="Why do my tests fail with this traceback?" if positive else None,
                )
    return builder.write(root)


def text_only_corpus(root: Path) -> Path:
    """ProactiveBench-style: `observation` events with the event in `text`, no app or title."""
    builder = CorpusBuilder()
    for split, uid in (("train", "pb-train"), ("test", "pb-test")):
        start = 0 if split == "train" else 50_000
        builder.session(uid, "proactivebench", split, start, start + 3_000)
        for k in range(6):
            t = start + 100 + k * 400
            stuck = k % 3 == 0
            text = (
                "The user sees an error and is stuck on the build" if stuck else "The user scrolls the page"
            )
            builder.event(uid, t - 20, "observation", text=text)
            builder.point(uid, t, stuck, kind="help_needed", content="fix the build" if stuck else None)
    return builder.write(root)
