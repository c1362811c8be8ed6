"""The model-calling layer against a real local OpenAI-compatible server, through the official client."""

import base64
import hashlib
import json
import time
from pathlib import Path

import pytest

from proagentbench.benchmark.replies import TimingReply
from proagentbench.devtools.model_server import ModelServer
from proagentbench.models import ChatModel, ModelCallError, ModelError, ModelSettings
from proagentbench.models.calls import image_digest, without_image_bytes
from proagentbench.models.capabilities import FILE_NAME
from proagentbench.models.client import api_key
from proagentbench.models.formats import mode_of
from proagentbench.models.jsonreply import MalformedReply, parse_reply, reply_schema

SCHEMA = TimingReply
MESSAGES = [{"role": "system", "content": "TASK: timing"}, {"role": "user", "content": "[-3s] text error"}]


def _model(
    server: ModelServer, tmp_path: Path | None = None, *, response_format: str = "auto", **overrides: float
) -> ChatModel:
    settings = ModelSettings(
        model="local",
        base_url=server.base_url,
        timeout_s=float(overrides.get("timeout_s", 5.0)),
        max_attempts=int(overrides.get("max_attempts", 3)),
        backoff_s=0.01,
        response_format=response_format,
    )
    return ChatModel(settings, cache_dir=tmp_path / "cache" if tmp_path else None)


def _modes(server: ModelServer) -> list[str]:
    return [mode_of(body) for body in server.requests]


@pytest.mark.parametrize("failure", ["rate_limit", "server_error", "malformed", "wrong_schema"])
def test_transient_failure_then_success(model_server: ModelServer, failure: str) -> None:
    model_server.enqueue(failure, "ok")
    reply = _model(model_server).complete_json(MESSAGES, SCHEMA)
    assert reply == TimingReply(help=True, confidence=0.9)
    assert len(model_server.requests) == 2
    # An HTTP failure is retried in the same mode; a reply that ignores the format moves to the next mode.
    expected = ["json_schema", "json_schema"] if failure in ("rate_limit", "server_error") else MODES_FROM_TOP
    assert _modes(model_server) == expected


MODES_FROM_TOP = ["json_schema", "json_object_schema"]


def test_timeout_then_success(tmp_path: Path) -> None:
    with ModelServer(default="ok", hang_s=3.0, script=["hang"]) as server:
        model = _model(server, timeout_s=0.5)
        assert model.complete_json(MESSAGES, SCHEMA).help is True
        assert len(server.requests) == 2


def test_exhausted_retries_fail_clearly(model_server: ModelServer) -> None:
    model_server.enqueue("rate_limit", "rate_limit", "rate_limit")
    with pytest.raises(ModelCallError, match=r"after 3 attempts: RateLimitError \(HTTP 429: rate limited\)"):
        _model(model_server).complete_json(MESSAGES, SCHEMA)
    assert len(model_server.requests) == 3


def test_malformed_in_every_mode_fails_after_one_repair(model_server: ModelServer) -> None:
    """Garbage in every mode: each plainer mode once, one repair in the last, then a failure (no guess)."""
    model_server.default = "malformed"
    model = _model(model_server)
    with pytest.raises(ModelCallError, match="malformed reply, also after one repair: not JSON"):
        model.complete_json(MESSAGES, SCHEMA)
    assert _modes(model_server) == ["json_schema", "json_object_schema", "json_object", "prompt", "prompt"]
    usage = model.usage.to_json()
    assert (usage["requests"], usage["repairs"], usage["failed"], usage["mode"]) == (5, 1, 1, None)
    assert model.memory.get(model.endpoint + " local").mode is None  # only what worked is remembered


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
    cached = [p for p in (tmp_path / "cache").rglob("*.json") if p.name != FILE_NAME]
    assert len(cached) == 2 and all(p.parent.stat().st_mode & 0o077 == 0 for p in cached)
    negotiated = tmp_path / "cache" / FILE_NAME
    assert negotiated.stat().st_mode & 0o077 == 0
    assert json.loads(negotiated.read_text()) == {
        f"{model_server.base_url} local": {"mode": "json_schema", "images": None}
    }


def test_cache_key_names_the_endpoint(tmp_path: Path) -> None:
    """The same model name on two servers is two models: a reply cached from one never answers the other."""
    yes, no = {"help": True, "confidence": 0.9}, {"help": False, "confidence": 0.1}
    with ModelServer(default="ok", reply=yes) as first, ModelServer(default="ok", reply=no) as second:
        for _ in range(2):  # the second round is answered from the cache, each server's own reply
            assert _model(first, tmp_path).complete_json(MESSAGES, SCHEMA) == TimingReply(**yes)
            assert _model(second, tmp_path).complete_json(MESSAGES, SCHEMA) == TimingReply(**no)
        assert (len(first.requests), len(second.requests)) == (1, 1)


