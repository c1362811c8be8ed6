"""The public-data path as a user takes it: `proagent import proactivebench`, then `proagent bench` with
default flags for every built-in agent that needs no model server."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proagentbench import plugins
from proagentbench.benchmark.agent import ModelBackedAgent, build_agent, supports
from proagentbench.corpus import CorpusError
from proagentbench.plugins import Spec
from tests.importers.test_proactivebench import FIXTURE

runner = CliRunner()  # in this process: the agents' imports are paid once, not once per test


def _needs_a_model(name: str) -> bool:
    """Built as `bench` builds it: a model name goes to the agents whose factory takes one."""
    args = plugins.accepted(plugins.load("agents", name), {"model": "any-model"})
    return isinstance(build_agent(Spec(name, args)), ModelBackedAgent)


OFFLINE_AGENTS = [name for name in plugins.BUILTINS["agents"] if not _needs_a_model(name)]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from proagentbench.cli.main import app

    out = tmp_path_factory.mktemp("pb") / "corpus"
    result = runner.invoke(app, ["import", "proactivebench", str(FIXTURE), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_offline_agents_are_the_ones_without_a_model() -> None:
    assert OFFLINE_AGENTS == ["always", "never", "random", "periodic", "app-prior", "learned"]


@pytest.mark.parametrize("agent", OFFLINE_AGENTS)
def test_every_offline_agent_runs_with_default_flags(imported: Path, tmp_path: Path, agent: str) -> None:
    from proagentbench.cli.main import app

    out = tmp_path / "run.json"
    result = runner.invoke(app, ["bench", "--corpus", str(imported), "--agent", agent, "--out", str(out)])
    assert result.exit_code == 0, result.output[-3000:]
    log = json.loads(out.read_text())
    (condition,) = log["conditions"]
    assert len(condition["timing"]) == 8 and not any(r["error"] for r in condition["timing"])
    assert condition["metrics"]["timing"]["agent"]["accuracy"]["value"] is not None
    assert log["tasks"] == ["timing"]
    if supports(build_agent(Spec(agent)), "content"):  # skipped because the corpus has none, and said so
        assert any("the corpus has no content decision points" in note for note in log["notes"])


def test_content_alone_on_a_timing_only_import_still_fails(imported: Path, tmp_path: Path) -> None:
    from proagentbench.cli.main import app

    result = runner.invoke(
        app,
        ["bench", "--corpus", str(imported), "--agent", "learned", "--task", "content",
         "--out", str(tmp_path / "run.json")],
    )  # fmt: skip
    # a ProagentError: `proagent` prints it as one line (tests/test_cli.py checks how)
    assert result.exit_code != 0 and isinstance(result.exception, CorpusError)
    assert "the test split has no content decision points" in str(result.exception)


def test_streams_give_the_content_task_with_intents(tmp_path: Path) -> None:
    """Reward rows and event streams in one folder: the learned agent answers every content point."""
    from proagentbench.benchmark.runner import run_benchmark
    from proagentbench.benchmark.settings import BenchSettings
    from proagentbench.importers import ImportOptions, import_proactivebench

    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(FIXTURE / "reward_test.jsonl", source)
    for stream in (FIXTURE / "test_data").iterdir():
        shutil.copy(stream, source)
    import_proactivebench(source, tmp_path / "corpus", ImportOptions(seed=1))  # a stream on each side
    settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=50)
    log = run_benchmark(tmp_path / "corpus", Spec("learned"), settings, tmp_path / "run.json")
    (condition,) = log.conditions
    assert condition.content and not [r.error for r in condition.content if r.error]
    assert {r.ref_intent for r in condition.content} == {"writing"}  # writing_11 is the test stream
    assert all(r.intent in {"coding", "writing"} for r in condition.content)
