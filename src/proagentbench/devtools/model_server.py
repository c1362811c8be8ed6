"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests and benchmarks (stdlib only, one thread each).

`POST /v1/chat/completions` answers according to a script of behaviours, consumed one per request, then the
default behaviour:

    ok            the configured `reply` object as JSON
    smart         a deterministic answer from the prompt (timing, content, judge or annotate; `smart_reply`;
                  the annotator's privacy screening reports any e-mail address it is shown)
    rate_limit    HTTP 429
    server_error  HTTP 500
    hang          sleep `hang_s` before answering (past the client's timeout)
    malformed     a reply whose content is not JSON
    wrong_schema  valid JSON without the expected keys
    cut_off       the smart answer cut off mid-string, with ``finish_reason: "length"`` (max_tokens reached)

Like real servers it can also lack features. ``formats`` lists the response-format modes it honours
(`proagentbench.models.formats`; default all); a request asking for another one is rejected with
``reject_status`` (400 as vLLM does, or 500 with llama-cpp-python's message) or, with ``ignore_formats``,
answered with prose as if no format had been asked for. ``vision=False`` answers any message whose content is
a list of parts with llama.cpp's HTTP 500. ``retry_after_s`` adds a `Retry-After` header to 429 replies.
Rejections consume no behaviour of the script.

Replies report words as tokens (`usage`: the prompt's and the reply's whitespace-separated words).
Every request body is kept in `requests` so tests can check what was sent (for example image parts).
`GET /v1/models` (the cheap request a run sends first to check the endpoint) lists one model and is counted
in `model_list_requests`, not in `requests`.
"""

import contextlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from proagentbench.models.formats import mode_of

BEHAVIOURS = ("ok", "smart", "rate_limit", "server_error", "hang", "malformed", "wrong_schema", "cut_off")
HELP_WORDS = re.compile(r"\b(error|failed|stuck|exception|traceback|how do i|not working)\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")  # what the annotator's privacy screening "sees"


class ModelServer:
    def __init__(
        self,
        *,
        default: str = "smart",
        latency_s: float = 0.0,
        hang_s: float = 5.0,
        reply: dict[str, Any] | None = None,
        script: Iterable[str] = (),
        formats: Iterable[str] | None = None,
        reject_status: int = 400,
        ignore_formats: bool = False,
        vision: bool = True,
        retry_after_s: float | None = None,
    ) -> None:
        for behaviour in (default, *script):
            if behaviour not in BEHAVIOURS:
                raise ValueError(f"unknown behaviour {behaviour!r}; known: {', '.join(BEHAVIOURS)}")
        self.default = default
        self.latency_s = latency_s
        self.hang_s = hang_s
        self.reply = reply or {"help": True, "confidence": 0.9}
        self._script: deque[str] = deque(script)
        self.formats = None if formats is None else frozenset(formats)
        self.reject_status = reject_status
        self.ignore_formats = ignore_formats
        self.vision = vision
        self.retry_after_s = retry_after_s
        self._lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.model_list_requests = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}/v1"

    def enqueue(self, *behaviours: str) -> None:
        with self._lock:
            self._script.extend(behaviours)

    def next_behaviour(self, body: dict[str, Any]) -> str:
        with self._lock:
            self.requests.append(body)
            if self._refusal(body) is not None:
                return "refused"
            return self._script.popleft() if self._script else self.default

    def _refusal(self, body: dict[str, Any]) -> tuple[int, str] | None:
        """The error a server without the feature a request needs would answer, or None."""
        if not self.vision and any(isinstance(m.get("content"), list) for m in body.get("messages", [])):
            return 500, 'can only concatenate str (not "list") to str'
        mode = mode_of(body)
        if self.formats is None or mode in self.formats or mode == "prompt" or self.ignore_formats:
            return None
        if self.reject_status >= 500:
            return self.reject_status, (
                "1 validation error: {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
                "'msg': \"Input should be 'text' or 'json_object'\"}"
            )
        return self.reject_status, f"response_format {mode} is not supported by this server"

    def ignores_format(self, body: dict[str, Any]) -> bool:
        mode = mode_of(body)
        return (
            self.ignore_formats and self.formats is not None and mode not in self.formats and mode != "prompt"
        )

    def start(self) -> "ModelServer":
        handler = type("Handler", (_Handler,), {"model_server": self})
        server = _Server(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.block_on_close = False  # a `hang` request must not hold up shutdown
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="model-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "ModelServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default 5 drops connections when 32 clients connect at once


class _Handler(BaseHTTPRequestHandler):
    model_server: ModelServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet by design
        del format, args

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.rstrip("/") != "/v1/models":
            self._send(404, {"error": {"message": f"no route {self.path}"}})
            return
        with self.model_server._lock:
            self.model_server.model_list_requests += 1
        self._send(200, {"object": "list", "data": [{"id": "local", "object": "model", "owned_by": "test"}]})

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            self._send(400, {"error": {"message": "request body is not JSON"}})
            return
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, {"error": {"message": f"no route {self.path}"}})
            return
        server = self.model_server
        behaviour = server.next_behaviour(body)
        if server.latency_s:
            time.sleep(server.latency_s)
        if behaviour == "refused":
            status, message = server._refusal(body) or (500, "refused")
            self._send(status, {"error": {"message": message, "type": "invalid_request_error"}})
        elif server.ignores_format(body):
            self._send(200, _completion(body, "Sure! It looks like the user is busy; I would not interrupt."))
        elif behaviour == "rate_limit":
            headers = {} if server.retry_after_s is None else {"Retry-After": f"{server.retry_after_s:g}"}
            self._send(429, {"error": {"message": "rate limited", "type": "rate_limit_error"}}, headers)
        elif behaviour == "server_error":
            self._send(500, {"error": {"message": "internal error", "type": "server_error"}})
        elif behaviour == "hang":
            time.sleep(server.hang_s)
            self._send(200, _completion(body, json.dumps(server.reply)))
        elif behaviour == "malformed":
            self._send(200, _completion(body, "Sure! I think the user {needs help"))
        elif behaviour == "cut_off":
            whole = json.dumps(smart_reply(body))
            self._send(200, _completion(body, whole[: len(whole) // 2], finish_reason="length"))
        elif behaviour == "wrong_schema":
            self._send(200, _completion(body, json.dumps({"answer": "maybe"})))
        elif behaviour == "ok":
            self._send(200, _completion(body, json.dumps(server.reply)))
        else:
            self._send(200, _completion(body, json.dumps(smart_reply(body))))

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            self.wfile.write(data)


def _completion(body: dict[str, Any], content: str, *, finish_reason: str = "stop") -> dict[str, Any]:
    system, user = _texts(body)
    prompt_tokens = len(f"{system} {user}".split())  # words stand in for tokens: counts tests can check
    completion_tokens = len(content.split())
    return {
        "id": "chatcmpl-local",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "local"),
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def _texts(body: dict[str, Any]) -> tuple[str, str]:
    system: list[str] = []
    user: list[str] = []
    for message in body.get("messages", []):
        content = message.get("content")
        parts = content if isinstance(content, list) else [{"type": "text", "text": content or ""}]
        texts = [p.get("text", "") for p in parts if isinstance(p, dict) and p.get("type") == "text"]
        (system if message.get("role") == "system" else user).extend(texts)
    return "\n".join(system), "\n".join(user)


def smart_reply(body: dict[str, Any]) -> dict[str, Any]:
    """Deterministic answers: help when the context mentions trouble; the first listed intent it names."""
    system, user = _texts(body)
    lowered = user.lower()
    if "TASK: judge" in system:
        reference = re.search(r"REFERENCE:\s*(.*)", user)
        answer = re.search(r"ANSWER:\s*(.*)", user)
        ref_words = set((reference.group(1) if reference else "").lower().split())
        ans_words = set((answer.group(1) if answer else "").lower().split())
        overlap = len(ref_words & ans_words) / max(1, len(ref_words | ans_words))
        return {"score": round(overlap, 3)}
    if "TASK: annotate" in system:
        trouble = HELP_WORDS.search(lowered) is not None
        labelled: dict[str, Any] = {
            "need_assist": trouble,
            "intent": "debugging" if trouble else "other",
            "content": "How do I fix this error?" if trouble else "",
            "confidence": 0.8 if trouble else 0.3,
            "rationale": "an error is on screen" if trouble else "steady work, no sign of trouble",
        }
        if "PRIVACY SCREENING" in system:
            leak = EMAIL.search(user) is not None
            labelled |= {"sensitive": leak, "sensitive_kind": "an e-mail address" if leak else ""}
        return labelled
    if "TASK: content" in system:
        listed = re.search(r"INTENTS:\s*(.*)", user)
        intents = [i.strip() for i in (listed.group(1) if listed else "").split(",") if i.strip()]
        intent = next((i for i in intents if i.lower() in lowered), intents[0] if intents else "other")
        lines = [line for line in user.splitlines() if line.startswith("[-")]
        return {"intent": intent, "assistance": f"Help with: {lines[-1] if lines else 'the current task'}"}
    context = user.split("MEMORY:")[0].lower()
    trouble = HELP_WORDS.search(context) is not None
    return {"help": trouble, "confidence": 0.9 if trouble else 0.1}


def main() -> None:
    """`python -m proagentbench.devtools.model_server`: serve until Ctrl-C, e.g. to try `--agent llm`."""
    import argparse

    parser = argparse.ArgumentParser(description="A local OpenAI-compatible server for trying agents.")
    parser.add_argument("--default", choices=BEHAVIOURS, default="smart", help="behaviour of every request")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer")
    args = parser.parse_args()
    with ModelServer(default=args.default, latency_s=args.latency) as server:
        print(f"serving on {server.base_url} (Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
