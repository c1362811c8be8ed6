"""Privacy flags through the real export: a flagged span's events, frames and decision points stay out of the
corpus (and are counted in the manifest) unless a reviewer cleared the flag in `proagent review`."""

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from proagentbench.annotator.review.decisions import answer_flag
from proagentbench.corpus import open_corpus
from proagentbench.export import ExportOptions, PatternScanner, export_corpus
from proagentbench.store import open_store
from tests.export.conftest import build_clean_store

SPAN = (30_000_000, 150_000_000)  # 30 s to 150 s into the session: late events, two decision points


def _flag(db: Path, *, data: str | None = None) -> tuple[int, str, int, int]:
    """A VLM flag over SPAN of the second session; returns its id, the session's uid and the span."""
    with closing(sqlite3.connect(db)) as connection, connection:
        session_id, uid, started = connection.execute(
            "SELECT id, uid, started_at FROM sessions ORDER BY id LIMIT 1 OFFSET 1"
        ).fetchone()
        start, end = started + SPAN[0], started + SPAN[1]
        cursor = connection.execute(
            "INSERT INTO annotations (session_id, t, label, kind, source, data, created_at) "
            "VALUES (?, ?, 1, 'privacy', 'vlm:m:vlm-v1', ?, 0)",
            (session_id, start, data or json.dumps({"end": end, "reason": "an e-mail address"})),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid, uid, start, end


def _in_store(db: Path, uid: str, start: int, end: int) -> dict[str, int]:
    """What the store holds inside the span (counted with SQL, apart from the exporter's own reading)."""
    counts = {}
    with closing(sqlite3.connect(db)) as connection:
        for table, name in (("events", "events"), ("screenshots", "screenshots")):
            counts[name] = connection.execute(
                f"SELECT COUNT(*) FROM {table} JOIN sessions ON sessions.id = {table}.session_id "
                f"WHERE sessions.uid = ? AND {table}.t BETWEEN ? AND ?",
                (uid, start, end),
            ).fetchone()[0]
        counts["decision_points"] = connection.execute(
            "SELECT COUNT(DISTINCT a.t) FROM annotations a JOIN sessions s ON s.id = a.session_id "
            "WHERE s.uid = ? AND a.kind != 'privacy' AND a.t BETWEEN ? AND ?",
            (uid, start, end),
        ).fetchone()[0]
    return counts


def _export(db: Path, out: Path, scanner: PatternScanner):  # type: ignore[no-untyped-def]
    export_corpus(db, out, ExportOptions(), scanner=scanner)
    return open_corpus(out)


def _inside(rows: list[dict[str, object]], uid: str, start: int, end: int) -> list[dict[str, object]]:
    return [r for r in rows if r["session_uid"] == uid and start <= int(r["t_us"]) <= end]  # type: ignore[call-overload]


@pytest.mark.parametrize("answer", [None, "confirm"])
def test_a_flag_not_cleared_keeps_its_span_out(
    clean_db: Path, tmp_path: Path, scanner: PatternScanner, answer: str | None
) -> None:
    flag_id, uid, start, end = _flag(clean_db)
    if answer is not None:
        engine = open_store(clean_db)
        answer_flag(engine, flag_id, answer)
        engine.dispose()
    expected = _in_store(clean_db, uid, start, end)
    assert expected["events"] > 0 and expected["screenshots"] == 0 and expected["decision_points"] == 2
    corpus = _export(clean_db, tmp_path / "corpus", scanner)
    for table in ("events", "screenshots", "timing", "annotations", "content"):
        assert _inside(corpus.read(table).to_pylist(), uid, start, end) == []
    counts = corpus.manifest.counts
    assert counts["events"] == 240 - expected["events"] and counts["timing"] == 24 - 2
    assert corpus.manifest.privacy == {
        "flags": 1, "cleared": 0, "excluded_segments": 1, "excluded": expected,
    }  # fmt: skip
    # The rest of that session is still there, before and after the span.
    events = [r for r in corpus.read("events").to_pylist() if r["session_uid"] == uid]
    assert any(int(r["t_us"]) < start for r in events)
    assert any(int(r["t_us"]) > end for r in corpus.read("timing").to_pylist() if r["session_uid"] == uid)


def test_a_cleared_flag_excludes_nothing(clean_db: Path, tmp_path: Path, scanner: PatternScanner) -> None:
    flag_id, uid, start, end = _flag(clean_db)
    engine = open_store(clean_db)
    answer_flag(engine, flag_id, "confirm")
    answer_flag(engine, flag_id, "clear")  # the reviewer changed their mind: the last answer counts
    engine.dispose()
    corpus = _export(clean_db, tmp_path / "corpus", scanner)
    assert corpus.manifest.counts["events"] == 240 and corpus.manifest.counts["timing"] == 24
    assert _inside(corpus.read("events").to_pylist(), uid, start, end)
    assert corpus.manifest.privacy == {
        "flags": 1, "cleared": 1, "excluded_segments": 0,
        "excluded": {"events": 0, "screenshots": 0, "decision_points": 0},
    }  # fmt: skip


def test_a_flag_without_an_end_covers_the_rest_of_the_session(
    tmp_path: Path, scanner: PatternScanner
) -> None:
    db = build_clean_store(tmp_path / "clean.sqlite")
    _, uid, start, _ = _flag(db, data='{"reason": "no end"}')
    corpus = _export(db, tmp_path / "corpus", scanner)
    assert _inside(corpus.read("events").to_pylist(), uid, start, 2**62) == []
    assert corpus.manifest.privacy["excluded"]["decision_points"] == 4  # type: ignore[index]
