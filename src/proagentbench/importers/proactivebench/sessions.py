"""ProactiveBench items -> sessions with their decision points.

- A reward row is one session and one decision point 1 µs after its last observation, labelled
  `help_needed`; rows cut from the same recording (same first observation) share a user, so a seeded split
  keeps them on one side.
- An event stream is one session (and user); each observation is one decision point 1 µs after it,
  labelled `task_status`, with the stream's candidate tasks as reference content and the stream's theme
  (its file name's prefix, as ProactiveBench names and groups them: `code_*` coding, `writing_*` writing)
  as the intent.
"""

import hashlib
from dataclasses import dataclass

from proagentbench.importers.proactivebench.records import EventStream, Observation, RewardRow
from proagentbench.importers.proactivebench.times import monotone_times

SOURCE = "proactivebench"
THEMES = {"code": "coding", "writing": "writing"}  # file-name prefix -> intent (annotator.intents names)


@dataclass(frozen=True)
class Point:
    """A decision point: its time, its label, the candidate tasks offered there and the stream's theme
    (both None for reward rows)."""

    t_us: int
    label: bool
    candidates: list[str] | None
    intent: str | None = None


@dataclass
class ImportedSession:
    uid: str
    user: str
    observations: list[Observation]
    points: list[Point]
    source: str


def reward_session(index: int, row: RewardRow) -> tuple[ImportedSession, int]:
    """The session of the ``index``-th reward row, and how many of its clock steps were adjusted."""
    times, adjusted = monotone_times([o.t_us for o in row.observations], strict=False)
    session = ImportedSession(
        uid=f"pb-reward-{index:04d}",
        user=_recording_key(row.observations),
        observations=[Observation(t, o.text) for t, o in zip(times, row.observations, strict=True)],
        points=[Point(times[-1] + 1, row.help_needed, None)],
        source=f"{SOURCE}:reward",
    )
    return session, adjusted


def stream_session(stream: EventStream) -> tuple[ImportedSession, int]:
    """The session of an event-stream file, and how many of its clock steps were adjusted."""
    times, adjusted = monotone_times([s.observation.t_us for s in stream.steps], strict=True)
    steps = list(zip(times, stream.steps, strict=True))
    session = ImportedSession(
        uid=f"pb-{stream.name}",
        user=f"pb-{stream.name}",
        observations=[Observation(t, s.observation.text) for t, s in steps],
        points=[Point(t + 1, s.task_status, s.candidates, stream_intent(stream.name)) for t, s in steps],
        source=f"{SOURCE}:event-stream",
    )
    return session, adjusted


def stream_intent(name: str) -> str | None:
    """The theme of an event stream from its file name (`code_12` -> coding); None when not one we know."""
    return THEMES.get(name.split("_", 1)[0].lower())


def _recording_key(observations: list[Observation]) -> str:
    """Reward rows cut from the same recording start with the same observation: they share a group."""
    first = observations[0]
    digest = hashlib.sha256(f"{first.t_us}\x00{first.text}".encode()).hexdigest()[:10]
    return f"pb-stream-{digest}"
