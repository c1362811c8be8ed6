"""Agents by name: built-ins, module:attr and entry points all resolve through the one registry."""

import sys
from pathlib import Path

import pytest

from proagentbench import plugins
from proagentbench.benchmark import available_agents, build_agent
from proagentbench.benchmark.agent import supports
from proagentbench.plugins import PluginError, Spec
from tests.helpers import install_entry_point

BUILT_IN = ("always", "never", "random", "periodic", "app-prior", "learned", "llm", "vlm")


def test_the_built_ins_are_the_registry_table() -> None:
    assert sorted(plugins.BUILTINS["agents"]) == sorted(BUILT_IN)
    assert {name: available_agents()[name] for name in BUILT_IN} == plugins.BUILTINS["agents"]


@pytest.mark.parametrize("name", BUILT_IN)
def test_every_builtin_builds_with_defaults(name: str) -> None:
    # Model-backed agents have no default model (tests/bench/test_agents.py: they refuse without one).
    agent = build_agent(Spec(name, {"model": "m"} if name in ("llm", "vlm") else {}))
    assert supports(agent, "timing")


def test_module_attr_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    agent = build_agent(Spec("plugin_agents:keyword", {"keyword": "oops"}))
    assert agent.keyword == "oops"  # type: ignore[attr-defined]
    assert supports(agent, "timing") and supports(agent, "content")


def test_entry_point_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real installed distribution's metadata on sys.path, declaring an agent in the documented group."""
    install_entry_point(tmp_path, monkeypatch, "proagentbench.agents", "kw = plugin_agents:keyword")
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    assert available_agents()["kw"] == "plugin_agents:keyword"
    agent = build_agent(Spec("kw", {"keyword": "fail"}))
    assert type(agent).__name__ == "KeywordAgent" and agent.keyword == "fail"  # type: ignore[attr-defined]
    assert "plugin_agents" in sys.modules


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (Spec("nope"), "unknown agent 'nope'; use one of always, app-prior"),
        (Spec("no_such_module:x"), "agent 'no_such_module:x': cannot import module 'no_such_module'"),
        (Spec("plugin_agents:missing"), "module 'plugin_agents' has no attribute 'missing'"),
        (Spec("random", {"colour": "red"}), "agent 'random': bad arguments"),
    ],
)
def test_lookup_errors_are_plugin_errors(spec: Spec, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    with pytest.raises(PluginError, match=message):
        build_agent(spec)
