"""The structured-output modes a chat request can ask for, strongest first, and how each one is sent.

- ``json_schema``: OpenAI's ``{"type": "json_schema", "json_schema": {...}}`` (OpenAI, vLLM);
- ``json_object_schema``: ``{"type": "json_object", "schema": {...}}`` (llama-cpp-python's server, which turns
  the schema into a grammar); every string without a length bound gets ``maxLength`` `GRAMMAR_MAX_STRING`
  there, so a small model that starts repeating inside a string is stopped by the grammar rather than by
  ``max_tokens`` with its JSON unfinished (OpenAI's strict mode may refuse length bounds, so ``json_schema``
  sends the schema unchanged; the reply is validated against the unbounded schema in every mode);
- ``json_object``: plain JSON mode, the schema only in the prompt;
- ``prompt``: no response format at all, the schema only in the prompt (the caller gets one repair retry).
"""

from typing import Any

MODES = ("json_schema", "json_object_schema", "json_object", "prompt")
GRAMMAR_MAX_STRING = 400  # characters: a request an assistant would get, or a rationale sentence, fits
AUTO = "auto"
_SCHEMA_IN_PROMPT = ("json_object", "prompt")


def check_mode(mode: str) -> str:
    if mode != AUTO and mode not in MODES:
        raise ValueError(f"response_format {mode!r}: use {AUTO} or one of {', '.join(MODES)}")
    return mode


def response_format(mode: str, name: str, schema: dict[str, Any]) -> dict[str, Any] | None:
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": bounded_strings(schema)}
    if mode == "json_object":
        return {"type": "json_object"}
    return None


def bounded_strings(schema: Any, limit: int = GRAMMAR_MAX_STRING) -> Any:
    """A copy of ``schema`` where every string type without a length bound has ``maxLength`` ``limit``."""
    if isinstance(schema, list):
        return [bounded_strings(item, limit) for item in schema]
    if not isinstance(schema, dict):
        return schema
    bounded = {key: bounded_strings(value, limit) for key, value in schema.items()}
    if bounded.get("type") == "string" and "maxLength" not in bounded and "enum" not in bounded:
        bounded["maxLength"] = limit
    return bounded


def mode_of(body: dict[str, Any]) -> str:
    """The mode a request body asks for (the inverse of `response_format`)."""
    requested = body.get("response_format")
    if not isinstance(requested, dict):
        return "prompt"
    if requested.get("type") == "json_schema":
        return "json_schema"
    return "json_object_schema" if "schema" in requested else "json_object"


def with_schema_instructions(
    messages: list[dict[str, Any]], mode: str, schema: dict[str, Any]
) -> list[dict[str, Any]]:
    """The messages, told in words which JSON to answer with when the mode does not carry the schema."""
    if mode not in _SCHEMA_IN_PROMPT:
        return messages
    import json

    instruction = "Reply with one JSON object only, matching this JSON schema: " + json.dumps(schema)
    first = messages[0] if messages else None
    if first is not None and first.get("role") == "system" and isinstance(first.get("content"), str):
        return [{**first, "content": f"{first['content']}\n{instruction}"}, *messages[1:]]
    return [{"role": "system", "content": instruction}, *messages]
