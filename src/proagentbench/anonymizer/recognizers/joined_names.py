"""Names written as one token in file names, paths and identifiers: `anna_schmidt_cv.pdf`, `maria.keller`,
`Keller-Maria`, `AnnaSchmidt.docx`. A first name and a last name from the bundled lists (either order),
each at least three letters and neither mostly an ordinary word, joined by `_`, `.` or `-`, or in
CamelCase: 0.8. Two capitalised parts that may both be names (listed, or no common word) joined the same way
(`Árpád_Király.pdf`): 0.6. A hyphenated place name (`Jastrzębie-Zdrój`: `place_names`) is none."""

import re

from presidio_analyzer import RecognizerResult

from proagentbench.anonymizer.entities import PERSON
from proagentbench.anonymizer.gazetteer import first_names, last_names, name_like, name_stopwords
from proagentbench.anonymizer.place_names import place_spans
from proagentbench.anonymizer.recognizers.base import PersonRecognizer
from proagentbench.anonymizer.recognizers.person_gazetteer import capitalised

JOINED_SCORE = 0.8
SHAPE_SCORE = 0.6
# A compound token: letter runs joined by single `_`, `.` or `-` (`Passport_Adrienn_Papp`).
_COMPOUND = re.compile(r"[^\W\d_]+(?:[._\-][^\W\d_]+)+")
_PARTS = re.compile(r"[^\W\d_]+")
_CAMEL = re.compile(r"(?<![A-Za-z])(?P<a>[A-Z][a-z]{2,})(?P<b>[A-Z][a-z]{2,})(?![a-z])")


class JoinedNameRecognizer(PersonRecognizer):
    def _pair(self, a: str, b: str) -> bool:
        first, last, stop = first_names(), last_names(), name_stopwords()
        a, b = a.lower(), b.lower()
        if a in stop or b in stop:
            return False
        return (a in first and b in last) or (a in last and b in first)

    def find(self, text: str) -> list[RecognizerResult]:
        results = []
        for compound in _COMPOUND.finditer(text):
            parts = list(_PARTS.finditer(compound.group()))
            base = compound.start()
            for a, b in zip(parts, parts[1:], strict=False):
                score = self._score(a.group(), b.group())
                if score:
                    results.append(RecognizerResult(PERSON, base + a.start(), base + b.end(), score))
        if any("-" in text[r.start : r.end] for r in results):
            places = place_spans(text)  # a hyphenated pair may be a place; looked up only then (speed)
            results = [r for r in results if not any(s < r.end and r.start < e for s, e in places)]
        for match in _CAMEL.finditer(text):
            if self._pair(match.group("a"), match.group("b")):
                results.append(RecognizerResult(PERSON, match.start(), match.end(), JOINED_SCORE))
        return results

    def _score(self, a: str, b: str) -> float:
        if len(a) < 2 or len(b) < 2:
            return 0.0
        if len(a) >= 3 and len(b) >= 3 and self._pair(a, b):
            return JOINED_SCORE
        # `Árpád_Király`: two capitalised words that may be names, from lists or not
        if capitalised(a) and capitalised(b) and a[0].isupper() and b[0].isupper():
            return SHAPE_SCORE if name_like(a.lower()) and name_like(b.lower()) else 0.0
        return 0.0
