"""Response-format negotiation against the local server pretending to be vLLM, llama.cpp or a server that
ignores formats; image parts against a text-only server; Retry-After."""

import time
from pathlib import Path

import pytest

from proagentbench.benchmark.replies import TimingReply
from proagentbench.devtools.model_server import ModelServer
from proagentbench.models import ChatModel, ModelCallError, ModelSettings
from proagentbench.models.capabilities import CapabilityMemory, forget_all
from proagentbench.models.formats import GRAMMAR_MAX_STRING, mode_of
from proagentbench.models.retry import retry_after

SYSTEM = {"role": "system", "content": "TASK: timing. Answer with JSON."}
MESSAGES = [SYSTEM, {"role": "user", "content": "[-3s] text error"}]
IMAGE = "data:image/png;base64,iVBORw0KGgo="
WITH_IMAGE = [
    SYSTEM,
    {
        "role": "user",
        "content": [
            {"type": "text", "text": "[-3s] text error"},
            {"type": "image_url", "image_url": {"url": IMAGE}},
        ],
    },
]


def _model(server: ModelServer, cache: Path | None = None, **settings: object) -> ChatModel:
    values: dict[str, object] = {
        "model": "local",
        "base_url": server.base_url,
        "timeout_s": 5.0,
        "backoff_s": 0.01,
    }
    values.update(settings)
    return ChatModel(ModelSettings(**values), cache_dir=cache)  # type: ignore[arg-type]


def _modes(server: ModelServer) -> list[str]:
    return [mode_of(body) for body in server.requests]


def test_400_on_json_schema_then_json_object_with_schema(tmp_path: Path) -> None:
    with ModelServer(formats={"json_object_schema"}) as server:
        model = _model(server, tmp_path / "cache")
        assert model.complete_json(MESSAGES, TimingReply).help is True
        assert _modes(server) == ["json_schema", "json_object_schema"]
        sent = server.requests[-1]["response_format"]
        assert sent["schema"]["required"] == ["help", "confidence"]
        # Remembered in-process: the next point asks in the working mode at once.
        model.complete_json([SYSTEM, {"role": "user", "content": "[-1s] quiet"}], TimingReply)
        assert _modes(server)[2:] == ["json_object_schema"]
        # ...and on disk: a new process (memory cleared) with the same cache folder does not renegotiate.
        forget_all()
        rerun = _model(server, tmp_path / "cache")
        rerun.complete_json([SYSTEM, {"role": "user", "content": "[-2s] other"}], TimingReply)
        assert _modes(server)[3:] == ["json_object_schema"]
        assert rerun.usage.to_json()["mode"] == "json_object_schema"


def test_llama_cpp_500_naming_response_format_is_a_rejection_not_a_retry() -> None:
    with ModelServer(formats={"json_object_schema", "json_object"}, reject_status=500) as server:
        model = _model(server, max_attempts=4)
        model.complete_json(MESSAGES, TimingReply)
    assert _modes(server) == ["json_schema", "json_object_schema"]  # no retries of the 500


def test_a_server_that_ignores_formats_ends_in_prompt_mode() -> None:
    with ModelServer(formats=(), ignore_formats=True) as server:
        model = _model(server)
        assert model.complete_json(MESSAGES, TimingReply).help is True
        assert _modes(server) == ["json_schema", "json_object_schema", "json_object", "prompt"]
        prompt = server.requests[-1]["messages"][0]["content"]
        assert prompt.startswith(SYSTEM["content"]) and '"required": ["help", "confidence"]' in prompt
        assert model.usage.to_json()["replies_by_mode"] == {"prompt": 1}


def test_garbage_then_one_repair(model_server: ModelServer) -> None:
    model_server.enqueue("malformed", "smart")
    model = _model(model_server, response_format="prompt")
    assert model.complete_json(MESSAGES, TimingReply).help is True
    assert _modes(model_server) == ["prompt", "prompt"]
    repair = model_server.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": "Sure! I think the user {needs help"}
    assert repair[-1]["role"] == "user" and "not valid (not JSON" in repair[-1]["content"]
    assert model.usage.to_json()["repairs"] == 1


def test_pinned_mode_that_is_rejected_fails_in_one_line() -> None:
    with ModelServer(formats={"json_object"}) as server:
        with pytest.raises(ModelCallError, match=r"no response format worked \(json_schema: .*HTTP 400"):
            _model(server, response_format="json_schema").complete_json(MESSAGES, TimingReply)
        assert len(server.requests) == 1


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="response_format 'xml'"):
        ModelSettings(model="m", response_format="xml")


