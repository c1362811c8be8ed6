"""Payment card numbers Presidio's pattern misses: Mastercard's 2-series (2221-2720), 19-digit cards, 12-digit
Maestro and 15-digit JCB (2131, 1800) cards.
Candidates must pass the Luhn check and start with a known issuer prefix; runs starting with 1 (timestamps)
never count."""

import re

from proagentbench.anonymizer.entities import CREDIT_CARD
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_ISSUER = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[457]|6(?:011|5)|5018|5020|5038|6304|6759|676[1-3]|2131|1800)")
_MAESTRO = re.compile(r"^(?:5018|5020|5038|6304|6759|676[1-3])")  # the only issuers with 12-digit cards


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class CardNumberRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "card number",
            r"(?<![\d\-])(?P<v>\d{4}(?:[ \-]?\d{4}){1,2}[ \-]?\d{1,7})(?![\d\-])",
            0.9,
            CREDIT_CARD,
        ),
    )

    def validate(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value)
        shortest = 12 if _MAESTRO.match(digits) else 13
        if digits.startswith("1") and not digits.startswith("1800"):
            return False  # timestamps and ids; JCB's 1800 range is the only card prefix starting with 1
        return shortest <= len(digits) <= 19 and bool(_ISSUER.match(digits)) and luhn_ok(digits)
