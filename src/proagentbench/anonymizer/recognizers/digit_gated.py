"""Presidio built-ins that cannot match without digits skip texts that have too few of them.

Most desktop strings (window titles, menu text) have no digits at all, and Presidio's phone recognizer runs
libphonenumber for eight regions on every string: this gate is what makes short texts fast.
"""

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)


def digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


class GatedPhoneRecognizer(PhoneRecognizer):
    MIN_DIGITS = 7

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if digit_count(text) < self.MIN_DIGITS:
            return []
        return list(super().analyze(text, entities, nlp_artifacts))


class GatedIbanRecognizer(IbanRecognizer):
    MIN_DIGITS = 8

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if digit_count(text) < self.MIN_DIGITS:
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags))


class GatedSsnRecognizer(UsSsnRecognizer):
    MIN_DIGITS = 9

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if digit_count(text) < self.MIN_DIGITS:
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags))


class GatedIpRecognizer(IpRecognizer):
    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        if digit_count(text) < 1 and "::" not in text:
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags))
