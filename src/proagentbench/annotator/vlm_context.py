"""What the VLM annotator shows a model: candidate moments, the activity before each, redacted frames.

Candidates follow the ProAgentBench paper: the boundaries of activity segments (an application switch) and
regular moments inside long segments. The context is the previous window of activity summarised one line per
focus change or typed text, plus up to K of the frames taken in it, downscaled.
"""

import base64
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from proagentbench.annotator.base import Frame, TimelineEvent
from proagentbench.timeutil import MICROS_PER_SECOND


@dataclass(frozen=True)
class Candidate:
    t: int
    app: str


def candidates(timeline: Sequence[TimelineEvent], *, every_s: float) -> list[Candidate]:
    """Just before each application switch, and every ``every_s`` seconds inside a long segment."""
    step = int(every_s * MICROS_PER_SECOND)
    found: dict[int, Candidate] = {}
    app: str | None = None
    segment_start = 0
    for event in timeline:
        if event.kind != "window_focus" or event.app == app:
            continue
        if app is not None:
            t = segment_start + step
            while t < event.t - 1:
                found.setdefault(t, Candidate(t, app))
                t += step
            found.setdefault(event.t - 1, Candidate(event.t - 1, app))
        app, segment_start = event.app, event.t
    return sorted(found.values(), key=lambda candidate: candidate.t)


def summary_lines(timeline: Sequence[TimelineEvent], t: int, *, window_s: float, max_lines: int) -> list[str]:
    """app/title/typed-text lines of the ``window_s`` before ``t``, oldest first, the newest ``max_lines``."""
    start = t - int(window_s * MICROS_PER_SECOND)
    lines: list[str] = []
    for event in timeline:
        if event.t > t:
            break
        if event.t < start:
            continue
        ago = (t - event.t) / MICROS_PER_SECOND
        if event.kind == "window_focus":
            lines.append(f"[-{ago:.0f}s] focus app={event.app} title={event.title}")
        elif event.text:
            lines.append(f"[-{ago:.0f}s] typed in {event.app}: {' '.join(event.text.split())[:300]}")
    return lines[-max_lines:]


def recent_frames(frames: Sequence[Frame], t: int, *, window_s: float, k: int) -> list[Frame]:
    start = t - int(window_s * MICROS_PER_SECOND)
    return [frame for frame in frames if start <= frame.t <= t][-k:] if k > 0 else []


@functools.lru_cache(maxsize=64)  # neighbouring moments share frames
def frame_data_url(path: Path, max_side: int) -> str:
    """The frame as a PNG data URL, downscaled so its longer side is at most ``max_side`` pixels."""
    from PIL import Image

    with Image.open(path) as image:
        image.thumbnail((max_side, max_side))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@dataclass(frozen=True)
class Segment:
    """An activity segment: one application in focus from ``start`` until the switch at ``end``."""

    start: int
    end: int
    app: str


def segment_of(timeline: Sequence[TimelineEvent], t: int) -> Segment | None:
    """The segment that holds ``t`` (a candidate lies before the switch that ends its segment)."""
    app: str | None = None
    start = 0
    for event in timeline:
        if event.kind != "window_focus" or event.app == app:
            continue
        if app is not None and start <= t < event.t:
            return Segment(start, event.t, app)
        app, start = event.app, event.t
    return None
