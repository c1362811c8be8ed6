"""National identity numbers of many countries, reported as NATIONAL_ID: Presidio's country recognizers that
its default set leaves off, where they check a checksum or a strict shape (UK NHS, Spanish NIF/NIE, Italian
codice fiscale, Polish PESEL, Finnish HETU, Swedish personnummer, Indian Aadhaar and PAN, Singapore
NRIC/FIN, Korean RRN, Thai TNIN, Turkish TC Kimlik, Australian TFN, South African ID), plus the UK National
Insurance number in every spacing (`AB123456C`, `AB 12 34 56 C`, `ab-12-34-56-c`), which Presidio's misses.

Presidio's scores are kept (a passed checksum is 1.0, a bare shape lower); the engine's threshold decides.
"""

import re
from functools import cached_property
from typing import Any

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from proagentbench.anonymizer.entities import NATIONAL_ID
from proagentbench.anonymizer.recognizers.gated_builtins import digit_count

COUNTRY_RECOGNIZERS = (
    "NhsRecognizer",
    "EsNifRecognizer",
    "EsNieRecognizer",
    "ItFiscalCodeRecognizer",
    "PlPeselRecognizer",
    "FiPersonalIdentityCodeRecognizer",
    "SePersonnummerRecognizer",
    "InAadhaarRecognizer",
    "InPanRecognizer",
    "SgFinRecognizer",
    "KrRrnRecognizer",
    "ThTninRecognizer",
    "TrNationalIdRecognizer",
    "AuTfnRecognizer",
    "ZaIdNumberRecognizer",
)
NINO_SCORE = 0.85
# Prefixes HMRC never issues (BG, GB, NK, KN, TN, NT, ZZ) and letters it never uses (D, F, I, Q, U, V).
_NINO = re.compile(
    r"(?<![A-Za-z0-9])(?!(?i:bg|gb|nk|kn|nt|tn|zz))"
    r"(?P<v>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?:[ \t\-]{0,2}\d{2}){3}[ \t\-]{0,2}[A-D])(?![A-Za-z0-9])",
    re.IGNORECASE,
)


class NationalIdRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entities=[NATIONAL_ID], supported_language="en", name="NationalIdRecognizer"
        )

    def load(self) -> None:
        """The country recognizers are built on first use."""

    @cached_property
    def _country(self) -> list[Any]:
        from presidio_analyzer import predefined_recognizers

        return [getattr(predefined_recognizers, name)() for name in COUNTRY_RECOGNIZERS]

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if (entities and NATIONAL_ID not in entities) or digit_count(text) < 6:
            return []
        results = [RecognizerResult(NATIONAL_ID, *m.span("v"), NINO_SCORE) for m in _NINO.finditer(text)]
        for recognizer in self._country:
            for found in recognizer.analyze(text, recognizer.supported_entities, nlp_artifacts):
                results.append(RecognizerResult(NATIONAL_ID, found.start, found.end, found.score))
        return results
