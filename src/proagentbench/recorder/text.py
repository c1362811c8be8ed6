"""Reconstructing typed text for the focused window from single key presses (backspace and enter included)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TextChunk:
    """Text typed into one window since the last chunk. ``erased_before`` counts backspaces that went past the
    chunk's start, i.e. removed characters of an earlier chunk of the same window."""

    text: str
    erased_before: int = 0
    ended_by: str = ""


class TextBuffer:
    """Text typed into the focused window; a chunk is taken at enter, a pause or a focus change."""

    def __init__(self) -> None:
        self._chars: list[str] = []
        self._erased_before = 0

    def type(self, char: str) -> None:
        self._chars.append(char)

    def backspace(self) -> None:
        if self._chars:
            self._chars.pop()
        else:
            self._erased_before += 1

    def empty(self) -> bool:
        return not self._chars and not self._erased_before

    def take(self, ended_by: str) -> TextChunk | None:
        if self.empty():
            return None
        chunk = TextChunk("".join(self._chars), self._erased_before, ended_by)
        self._chars.clear()
        self._erased_before = 0
        return chunk


def apply_chunks(chunks: list[TextChunk]) -> str:
    """The text a window ended with, given its chunks in order (used by tests and later stages)."""
    result: list[str] = []
    for chunk in chunks:
        if chunk.erased_before:
            del result[max(0, len(result) - chunk.erased_before) :]
        result.extend(chunk.text)
    return "".join(result)
