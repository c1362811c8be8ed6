"""Person names without NER: capitalised word pairs whose parts are in the bundled first/last-name lists.

Scores: a known first name followed by a known last name (`Maria Keller`, also with a middle name or in
`Keller, Maria` order) 0.85; a known first name after a greeting or addressing word (`Hi Maria`, `cc Maria`)
0.7; a known first name followed by an unknown capitalised word 0.45, under the default threshold. Words that
are names but far more often interface or everyday words (`Will`, `Page`, `New`, `Grant`) never count alone.
"""

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from proagentbench.anonymizer.entities import PERSON
from proagentbench.anonymizer.gazetteer import first_names, last_names, name_stopwords

PAIR_SCORE = 0.85
GREETING_SCORE = 0.7
WEAK_SCORE = 0.45

_WORD = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:[-'][A-Z][a-zà-ÿ]+)?\b|\b[A-Z][a-z]?[A-Z][a-z]+\b")
_GREETING = re.compile(
    r"(?i)(?:\b(?:hi|hello|hey|dear|thanks|thank you|cheers|cc|from|by|with|to|ask|tell|ping|call|met|"
    r"meet|reply|regards|best|love|dm|@)\s*,?\s*)$"
)


class PersonGazetteerRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entities=[PERSON], supported_language="en", name="PersonGazetteerRecognizer"
        )

    def load(self) -> None:
        self._first = first_names()
        self._last = last_names()
        self._stop = name_stopwords()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        if entities and PERSON not in entities:
            return []
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
        results: list[RecognizerResult] = []
        used_until = -1
        for index, (start, end, word) in enumerate(words):
            if start < used_until:
                continue
            span = self._name_at(text, words, index)
            if span is not None:
                results.append(RecognizerResult(PERSON, span[0], span[1], span[2]))
                used_until = span[1]
                continue
            if (
                word in self._first
                and word not in self._stop
                and _GREETING.search(text[max(0, start - 16) : start])
            ):
                results.append(RecognizerResult(PERSON, start, end, GREETING_SCORE))
                used_until = end
        return results

    def _name_at(
        self, text: str, words: list[tuple[int, int, str]], index: int
    ) -> tuple[int, int, float] | None:
        start, end, word = words[index]
        following = _adjacent(text, words, index)
        if following is None:
            return None
        _, next_end, next_word = following
        both_stop = word in self._stop and next_word in self._stop
        if word in self._first and next_word in self._last and not both_stop:
            # a middle name: First Middle Last
            third = _adjacent(text, words, index + 1)
            if third is not None and third[2] in self._last and next_word in self._first:
                return start, third[1], PAIR_SCORE
            return start, next_end, PAIR_SCORE
        if word in self._last and next_word in self._first and not both_stop and text[end : end + 1] == ",":
            return start, next_end, PAIR_SCORE
        if word in self._first and word not in self._stop and next_word not in self._stop:
            return start, next_end, WEAK_SCORE
        return None


def _adjacent(text: str, words: list[tuple[int, int, str]], index: int) -> tuple[int, int, str] | None:
    """The next capitalised word when only a space (or `, ` for `Last, First`) separates it."""
    if index + 1 >= len(words):
        return None
    gap = text[words[index][1] : words[index + 1][0]]
    return words[index + 1] if gap in (" ", ", ") else None
