"""One cheap request before a run: is the endpoint there, and does it take the key?

Without it, a run against an endpoint that is down (or with no key) fails every sample one by one and the
cause reaches the user only as per-sample errors. `GET /models` costs no tokens; an endpoint that answers it
with an error status (some servers have no such route) is there, and passes.
"""

from typing import Any

from proagentbench.models.client import ModelError, ModelSettings


def check_endpoint(settings: ModelSettings, client: Any) -> None:
    """Raise `ModelError` (one line) when the endpoint cannot be reached or refuses the key."""
    import openai

    where = settings.base_url or "the OpenAI API"
    try:
        client.models.list()
    except openai.APIConnectionError as exc:  # also a timeout
        reason = str(exc.__cause__ or exc).strip().splitlines()
        raise ModelError(
            f"cannot reach the model endpoint {where} ({reason[0] if reason else type(exc).__name__}); "
            "start the server or fix --base-url"
        ) from None
    except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:
        raise ModelError(
            f"the model endpoint {where} refused the API key in ${settings.api_key_env} "
            f"(HTTP {exc.status_code})"
        ) from None
    except openai.APIStatusError:
        pass  # it answered: reachable, and the chat requests will say more if the model is wrong
