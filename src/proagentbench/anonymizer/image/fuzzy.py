"""Cross-modal matching: values found in titles and typed text, searched for in OCR output despite OCR noise.

A value matches a run of consecutive OCR words when their letters and digits, lower-cased, are within a small
edit distance of the value's (about one error in five characters, as OCR confuses l/1, O/0, rn/m).
"""

from collections.abc import Iterable, Sequence

from proagentbench.anonymizer.folding import fold_accents
from proagentbench.anonymizer.image.ocr import Word

MIN_VALUE_CHARS = 4
ERRORS_PER_CHAR = 0.2


def normalise(text: str) -> str:
    """Letters and digits only, folded as the OCR reads them (`Ševčíková` -> `sevcikova`): dropping the
    accented letters made `evkov` of the value, which no read matched."""
    return "".join(char for char in fold_accents(text) if char.isalnum())


def bounded_edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


class KnownValues:
    def __init__(self, values: Iterable[str]) -> None:
        normalised = {normalise(v) for v in values}
        self.values = sorted(v for v in normalised if len(v) >= MIN_VALUE_CHARS)
        self._exact = set(self.values)
        self._max_len = max((len(v) for v in self.values), default=0)

    def __bool__(self) -> bool:
        return bool(self.values)

    def matching_words(self, line: Sequence[Word]) -> set[int]:
        """Indexes of the words of one OCR line that spell (approximately) a known value, or contain one."""
        texts = [normalise(word.text) for word in line]
        hits: set[int] = set()
        for start in range(len(line)):
            if any(value in texts[start] for value in self.values):
                hits.add(start)
                continue
            joined = ""
            for end in range(start, len(line)):
                joined += texts[end]
                if len(joined) > self._max_len * (1 + ERRORS_PER_CHAR) + 1:
                    break
                if joined and self._matches(joined):
                    hits.update(range(start, end + 1))
        return hits

    def _matches(self, candidate: str) -> bool:
        if candidate in self._exact:
            return True
        if len(candidate) < MIN_VALUE_CHARS:
            return False
        for value in self.values:
            limit = int(len(value) * ERRORS_PER_CHAR)
            if (
                limit
                and abs(len(value) - len(candidate)) <= limit
                and bounded_edit_distance(value, candidate, limit) <= limit
            ):
                return True
        return False
