"""Which OCR words to redact: PII found by the text analyzer in each recognised line, known values from the
session's titles and typed text (cross-modal), or every word in `all-text` mode."""

from collections.abc import Sequence
from dataclasses import dataclass

from proagentbench.anonymizer.image.fuzzy import KnownValues
from proagentbench.anonymizer.image.ocr import Word
from proagentbench.anonymizer.text import TextScrubber


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int
    entity: str

    def padded(self, pad: int, width: int, height: int) -> "Box":
        return Box(
            max(0, self.left - pad),
            max(0, self.top - pad),
            min(width, self.right + pad),
            min(height, self.bottom + pad),
            self.entity,
        )


def group_lines(words: Sequence[Word]) -> list[list[Word]]:
    lines: dict[tuple[int, ...], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return [sorted(line, key=lambda w: w.left) for line in lines.values()]


def _word_box(word: Word, entity: str) -> Box:
    return Box(word.left, word.top, word.right, word.bottom, entity)


def boxes_to_redact(
    words: Sequence[Word], scrubber: TextScrubber, known: KnownValues, *, mode: str, min_conf: float = 0.0
) -> list[Box]:
    if mode == "all-text":
        return [_word_box(w, "TEXT") for w in words if w.conf >= min_conf or w.conf < 0]
    boxes: list[Box] = []
    for line in group_lines(words):
        text, offsets = _line_text(line)
        flagged: dict[int, str] = {}
        for span in scrubber.scrub(text).spans:
            for index, (start, end) in enumerate(offsets):
                if start < span.end and span.start < end:
                    flagged[index] = span.entity
        if known:
            for index in known.matching_words(line):
                flagged.setdefault(index, "KNOWN_VALUE")
        boxes.extend(_word_box(line[i], entity) for i, entity in flagged.items())
    return boxes


def _line_text(line: Sequence[Word]) -> tuple[str, list[tuple[int, int]]]:
    offsets = []
    position = 0
    for word in line:
        offsets.append((position, position + len(word.text)))
        position += len(word.text) + 1
    return " ".join(word.text for word in line), offsets
