"""The agent interface: small protocols, so any object with the right method is an agent.

An agent answers the timing task with `decide`, the content task with `assist`, or both. It may learn from the
train split with `fit`, and check what it needs before the first point with `check`. Agents are built by
factory functions found through the one registry (`proagentbench.plugins`, kind "agents"), so every agent in
a run log is a `Spec` (name + arguments) and can be rebuilt from it.
"""

from typing import Any, Protocol, runtime_checkable

from proagentbench import plugins
from proagentbench.benchmark.types import ContentAnswer, Context, TimingDecision, TrainView
from proagentbench.errors import ProagentError

KIND = "agents"


class AgentError(ProagentError):
    """An agent that does not implement the requested task or cannot learn from the train split.

    An agent that cannot be found or built from its spec raises `proagentbench.plugins.PluginError`."""


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
class CheckedAgent(Protocol):
    """Agents that need something every point needs (a model endpoint) check it once before the first point
    and raise a `ProagentError` (one line) when it is missing."""

    def check(self) -> None: ...


@runtime_checkable
class ConcurrentAgent(Protocol):
    """Agents that wait on I/O (model calls) say how many decision points may run at once."""

    concurrency: int


@runtime_checkable
class ModelBackedAgent(Protocol):
    """Agents that call a model report what they met (endpoint, negotiated mode, counts) for the run log."""

    def model_usage(self) -> dict[str, Any]: ...


def supports(agent: object, task: str) -> bool:
    if task == "timing":
        return isinstance(agent, TimingAgent)
    if task == "content":
        return isinstance(agent, ContentAgent)
    raise ValueError(f"unknown task {task!r}")


def agent_concurrency(agent: object) -> int:
    value = getattr(agent, "concurrency", 1)
    return value if isinstance(value, int) and value > 0 else 1


def available_agents() -> dict[str, str]:
    """Every agent name that can be used (built-ins, then entry points), mapped to its factory reference."""
    return plugins.available(KIND)


def build_agent(spec: plugins.Spec) -> object:
    """The agent a spec names: a built-in name, an entry-point name or ``module:attr``, with its arguments."""
    return plugins.build(KIND, spec)
