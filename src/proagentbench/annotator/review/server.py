"""The review page's server: the standard library's threading HTTP server, bound to 127.0.0.1 only.

One person on one machine opens a handful of JSON endpoints and frames, so the standard library is enough
and the capture machine needs no web framework. The server reads the clean store and writes only human labels
(`decisions`). A request must name this server in its Host header (against DNS rebinding) and a POST must
carry JSON (a cross-site form cannot send that without a preflight, which is never answered), so another web
page open in the same browser cannot change labels.
"""

import json
import mimetypes
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from proagentbench.annotator.agreement import agreement
from proagentbench.annotator.review import data
from proagentbench.annotator.review.decisions import ReviewError, answer_flag, decide
from proagentbench.errors import ProagentError
from proagentbench.store import open_store

HOST = "127.0.0.1"
MAX_BODY = 64 * 1024
_SESSION = re.compile(r"^/api/sessions/(\d+)$")
_FRAME = re.compile(r"^/frames/(\d+)$")


def page() -> bytes:
    return (files("proagentbench.annotator.review") / "page.html").read_bytes()


class ReviewServer:
    """Serves one clean store; ``port`` 0 picks a free one. A context manager, or call `serve_forever`."""

    def __init__(self, db_path: Path, *, port: int = 0, tolerance_s: float = 5.0) -> None:
        self.db_path = db_path
        self.engine = open_store(db_path)
        try:
            data.check_clean(self.engine, str(db_path))
        except Exception:
            self.engine.dispose()
            raise
        self.tolerance_s = tolerance_s
        try:
            self.httpd = ThreadingHTTPServer((HOST, port), _handler(self))
        except OSError as exc:
            self.engine.dispose()
            reason = exc.strerror or str(exc)
            raise ProagentError(
                f"{HOST}:{port}: cannot serve there ({reason}); pass another --port, or 0"
            ) from None
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def close(self) -> None:
        if self._thread:
            self.httpd.shutdown()
            self._thread.join()
        self.httpd.server_close()
        self.engine.dispose()

    def __enter__(self) -> "ReviewServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="proagent-review", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _handler(server: ReviewServer) -> type[BaseHTTPRequestHandler]:
    engine: Engine = server.engine

    class Handler(BaseHTTPRequestHandler):
        server_version = "proagent-review"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
            pass  # the terminal shows the address once; requests are not logged

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if not self._host_ok():
                return
            route = self.path.split("?", 1)[0]
            if route == "/":
                self._send(HTTPStatus.OK, page(), "text/html; charset=utf-8")
            elif route == "/api/sessions":
                self._json(HTTPStatus.OK, data.sessions(engine))
            elif route == "/api/agreement":
                self._json(HTTPStatus.OK, agreement(data.label_rows(engine), tolerance_s=server.tolerance_s))
            elif match := _SESSION.match(route):
                view = data.session_view(engine, int(match.group(1)))
                self._json(
                    *((HTTPStatus.OK, view) if view else (HTTPStatus.NOT_FOUND, {"error": "no session"}))
                )
            elif match := _FRAME.match(route):
                self._frame(int(match.group(1)))
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})

        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            if not self._host_ok():
                return
            body = self._body()
            if body is None:
                return
            try:
                if self.path == "/api/decision":
                    row = decide(
                        engine, _int(body, "annotation_id"), str(body.get("action")),
                        intent=_optional(body, "intent"), content=_optional(body, "content"),
                    )  # fmt: skip
                elif self.path == "/api/privacy":
                    row = answer_flag(engine, _int(body, "annotation_id"), str(body.get("action")))
                else:
                    self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
                    return
            except ReviewError as exc:
                self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
                return
            self._json(HTTPStatus.OK, {"stored": row})

        def _host_ok(self) -> bool:
            if self.headers.get("Host") in (f"{HOST}:{server.port}", f"localhost:{server.port}"):
                return True
            self._json(HTTPStatus.FORBIDDEN, {"error": "unexpected Host header"})
            return False

        def _body(self) -> dict[str, Any] | None:
            if self.headers.get_content_type() != "application/json":
                self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send application/json"})
                return None
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "request too large"})
                return None
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except (json.JSONDecodeError, UnicodeDecodeError):
                body = None
            if not isinstance(body, dict):
                self._json(HTTPStatus.BAD_REQUEST, {"error": "the body must be a JSON object"})
                return None
            return body

        def _frame(self, frame_id: int) -> None:
            path = data.frame_file(engine, server.db_path, frame_id)
            if path is None:
                self._json(HTTPStatus.NOT_FOUND, {"error": "no such frame in the clean store"})
                return
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self._send(HTTPStatus.OK, path.read_bytes(), kind)

        def _json(self, status: HTTPStatus, value: Any) -> None:
            self._send(status, json.dumps(value).encode("utf-8"), "application/json")

        def _send(self, status: HTTPStatus, payload: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _int(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ReviewError(f"{key} must be an integer")
    return value


def _optional(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise ReviewError(f"{key} must be a string")
    return value
