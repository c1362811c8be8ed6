"""Model endpoint settings and the official `openai` client built from them."""

import os
from dataclasses import dataclass
from typing import Any

from proagentbench.errors import EnvironmentProblem, MissingDependencyError
from proagentbench.models.formats import AUTO, check_mode

DEFAULT_KEY_ENV = "OPENAI_API_KEY"
BASE_URL_ENV = "OPENAI_BASE_URL"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


class ModelError(EnvironmentProblem):
    """A model endpoint that is misconfigured or unusable."""


@dataclass(frozen=True)
class ModelSettings:
    model: str
    base_url: str | None = None
    api_key_env: str = DEFAULT_KEY_ENV
    timeout_s: float = 60.0
    max_attempts: int = 4
    backoff_s: float = 1.0
    temperature: float = 0.0
    max_tokens: int = 512
    response_format: str = AUTO  # or one mode of formats.MODES, to skip negotiation
    seed: int | None = (
        None  # sent as the request's `seed` when set (servers that honour it sample repeatably)
    )

    def __post_init__(self) -> None:
        check_mode(self.response_format)

    def endpoint(self) -> str:
        """Where requests go: --base-url, else $OPENAI_BASE_URL (the client honours it), else OpenAI."""
        return (self.base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")

    def endpoint_source(self) -> str:
        """Which of the three `endpoint` took: ``base_url``, ``$OPENAI_BASE_URL`` or ``default``."""
        if self.base_url:
            return "base_url"
        return f"${BASE_URL_ENV}" if os.environ.get(BASE_URL_ENV) else "default"

    def shaping(self) -> dict[str, Any]:
        """Every setting that shapes a reply, as a run log records it: the endpoint as resolved (and from
        where), the model, the requested response-format mode, temperature, seed and max tokens."""
        return {
            "base_url": self.endpoint(),
            "base_url_from": self.endpoint_source(),
            "model": self.model,
            "response_format": self.response_format,
            "temperature": self.temperature,
            "seed": self.seed,
            "max_tokens": self.max_tokens,
        }

    def public(self) -> dict[str, Any]:
        """Settings as recorded in run logs, enough to rebuild the client (the key itself is never recorded,
        only its variable's name)."""
        return {
            "model": self.model,
            "base_url": self.base_url,
            "api_key_env": self.api_key_env,
            "timeout_s": self.timeout_s,
            "max_attempts": self.max_attempts,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "backoff_s": self.backoff_s,
            "response_format": self.response_format,
            "seed": self.seed,
        }


def api_key(settings: ModelSettings) -> str:
    key = os.environ.get(settings.api_key_env)
    if key:
        return key
    if settings.base_url or os.environ.get(BASE_URL_ENV):
        return "unused"  # local servers (vLLM, Ollama, llama.cpp) accept any key; the client needs one
    raise ModelError(
        f"no API key: set ${settings.api_key_env} (or name another variable with --api-key-env), "
        "or point --base-url at a local OpenAI-compatible server"
    )


def make_client(settings: ModelSettings) -> Any:
    """The official client with its own retries off: `retry.py` owns retrying so it is visible and tested."""
    try:
        import openai
    except ImportError:
        raise MissingDependencyError("openai", "bench") from None
    return openai.OpenAI(
        api_key=api_key(settings),
        base_url=settings.base_url,
        timeout=settings.timeout_s,
        max_retries=0,
    )
