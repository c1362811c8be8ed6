"""Each built-in agent on hand-built contexts and corpora; LLM/VLM agents against the local server."""

import base64
import hashlib
import inspect
import json
import time
from pathlib import Path

import pytest

from proagentbench.benchmark import BenchSettings, Spec, read_runlog, run_benchmark
from proagentbench.benchmark.agent import build_agent
from proagentbench.benchmark.agents.app_prior import app_prior
from proagentbench.benchmark.agents.learned import learned
from proagentbench.benchmark.agents.llm import PROMPT_SHA256, PROMPT_VERSION
from proagentbench.benchmark.agents.trivial import always, never, periodic, random_agent
from proagentbench.benchmark.types import (
    Context,
    DecisionPoint,
    Event,
    LabelledContent,
    LabelledTiming,
    TrainView,
)
from proagentbench.devtools.model_server import ModelServer
from proagentbench.errors import ProagentError
from proagentbench.plugins import PluginError
from tests.bench.corpus_builder import png, us


def _context(t_s: float, events: list[Event], session_start_s: float = 0, pid: str | None = None) -> Context:
    point = DecisionPoint(pid or f"s@{us(t_s)}", "s", "u", us(t_s), "test")
    return Context(point=point, window_s=300, session_started_us=us(session_start_s), events=tuple(events))


def _ev(t_s: float, app: str, text: str | None = None) -> Event:
    return Event(t_us=us(t_s), kind="text" if text else "window_focus", app=app, title=app, text=text)


def test_constant_agents() -> None:
    context = _context(10, [])
    assert always().decide(context).help is True and never().decide(context).help is False


def test_random_agent_is_seeded_per_point_and_respects_p() -> None:
    contexts = [_context(i, [], pid=f"p{i}") for i in range(400)]
    first = [random_agent(seed=3).decide(c).help for c in contexts]
    assert first == [random_agent(seed=3).decide(c).help for c in reversed(contexts)][::-1]
    assert first != [random_agent(seed=4).decide(c).help for c in contexts]
    assert 150 < sum(first) < 250
    assert sum(random_agent(seed=3, p=0.1).decide(c).help for c in contexts) < 70
    with pytest.raises(ValueError):
        random_agent(p=2)


def test_periodic_agent_follows_the_session_clock() -> None:
    agent = periodic(period_s=100, on_s=10)
    decisions = [agent.decide(_context(t, [], session_start_s=0)).help for t in (5, 50, 105, 199, 200)]
    assert decisions == [True, False, True, False, True]


def _train_view() -> TrainView:
    # Positives and negatives interleaved in time, so only the words tell them apart.
    timing = [
        LabelledTiming(_context(100 + 20 * i, [_ev(99 + 20 * i, "terminal", "error")]), True)
        for i in range(6)
    ] + [
        LabelledTiming(_context(110 + 20 * i, [_ev(109 + 20 * i, "editor", "code")]), False) for i in range(6)
    ]
    timing.append(LabelledTiming(_context(300, [_ev(299, "terminal", "ls")]), False))
    content = [
        LabelledContent(_context(100 + i, [_ev(99 + i, "terminal", "error")]), "debug", "fix the error")
        for i in range(6)
    ] + [
        LabelledContent(_context(400 + i, [_ev(399 + i, "browser", "docs")]), "search", "find docs")
        for i in range(4)
    ]
    return TrainView(timing=timing, content=content)


def test_app_prior_learns_p_help_per_app() -> None:
    agent = app_prior()
    with pytest.raises(RuntimeError, match="fitted"):
        agent.decide(_context(1, []))
    agent.fit(_train_view())
    terminal = agent.decide(_context(500, [_ev(499, "terminal")]))
    editor = agent.decide(_context(500, [_ev(499, "editor")]))
    assert terminal.help and not editor.help
    assert terminal.score == pytest.approx((6 + 6 / 13) / 8)  # smoothed toward the base rate 6/13
    answer = agent.assist(_context(500, [_ev(499, "terminal")]))
    assert (answer.intent, answer.text) == ("debug", "fix the error")


