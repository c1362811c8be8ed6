"""Cleaning one event row of any kind: its typed `text` and every string in its `data` JSON are scrubbed, and
key events lose their characters.

PII is split across key events, so it is the reconstructed `text` (per focused window) that is analysed and
scrubbed; per-key characters never reach the clean store. Key events keep their time, kind and non-character
keys (Enter, Backspace, arrows); a character key becomes `<char>` unless it is part of a shortcut
(Ctrl/Alt/Super held), which says what the user did, not what they wrote."""

import json
from typing import Any, TypeGuard

from proagentbench.anonymizer.text import TextScrubber
from proagentbench.store import MODIFIER_SEPARATOR, SHORTCUT_MODIFIERS

CHAR_KEY = "<char>"
KEY_KINDS = ("key_press", "key_release")


def is_shortcut(modifiers: str | None) -> bool:
    """Whether a shortcut modifier is among those held; names are compared whole ("alt_gr", which types
    characters, is not "alt")."""
    held = set((modifiers or "").lower().split(MODIFIER_SEPARATOR))
    return not held.isdisjoint(SHORTCUT_MODIFIERS)


def is_character_key(key: str | None) -> TypeGuard[str]:
    """A key named by the one character it types (`a`, `@`, `€`), as opposed to `enter` or `<char>`."""
    return key is not None and len(key) == 1


def clean_key_event(row: dict[str, Any]) -> dict[str, Any]:
    key, char = row.get("key"), row.get("char")
    printable = char is not None or is_character_key(key)
    row["char"] = None
    if printable and not is_shortcut(row.get("modifiers")):
        row["key"] = CHAR_KEY
    elif printable and is_character_key(key):
        row["key"] = key.lower()
    return row


def scrub_json(data: str | None, scrubber: TextScrubber) -> str | None:
    """Scrub every string inside an event's JSON payload (keys kept, values scrubbed)."""
    if data is None:
        return None
    try:
        parsed = json.loads(data)
    except ValueError:
        return scrubber.scrub(data).text
    return json.dumps(_scrub_value(parsed, scrubber), sort_keys=True)


def _scrub_value(value: Any, scrubber: TextScrubber) -> Any:
    if isinstance(value, str):
        return scrubber.scrub(value).text
    if isinstance(value, list):
        return [_scrub_value(item, scrubber) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_value(item, scrubber) for key, item in value.items()}
    return value


def clean_event(row: dict[str, Any], scrubber: TextScrubber, found: list[str]) -> dict[str, Any]:
    """Scrub one event row in place; values of PII found in typed text are appended to `found`."""
    if row["kind"] in KEY_KINDS:
        clean_key_event(row)
    if row.get("text"):
        result = scrubber.scrub(row["text"])
        found.extend(row["text"][s.start : s.end] for s in result.spans)
        row["text"] = result.text
    row["data"] = scrub_json(row.get("data"), scrubber)
    return row
