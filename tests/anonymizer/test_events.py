"""Key events lose their characters unless a shortcut modifier is held; modifier names compare whole."""

import pytest

from proagentbench.anonymizer.events import CHAR_KEY, clean_key_event


@pytest.mark.parametrize(
    ("key", "char", "modifiers", "kept_key"),
    [
        ("a", "a", None, CHAR_KEY),
        ("A", "A", "shift", CHAR_KEY),
        ("c", "c", "ctrl", "c"),
        ("V", "V", "ctrl+shift", "v"),
        ("t", "t", "cmd", "t"),
        ("x", "x", "alt", "x"),
        ("@", "@", "alt_gr", CHAR_KEY),  # AltGr types characters (@, €, {): not a shortcut
        ("€", "€", "alt_gr+shift", CHAR_KEY),
        ("q", "q", "super", CHAR_KEY),  # the recorder never writes it; unknown names are not shortcuts
        ("enter", None, None, "enter"),
        ("backspace", None, "ctrl", "backspace"),
    ],
)
def test_key_events_keep_only_what_the_user_did(
    key: str, char: str | None, modifiers: str | None, kept_key: str
) -> None:
    row = clean_key_event({"kind": "key_press", "key": key, "char": char, "modifiers": modifiers})
    assert row["key"] == kept_key and row["char"] is None
