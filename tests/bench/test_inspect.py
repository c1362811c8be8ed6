"""inspect_ai interop: the timing and content tasks run by inspect (found through our entry point) with its
mock model, and a run log converted to inspect logs, both read back with inspect's `read_eval_log`.

The mock model answers as the local test server does (`smart_reply`), so inspect's run and `proagent bench`
with the `llm` agent against that server must see the same prompts and compute the same metrics. inspect_ai is
imported once here (its first eval takes seconds of its own imports); every test reuses one module fixture.
"""

import json
import math
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from proagentbench.benchmark import BenchSettings, RunLog, Spec, run_benchmark
from proagentbench.benchmark.replies import ContentReply
from proagentbench.devtools.model_server import ModelServer, smart_reply
from proagentbench.models.formats import bounded_strings
from proagentbench.models.jsonreply import reply_schema
from tests.helpers import install_entry_point

inspect_ai = pytest.importorskip("inspect_ai")
from inspect_ai.log import EvalLog, read_eval_log  # noqa: E402
from inspect_ai.model import ChatMessage, ModelOutput, ModelUsage, get_model  # noqa: E402

PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"
PROSE = "Sure! The user seems busy; I would not interrupt."


def _mock(answer: Any) -> Any:
    """inspect's mock model answering through ``answer(body)``; usage is given so that it counts no tokens
    with tiktoken (which would download its encoding)."""

    def generate(messages: list[ChatMessage], tools: object, choice: object, config: object) -> ModelOutput:
        body = {"messages": [{"role": m.role, "content": m.text} for m in messages]}
        output = ModelOutput.from_content(model="mockllm/model", content=answer(body))
        output.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return output

    return get_model("mockllm/model", custom_outputs=generate)


@dataclass
class Runs:
    bench: RunLog
    bench_path: Path
    timing: EvalLog
    content: EvalLog
    prose: EvalLog
    loaded_by_entry_point: bool


@pytest.fixture(scope="module")
def runs(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    from inspect_ai import eval as inspect_eval
    from inspect_ai._util.entrypoints import clear_entry_points_state

    root = tmp_path_factory.mktemp("inspect")
    with ModelServer() as server:
        spec = Spec("llm", {"base_url": server.base_url, "model": "local", "use_cache": False})
        settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=20)
        bench = run_benchmark(corpus_dir, spec, settings, root / "run.json")
    declared = tomllib.loads(PYPROJECT.read_text())["project"]["entry-points"]["inspect_ai"]
    with pytest.MonkeyPatch.context() as patch:
        # The entry point as pyproject.toml declares it, installed as pip would (the editable install of the
        # main checkout may predate it); inspect looks it up by the task name's namespace.
        [(name, target)] = declared.items()
        install_entry_point(
            root / "site", patch, "inspect_ai", f"{name} = {target}", distribution="pab_inspect"
        )
        clear_entry_points_state()
        fresh = target not in sys.modules
        names = ["proagentbench/timing", "proagentbench/content"]
        common = {"task_args": {"corpus": str(corpus_dir)}, "log_dir": str(root / "logs"), "display": "none"}
        timing, content = inspect_eval(
            names, model=_mock(lambda body: json.dumps(smart_reply(body))), **common
        )
        [prose] = inspect_eval(names[:1], model=_mock(lambda body: PROSE), **common)
        loaded = fresh and target in sys.modules
        clear_entry_points_state()
    yield Runs(bench, root / "run.json", timing, content, prose, loaded)


def _metrics(log: EvalLog) -> dict[str, float]:
    assert log.results is not None
    [score] = log.results.scores
    return {name: metric.value for name, metric in score.metrics.items()}


def _same(a: float, b: float | None) -> bool:
    return (b is None and math.isnan(a)) or (b is not None and math.isclose(a, b))


def test_the_tasks_are_found_through_the_entry_point_and_run(runs: Runs) -> None:
    for log, task, points in ((runs.timing, "timing", 16), (runs.content, "content", 8)):
        assert log.status == "success" and log.eval.task == f"proagentbench/{task}"
        assert log.eval.task_args["corpus"] and len(log.samples or []) == points
    assert runs.loaded_by_entry_point or pytest.skip("the task module was imported before this test")


def test_inspect_sees_the_llm_agents_prompts_and_computes_our_metrics(runs: Runs) -> None:
    condition = runs.bench.conditions[0]
    for log, task in ((runs.timing, "timing"), (runs.content, "content")):
        records = {r.point_id: r for r in getattr(condition, task)}
        for sample in log.samples or []:
            [call] = records[str(sample.id)].calls
            assert [m.text for m in sample.input] == [m["content"] for m in call["messages"]]  # type: ignore[union-attr]
    ours = condition.metrics["timing"]["agent"]
    timing = _metrics(runs.timing)
    for name in ("accuracy", "precision", "recall", "f1", "false_alarm_rate", "balanced_accuracy", "auroc"):
        assert _same(timing[name], ours[name]["value"]), name
    assert timing["coverage"] == ours["coverage"] == 1.0
    content = _metrics(runs.content)
    for name in ("intent_accuracy", "intent_macro_f1"):
        assert _same(content[name], condition.metrics["content"][name]["value"]), name


def test_replies_that_are_not_json_lower_coverage_and_count_as_no_answer(runs: Runs) -> None:
    metrics = _metrics(runs.prose)
    assert metrics["coverage"] == 0.0 and math.isnan(metrics["accuracy"]) and math.isnan(metrics["auroc"])
    sample = (runs.prose.samples or [])[0]
    [score] = sample.scores.values()  # type: ignore[union-attr]
    assert score.value == {"correct": 0, "answered": 0} and "malformed reply" in (score.explanation or "")


