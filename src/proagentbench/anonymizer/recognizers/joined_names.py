"""Names written as one token in file names, paths and identifiers: `anna_schmidt_cv.pdf`, `maria.keller`,
`Keller-Maria`, `AnnaSchmidt.docx`. A first name and a last name from the bundled lists (either order),
each at least three letters and neither mostly an ordinary word, joined by `_`, `.` or `-`, or in
CamelCase: 0.8."""

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from proagentbench.anonymizer.entities import PERSON
from proagentbench.anonymizer.gazetteer import first_names, last_names, name_stopwords

JOINED_SCORE = 0.8
_PART = r"[^\W\d_]{3,}"
_JOINED = re.compile(r"(?<![^\W\d_])(?P<a>" + _PART + r")[._\-](?P<b>" + _PART + r")(?![^\W\d_])")
_CAMEL = re.compile(r"(?<![A-Za-z])(?P<a>[A-Z][a-z]{2,})(?P<b>[A-Z][a-z]{2,})(?![a-z])")


class JoinedNameRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=[PERSON], supported_language="en", name="JoinedNameRecognizer")

    def load(self) -> None:
        """The name lists load on first use (`gazetteer`)."""

    def _pair(self, a: str, b: str) -> bool:
        first, last, stop = first_names(), last_names(), name_stopwords()
        a, b = a.lower(), b.lower()
        if a in stop or b in stop:
            return False
        return (a in first and b in last) or (a in last and b in first)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        if entities and PERSON not in entities:
            return []
        results = []
        for pattern in (_JOINED, _CAMEL):
            for match in pattern.finditer(text):
                if self._pair(match.group("a"), match.group("b")):
                    results.append(RecognizerResult(PERSON, match.start(), match.end(), JOINED_SCORE))
        return results
