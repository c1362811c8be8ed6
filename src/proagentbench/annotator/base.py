"""The annotator interface: a session's timeline in, labelled decision points out.

An annotator is any object with a `source` (the name written into every annotation it makes), a `spec` (how to
rebuild it) and `label(timeline, session_key=...)`. Annotators are built from a `plugins.Spec` through the
registry (kind ``annotators``): a built-in name, an entry point in ``proagentbench.annotators`` or
``module:attr``. They only ever see anonymized sessions.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from proagentbench.plugins import Spec
from proagentbench.progress import Advance


@dataclass(frozen=True)
class TimelineEvent:
    """The part of a clean-store event an annotator sees, joined with its window."""

    t: int
    kind: str
    app: str
    title: str
    text: str | None


@dataclass(frozen=True)
class LabelledPoint:
    """One labelled moment of a session: ``label`` says whether an assistant should have stepped in."""

    t: int
    label: bool
    kind: str
    intent: str | None = None
    content: str | None = None
    app: str | None = None
    confidence: float | None = None
    details: dict[str, Any] | None = None  # kept in the row's data for audit (a model's rationale, raw reply)


@dataclass(frozen=True)
class Frame:
    """A redacted screenshot of the clean store: its time and the file's absolute path."""

    t: int
    path: Path


@runtime_checkable
class Annotator(Protocol):
    @property
    def source(self) -> str: ...

    @property
    def spec(self) -> Spec: ...

    def label(self, timeline: Sequence[TimelineEvent], *, session_key: str) -> list[LabelledPoint]:
        """Decision points of one session; ``timeline`` is sorted by time, ``session_key`` seeds any draw."""
        ...


@runtime_checkable
class FrameAnnotator(Protocol):
    """An annotator that also looks at the session's redacted screenshots (clean store only)."""

    def label_with_frames(
        self, timeline: Sequence[TimelineEvent], frames: Sequence[Frame], *, session_key: str
    ) -> list[LabelledPoint]: ...


@runtime_checkable
class PointCounting(Protocol):
    """An annotator that reports each decision point as it is done (a slow, model-backed one)."""

    def count_points(self, timeline: Sequence[TimelineEvent]) -> int: ...

    def watch_points(self, advance: Advance | None) -> None: ...
