"""The model-calling layer against a real local OpenAI-compatible server, through the official client."""

from pathlib import Path

import pytest

from proagentbench.devtools.model_server import ModelServer
from proagentbench.models import ChatModel, ModelCallError, ModelError, ModelSettings, ReplySchema
from proagentbench.models.client import api_key
from proagentbench.models.jsonreply import MalformedReply, parse_reply

SCHEMA = ReplySchema(required={"help": (bool,)}, optional={"confidence": (int, float)})
MESSAGES = [{"role": "system", "content": "TASK: timing"}, {"role": "user", "content": "[-3s] text error"}]


def _model(server: ModelServer, tmp_path: Path | None = None, **overrides: float) -> ChatModel:
    settings = ModelSettings(
        model="local",
        base_url=server.base_url,
        timeout_s=float(overrides.get("timeout_s", 5.0)),
        max_attempts=int(overrides.get("max_attempts", 3)),
        backoff_s=0.01,
    )
    return ChatModel(settings, cache_dir=tmp_path / "cache" if tmp_path else None)


@pytest.mark.parametrize("failure", ["rate_limit", "server_error", "malformed", "wrong_schema"])
def test_transient_failure_then_success(model_server: ModelServer, failure: str) -> None:
    model_server.enqueue(failure, "ok")
    reply = _model(model_server).complete_json(MESSAGES, SCHEMA)
    assert reply == {"help": True, "confidence": 0.9}
    assert len(model_server.requests) == 2


def test_timeout_then_success(tmp_path: Path) -> None:
    with ModelServer(default="ok", hang_s=3.0, script=["hang"]) as server:
        model = _model(server, timeout_s=0.5)
        assert model.complete_json(MESSAGES, SCHEMA)["help"] is True
        assert len(server.requests) == 2


def test_exhausted_retries_fail_clearly(model_server: ModelServer) -> None:
    model_server.enqueue("malformed", "malformed", "malformed")
    with pytest.raises(ModelCallError, match="after 3 attempts: malformed reply"):
        _model(model_server).complete_json(MESSAGES, SCHEMA)


def test_client_errors_are_not_retried(model_server: ModelServer) -> None:
    model = ChatModel(ModelSettings(model="m", base_url=model_server.base_url.replace("/v1", "/nope")))
    with pytest.raises(ModelCallError, match="HTTP 404"):
        model.complete_json(MESSAGES, SCHEMA)
    assert len(model_server.requests) == 0


def test_cache_answers_repeated_requests(model_server: ModelServer, tmp_path: Path) -> None:
    first = _model(model_server, tmp_path).complete_json(MESSAGES, SCHEMA)
    second = _model(model_server, tmp_path).complete_json(MESSAGES, SCHEMA)  # a new process would do the same
    assert first == second and len(model_server.requests) == 1
    other = [MESSAGES[0], {"role": "user", "content": "[-3s] quiet"}]
    _model(model_server, tmp_path).complete_json(other, SCHEMA)
    assert len(model_server.requests) == 2
    cached = list((tmp_path / "cache").rglob("*.json"))
    assert len(cached) == 2 and all(p.parent.stat().st_mode & 0o077 == 0 for p in cached)


def test_smart_mode_is_deterministic(model_server: ModelServer) -> None:
    model = _model(model_server)
    assert model.complete_json(MESSAGES, SCHEMA)["help"] is True
    quiet = [MESSAGES[0], {"role": "user", "content": "[-3s] text hello"}]
    assert model.complete_json(quiet, SCHEMA)["help"] is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty reply"),
        ("no json here", "not JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"confidence": 0.5}', "missing key 'help'"),
        ('{"help": "yes"}', "must be bool"),
        ('{"help": true, "confidence": true}', "must not be a boolean"),
    ],
)
def test_reply_validation(text: str, message: str) -> None:
    with pytest.raises(MalformedReply, match=message):
        parse_reply(text, SCHEMA)


def test_fenced_json_is_accepted() -> None:
    assert parse_reply('```json\n{"help": false}\n```', SCHEMA) == {"help": False}


def test_api_key_from_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_KEY", "secret")
    assert api_key(ModelSettings(model="m", api_key_env="MY_KEY")) == "secret"
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ModelError, match=r"set \$OPENAI_API_KEY"):
        api_key(ModelSettings(model="m"))
    assert api_key(ModelSettings(model="m", base_url="http://127.0.0.1:1/v1")) == "unused"


def test_map_concurrently_keeps_order_and_overlaps(model_server: ModelServer) -> None:
    import time

    from proagentbench.models import map_concurrently

    model_server.latency_s = 0.3
    model = _model(model_server)
    prompts = [[MESSAGES[0], {"role": "user", "content": f"[-1s] {word}"}] for word in ("error", "fine") * 4]
    started = time.perf_counter()
    answers = list(map_concurrently(lambda m: model.complete_json(m, SCHEMA)["help"], prompts, workers=8))
    assert answers == [True, False] * 4
    assert time.perf_counter() - started < 8 * 0.3 / 2
