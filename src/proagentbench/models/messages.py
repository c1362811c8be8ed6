"""Chat messages whose content is a list of parts (text and `image_url` data URLs) or plain text."""

from typing import Any


def has_parts(messages: list[dict[str, Any]]) -> bool:
    return any(isinstance(message.get("content"), list) for message in messages)


def text_only(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages with image parts dropped and part lists joined into plain text (text-only servers such
    as llama.cpp's refuse any list content, images or not)."""
    flat: list[dict[str, Any]] = []
    for message in messages:
        content = message.get("content")
        if isinstance(content, list):
            texts = [
                part.get("text", "")
                for part in content
                if isinstance(part, dict) and part.get("type") == "text"
            ]
            message = {**message, "content": "\n".join(texts)}
        flat.append(message)
    return flat
