"""Key events lose their characters unless a shortcut modifier is held; modifier names compare whole."""

import pytest

from proagentbench.anonymizer.events import CHAR_KEY, clean_key_event, is_shortcut
from proagentbench.recorder.inputs import MODIFIER_NAMES
from proagentbench.store import SHORTCUT_MODIFIERS


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


# Every modifier name the recorder writes (recorder.inputs.MODIFIER_NAMES), alone and with shift.
RECORDED_MODIFIERS = sorted(set(MODIFIER_NAMES.values()))


@pytest.mark.parametrize("modifier", RECORDED_MODIFIERS)
@pytest.mark.parametrize("with_shift", [False, True])
def test_every_recorded_modifier_is_a_shortcut_exactly_when_the_store_says_so(
    modifier: str, with_shift: bool
) -> None:
    held = "+".join(sorted({modifier, "shift"} if with_shift else {modifier}))
    row = clean_key_event({"kind": "key_press", "key": "K", "char": "K", "modifiers": held})
    assert row["char"] is None
    assert row["key"] == ("k" if modifier in SHORTCUT_MODIFIERS else CHAR_KEY), held
    assert is_shortcut(held) == (modifier in SHORTCUT_MODIFIERS)


def test_the_shortcut_vocabulary_is_what_the_recorder_writes() -> None:
    assert set(MODIFIER_NAMES.values()) >= SHORTCUT_MODIFIERS
    assert "alt_gr" not in SHORTCUT_MODIFIERS and not is_shortcut("alt_gr")
