"""A JSON-answering chat call: cache lookup, response-format negotiation, retries, validation, one repair.

The response format is negotiated per endpoint + model (see `formats.py`): the strongest mode first, each
plainer one after a server rejects a mode (400/422, or a 5xx naming it) or answers as if it ignored it (a
reply that fails validation); the last mode gets one repair request quoting the reply and what was wrong.
A reply cut off at ``max_tokens`` (``finish_reason: "length"``, a model running on inside a string) says
nothing about the format: it gets the repair request in the same mode instead. The mode that worked is
remembered (`capabilities.py`). A reply that still fails raises `ModelCallError`:
the caller records a failed sample, never a guessed answer.
"""

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from proagentbench.errors import ProagentError
from proagentbench.models.budget import Budget
from proagentbench.models.cache import ReplyCache, request_key
from proagentbench.models.calls import Call, Tally, token_counts, without_image_bytes
from proagentbench.models.capabilities import CapabilityMemory
from proagentbench.models.client import ModelSettings, make_client
from proagentbench.models.formats import AUTO, MODES, response_format, with_schema_instructions
from proagentbench.models.jsonreply import MalformedReply, parse_reply, reply_schema
from proagentbench.models.messages import has_parts, text_only
from proagentbench.models.rejection import describe, rejects_format, rejects_images
from proagentbench.models.retry import is_transient, wait_before_retry
from proagentbench.models.usage import Usage

if TYPE_CHECKING:
    from pydantic import BaseModel

R = TypeVar("R", bound="BaseModel")


class ModelCallError(ProagentError):
    """A model call that failed after every retry (recorded as a per-sample failure, never a silent zero).

    `call` is what a run log keeps of it: the prompt, the last raw reply (if any came), requests, latency."""

    call: Call | None = None


class _FormatRejected(Exception):
    pass


class _ImagesRejected(Exception):
    pass


@dataclass(frozen=True)
class _Sent:
    text: str
    cut_off: bool  # the server stopped at max_tokens


@dataclass(frozen=True)
class Answer(Generic[R]):
    reply: R
    text: str
    mode: str
    call: Call  # the same, with the prompt, tokens and latency, as a run log keeps it


