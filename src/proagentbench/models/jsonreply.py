"""Validating a model's JSON reply against a pydantic model, and the JSON schema sent to ask for it.

pydantic is imported where it is used, so importing `proagentbench.models` (the CLI does) stays cheap.
"""

import json
import re
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

R = TypeVar("R", bound="BaseModel")

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)
_TYPE_NAMES = {"bool_type": "bool", "float_type": "a number", "int_type": "an integer", "string_type": "str"}


class MalformedReply(ValueError):
    """The model answered, but not with JSON of the expected shape."""


def parse_reply(text: str | None, reply_type: type[R]) -> R:
    """The reply as a `reply_type`, validated strictly (no "yes" for true, no booleans for numbers)."""
    from pydantic import ValidationError

    if not text:
        raise MalformedReply("empty reply")
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1)
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        raise MalformedReply(f"not JSON ({exc.msg}): {stripped[:80]!r}") from None
    if not isinstance(data, dict):
        raise MalformedReply(f"expected a JSON object, got {type(data).__name__}")
    try:
        return reply_type.model_validate(data, strict=True)
    except ValidationError as exc:
        raise MalformedReply(_first_error(exc.errors(), data, reply_type)) from None


def _first_error(errors: list[Any], data: dict[str, Any], reply_type: type["BaseModel"]) -> str:
    error = errors[0]
    key = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        return f"missing key {key!r} (expected {describe(reply_type)})"
    value = data.get(str(error["loc"][0])) if error["loc"] else None
    if isinstance(value, bool) and error["type"] != "bool_type":
        return f"key {key!r} must not be a boolean"
    expected = _TYPE_NAMES.get(error["type"])
    if expected:
        return f"key {key!r} must be {expected}, got {type(value).__name__}"
    return f"key {key!r}: {error['msg']}"


def describe(reply_type: type["BaseModel"]) -> str:
    """The shape in one line, for messages: {"help": boolean, "confidence": number}."""
    properties = reply_schema(reply_type)["properties"]
    fields = [f'"{name}": {_type_name(spec)}' for name, spec in properties.items()]
    return "{" + ", ".join(fields) + "}"


def _type_name(spec: dict[str, Any]) -> str:
    if "type" in spec:
        return str(spec["type"])
    options = [str(option.get("type")) for option in spec.get("anyOf", []) if option.get("type") != "null"]
    return "|".join(options) or "value"


def reply_schema(reply_type: type["BaseModel"]) -> dict[str, Any]:
    """The JSON schema to send: every property listed as required (optional ones accept null) and no others,
    as OpenAI's strict mode demands and grammar-constrained servers then always fill in."""
    schema = reply_type.model_json_schema()
    properties = {
        name: {key: value for key, value in spec.items() if key not in ("title", "default")}
        for name, spec in schema.get("properties", {}).items()
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
