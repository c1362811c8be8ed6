"""An imported session -> its rows in the corpus tables (see docs/corpus.md for the columns)."""

from proagentbench.corpus import CorpusWriter, point_id
from proagentbench.importers.proactivebench.sessions import SOURCE, ImportedSession


def write_session(writer: CorpusWriter, session: ImportedSession, split: str) -> None:
    for observation in session.observations:
        writer.add_row(
            "events",
            split,
            {
                "session_uid": session.uid,
                "t_us": observation.t_us,
                "kind": "observation",
                "app": None,
                "title": None,
                "key": None,
                "button": None,
                "x": None,
                "y": None,
                "dx": None,
                "dy": None,
                "text": observation.text,
                "split": split,
            },
        )
    for point in session.points:
        kind = "positive" if point.label else "negative"
        reference = "\n".join(point.candidates) if point.candidates else None
        writer.add_row(
            "annotations",
            split,
            {
                "session_uid": session.uid,
                "t_us": point.t_us,
                "label": point.label,
                "kind": kind,
                "intent": point.intent,
                "content": reference,
                "source": session.source,
                "confidence": None,
                "split": split,
            },
        )
        common = {
            "point_id": point_id(session.uid, point.t_us),
            "session_uid": session.uid,
            "user": session.user,
            "t_us": point.t_us,
        }
        writer.add_row("timing", split, {**common, "label": point.label, "kind": kind, "split": split})
        if point.label and reference:
            content = {**common, "intent": point.intent, "content": reference, "split": split}
            writer.add_row("content", split, content)
    started = session.observations[0].t_us
    ended = session.points[-1].t_us
    writer.add_row(
        "sessions",
        split,
        {
            "session_uid": session.uid,
            "user": session.user,
            "split": split,
            "source": SOURCE,
            "started_at_us": started,
            "ended_at_us": ended,
            "duration_s": (ended - started) / 1e6,
            "n_events": len(session.observations),
            "n_screenshots": 0,
        },
    )