class ChatModel:
    def __init__(
        self,
        settings: ModelSettings,
        *,
        cache_dir: Path | None = None,
        memory: CapabilityMemory | None = None,
    ) -> None:
        self.settings = settings
        self._cache = ReplyCache(cache_dir) if cache_dir is not None else None
        self.memory = memory if memory is not None else CapabilityMemory(cache_dir)
        self.endpoint = settings.endpoint()
        self.usage = Usage(self.endpoint, settings.model)
        self.budget: Budget | None = None  # a run's spending limit, checked before every request sent
        self._client: Any = None
        self._lock = threading.Lock()

    def record(self) -> dict[str, Any]:
        """What a run log keeps about this model: the settings that shape its replies and what it met."""
        return {**self.usage.to_json(), "settings": self.settings.shaping()}

    @property
    def requests_sent(self) -> int:
        return self.usage.counts["requests"]

    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = make_client(self.settings)
            return self._client

    def check(self) -> None:
        """Before a run: one cheap request that the endpoint is reachable and takes the key (`ModelError`)."""
        from proagentbench.models.preflight import check_endpoint

        check_endpoint(self.settings, self.client())

    def complete_json(
        self, messages: list[dict[str, Any]], reply_type: type[R], *, allow_text_only: bool = False
    ) -> R:
        """A validated reply; raises ModelCallError when none could be had. With ``allow_text_only`` an
        endpoint that rejects image parts is asked again (and from then on) with the text alone."""
        return self.ask(messages, reply_type, allow_text_only=allow_text_only).reply

    def ask(
        self, messages: list[dict[str, Any]], reply_type: type[R], *, allow_text_only: bool = False
    ) -> "Answer[R]":
        """As `complete_json`, with the raw reply text and the mode that produced it (``cache`` when the
        reply came from the cache), for callers that keep them for audit."""
        started = time.perf_counter()
        tally = Tally()
        key = request_key(self._cache_request(messages))
        if self._cache is not None:
            cached = self._cache.get(key)
            if cached is not None:
                try:
                    reply = parse_reply(cached, reply_type)
                except MalformedReply:
                    pass  # a schema change since caching: ask again
                else:
                    self.usage.add("cached")
                    return Answer(
                        reply, cached, "cache", self._call(messages, cached, "cache", started, tally)
                    )
        try:
            text, reply, mode = self._negotiate(messages, reply_type, allow_text_only, tally)
        except ModelCallError as exc:
            self.usage.add("failed")
            exc.call = self._call(messages, tally.last_reply, "failed", started, tally)
            raise
        if self._cache is not None:
            self._cache.put(key, text)
        return Answer(reply, text, mode, self._call(messages, text, mode, started, tally))

    def _cache_request(self, messages: list[dict[str, Any]]) -> dict[str, Any]:
        """What a cached reply is keyed by: the endpoint (resolved, so $OPENAI_BASE_URL counts), the model and
        every request setting that changes the reply. The seed is left out when unset, so replies cached
        before it existed still answer."""
        request: dict[str, Any] = {
            "endpoint": self.endpoint,
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            request["seed"] = self.settings.seed
        return request

    def _call(
        self, messages: list[dict[str, Any]], text: str, mode: str, started: float, tally: Tally
    ) -> Call:
        return Call(
            messages=without_image_bytes(messages),
            reply=text,
            mode=mode,
            cached=mode == "cache",
            latency_s=round(time.perf_counter() - started, 6),
            prompt_tokens=tally.prompt_tokens,
            completion_tokens=tally.completion_tokens,
            requests=tally.requests,
        )

    def _modes(self) -> tuple[str, ...]:
        if self.settings.response_format != AUTO:
            return (self.settings.response_format,)
        known = self.memory.get(self._memory_key()).mode
        return MODES[MODES.index(known) :] if known in MODES else MODES

    def _memory_key(self) -> str:
        return f"{self.endpoint} {self.settings.model}"

    def _negotiate(
        self, messages: list[dict[str, Any]], reply_type: type[R], allow_text_only: bool, tally: Tally
    ) -> tuple[str, R, str]:
        if allow_text_only and self.memory.get(self._memory_key()).images is False:
            messages = self._without_images(messages)
        schema = reply_schema(reply_type)
        modes = self._modes()
        tried: list[str] = []
        index = 0
        while index < len(modes):
            mode = modes[index]
            request = self._request(mode, messages, reply_type.__name__, schema)
            text, cut_off = "", False
            try:
                sent = self._send(request, tally)
                text, cut_off = sent.text, sent.cut_off
                reply = parse_reply(text, reply_type)
            except _FormatRejected as exc:
                tried.append(f"{mode}: {exc}")
                index += 1
                continue
            except _ImagesRejected as exc:
                if not allow_text_only:
                    raise ModelCallError(
                        f"{self.endpoint} ({self.settings.model}) rejects image inputs ({exc}); use a vision "
                        "model, or send text only (max_images=0)"
                    ) from None
                self.memory.remember(self._memory_key(), images=False)
                messages = self._without_images(messages)
                continue
            except MalformedReply as exc:
                if cut_off:
                    exc = MalformedReply(f"cut off at max_tokens ({self.settings.max_tokens}): {exc}")
                elif index + 1 < len(modes):
                    tried.append(f"{mode}: malformed reply: {exc}")
                    index += 1
                    continue
                text, reply = self._repair(request, text, exc, reply_type, tally)
            self.memory.remember(self._memory_key(), mode=mode)
            self.usage.replied(mode)
            return text, reply, mode
        raise ModelCallError(f"model call failed: no response format worked ({'; '.join(tried)})")

    def _without_images(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if has_parts(messages):
            self.usage.add("text_only")
        return text_only(messages)

    def _request(
        self, mode: str, messages: list[dict[str, Any]], name: str, schema: dict[str, Any]
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.settings.model,
            "messages": with_schema_instructions(messages, mode, schema),
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            request["seed"] = self.settings.seed
        requested = response_format(mode, name, schema)
        if requested is not None:
            request["response_format"] = requested
        return request

    def _repair(
        self, request: dict[str, Any], text: str, problem: MalformedReply, reply_type: type[R], tally: Tally
    ) -> tuple[str, R]:
        """One more request that shows the model its reply and what was wrong with it."""
        self.usage.add("repairs")
        repair = {
            **request,
            "messages": [
                *request["messages"],
                {"role": "assistant", "content": text},
                {
                    "role": "user",
                    "content": f"That reply is not valid ({problem}). Answer again with the JSON only.",
                },
            ],
        }
        try:
            repaired = self._send(repair, tally).text
            return repaired, parse_reply(repaired, reply_type)
        except (_FormatRejected, _ImagesRejected) as exc:
            raise ModelCallError(f"model call failed: the repair request was refused ({exc})") from None
        except MalformedReply as exc:
            raise ModelCallError(f"malformed reply, also after one repair: {exc}") from None

    def _send(self, request: dict[str, Any], tally: Tally) -> _Sent:
        """The reply text, retrying transient failures with backoff (at least what Retry-After asks)."""
        attempts = self.settings.max_attempts
        for attempt in range(attempts):
            if self.budget is not None:
                self.budget.reserve()  # BudgetExhausted: the run stops here, nothing is recorded as failed
            self.usage.add("requests")
            tally.sent()
            try:
                response = self.client().chat.completions.create(**request)
            except Exception as exc:
                if has_parts(request["messages"]) and rejects_images(exc):
                    raise _ImagesRejected(describe(exc)) from None
                if "response_format" in request and rejects_format(exc):
                    raise _FormatRejected(describe(exc)) from None
                if not is_transient(exc):
                    raise ModelCallError(f"model call failed: {describe(exc)}") from None
                if attempt + 1 == attempts:
                    raise ModelCallError(
                        f"model call failed after {attempts} attempts: {describe(exc)}"
                    ) from None
                time.sleep(wait_before_retry(exc, attempt, self.settings.backoff_s))
                continue
            prompt_tokens, completion_tokens = token_counts(response)
            self.usage.tokens_used(prompt_tokens, completion_tokens)
            tally.tokens(prompt_tokens, completion_tokens)
            if self.budget is not None:
                self.budget.charge(prompt_tokens, completion_tokens)
            choices = getattr(response, "choices", None)
            if not choices:
                raise MalformedReply("response has no choices")
            tally.last_reply = str(choices[0].message.content or "")
            cut_off = getattr(choices[0], "finish_reason", None) == "length"
            return _Sent(tally.last_reply, cut_off)
        raise AssertionError("unreachable: max_attempts is at least 1")
