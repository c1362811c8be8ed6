"""A JSON-answering chat call: cache lookup, request with retries, validation (malformed -> retry)."""

import threading
from pathlib import Path
from typing import Any

from proagentbench.errors import ProagentError
from proagentbench.models.cache import ReplyCache, request_key
from proagentbench.models.client import ModelSettings, make_client
from proagentbench.models.jsonreply import MalformedReply, ReplySchema, parse_reply
from proagentbench.models.retry import backoff_delay, is_transient


class ModelCallError(ProagentError):
    """A model call that failed after every retry (recorded as a per-sample failure, never a silent zero)."""


class ChatModel:
    def __init__(self, settings: ModelSettings, *, cache_dir: Path | None = None) -> None:
        self.settings = settings
        self._cache = ReplyCache(cache_dir) if cache_dir is not None else None
        self._client: Any = None
        self._lock = threading.Lock()
        self.requests_sent = 0

    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                self._client = make_client(self.settings)
            return self._client

    def check(self) -> None:
        """Before a run: one cheap request that the endpoint is reachable and takes the key (`ModelError`)."""
        from proagentbench.models.preflight import check_endpoint

        check_endpoint(self.settings, self.client())

    def complete_json(self, messages: list[dict[str, Any]], schema: ReplySchema) -> dict[str, Any]:
        """A validated JSON object from the model; raises ModelCallError once retries are exhausted."""
        import time

        request = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        key = request_key(request)
        if self._cache is not None:
            cached = self._cache.get(key)
            if cached is not None:
                try:
                    return parse_reply(cached, schema)
                except MalformedReply:
                    pass  # a schema change since caching: ask again
        last_error = "no attempt made"
        for attempt in range(self.settings.max_attempts):
            try:
                text = self._send(request)
                reply = parse_reply(text, schema)
            except MalformedReply as exc:
                last_error = f"malformed reply: {exc}"
            except Exception as exc:
                if not is_transient(exc):
                    raise ModelCallError(f"model call failed: {_describe(exc)}") from None
                last_error = _describe(exc)
            else:
                if self._cache is not None:
                    self._cache.put(key, text)
                return reply
            if attempt + 1 < self.settings.max_attempts:
                time.sleep(backoff_delay(attempt, self.settings.backoff_s))
        raise ModelCallError(f"model call failed after {self.settings.max_attempts} attempts: {last_error}")

    def _send(self, request: dict[str, Any]) -> str:
        with self._lock:
            self.requests_sent += 1
        response = self.client().chat.completions.create(**request)
        choices = getattr(response, "choices", None)
        if not choices:
            raise MalformedReply("response has no choices")
        return str(choices[0].message.content or "")


def _describe(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    name = type(exc).__name__
    return f"{name} (HTTP {status})" if status else name
