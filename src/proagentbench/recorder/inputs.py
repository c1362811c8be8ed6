"""Platform-neutral descriptions of input, so the recorder's core never sees a pynput object."""

from dataclasses import dataclass

# Left/right variants collapse to one name, so modifiers read the same on every platform.
MODIFIER_NAMES = {
    "shift": "shift",
    "shift_l": "shift",
    "shift_r": "shift",
    "ctrl": "ctrl",
    "ctrl_l": "ctrl",
    "ctrl_r": "ctrl",
    "alt": "alt",
    "alt_l": "alt",
    "alt_r": "alt",
    "alt_gr": "alt_gr",
    "cmd": "cmd",
    "cmd_l": "cmd",
    "cmd_r": "cmd",
}
SPECIAL_CHARS = {"space": " ", "enter": "\n", "tab": "\t"}


@dataclass(frozen=True)
class KeyInput:
    name: str
    char: str | None = None
    modifier: str | None = None

    @classmethod
    def special(cls, name: str) -> "KeyInput":
        return cls(name=name, char=SPECIAL_CHARS.get(name), modifier=MODIFIER_NAMES.get(name))

    @classmethod
    def printable(cls, char: str) -> "KeyInput":
        return cls(name=char, char=char if char.isprintable() else None)
