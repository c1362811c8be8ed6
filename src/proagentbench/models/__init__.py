"""Calling models over any OpenAI-compatible endpoint: client factory, response-format negotiation, retries,
cache, validation of replies against pydantic models.

Shared by every model-backed part (benchmark LLM/VLM agents, LLM judge, annotator).
"""

from proagentbench.models.chat import ChatModel, ModelCallError
from proagentbench.models.client import DEFAULT_KEY_ENV, ModelError, ModelSettings
from proagentbench.models.concurrent import map_concurrently
from proagentbench.models.formats import AUTO, MODES
from proagentbench.models.jsonreply import MalformedReply, parse_reply

__all__ = [
    "AUTO",
    "DEFAULT_KEY_ENV",
    "MODES",
    "ChatModel",
    "MalformedReply",
    "ModelCallError",
    "ModelError",
    "ModelSettings",
    "map_concurrently",
    "parse_reply",
]
