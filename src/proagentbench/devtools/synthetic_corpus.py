"""A synthetic corpus generator for tests and benchmarks (recorder-style events, optional images).

Deterministic for a seed. Each user's sessions follow in time; the last `test_sessions` of each user are the
test split (split by session), so memory from earlier train sessions of the same user exists. Positives are
moments after trouble (an error in a terminal, a search that found nothing), so a good agent can beat
the baselines.
"""

import random
from dataclasses import dataclass
from pathlib import Path

from proagentbench.corpus import CorpusWriter, Manifest, new_manifest, point_id

APPS = {
    "terminal": ("debug", ["pytest tests", "make build", "git rebase main"]),
    "browser": ("search", ["Search: pandas merge", "Docs: asyncio", "Stack Overflow"]),
    "editor": ("code", ["main.py", "utils.py", "README.md"]),
    "writer": ("writing", ["Report draft", "Meeting notes", "Proposal"]),
}
TROUBLE = {
    "terminal": "Traceback: error, tests failed",
    "browser": "no results found, still stuck",
    "editor": "error: undefined name, not working",
    "writer": "how do I format a table of contents",
}
QUIET = {
    "terminal": "ls -la",
    "browser": "reading the article",
    "editor": "def helper(x): return x",
    "writer": "The results show a steady trend",
}
START_US = 1_767_225_600_000_000  # 2026-01-01T00:00:00Z


@dataclass(frozen=True)
class SyntheticSpec:
    users: int = 3
    sessions_per_user: int = 3
    events_per_session: int = 200
    points_per_session: int = 10
    test_sessions: int = 1
    images: bool = False
    seed: int = 0


def write_synthetic_corpus(root: Path, spec: SyntheticSpec) -> Manifest:
    rng = random.Random(spec.seed)
    with CorpusWriter(root) as writer:
        for u in range(spec.users):
            user = f"user{u}"
            t0 = START_US + u * 3_600_000_000
            for s in range(spec.sessions_per_user):
                split = "test" if s >= spec.sessions_per_user - spec.test_sessions else "train"
                uid = f"{user}-s{s}"
                start = t0 + s * 86_400_000_000
                end = _session(writer, rng, spec, uid, user, split, start)
                writer.add_row(
                    "sessions",
                    split,
                    {
                        "session_uid": uid,
                        "user": user,
                        "split": split,
                        "source": "synthetic",
                        "started_at_us": start,
                        "ended_at_us": end,
                        "duration_s": (end - start) / 1_000_000,
                        "n_events": spec.events_per_session,
                        "n_screenshots": spec.points_per_session if spec.images else 0,
                    },
                )
        return writer.finish(new_manifest(source="synthetic", split_by="session", seed=spec.seed))


def _session(
    writer: CorpusWriter, rng: random.Random, spec: SyntheticSpec, uid: str, user: str, split: str, start: int
) -> int:
    t = start
    app = rng.choice(list(APPS))
    per_point = max(1, spec.events_per_session // spec.points_per_session)
    written = 0
    for index in range(spec.points_per_session):
        positive = rng.random() < 0.4
        trouble_at = per_point - rng.randint(1, 3)
        for k in range(
            per_point if index < spec.points_per_session - 1 else spec.events_per_session - written
        ):
            t += int(rng.expovariate(1 / 2.0) * 1_000_000) + 1_000  # bursty, ~2 s apart
            if rng.random() < 0.05:
                app = rng.choice(list(APPS))
                title = rng.choice(APPS[app][1])
                writer.add_row("events", split, _event(uid, t, "window_focus", app, title, None, split))
            else:
                title = APPS[app][1][0]
                trouble = positive and k == trouble_at
                text = TROUBLE[app] if trouble else QUIET[app]
                kind = "text" if trouble or rng.random() < 0.5 else rng.choice(["key_press", "mouse_click"])
                writer.add_row(
                    "events", split, _event(uid, t, kind, app, title, text if kind == "text" else None, split)
                )
            written += 1
        t += 1_000_000
        pid = point_id(uid, t)
        writer.add_row(
            "timing",
            split,
            {
                "point_id": pid,
                "session_uid": uid,
                "user": user,
                "t_us": t,
                "label": positive,
                "kind": "positive" if positive else "hard_negative",
                "split": split,
            },
        )
        if positive:
            intent = APPS[app][0]
            writer.add_row(
                "content",
                split,
                {
                    "point_id": pid,
                    "session_uid": uid,
                    "user": user,
                    "t_us": t,
                    "intent": intent,
                    "content": f"Help me {intent}: {TROUBLE[app]} in {app}",
                    "split": split,
                },
            )
        if spec.images:
            image = f"images/{uid}/{index}.png"
            writer.add_file(image, _png(rng, positive))
            writer.add_row(
                "screenshots",
                split,
                {
                    "session_uid": uid,
                    "t_us": t - 500_000,
                    "image": image,
                    "width": 8,
                    "height": 8,
                    "app": app,
                    "title": APPS[app][1][0],
                    "split": split,
                },
            )
    return t + 1_000_000


def _event(
    uid: str, t: int, kind: str, app: str, title: str, text: str | None, split: str
) -> dict[str, object]:
    return {
        "session_uid": uid,
        "t_us": t,
        "kind": kind,
        "app": app,
        "title": title,
        "key": None,
        "button": "left" if kind == "mouse_click" else None,
        "x": None,
        "y": None,
        "dx": None,
        "dy": None,
        "text": text,
        "split": split,
    }


def _png(rng: random.Random, positive: bool) -> bytes:
    import io

    from PIL import Image

    colour = (200, 30, 30) if positive else (30, 30, rng.randint(100, 200))
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, format="PNG")
    return buffer.getvalue()
