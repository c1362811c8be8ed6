"""Reading sessions with their counts, for `proagent sessions` and for the later stages."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select

from proagentbench.store.schema import Annotation, Event, Screenshot, Session
from proagentbench.timeutil import us_to_iso


@dataclass
class SessionSummary:
    id: int
    uid: str
    user: str
    started_at: int
    ended_at: int | None
    end_reason: str | None
    state: str
    counts: dict[str, int] = field(default_factory=dict)
    screenshots: int = 0
    annotations: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "user": self.user,
            "started_at": us_to_iso(self.started_at),
            "ended_at": us_to_iso(self.ended_at),
            "end_reason": self.end_reason,
            "state": self.state,
            "counts": dict(sorted(self.counts.items())),
            "screenshots": self.screenshots,
            "annotations": self.annotations,
        }


def list_sessions(engine: Engine) -> list[SessionSummary]:
    with engine.connect() as connection:
        summaries = {
            row.id: SessionSummary(
                id=row.id,
                uid=row.uid,
                user=row.user,
                started_at=row.started_at,
                ended_at=row.ended_at,
                end_reason=row.end_reason,
                state=row.state,
            )
            for row in connection.execute(select(Session).order_by(Session.id))
        }
        event_counts = select(Event.session_id, Event.kind, func.count()).group_by(
            Event.session_id, Event.kind
        )
        for session_id, kind, count in connection.execute(event_counts):
            summaries[session_id].counts[kind] = count
        for model, attribute in ((Screenshot, "screenshots"), (Annotation, "annotations")):
            per_session = select(model.session_id, func.count()).group_by(model.session_id)
            for session_id, count in connection.execute(per_session):
                setattr(summaries[session_id], attribute, count)
    return list(summaries.values())