def test_429_with_retry_after_is_honoured() -> None:
    with ModelServer(script=["rate_limit"], retry_after_s=1.0) as server:
        started = time.perf_counter()
        _model(server).complete_json(MESSAGES, TimingReply)
        waited = time.perf_counter() - started
    assert len(server.requests) == 2 and waited >= 1.0  # the backoff alone would be 0.01 s


def test_retry_after_as_seconds_or_http_date() -> None:
    class Response:
        def __init__(self, value: str) -> None:
            self.headers = {"retry-after": value}

    class Throttled(Exception):
        def __init__(self, value: str) -> None:
            self.response = Response(value)

    assert retry_after(Throttled("2.5")) == 2.5
    assert retry_after(Throttled("Wed, 21 Oct 2015 07:28:00 GMT")) == 0.0  # in the past
    assert retry_after(Throttled("9999")) == 120.0  # capped
    assert retry_after(Throttled("soon")) is None
    assert retry_after(ValueError()) is None


def test_image_parts_go_as_data_urls(model_server: ModelServer) -> None:
    _model(model_server).complete_json(WITH_IMAGE, TimingReply)
    part = model_server.requests[0]["messages"][1]["content"][1]
    assert part == {"type": "image_url", "image_url": {"url": IMAGE}}


def test_text_only_server_rejecting_images_is_one_clear_line() -> None:
    with ModelServer(vision=False) as server:
        with pytest.raises(ModelCallError) as caught:
            _model(server, max_attempts=4).complete_json(WITH_IMAGE, TimingReply)
        assert len(server.requests) == 1  # the 500 is not retried as if transient
    message = str(caught.value)
    assert "\n" not in message
    assert "rejects image inputs" in message and 'concatenate str (not "list")' in message


def test_text_only_fallback_when_the_caller_allows_it(tmp_path: Path) -> None:
    with ModelServer(vision=False) as server:
        model = _model(server, tmp_path / "cache")
        assert model.complete_json(WITH_IMAGE, TimingReply, allow_text_only=True).help is True
        assert [type(r["messages"][1]["content"]) for r in server.requests] == [list, str]
        assert server.requests[1]["messages"][1]["content"] == "[-3s] text error"
        other = [SYSTEM, {**WITH_IMAGE[1], "content": [{"type": "text", "text": "[-1s] fine"}]}]
        model.complete_json(other, TimingReply, allow_text_only=True)
        assert type(server.requests[2]["messages"][1]["content"]) is str  # remembered: text at once
    forget_all()  # what a new process would find on disk
    assert CapabilityMemory(tmp_path / "cache").get(f"{model.endpoint} local").images is False
    assert model.usage.to_json()["text_only"] == 2


def test_timeout_is_retried_then_fails_as_a_point_failure() -> None:
    with ModelServer(default="hang", hang_s=2.0) as server:
        with pytest.raises(ModelCallError, match=r"after 2 attempts: APITimeoutError"):
            _model(server, timeout_s=0.3, max_attempts=2).complete_json(MESSAGES, TimingReply)
        assert _modes(server) == ["json_schema", "json_schema"]


def test_server_error_is_retried_in_the_same_mode(model_server: ModelServer) -> None:
    model_server.enqueue("server_error", "server_error")
    _model(model_server, max_attempts=3).complete_json(MESSAGES, TimingReply)
    assert _modes(model_server) == ["json_schema"] * 3


def test_only_the_grammar_mode_bounds_the_strings_of_the_schema() -> None:
    from proagentbench.annotator.replies import ScreenedReply

    with ModelServer(formats={"json_object_schema"}) as server:
        model = _model(server, max_attempts=1)
        with pytest.raises(ModelCallError):  # the fake server answers the timing task, not this reply
            model.complete_json(
                [{"role": "system", "content": "TASK: annotate."}, MESSAGES[1]], ScreenedReply
            )
    by_mode = {
        mode_of(body): body["response_format"] for body in server.requests if "response_format" in body
    }
    assert "maxLength" not in str(by_mode["json_schema"])  # OpenAI's strict mode may refuse length bounds
    grammar = by_mode["json_object_schema"]["schema"]["properties"]
    bounded = {name for name, field in grammar.items() if field.get("maxLength") == GRAMMAR_MAX_STRING}
    assert bounded == {"content", "rationale", "sensitive_kind"}  # the strings; not the intent enum
