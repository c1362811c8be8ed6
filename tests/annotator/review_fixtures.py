"""A clean store labelled by two annotators (the heuristic, and a second source that disagrees in known
places) and carrying one privacy flag: what the review tests read and write."""

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from proagentbench import paths
from proagentbench.annotator import annotate_store
from proagentbench.demo.sample import build_sample_store

MODEL = "vlm"


def labelled_clean_store(folder: Path) -> Path:
    raw = folder / "raw.sqlite"
    build_sample_store(raw)
    clean = folder / "clean.sqlite"
    shutil.copyfile(raw, clean)
    shutil.copytree(paths.screenshots_dir(raw), paths.screenshots_dir(clean))
    with closing(sqlite3.connect(clean)) as connection, connection:
        connection.execute("UPDATE sessions SET state = 'anonymized'")
    annotate_store(clean)
    with closing(sqlite3.connect(clean)) as connection, connection:
        rows = connection.execute(
            "SELECT id, session_id, t, label, intent, content FROM annotations ORDER BY id"
        ).fetchall()
        # The second source labels the same moments, 2 s later; it turns every third label over.
        for number, (_id, session_id, t, label, intent, content) in enumerate(rows):
            flipped = bool(label) != (number % 3 == 0)
            connection.execute(
                "INSERT INTO annotations (session_id, t, label, kind, intent, content, source, confidence, "
                "data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0.7, ?, 0)",
                (
                    session_id, t + 2_000_000, flipped, "positive" if flipped else "negative",
                    (intent or "other") if flipped else None, content if flipped else None, MODEL,
                    json.dumps({"rationale": "r", "app": "x"}),
                ),
            )  # fmt: skip
        first_session, start = connection.execute(
            "SELECT id, started_at FROM sessions ORDER BY id LIMIT 1"
        ).fetchone()
        connection.execute(
            "INSERT INTO annotations (session_id, t, label, kind, source, data, created_at) "
            "VALUES (?, ?, 1, 'privacy', ?, ?, 0)",
            (first_session, start + 1, MODEL, json.dumps({"end": start + 60_000_000, "reason": "a name"})),
        )
    return clean


def human_rows(db: Path) -> list[tuple[int, int, bool, str, str | None, str | None, dict[str, object]]]:
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute(
            "SELECT session_id, t, label, kind, intent, content, data FROM annotations "
            "WHERE source = 'human' ORDER BY id"
        ).fetchall()
    return [
        (sid, t, bool(label), kind, intent, content, json.loads(data))
        for sid, t, label, kind, intent, content, data in rows
    ]
