"""Validating a model's JSON reply against a small declared schema."""

import json
import re
from dataclasses import dataclass
from typing import Any

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


class MalformedReply(ValueError):
    """The model answered, but not with JSON of the expected shape."""


@dataclass(frozen=True)
class ReplySchema:
    """Required keys with their accepted Python types (e.g. {"help": (bool,), "confidence": (int, float)})."""

    required: dict[str, tuple[type, ...]]
    optional: dict[str, tuple[type, ...]] | None = None

    def describe(self) -> str:
        names = {bool: "boolean", str: "string", int: "number", float: "number"}
        fields = [f'"{k}": {names.get(t[0], t[0].__name__)}' for k, t in self.required.items()]
        return "{" + ", ".join(fields) + "}"


def parse_reply(text: str | None, schema: ReplySchema) -> dict[str, Any]:
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
    for key, types in schema.required.items():
        if key not in data:
            raise MalformedReply(f"missing key {key!r} (expected {schema.describe()})")
        _check(key, data[key], types)
    for key, types in (schema.optional or {}).items():
        if data.get(key) is not None:
            _check(key, data[key], types)
    return data


def _check(key: str, value: Any, types: tuple[type, ...]) -> None:
    if bool not in types and isinstance(value, bool):
        raise MalformedReply(f"key {key!r} must not be a boolean")
    if not isinstance(value, types):
        expected = "/".join(t.__name__ for t in types)
        raise MalformedReply(f"key {key!r} must be {expected}, got {type(value).__name__}")
