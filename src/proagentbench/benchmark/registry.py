"""Agents by name: built-ins, entry points (group `proagentbench.agents`) and `module:attr` references.

Built-in agents register through the same entry-point shaped hook as third-party ones: a name mapped to a
factory reference "module:attr". A factory takes keyword arguments (JSON values) and returns an agent.
"""

import importlib
import inspect
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from proagentbench.benchmark.agent import AgentFactory
from proagentbench.errors import ProagentError

ENTRY_POINT_GROUP = "proagentbench.agents"

BUILTIN_AGENTS: dict[str, str] = {
    "always": "proagentbench.benchmark.agents.trivial:always",
    "never": "proagentbench.benchmark.agents.trivial:never",
    "random": "proagentbench.benchmark.agents.trivial:random_agent",
    "periodic": "proagentbench.benchmark.agents.trivial:periodic",
    "app-prior": "proagentbench.benchmark.agents.app_prior:app_prior",
    "learned": "proagentbench.benchmark.agents.learned:learned",
    "llm": "proagentbench.benchmark.agents.llm:llm",
    "vlm": "proagentbench.benchmark.agents.llm:vlm",
}


class AgentError(ProagentError):
    """An agent that cannot be found, built or used for the requested task."""


@dataclass(frozen=True)
class AgentSpec:
    """How an agent was built: enough to rebuild it from a run log."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "args": dict(self.args)}


def available_agents() -> dict[str, str]:
    """Every agent name that can be used, mapped to its factory reference."""
    agents = dict(BUILTIN_AGENTS)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        agents.setdefault(entry.name, entry.value)
    return agents


def load_factory(name: str) -> AgentFactory:
    """Resolve a registered name or a `module:attr` reference to a factory."""
    reference = available_agents().get(name, name)
    if ":" not in reference:
        known = ", ".join(sorted(available_agents()))
        raise AgentError(f"unknown agent {name!r}; use one of {known} or module:attr")
    module_name, _, attr = reference.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise AgentError(f"agent {name!r}: cannot import module {module_name!r} ({exc})") from None
    try:
        target: Any = module
        for part in attr.split("."):
            target = getattr(target, part)
    except AttributeError:
        raise AgentError(f"agent {name!r}: module {module_name!r} has no attribute {attr!r}") from None
    if not callable(target):
        raise AgentError(f"agent {name!r}: {reference} is not a factory (not callable)")
    return target


def build_agent(spec: AgentSpec) -> object:
    factory = load_factory(spec.name)
    try:
        inspect.signature(factory).bind(**spec.args)
    except TypeError as exc:
        raise AgentError(f"agent {spec.name!r}: bad arguments {spec.args} ({exc})") from None
    except ValueError:
        pass  # builtins without a signature: let the call decide
    return factory(**spec.args)
