"""Which failures are worth retrying, and how long to wait: 429, 5xx, timeouts, dropped connections."""


def is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError | openai.RateLimitError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in (408, 409)
    return False


def backoff_delay(attempt: int, base_s: float, cap_s: float = 30.0) -> float:
    """Exponential backoff: base, 2*base, 4*base... capped."""
    return min(cap_s, base_s * (2**attempt))