def test_cache_key_names_the_endpoint_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$OPENAI_BASE_URL picks the server as --base-url does, so it keys the cache and is recorded."""
    yes, no = {"help": True, "confidence": 0.9}, {"help": False, "confidence": 0.1}
    with ModelServer(default="ok", reply=yes) as first, ModelServer(default="ok", reply=no) as second:
        for server, reply in ((first, yes), (second, no), (first, yes)):
            monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
            model = ChatModel(ModelSettings(model="local", backoff_s=0.01), cache_dir=tmp_path / "cache")
            assert model.complete_json(MESSAGES, SCHEMA) == TimingReply(**reply)
            settings = model.record()["settings"]
            assert (settings["base_url"], settings["base_url_from"]) == (server.base_url, "$OPENAI_BASE_URL")
        assert (len(first.requests), len(second.requests)) == (1, 1)


def test_seed_is_sent_and_keys_the_cache(model_server: ModelServer, tmp_path: Path) -> None:
    def ask(seed: int | None) -> None:
        settings = ModelSettings(model="local", base_url=model_server.base_url, seed=seed)
        ChatModel(settings, cache_dir=tmp_path / "cache").complete_json(MESSAGES, SCHEMA)

    for seed in (None, 1, 2, 1, None):
        ask(seed)
    assert [body.get("seed") for body in model_server.requests] == [None, 1, 2]


def test_an_answer_keeps_its_call(model_server: ModelServer, tmp_path: Path) -> None:
    model_server.enqueue("malformed")
    first = _model(model_server, tmp_path).ask(MESSAGES, SCHEMA)
    call = first.call
    assert (call.messages, call.reply, call.mode) == (MESSAGES, first.text, "json_object_schema")
    assert not call.cached
    assert call.requests == 2 and call.latency_s > 0  # json_schema's reply was malformed: the next mode
    malformed = 7  # the words of the fake server's malformed reply
    assert (call.prompt_tokens, call.completion_tokens) == (2 * 5, malformed + len(first.text.split()))
    again = _model(model_server, tmp_path).ask(MESSAGES, SCHEMA).call
    assert (again.reply, again.mode, again.cached, again.requests, again.prompt_tokens) == (
        first.text,
        "cache",
        True,
        0,
        0,
    )


def test_smart_mode_is_deterministic(model_server: ModelServer) -> None:
    model = _model(model_server)
    assert model.complete_json(MESSAGES, SCHEMA).help is True
    quiet = [MESSAGES[0], {"role": "user", "content": "[-3s] text hello"}]
    assert model.complete_json(quiet, SCHEMA).help is False


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
    assert parse_reply('```json\n{"help": false}\n```', SCHEMA) == TimingReply(help=False)


def test_schema_sent_lists_every_key_and_no_others() -> None:
    schema = reply_schema(TimingReply)
    assert schema["required"] == ["help", "confidence"] and schema["additionalProperties"] is False
    assert schema["properties"]["help"] == {"type": "boolean"}
    assert {"type": "null"} in schema["properties"]["confidence"]["anyOf"]


def test_api_key_from_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_KEY", "secret")
    assert api_key(ModelSettings(model="m", api_key_env="MY_KEY")) == "secret"
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ModelError, match=r"set \$OPENAI_API_KEY"):
        api_key(ModelSettings(model="m"))
    assert api_key(ModelSettings(model="m", base_url="http://127.0.0.1:1/v1")) == "unused"
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:2/v1/")  # honoured by the client, and recorded
    assert api_key(ModelSettings(model="m")) == "unused"
    assert ModelSettings(model="m").endpoint() == "http://127.0.0.1:2/v1"


def test_map_concurrently_keeps_order_and_overlaps(model_server: ModelServer) -> None:

    from proagentbench.models import map_concurrently

    model_server.latency_s = 0.3
    model = _model(model_server)
    prompts = [[MESSAGES[0], {"role": "user", "content": f"[-1s] {word}"}] for word in ("error", "fine") * 4]
    started = time.perf_counter()
    answers = list(map_concurrently(lambda m: model.complete_json(m, SCHEMA).help, prompts, workers=8))
    assert answers == [True, False] * 4
    assert time.perf_counter() - started < 8 * 0.3 / 2


def test_image_parts_are_kept_as_digest_and_size() -> None:
    blob = b"\x89PNG fake image bytes"
    url = "data:image/png;base64," + base64.b64encode(blob).decode()
    messages = [
        {"role": "system", "content": "s"},
        {
            "role": "user",
            "content": [{"type": "text", "text": "t"}, {"type": "image_url", "image_url": {"url": url}}],
        },
    ]
    kept = without_image_bytes(messages)
    digest = {"media_type": "image/png", "sha256": hashlib.sha256(blob).hexdigest(), "bytes": len(blob)}
    assert kept == [
        messages[0],
        {
            "role": "user",
            "content": [{"type": "text", "text": "t"}, {"type": "image_url", "image_url": digest}],
        },
    ]
    assert messages[1]["content"][1]["image_url"]["url"] == url  # the request itself is untouched
    assert image_digest("https://example.org/a.png") == {"url": "https://example.org/a.png"}
