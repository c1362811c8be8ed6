"""The agent interface: small protocols, so any object with the right method is an agent.

An agent answers the timing task with `decide`, the content task with `assist`, or both. It may learn from the
train split with `fit`. Agents are built by factory functions registered by name (see `registry.py`), so every
agent in a run log is "name + arguments" and can be rebuilt from it.
"""

from typing import Any, Protocol, runtime_checkable

from proagentbench.benchmark.types import ContentAnswer, Context, TimingDecision, TrainView


@runtime_checkable
class TimingAgent(Protocol):
    def decide(self, context: Context) -> TimingDecision: ...


@runtime_checkable
class ContentAgent(Protocol):
    def assist(self, context: Context) -> ContentAnswer: ...


@runtime_checkable
class TrainableAgent(Protocol):
    def fit(self, train: TrainView) -> None: ...


@runtime_checkable
class ConcurrentAgent(Protocol):
    """Agents that wait on I/O (model calls) say how many decision points may run at once."""

    concurrency: int


class AgentFactory(Protocol):
    def __call__(self, **args: Any) -> object: ...


def supports(agent: object, task: str) -> bool:
    if task == "timing":
        return isinstance(agent, TimingAgent)
    if task == "content":
        return isinstance(agent, ContentAgent)
    raise ValueError(f"unknown task {task!r}")


def agent_concurrency(agent: object) -> int:
    value = getattr(agent, "concurrency", 1)
    return value if isinstance(value, int) and value > 0 else 1
