"""Which failures are worth retrying, and how long to wait: 429, 5xx, timeouts, dropped connections."""

import random
from email.utils import parsedate_to_datetime
from typing import Any

MAX_RETRY_AFTER_S = 120.0


def is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError | openai.RateLimitError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in (408, 409)
    return False


def backoff_delay(attempt: int, base_s: float, cap_s: float = 30.0, *, jitter: float = 0.25) -> float:
    """Exponential backoff: base, 2*base, 4*base... capped, stretched by up to `jitter` of itself so that
    many workers throttled at once do not all come back at the same instant."""
    delay = min(cap_s, base_s * (2**attempt))
    return delay * (1.0 + random.uniform(0.0, jitter))


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked to wait (`Retry-After`: seconds or an HTTP date), capped; None if absent."""
    response: Any = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    value = headers.get("retry-after") if headers is not None else None
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        from datetime import UTC, datetime

        seconds = (when - datetime.now(UTC)).total_seconds()
    return min(MAX_RETRY_AFTER_S, max(0.0, seconds))


def wait_before_retry(exc: BaseException, attempt: int, base_s: float) -> float:
    """How long to sleep before the next attempt: at least what the server asked for."""
    asked = retry_after(exc)
    delay = backoff_delay(attempt, base_s)
    return max(delay, asked) if asked is not None else delay