def test_learned_agent_separates_a_clear_signal() -> None:
    agent = learned(c=10.0)  # 13 train points: too few for a meaningful cross-validated choice of C
    agent.fit(_train_view())
    trouble = agent.decide(_context(205, [_ev(204, "terminal", "error")]))
    calm = agent.decide(_context(205, [_ev(204, "editor", "code")]))
    assert trouble.score is not None and calm.score is not None and trouble.score > calm.score
    assert trouble.help and not calm.help
    assert agent.assist(_context(900, [_ev(899, "browser", "docs")])).intent == "search"


@pytest.mark.parametrize("name", ["app-prior", "learned"])
def test_trained_baselines_beat_chance_on_a_corpus(corpus_dir: Path, tmp_path: Path, name: str) -> None:
    settings = BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=50)
    log = run_benchmark(corpus_dir, Spec(name), settings, tmp_path / "run.json")
    metrics = log.conditions[0].metrics
    assert metrics["timing"]["agent"]["balanced_accuracy"]["value"] > 0.9
    assert metrics["content"]["intent_accuracy"]["value"] == 1.0


def _llm_settings(**extra: object) -> BenchSettings:
    return BenchSettings(tasks=("timing", "content"), embeddings=False, resamples=50, **extra)  # type: ignore[arg-type]


def test_llm_agent_through_the_local_server(
    corpus_dir: Path, tmp_path: Path, model_server: ModelServer
) -> None:
    spec = Spec(
        "llm", {"base_url": model_server.base_url, "model": "local", "cache_dir": str(tmp_path / "cache")}
    )
    log = run_benchmark(corpus_dir, spec, _llm_settings(), tmp_path / "run.json")
    metrics = log.conditions[0].metrics
    assert metrics["timing"]["agent"]["accuracy"]["value"] == 1.0  # smart mode: "error" in the window
    assert metrics["content"]["intent_accuracy"]["value"] == 1.0  # the only listed intent, learned in fit
    first = model_server.requests[0]
    assert first["model"] == "local"
    timing_prompts = [r["messages"][1]["content"] for r in model_server.requests if "TASK: timing" in str(r)]
    assert len(timing_prompts) == 16 and any("app=terminal" in p for p in timing_prompts)
    sent = len(model_server.requests)
    assert sent == 16 + 8
    recorded = read_runlog(tmp_path / "run.json").models["agent"]
    assert recorded["endpoint"] == model_server.base_url and recorded["model"] == "local"
    assert (recorded["mode"], recorded["replies_by_mode"], recorded["requests"]) == (
        "json_schema",
        {"json_schema": 24},
        24,
    )
    assert recorded["settings"] == {
        "base_url": model_server.base_url, "base_url_from": "base_url", "model": "local",
        "response_format": "auto", "temperature": 0.0, "seed": None, "max_tokens": 512,
    }  # fmt: skip
    assert recorded["prompt"] == {"version": PROMPT_VERSION, "sha256": PROMPT_SHA256}
    _check_calls(tmp_path / "run.json", model_server, cached=False)
    # The same run again: everything answered from the run log; a new log: everything from the cache.
    run_benchmark(corpus_dir, spec, _llm_settings(), tmp_path / "run.json")
    run_benchmark(corpus_dir, spec, _llm_settings(), tmp_path / "again.json")
    assert len(model_server.requests) == sent
    _check_calls(tmp_path / "again.json", model_server, cached=True)


def _check_calls(path: Path, server: ModelServer, *, cached: bool) -> None:
    """Each sample of a version 2 log keeps its prompt, raw reply, tokens, latency and cache hit."""
    data = json.loads(path.read_text())
    assert data["version"] == 2
    condition = data["conditions"][0]
    sent = {json.dumps(body["messages"][1]["content"]): body for body in server.requests}
    for record in condition["timing"] + condition["content"]:
        [call] = record["calls"]
        body = sent[json.dumps(call["messages"][1]["content"])]  # the prompt that was sent
        assert call["messages"][0]["content"] in body["messages"][0]["content"]
        reply = json.loads(call["reply"])
        if "help" in reply:
            assert (reply["help"], reply["confidence"]) == (record["decision"], record["score"])
        else:
            assert reply["assistance"] == record["text"]
        assert call["cached"] is cached and call["mode"] == ("cache" if cached else "json_schema")
        assert call["latency_s"] > 0
        words = len(" ".join(m["content"] for m in body["messages"]).split())
        expected = (0, 0, 0) if cached else (words, len(call["reply"].split()), 1)
        assert (call["prompt_tokens"], call["completion_tokens"], call["requests"]) == expected