def test_the_logs_inspect_wrote_read_back(runs: Runs) -> None:
    for log in (runs.timing, runs.content):
        again = read_eval_log(log.location)
        assert again.eval.task == log.eval.task and _metrics(again) == _metrics(log)
        assert [s.id for s in again.samples or []] == [s.id for s in log.samples or []]


def test_a_run_log_becomes_inspect_logs(runs: Runs, tmp_path: Path) -> None:
    from proagentbench.cli.main import app
    from proagentbench.interop.inspect_scores import CONTENT_METRICS, TIMING_METRICS

    result = CliRunner().invoke(
        app, ["bench", "export-inspect", str(runs.bench_path), "--out-dir", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in written] == [
        "content-context300s-memory-none-screenshots0.eval",
        "timing-context300s-memory-none-screenshots0.eval",
    ]
    assert all(f"wrote {p}" in result.output for p in written)
    condition = runs.bench.conditions[0]
    for path, task, makers in zip(
        written, ("content", "timing"), (CONTENT_METRICS, TIMING_METRICS), strict=True
    ):
        log = read_eval_log(path)
        assert log.status == "success" and log.eval.task == f"proagentbench/{task}"
        assert log.eval.model == "llm/local" and log.eval.metadata["proagentbench"]["agent"]["name"] == "llm"  # type: ignore[index]
        records = getattr(condition, task)
        samples = log.samples or []
        assert [s.id for s in samples] == [r.point_id for r in records]
        for sample, record in zip(samples, records, strict=True):
            assert [m.text for m in sample.input] == [m["content"] for m in record.calls[0]["messages"]]  # type: ignore[union-attr]
            assert sample.output.completion == record.calls[0]["reply"]
        # The run log's metrics, and the same again from the samples through the inspect tasks' metrics.
        section = condition.metrics[task]["agent"] if task == "timing" else condition.metrics[task]
        from inspect_ai.scorer import SampleScore

        scores = [SampleScore(score=next(iter(s.scores.values())), sample_id=s.id) for s in samples]  # type: ignore[union-attr]
        for name, metric in _metrics(log).items():
            expected = section[name] if name == "coverage" else section[name]["value"]
            assert _same(metric, expected), (task, name)
        for name, make in makers.items():
            assert _same(make()(scores), section[name] if name == "coverage" else section[name]["value"])  # type: ignore[arg-type]


def test_export_inspect_refuses_a_bad_run_log_in_one_line_before_loading_inspect(tmp_path: Path) -> None:
    """The CLI imports inspect_ai only to convert: not at start-up, not for a log it refuses."""
    (tmp_path / "old.json").write_text(json.dumps({"format": "proagentbench-run", "version": 99}))
    probe = (
        "import atexit, sys; atexit.register(lambda: sys.stderr.write("
        "'heavy' if 'inspect_ai' in sys.modules else 'light'));"
        "from proagentbench.cli.main import run; run()"
    )
    command = [sys.executable, "-c", probe, "bench", "export-inspect", str(tmp_path / "old.json")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 3 and "version 99 is not supported" in done.stderr
    error, _, loaded = done.stderr.rpartition("\n")
    assert loaded == "light" and error.count("\n") == 0, done.stderr
    assert not (tmp_path / "inspect-logs").exists()


def test_export_inspect_without_inspect_names_the_extra(
    runs: Runs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from proagentbench.cli.main import app
    from proagentbench.errors import MissingDependencyError

    for name in [n for n in sys.modules if n == "inspect_ai" or n.startswith("inspect_ai.")]:
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    monkeypatch.delitem(sys.modules, "proagentbench.interop.inspect_log", raising=False)
    result = CliRunner().invoke(
        app, ["bench", "export-inspect", str(runs.bench_path), "--out-dir", str(tmp_path)]
    )
    assert isinstance(result.exception, MissingDependencyError)
    assert "pip install 'proagentbench[inspect]'" in str(result.exception)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("mode", "body"),
    [
        (
            "json_object_schema",
            {"type": "json_object", "schema": bounded_strings(reply_schema(ContentReply))},
        ),
        ("json_object", {"type": "json_object"}),
        ("prompt", None),
    ],
)
def test_the_response_format_can_be_one_a_server_takes(corpus_dir: Path, mode: str, body: object) -> None:
    """inspect sends its structured output in OpenAI's json_schema form, which llama.cpp's server rejects."""
    from proagentbench.interop.inspect_tasks import content

    config = content(corpus=str(corpus_dir), response_format=mode).config
    assert config.response_schema is None
    assert config.extra_body == (None if body is None else {"response_format": body})


def test_json_schema_is_the_default_and_unknown_modes_are_refused(runs: Runs, corpus_dir: Path) -> None:
    from proagentbench.interop.inspect_tasks import timing

    schema = runs.timing.plan.config.response_schema  # as the eval ran
    assert (
        schema is not None
        and schema.name == "TimingReply"
        and schema.json_schema.required == ["help", "confidence"]
    )
    assert runs.timing.plan.config.temperature == 0 and runs.timing.plan.config.extra_body is None
    with pytest.raises(ValueError, match="response_format 'xml': use one of json_schema, json_object_schema"):
        timing(corpus=str(corpus_dir), response_format="xml")
