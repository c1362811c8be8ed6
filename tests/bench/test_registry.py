"""Agents by name: built-ins, module:attr and entry points all resolve through the one registry."""

import sys
from pathlib import Path

import pytest

from proagentbench.benchmark.agent import supports
from proagentbench.benchmark.registry import (
    BUILTIN_AGENTS,
    ENTRY_POINT_GROUP,
    AgentSpec,
    available_agents,
    build_agent,
)


@pytest.mark.parametrize("name", sorted(BUILTIN_AGENTS))
def test_every_builtin_builds_with_defaults(name: str) -> None:
    agent = build_agent(AgentSpec(name))
    assert supports(agent, "timing")


def test_module_attr_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    agent = build_agent(AgentSpec("plugin_agents:keyword", {"keyword": "oops"}))
    assert agent.keyword == "oops"  # type: ignore[attr-defined]
    assert supports(agent, "timing") and supports(agent, "content")


def test_entry_point_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real installed distribution's metadata on sys.path, declaring an agent in the entry-point group."""
    dist = tmp_path / "myagents-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: myagents\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nkw = plugin_agents:keyword\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    assert available_agents()["kw"] == "plugin_agents:keyword"
    agent = build_agent(AgentSpec("kw", {"keyword": "fail"}))
    assert type(agent).__name__ == "KeywordAgent" and agent.keyword == "fail"  # type: ignore[attr-defined]
    assert "plugin_agents" in sys.modules
