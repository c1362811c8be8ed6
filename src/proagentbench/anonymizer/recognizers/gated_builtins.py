"""Presidio built-ins skip texts that cannot contain what they look for (too few digits, no long token).

Most desktop strings (window titles, menu text) have no digits at all, and Presidio's phone recognizer runs
libphonenumber for eight regions on every string: this gate is what makes short texts fast.
"""

import re
from collections.abc import Sequence
from typing import Any

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CryptoRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)

# Seven or more digits with at most two separator characters between neighbours: the least any phone
# number needs. `#9999 ... (1234)` does not qualify, `+1 (415) 555-0132` does.
_PHONE_LIKE = re.compile(r"\d(?:[\s().\-/]{0,2}\d){6,}")
# An IPv4 address has digit.digits.digit; an IPv6 address has at least two colons with hex between.
# A bitcoin address is 25 or more letters and digits in a row.
_LONG_TOKEN = re.compile(r"[A-Za-z0-9]{25}")
_IP_LIKE = re.compile(r"\d\.\d{1,3}\.\d|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:")


def digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


class GatedPhoneRecognizer(PhoneRecognizer):
    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if not _PHONE_LIKE.search(text):
            return []
        return list(super().analyze(text, entities, nlp_artifacts))


def gated_phone(phone_regions: Sequence[str]) -> GatedPhoneRecognizer:
    """The registry's factory: the regions are run-time context from the analyzer (`PHONE_REGIONS`)."""
    return GatedPhoneRecognizer(supported_regions=tuple(phone_regions))


class PatternGate:
    """Runs a pattern built-in only when `worth_analyzing(text)` says the text could hold its entity."""

    def worth_analyzing(self, text: str) -> bool:
        raise NotImplementedError

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: Any = None,
        regex_flags: Any = None,
    ) -> list[RecognizerResult]:
        if not self.worth_analyzing(text):
            return []
        return list(super().analyze(text, entities, nlp_artifacts, regex_flags))  # type: ignore[misc]


class GatedIbanRecognizer(PatternGate, IbanRecognizer):
    def worth_analyzing(self, text: str) -> bool:
        return digit_count(text) >= 8


class GatedSsnRecognizer(PatternGate, UsSsnRecognizer):
    def worth_analyzing(self, text: str) -> bool:
        return digit_count(text) >= 9


class GatedIpRecognizer(PatternGate, IpRecognizer):
    def worth_analyzing(self, text: str) -> bool:
        return _IP_LIKE.search(text) is not None


class GatedCryptoRecognizer(PatternGate, CryptoRecognizer):
    def worth_analyzing(self, text: str) -> bool:
        return _LONG_TOKEN.search(text) is not None
