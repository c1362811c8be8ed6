"""The spans of a session kept out of the export because a privacy flag covers them.

A flag (`annotator/privacy.py`) is a non-human `annotations` row of kind ``privacy`` with ``label`` true,
from ``t`` to its data's ``end``. It excludes its span unless a reviewer cleared it: a ``human`` privacy row
at the same ``t`` with ``label`` false. A flag whose ``end`` is missing or not a number covers the rest of the
session: an unreadable flag keeps data out rather than letting it through.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from proagentbench.store import PRIVACY_KIND, Annotation

HUMAN = "human"
_OPEN_END = 2**63 - 1


@dataclass(frozen=True)
class ExcludedSpans:
    spans: tuple[tuple[int, int], ...] = ()
    flags: int = 0
    cleared: int = 0

    def covers(self, t: int) -> bool:
        return any(start <= t <= end for start, end in self.spans)


def excluded_spans(connection: Connection, session_id: int) -> ExcludedSpans:
    query = (
        select(Annotation.t, Annotation.label, Annotation.source, Annotation.data)
        .where(Annotation.session_id == session_id, Annotation.kind == PRIVACY_KIND)
        .order_by(Annotation.t, Annotation.id)
    )
    flags: list[tuple[int, int]] = []
    answers: dict[int, bool] = {}  # the latest human answer at a flag's t: True confirms, False clears
    for t, label, source, data in connection.execute(query):
        if source == HUMAN:
            answers[t] = bool(label)
        elif label:
            flags.append((t, _end(t, data)))
    kept = tuple(span for span in flags if answers.get(span[0], True))
    return ExcludedSpans(kept, flags=len(flags), cleared=len(flags) - len(kept))


def _end(t: int, data: str | None) -> int:
    try:
        end = json.loads(data or "{}").get("end")
    except (ValueError, AttributeError):
        return _OPEN_END
    if not isinstance(end, int) or isinstance(end, bool):
        return _OPEN_END
    return max(t, end)


@dataclass
class ExclusionCounts:
    """What the export left out for privacy flags, as the manifest records it."""

    flags: int = 0
    cleared: int = 0
    excluded: Counter[str] = field(default_factory=Counter)

    def add(self, spans: ExcludedSpans) -> None:
        self.flags += spans.flags
        self.cleared += spans.cleared

    def to_json(self) -> dict[str, object]:
        return {
            "flags": self.flags,
            "cleared": self.cleared,
            "excluded_segments": self.flags - self.cleared,
            "excluded": {name: self.excluded[name] for name in ("events", "screenshots", "decision_points")},
        }
