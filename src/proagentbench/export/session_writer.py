"""One clean-store session -> its rows in every corpus table and its redacted images.

Events, frames and decision points inside the span of a privacy flag that no reviewer cleared are left out
(`privacy_spans.py`), and counted.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from proagentbench.corpus import CorpusWriter
from proagentbench.export.images import copy_image, image_name, source_path
from proagentbench.export.privacy_spans import ExcludedSpans, ExclusionCounts, excluded_spans
from proagentbench.export.provenance import annotation_source
from proagentbench.export.rows import annotation_row, content_row, event_row, screenshot_row, timing_row
from proagentbench.export.store_reader import (
    iter_annotations,
    iter_events,
    iter_screenshots,
    session_last_event_t,
)
from proagentbench.progress import Advance

PROGRESS_EVERY = 5_000


@dataclass
class SessionWriter:
    """Writes session after session; advances the events bar and keeps each session's annotation sources."""

    writer: CorpusWriter
    screenshots_dir: Path
    advance_events: Advance
    sources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    privacy: ExclusionCounts = field(default_factory=ExclusionCounts)

    def write(self, connection: Connection, session: Any, split: str) -> None:
        spans = excluded_spans(connection, session.id)
        self.privacy.add(spans)
        n_events = self._events(connection, session.uid, session.id, split, spans)
        n_screenshots = self._screenshots(connection, session.uid, session.id, split, spans)
        self._annotations(connection, session, split, spans)
        ended = session.ended_at
        end = ended if ended is not None else session_last_event_t(connection, session.id)
        self.writer.add_row(
            "sessions",
            split,
            {
                "session_uid": session.uid,
                "user": session.user,
                "split": split,
                "source": "recorder",
                "started_at_us": session.started_at,
                "ended_at_us": ended,
                "duration_s": max(0, (end or session.started_at) - session.started_at) / 1e6,
                "n_events": n_events,
                "n_screenshots": n_screenshots,
            },
        )

    def _events(
        self, connection: Connection, uid: str, session_id: int, split: str, spans: ExcludedSpans
    ) -> int:
        count = read = 0
        for event in iter_events(connection, session_id):
            read += 1
            if read % PROGRESS_EVERY == 0:
                self.advance_events(PROGRESS_EVERY)
            if spans.covers(event.t_us):
                self.privacy.excluded["events"] += 1
                continue
            self.writer.add_row("events", split, event_row(event, uid, split))
            count += 1
        self.advance_events(read % PROGRESS_EVERY)
        return count

    def _screenshots(
        self, connection: Connection, uid: str, session_id: int, split: str, spans: ExcludedSpans
    ) -> int:
        count = 0
        for index, shot in enumerate(iter_screenshots(connection, session_id)):
            if spans.covers(shot.t_us):
                self.privacy.excluded["screenshots"] += 1
                continue
            target = image_name(uid, index, shot.format, shot.path)
            copy_image(self.writer, source_path(self.screenshots_dir, shot.path), target, shot.sha256)
            self.writer.add_row("screenshots", split, screenshot_row(shot, uid, target, split))
            count += 1
        return count

    def _annotations(self, connection: Connection, session: Any, split: str, spans: ExcludedSpans) -> None:
        uid, user = session.uid, session.user
        sources: dict[str, dict[str, Any]] = {}
        for annotation, is_last_at_t in _with_last_flag(iter_annotations(connection, session.id)):
            if spans.covers(annotation.t_us):
                self.privacy.excluded["decision_points"] += is_last_at_t
                continue
            self.writer.add_row("annotations", split, annotation_row(annotation, uid, split))
            source = annotation_source(annotation.source, annotation.data)
            sources.setdefault(json.dumps(source, sort_keys=True), source)
            if is_last_at_t:  # one decision point per (session, t): the latest annotation of that moment wins
                self.writer.add_row("timing", split, timing_row(annotation, uid, user, split))
                content = content_row(annotation, uid, user, split)
                if content is not None:
                    self.writer.add_row("content", split, content)
        self.sources[uid] = [sources[key] for key in sorted(sources)]


def _with_last_flag(items: Iterator[Any]) -> Iterator[tuple[Any, bool]]:
    """Pairs each row with whether it is the last of its run of equal `t_us` (rows arrive ordered by t)."""
    previous = None
    for item in items:
        if previous is not None:
            yield previous, previous.t_us != item.t_us
        previous = item
    if previous is not None:
        yield previous, True
