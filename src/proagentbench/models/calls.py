"""One answered model call as a run log keeps it: what was asked, the raw reply, what it cost.

Image parts are kept as the sha256 and byte size of the image (never its bytes): enough to tell which
screenshot was sent, not to leak it into a shared log.
"""

import base64
import binascii
import hashlib
import threading
from dataclasses import asdict, dataclass
from typing import Any

DATA_URL_PREFIX = "data:"


@dataclass(frozen=True)
class Call:
    messages: list[dict[str, Any]]  # as the caller asked, images replaced by `image_digest`
    reply: str  # the raw reply text that was validated
    mode: (
        str  # the response-format mode that produced it, "cache", or "failed" (then `reply` is the last one)
    )
    cached: bool
    latency_s: float
    prompt_tokens: int
    completion_tokens: int
    requests: int  # HTTP requests this call sent (retries, negotiation and repair included)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Tally:
    """Requests and tokens of one call (a call's requests can run on one thread only, but the lock keeps
    the counts honest if a caller ever shares one)."""

    def __init__(self) -> None:
        self.requests = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.last_reply = ""  # the latest raw reply text, kept for a call that fails
        self._lock = threading.Lock()

    def sent(self) -> None:
        with self._lock:
            self.requests += 1

    def tokens(self, prompt: int, completion: int) -> None:
        with self._lock:
            self.prompt_tokens += prompt
            self.completion_tokens += completion


def token_counts(response: Any) -> tuple[int, int]:
    """Prompt and completion tokens a response reports (0 when the server reports none)."""
    usage = getattr(response, "usage", None)
    return int(getattr(usage, "prompt_tokens", 0) or 0), int(getattr(usage, "completion_tokens", 0) or 0)


def image_digest(url: str) -> dict[str, Any]:
    """A data URL as its media type, sha256 and size; any other URL is kept as it is (it holds no bytes)."""
    if not url.startswith(DATA_URL_PREFIX):
        return {"url": url}
    header, _, payload = url.partition(",")
    media = header[len(DATA_URL_PREFIX) :].split(";")[0] or "application/octet-stream"
    try:
        data = base64.b64decode(payload, validate=True) if ";base64" in header else payload.encode()
    except (binascii.Error, ValueError):
        data = payload.encode()
    return {"media_type": media, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def without_image_bytes(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages with every image part's data URL replaced by `image_digest`."""
    kept: list[dict[str, Any]] = []
    for message in messages:
        content = message.get("content")
        if isinstance(content, list):
            content = [_part(part) for part in content]
            message = {**message, "content": content}
        kept.append(message)
    return kept


def _part(part: Any) -> Any:
    if not isinstance(part, dict) or part.get("type") != "image_url":
        return part
    image = part.get("image_url")
    url = image.get("url") if isinstance(image, dict) else image
    if not isinstance(url, str):
        return part
    return {"type": "image_url", "image_url": image_digest(url)}
