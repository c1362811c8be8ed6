"""The items of ProactiveBench files, as read and validated (times already in microseconds)."""

from dataclasses import dataclass
from typing import NamedTuple


class Observation(NamedTuple):
    """One observed user action: when (UTC µs) and what, in natural language."""

    t_us: int
    text: str


@dataclass(frozen=True)
class RewardRow:
    """A reward-data row: observations, then whether the user needed help right after the last one."""

    line: int
    observations: list[Observation]
    help_needed: bool


@dataclass(frozen=True)
class StreamStep:
    """One step of an event stream: an observation, the agent's candidate tasks, and the human label."""

    observation: Observation
    candidates: list[str]
    task_status: bool


@dataclass(frozen=True)
class EventStream:
    """An event-stream file (its name without `.json`) and its steps in file order."""

    name: str
    steps: list[StreamStep]
