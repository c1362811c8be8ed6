"""Every extension example in docs/architecture.md is complete and works through the registry as shown."""

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from proagentbench import plugins
from proagentbench.plugins import Spec

DOC = Path(__file__).parents[1] / "docs" / "architecture.md"
EXAMPLE = re.compile(r"```python\n# (\w+)\.py — [^\n]*\n(.*?)```", re.DOTALL)


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    found = {name: body for name, body in EXAMPLE.findall(DOC.read_text())}
    for name, body in found.items():
        (tmp_path / f"{name}.py").write_text(body)
    monkeypatch.syspath_prepend(str(tmp_path))
    # Other docs tests write modules of the same names (my_agents): import these fresh, and leave none behind.
    for name in found:
        sys.modules.pop(name, None)
    yield found
    for name in found:
        sys.modules.pop(name, None)


def test_the_doc_has_one_example_per_kind(examples: dict[str, str]) -> None:
    assert set(examples) == {"my_agents", "my_annotators", "my_recognizers", "my_executors", "my_scanners"}
    for kind in plugins.KINDS:
        assert f"### {kind.capitalize()} (`proagentbench.{kind}`)" in DOC.read_text()


def test_the_agent_example(examples: dict[str, str]) -> None:
    from proagentbench.benchmark import Context, DecisionPoint, Event

    agent = plugins.build("agents", Spec("my_agents:keyword", {"keyword": "Traceback"}))
    point = DecisionPoint("p", "s", "u", 10, "test")
    seen = Context(point, 60.0, 0, (Event(5, "text", text="Traceback (most recent call last)"),))
    assert agent.decide(seen).help and not agent.decide(Context(point, 60.0, 0, ())).help


def test_the_annotator_example(examples: dict[str, str]) -> None:
    from proagentbench.annotator import TimelineEvent, build_annotator

    annotator = build_annotator(Spec("my_annotators:every_focus"))
    timeline = [
        TimelineEvent(1, "window_focus", "code", "main.py", None),
        TimelineEvent(2, "text", "code", "", "x"),
    ]
    assert [(p.t, p.label, p.app) for p in annotator.label(timeline, session_key="s")] == [(1, True, "code")]


def test_the_recognizer_example(examples: dict[str, str]) -> None:
    recognizer = plugins.build("recognizers", Spec("my_recognizers:employee_id"), identity=None)
    results = recognizer.analyze("badge EMP-123456 at the door", ["EMPLOYEE_ID"], None)
    assert [(r.entity_type, r.start, r.end, r.score) for r in results] == [("EMPLOYEE_ID", 6, 16, 0.9)]


def test_the_executor_example(examples: dict[str, str]) -> None:
    from proagentbench.executors import build_executor

    with build_executor(Spec("my_executors:threads", {"workers": 2})) as executor:
        assert list(executor.map(abs, [-1, 2, -3])) == [1, 2, 3]


def test_the_scanner_example(examples: dict[str, str]) -> None:
    from proagentbench.export import load_scanner

    scanner = load_scanner("my_scanners:badges")
    assert scanner.scan_text("badge EMP-123456") == ["EMPLOYEE_ID"] and scanner.scan_text("badge") == []
