"""Phone numbers of every region, national and international formats, with extensions: libphonenumber
(`phonenumbers`) judges each candidate against all of its regions, not the few Presidio is configured with.

A candidate is 7 to 15 digits with separators (spaces, `-`, `.`, `/`, parentheses) and an optional `+`/`00`
prefix and extension (`x12`, `ext. 12`, `#12`, `доб. 12`). With a prefix it must be a possible number
(fictional numbers are still someone's): 0.7. Without one it must have separators and be valid in at least
one region: 0.6. Dates, times, versions and IP addresses are left, and so are unseparated digit runs (ids,
timestamps) and digits after an id word (`Order 123 456 789`).
"""

import re
from functools import cache

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from proagentbench.anonymizer.entities import PHONE

INTERNATIONAL_SCORE = 0.7
NATIONAL_SCORE = 0.6
_EXT = r"(?:[ \t]*(?:x|ext\.?|extension|#|доб\.?|内線|poste|durchwahl|dw\.?)[ \t]*\d{1,6})?"
_CANDIDATE = re.compile(
    r"(?<![\w+.\-/:])(?P<v>(?:\+|00)?\(?\d[\d \t().\-/]{5,22}\d" + _EXT + r")(?![\w\-/:]|\.\d)", re.IGNORECASE
)
_NOT_PHONE = re.compile(
    r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d+(?:\.\d+){2,3}|\d{1,2}:\d{2})"
)
# Digit groups right after these words are order, ticket or account numbers, not phone numbers.
_ID_WORD = re.compile(
    r"(?i)(?:order|invoice|ticket|case|ref|id|no\.?|nr\.?|#|account|acct|customer|iban)\W{0,3}$"
)
_GATE = re.compile(r"\d(?:[\s().\-/]{0,2}\d){6,}")


@cache
def _regions() -> tuple[str, ...]:
    import phonenumbers

    return tuple(sorted(phonenumbers.SUPPORTED_REGIONS))


def valid_somewhere(candidate: str) -> bool:
    import phonenumbers

    international = candidate.startswith(("+", "00"))
    number = "+" + candidate[2:] if candidate.startswith("00") else candidate
    for region in (None,) if international else _regions():
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        # An international number only needs a possible length: fictional and unassigned numbers on a
        # screen are still someone's number.
        if phonenumbers.is_valid_number(parsed) or (
            international and phonenumbers.is_possible_number(parsed)
        ):
            return True
    return False


class PhoneAnyRegionRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=[PHONE], supported_language="en", name="PhoneAnyRegionRecognizer")

    def load(self) -> None:
        """libphonenumber's metadata loads on first use."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        if (entities and PHONE not in entities) or not _GATE.search(text):
            return []
        results = []
        for match in _CANDIDATE.finditer(text):
            value = match.group("v").rstrip(" \t")
            core = re.split(r"(?i)[ \t]*(?:x|ext|extension|#|доб|内線|poste|durchwahl|dw)", value)[0]
            digits = sum(c.isdigit() for c in core)
            international = core.startswith(("+", "00"))
            if not 7 <= digits <= 15 or _NOT_PHONE.match(core):
                continue
            if not international and (
                not re.search(r"\d[ \t().\-/]+\d", core)
                or _ID_WORD.search(text[max(0, match.start() - 12) : match.start()])
            ):
                continue
            if valid_somewhere(core):
                score = INTERNATIONAL_SCORE if international else NATIONAL_SCORE
                results.append(
                    RecognizerResult(PHONE, match.start("v"), match.start("v") + len(value), score)
                )
        return results
