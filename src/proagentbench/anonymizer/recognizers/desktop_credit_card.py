"""Presidio's credit-card recognizer without its desktop false positive: microsecond/nanosecond timestamps and
other unseparated digit runs starting with 1 (log lines, ids) that happen to pass the Luhn check."""

from presidio_analyzer.predefined_recognizers import CreditCardRecognizer


class DesktopCreditCardRecognizer(CreditCardRecognizer):
    def __init__(self) -> None:
        super().__init__(name="DesktopCreditCardRecognizer")

    def invalidate_result(self, pattern_text: str) -> bool:
        return pattern_text.isdigit() and pattern_text.startswith("1")
