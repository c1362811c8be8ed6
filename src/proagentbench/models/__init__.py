"""Calling models over any OpenAI-compatible endpoint: client factory, retries, cache, JSON validation.

Shared by every model-backed part (benchmark LLM/VLM agents, LLM judge, annotator).
"""

from proagentbench.models.chat import ChatModel, ModelCallError
from proagentbench.models.client import DEFAULT_KEY_ENV, ModelError, ModelSettings
from proagentbench.models.concurrent import map_concurrently
from proagentbench.models.jsonreply import MalformedReply, ReplySchema

__all__ = [
    "DEFAULT_KEY_ENV",
    "ChatModel",
    "MalformedReply",
    "ModelCallError",
    "ModelError",
    "ModelSettings",
    "ReplySchema",
    "map_concurrently",
]
