"""Reading an endpoint's error reply: did it reject the response format, the image parts, or neither?

Servers say so differently: vLLM and OpenAI answer 400 (or 422) to a response format they do not take;
llama-cpp-python's server answers 500 with a validation message naming ``response_format``, and 500 ("can only
concatenate str (not "list") to str") to any message whose content is a list of parts.
"""

import re
from typing import Any

_FORMAT_HINT = re.compile(r"response_format|json_schema|json_object|schema|grammar", re.IGNORECASE)
_IMAGE_HINT = re.compile(
    r"image|multimodal|multi-modal|vision|not \"?list|\"list\"|concatenate str|content part", re.IGNORECASE
)


def status_of(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


def server_message(exc: BaseException) -> str:
    """The server's own error message on one line (the openai client nests it in `body`)."""
    body: Any = getattr(exc, "body", None)
    message: Any = None
    if isinstance(body, dict):
        message = body.get("message")
        if message is None and isinstance(body.get("error"), dict):
            message = body["error"].get("message")
    text = str(message if message is not None else getattr(exc, "message", "") or exc)
    return " ".join(text.split())


def rejects_images(exc: BaseException) -> bool:
    status = status_of(exc)
    return status is not None and status >= 400 and bool(_IMAGE_HINT.search(server_message(exc)))


def rejects_format(exc: BaseException) -> bool:
    """A 400/422 (whatever it names: the next, plainer mode will tell), or a 5xx that names the format."""
    status = status_of(exc)
    if status in (400, 422):
        return True
    return status is not None and status >= 500 and bool(_FORMAT_HINT.search(server_message(exc)))


def describe(exc: BaseException) -> str:
    status = status_of(exc)
    name = type(exc).__name__
    if not status:
        return name
    message = server_message(exc)
    return f"{name} (HTTP {status}: {message[:160]})" if message else f"{name} (HTTP {status})"
