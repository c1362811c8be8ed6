"""Presidio's credit-card recognizer without its desktop false positive: unseparated millisecond, microsecond
and nanosecond timestamps (log lines) that happen to pass the Luhn check."""

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer

MIN_DIGITS = 12


class DesktopCreditCardRecognizer(CreditCardRecognizer):
    def __init__(self) -> None:
        super().__init__(name="DesktopCreditCardRecognizer")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if sum(map(str.isdigit, text)) < MIN_DIGITS:
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags))

    def invalidate_result(self, pattern_text: str) -> bool:
        # epoch timestamps in ms, us and ns: 13, 16 or 19 digits starting with 1 (JCB's 15-digit 1800 stays)
        return pattern_text.isdigit() and pattern_text.startswith("1") and len(pattern_text) in (13, 16, 19)