def test_llm_agent_on_a_llama_cpp_like_server_answers_every_point(corpus_dir: Path, tmp_path: Path) -> None:
    """llama-cpp-python's server: 500 on json_schema, grammar-constrained json_object with a schema."""
    with ModelServer(formats={"json_object_schema", "json_object"}, reject_status=500) as server:
        spec = Spec("llm", {"base_url": server.base_url, "model": "smol", "cache_dir": str(tmp_path / "c")})
        log = run_benchmark(corpus_dir, spec, _llm_settings(concurrency=1), tmp_path / "run.json")
    condition = log.conditions[0]
    assert [r.error for r in condition.timing + condition.content] == [None] * 24
    agent = read_runlog(tmp_path / "run.json").models["agent"]
    assert agent["mode"] == "json_object_schema" and agent["requests"] == 24 + 1  # negotiated once
    assert BenchSettings.from_json(log.settings) == _llm_settings(concurrency=1)


def test_vlm_agent_sends_screenshots_as_base64_parts(image_corpus_dir: Path, tmp_path: Path) -> None:
    with ModelServer() as server:
        spec = Spec("vlm", {"base_url": server.base_url, "model": "v", "use_cache": False, "max_images": 1})
        log = run_benchmark(
            image_corpus_dir, spec, BenchSettings(embeddings=False, resamples=50), tmp_path / "run.json"
        )
    assert log.conditions[0].screenshots == 1
    parts = server.requests[0]["messages"][1]["content"]
    assert parts[0]["type"] == "text"
    url = parts[1]["image_url"]["url"]
    assert url.startswith("data:image/png;base64,")
    image = base64.b64decode(url.split(",", 1)[1])
    assert image in (png((255, 0, 0)), png((0, 0, 255)))
    # The run log names the image by digest and size; its bytes never enter the log.
    text = (tmp_path / "run.json").read_text()
    assert "base64" not in text and url.split(",", 1)[1][:40] not in text
    sent = {}
    for body in server.requests:
        text_part, *images = body["messages"][1]["content"]
        blobs = [base64.b64decode(i["image_url"]["url"].split(",", 1)[1]) for i in images]
        sent[text_part["text"]] = [("image/png", hashlib.sha256(b).hexdigest(), len(b)) for b in blobs]
    for record in json.loads(text)["conditions"][0]["timing"]:
        text_part, *images = record["calls"][0]["messages"][1]["content"]
        digests = [
            (i["image_url"]["media_type"], i["image_url"]["sha256"], i["image_url"]["bytes"]) for i in images
        ]
        assert sent[text_part["text"]] == digests and len(digests) == 1


@pytest.mark.parametrize("fallback", [False, True])
def test_vlm_on_a_text_only_server(image_corpus_dir: Path, tmp_path: Path, fallback: bool) -> None:
    """llama.cpp answers list content with HTTP 500: a clear per-point error, or text only when allowed."""
    with ModelServer(vision=False) as server:
        args = {"base_url": server.base_url, "model": "t", "use_cache": False, "text_fallback": fallback}
        log = run_benchmark(
            image_corpus_dir,
            Spec("vlm", args),
            BenchSettings(embeddings=False, resamples=50),
            tmp_path / "r.json",
        )
    errors = [r.error for r in log.conditions[0].timing]
    if fallback:
        assert errors == [None] * 16 and log.models["agent"]["text_only"] == 16
    else:
        assert all("rejects image inputs" in (e or "") and "\n" not in (e or "") for e in errors)


def test_vlm_is_llm_with_two_screenshots() -> None:
    from proagentbench.benchmark.agents.llm import LLMAgent, llm, vlm

    assert list(inspect.signature(vlm).parameters) == list(inspect.signature(llm).parameters)
    text, vision = build_agent(Spec("llm", {"model": "m"})), build_agent(Spec("vlm", {"model": "m"}))
    assert isinstance(text, LLMAgent) and isinstance(vision, LLMAgent)
    assert (text.max_images, vision.max_images) == (0, 2)
    assert text.model.settings.api_key_env == vision.model.settings.api_key_env == "OPENAI_API_KEY"
    with pytest.raises(
        PluginError, match=r"agent 'vlm': could not be built \(ValueError: max_images must not be negative"
    ):
        build_agent(Spec("vlm", {"model": "m", "max_images": -1}))


