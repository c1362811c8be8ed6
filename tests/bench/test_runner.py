"""Runs end to end through the Python API: failures recorded per sample, resume, bad corpora, plugins."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from proagentbench.benchmark import BenchSettings, Spec, run_benchmark
from proagentbench.benchmark.agent import AgentError, build_agent
from proagentbench.benchmark.runlog import RunLogError, journal_path, read_runlog
from proagentbench.corpus import CorpusError
from proagentbench.models import ModelSettings
from proagentbench.plugins import PluginError
from tests.bench.corpus_builder import CorpusBuilder

QUICK = BenchSettings(tasks=("timing",), embeddings=False, resamples=50)


@pytest.fixture(autouse=True)
def _plugins_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))


def test_every_sample_is_logged_with_baselines(corpus_dir: Path, tmp_path: Path) -> None:
    log = run_benchmark(corpus_dir, Spec("plugin_agents:keyword"), QUICK, tmp_path / "run.json")
    condition = log.conditions[0]
    assert len(condition.timing) == 16 and all(r.error is None for r in condition.timing)
    metrics = condition.metrics["timing"]
    assert metrics["agent"]["accuracy"]["value"] == 1.0  # the keyword is exactly the signal
    assert metrics["always"]["recall"]["value"] == 1.0 and metrics["never"]["recall"]["value"] == 0.0
    assert metrics["positive_rate"] == 0.5
    assert read_runlog(tmp_path / "run.json").conditions[0].timing == condition.timing
    assert not journal_path(tmp_path / "run.json").exists()


@pytest.mark.parametrize(
    ("mode", "failed", "message"),
    [
        ("raise", None, "agent raised RuntimeError: agent bug"),
        ("wrong_type", 16, "agent returned str 'yes', expected a TimingDecision"),
        ("bad_score", 16, "non-finite score"),
    ],
)
def test_agent_failures_are_recorded_never_silent_zeros(
    corpus_dir: Path, tmp_path: Path, mode: str, failed: int | None, message: str
) -> None:
    log = run_benchmark(corpus_dir, Spec("plugin_agents:flaky", {"mode": mode}), QUICK, tmp_path / "run.json")
    records = log.conditions[0].timing
    errors = [r for r in records if r.error]
    assert errors and all(message in (r.error or "") for r in errors)
    assert all(r.decision is None for r in errors)
    agent = log.conditions[0].metrics["timing"]["agent"]
    assert agent["n_failed"] == len(errors) and agent["n_points"] == 16
    if failed == 16:
        assert agent["coverage"] == 0.0 and agent["accuracy"]["value"] is None  # null, not 0
    else:
        assert agent["n"] == 16 - len(errors) and agent["accuracy"]["value"] is not None


def test_resume_after_interruption_skips_finished_samples(corpus_dir: Path, tmp_path: Path) -> None:
    import plugin_agents

    out = tmp_path / "run.json"
    spec = Spec("plugin_agents:interrupting")
    plugin_agents.CALLS.clear()
    plugin_agents.STOP_AFTER[:] = [5]
    with pytest.raises(KeyboardInterrupt):
        run_benchmark(corpus_dir, spec, QUICK, out)
    assert not out.exists() and journal_path(out).exists()
    first = list(plugin_agents.CALLS)
    plugin_agents.STOP_AFTER.clear()
    log = run_benchmark(corpus_dir, spec, QUICK, out)
    assert len(first) == 5 and len(plugin_agents.CALLS) == 16  # 5 before, 11 after: none twice
    assert len(set(plugin_agents.CALLS)) == 16
    assert log.status == "complete" and len(log.conditions[0].timing) == 16
    # A rerun of a finished run asks the agent nothing.
    run_benchmark(corpus_dir, spec, QUICK, out)
    assert len(plugin_agents.CALLS) == 16


def test_a_different_run_cannot_resume_another_runs_log(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "run.json"
    run_benchmark(corpus_dir, Spec("always"), QUICK, out)
    with pytest.raises(RunLogError, match="another agent or corpus"):
        run_benchmark(corpus_dir, Spec("never"), QUICK, out)
    journal_path(tmp_path / "b.json").write_text(json.dumps({"run": {"agent": "x"}}) + "\n")
    with pytest.raises(RunLogError, match="journal of another run"):
        run_benchmark(corpus_dir, Spec("never"), QUICK, tmp_path / "b.json")


def test_corrupt_or_missing_corpus_files_are_refused(corpus_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(corpus_dir, broken)
    path = broken / "events" / "test.parquet"
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CorpusError, match="does not match its sha256"):
        run_benchmark(broken, Spec("always"), QUICK, tmp_path / "run.json")
    path.unlink()
    with pytest.raises(CorpusError, match="missing"):
        run_benchmark(broken, Spec("always"), QUICK, tmp_path / "run.json")
    assert not (tmp_path / "run.json").exists()


def test_unknown_corpus_version_is_refused(corpus_dir: Path, tmp_path: Path) -> None:
    future = tmp_path / "future"
    shutil.copytree(corpus_dir, future)
    manifest = json.loads((future / "manifest.json").read_text())
    manifest["format_version"] = 7
    (future / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CorpusError, match="format version 7 is not supported"):
        run_benchmark(future, Spec("always"), QUICK, tmp_path / "run.json")


def test_empty_splits_are_refused(tmp_path: Path) -> None:
    builder = CorpusBuilder()
    builder.session("s", "u", "train", 0, 100)
    builder.point("s", 50, True)
    root = builder.write(tmp_path / "no-test")
    with pytest.raises(CorpusError, match="test split has no timing decision points"):
        run_benchmark(root, Spec("always"), QUICK, tmp_path / "run.json")
    builder = CorpusBuilder()
    builder.session("s", "u", "test", 0, 100)
    builder.point("s", 50, True)
    root = builder.write(tmp_path / "no-train")
    for name in ("learned", "app-prior"):
        with pytest.raises(AgentError, match="needs train timing points and the train split has none"):
            run_benchmark(root, Spec(name), QUICK, tmp_path / "run.json")
    assert run_benchmark(root, Spec("always"), QUICK, tmp_path / "ok.json").status == "complete"
    # An agent that can work without train data (here: only reads intents) still runs, with a note.
    log = run_benchmark(root, Spec("plugin_agents:keyword"), QUICK, tmp_path / "kw.json")
    assert log.status == "complete" and "train split has no timing points" in log.notes[0]


def test_agent_lookup_errors(corpus_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "run.json"
    with pytest.raises(PluginError, match="unknown agent 'nope'"):
        run_benchmark(corpus_dir, Spec("nope"), QUICK, out)
    with pytest.raises(PluginError, match="cannot import module"):
        run_benchmark(corpus_dir, Spec("no_such_module:x"), QUICK, out)
    with pytest.raises(PluginError, match="has no attribute"):
        run_benchmark(corpus_dir, Spec("plugin_agents:missing"), QUICK, out)
    with pytest.raises(PluginError, match="bad arguments"):
        run_benchmark(corpus_dir, Spec("random", {"colour": "red"}), QUICK, out)
    assert not out.exists()  # nothing is written for an agent that cannot be built
    with pytest.raises(AgentError, match="does not implement the timing task"):
        run_benchmark(corpus_dir, Spec("plugin_agents:not_an_agent"), QUICK, out)


def test_timing_only_agent_skips_content_with_a_note(corpus_dir: Path, tmp_path: Path) -> None:
    settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=50)
    log = run_benchmark(corpus_dir, Spec("always"), settings, tmp_path / "run.json")
    assert log.tasks == ["timing"] and "does not implement the content task" in log.notes[0]


def test_content_and_end_to_end_with_a_context_sweep(corpus_dir: Path, tmp_path: Path) -> None:
    settings = BenchSettings(
        tasks=("timing", "content"), contexts_s=(30, 120), embeddings=False, resamples=50
    )
    log = run_benchmark(corpus_dir, Spec("plugin_agents:keyword"), settings, tmp_path / "run.json")
    assert [c.context_s for c in log.conditions] == [30, 120]
    for condition in log.conditions:
        content = condition.metrics["content"]
        assert content["n_points"] == 8 and content["intent_accuracy"]["value"] == 1.0
        assert content["semantic_similarity"]["value"] is None  # embeddings off: absent, not zero
        # Perfect timing and intents: every point scores 1.
        assert condition.metrics["end_to_end"]["intent"]["value"] == 1.0


class CountingProgress:
    """The one progress shape (`proagentbench.progress.Progress`), recording what it is told."""

    def __init__(self) -> None:
        self.tasks: dict[str, list[int]] = {}  # description -> [total, advanced]

    def task(self, description: str, total: int | None) -> Callable[[int], None]:
        cell = self.tasks[description] = [total or 0, 0]
        return lambda count: cell.__setitem__(1, cell[1] + count)

    def note(self, message: str) -> None:
        raise AssertionError(f"unexpected note {message!r}")


def test_progress_counts_every_stage_to_its_total(corpus_dir: Path, tmp_path: Path) -> None:
    settings = BenchSettings(
        tasks=("timing", "content"), contexts_s=(30, 120), embeddings=False, resamples=10
    )
    progress = CountingProgress()
    run_benchmark(corpus_dir, Spec("app-prior"), settings, tmp_path / "run.json", progress=progress)
    expected = {f"{stage} {window}s" for stage in ("fit", "timing", "content") for window in (30, 120)}
    assert set(progress.tasks) == expected
    assert all(total == advanced > 0 for total, advanced in progress.tasks.values()), progress.tasks
    resumed = CountingProgress()  # a finished run rerun: every point is already done, and counted as such
    run_benchmark(corpus_dir, Spec("app-prior"), settings, tmp_path / "run.json", progress=resumed)
    assert resumed.tasks == progress.tasks


def test_a_run_is_rebuilt_from_its_log_alone(corpus_dir: Path, tmp_path: Path) -> None:
    settings = BenchSettings(
        tasks=("timing", "content"), contexts_s=(30, 120), embeddings=False, resamples=20, seed=3
    )
    first = run_benchmark(corpus_dir, Spec("app-prior", {"threshold": 0.4}), settings, tmp_path / "a.json")
    log = read_runlog(tmp_path / "a.json")
    assert log.agent == Spec("app-prior", {"threshold": 0.4})
    rebuilt = BenchSettings.from_json(log.settings)
    assert rebuilt == settings
    agent = build_agent(log.agent)
    again = run_benchmark(Path(log.corpus["path"]), log.agent, rebuilt, tmp_path / "b.json", agent=agent)
    assert again.conditions == first.conditions
    assert again.label() == first.label() == "app-prior(threshold=0.4)"


def test_the_judge_is_recorded_in_full() -> None:
    judge = ModelSettings(
        "judge-model", base_url="http://127.0.0.1:1/v1", api_key_env="MY_KEY", timeout_s=5.0,
        max_attempts=2, backoff_s=0.01, temperature=0.5, max_tokens=64,
    )  # fmt: skip
    settings = BenchSettings(tasks=("content",), judge=judge)
    recorded = json.loads(json.dumps(settings.to_json()))
    assert recorded["judge"]["api_key_env"] == "MY_KEY" and "api_key" not in recorded["judge"]
    assert BenchSettings.from_json(recorded) == settings


def test_content_failures_are_recorded(corpus_dir: Path, tmp_path: Path) -> None:
    settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=50)
    log = run_benchmark(corpus_dir, Spec("plugin_agents:bad_content"), settings, tmp_path / "run.json")
    records = log.conditions[0].content
    assert all(r.error for r in records) and all(r.text is None for r in records)
    assert {("raised ValueError" in (r.error or "")) for r in records} == {True, False}
    assert any("expected a ContentAnswer" in (r.error or "") for r in records)
    content = log.conditions[0].metrics["content"]
    assert content["n_failed"] == 8 and content["intent_accuracy"]["value"] is None
    # End to end: positives where content failed score 0, negatives stayed silent never (always helps).
    assert log.conditions[0].metrics["end_to_end"]["intent"]["value"] == 0.0


def test_interrupting_a_concurrent_run_drops_queued_points(corpus_dir: Path, tmp_path: Path) -> None:
    import plugin_agents

    spec = Spec("plugin_agents:interrupting", {"concurrency": 2, "delay_s": 0.05})
    plugin_agents.CALLS.clear()
    plugin_agents.ATTEMPTS.clear()
    plugin_agents.STOP_AFTER[:] = [3]
    with pytest.raises(KeyboardInterrupt):
        run_benchmark(corpus_dir, spec, QUICK, tmp_path / "run.json")
    assert len(plugin_agents.ATTEMPTS) < 10  # the queue was dropped, not worked through
    plugin_agents.STOP_AFTER.clear()
    log = run_benchmark(corpus_dir, spec, QUICK, tmp_path / "run.json")
    assert all(r.error is None for r in log.conditions[0].timing) and len(set(plugin_agents.CALLS)) == 16


def test_train_contexts_are_built_only_when_read(corpus_dir: Path) -> None:
    from proagentbench.benchmark.context import ContextBuilder, load_events
    from proagentbench.benchmark.points import load_content_points, load_corpus_sessions, load_timing_points
    from proagentbench.benchmark.runner import train_view
    from proagentbench.corpus import open_corpus

    corpus = open_corpus(corpus_dir)
    builder = ContextBuilder(corpus, load_corpus_sessions(corpus), load_events(corpus, "train"))
    built: list[str] = []
    original = builder.build
    builder.build = lambda point: built.append(point.point_id) or original(point)  # type: ignore[method-assign]
    view = train_view(builder, load_timing_points(corpus, "train"), load_content_points(corpus, "train"))
    assert view.intents == ["debug"] and len(view.timing) == 32 and len(view.content) == 16 and built == []
    first = view.timing[0]
    assert first.label is True and first.context.events and built == [first.context.point.point_id]
    assert [item.label for item in view.timing[-2:]] == [True, False]
    with pytest.raises(IndexError):
        view.timing[32]