@pytest.mark.parametrize("name", ["llm", "vlm"])
def test_model_agents_have_no_hidden_default_model(name: str) -> None:
    for args in ({}, {"model": ""}, {"model": None}):
        with pytest.raises(ProagentError, match=r"no model named; pass --model NAME \(or --arg model=NAME\)"):
            build_agent(Spec(name, args))


def test_model_failures_become_per_sample_failures(corpus_dir: Path, tmp_path: Path) -> None:
    with ModelServer(default="malformed") as server:
        server.enqueue("rate_limit", "smart", "server_error", "smart")
        spec = Spec(
            "llm",
            {
                "base_url": server.base_url,
                "model": "m",
                "use_cache": False,
                "max_attempts": 2,
                "backoff_s": 0.01,
            },
        )
        settings = BenchSettings(embeddings=False, resamples=50, concurrency=1)
        log = run_benchmark(corpus_dir, spec, settings, tmp_path / "run.json")
    records = log.conditions[0].timing
    assert [r.error is None for r in records[:2]] == [True, True]  # 429 then success; 500 then success
    assert all("malformed reply" in (r.error or "") for r in records[2:])
    for record in records[2:]:  # the failed call is kept: its prompt and the last raw reply explain it
        [call] = record.calls
        assert (call["mode"], call["cached"], call["reply"]) == (
            "failed",
            False,
            "Sure! I think the user {needs help",
        )
        assert call["requests"] == 5 and call["messages"][0]["content"].startswith(
            "TASK: timing"
        )  # 4 modes + repair
    assert log.conditions[0].metrics["timing"]["agent"]["n_failed"] == 14


def test_model_timeouts_are_recorded_then_resumed(corpus_dir: Path, tmp_path: Path) -> None:
    with ModelServer(default="hang", hang_s=3.0) as server:
        spec = Spec(
            "llm",
            {
                "base_url": server.base_url,
                "model": "m",
                "use_cache": False,
                "max_attempts": 1,
                "timeout_s": 1.0,
                "concurrency": 16,
            },
        )
        log = run_benchmark(
            corpus_dir, spec, BenchSettings(embeddings=False, resamples=50), tmp_path / "r.json"
        )
        assert all("APITimeoutError" in (r.error or "") for r in log.conditions[0].timing)
        server.default = "smart"
        log = run_benchmark(
            corpus_dir, spec, BenchSettings(embeddings=False, resamples=50), tmp_path / "r.json"
        )
    assert [r.error for r in log.conditions[0].timing] == [None] * 16  # failed samples are retried on resume


def test_llm_agent_runs_concurrently(corpus_dir: Path, tmp_path: Path) -> None:
    with ModelServer(latency_s=0.25) as server:
        spec = Spec("llm", {"base_url": server.base_url, "model": "m", "use_cache": False, "concurrency": 8})
        started = time.perf_counter()
        run_benchmark(corpus_dir, spec, BenchSettings(embeddings=False, resamples=50), tmp_path / "run.json")
        elapsed = time.perf_counter() - started
    assert len(server.requests) == 16
    assert elapsed < 16 * 0.25 / 2  # serially it would take at least 4 s


def test_factories_are_rebuilt_from_name_and_args() -> None:
    agent = build_agent(Spec("random", {"seed": 5, "p": 0.2}))
    assert (agent.seed, agent.p) == (5, 0.2)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["app-prior", "learned", "llm"])
def test_text_only_corpus_works_for_every_kind_of_agent(
    text_corpus_dir: Path, tmp_path: Path, model_server: ModelServer, name: str
) -> None:
    args = {"base_url": model_server.base_url, "model": "m", "use_cache": False} if name == "llm" else {}
    settings = BenchSettings(tasks=("timing",), embeddings=False, resamples=50)
    log = run_benchmark(text_corpus_dir, Spec(name, args), settings, tmp_path / "run.json")
    agent = log.conditions[0].metrics["timing"]["agent"]
    assert agent["n_failed"] == 0 and agent["n_points"] == 6
    if name != "app-prior":  # no apps in text-only data: the prior can only learn the base rate
        assert agent["accuracy"]["value"] == 1.0  # "error ... stuck" in the observation text
