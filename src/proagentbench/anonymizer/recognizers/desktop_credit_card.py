"""Presidio's credit-card recognizer without its desktop false positive: unseparated millisecond, microsecond
and nanosecond timestamps (log lines) that happen to pass the Luhn check."""

from presidio_analyzer.predefined_recognizers import CreditCardRecognizer

from proagentbench.anonymizer.recognizers.gated_builtins import PatternGate, digit_count

MIN_DIGITS = 12


class DesktopCreditCardRecognizer(PatternGate, CreditCardRecognizer):
    def __init__(self) -> None:
        super().__init__(name="DesktopCreditCardRecognizer")

    def worth_analyzing(self, text: str) -> bool:
        return digit_count(text) >= MIN_DIGITS

    def invalidate_result(self, pattern_text: str) -> bool:
        # epoch timestamps in ms, us and ns: 13, 16 or 19 digits starting with 1 (JCB's 15-digit 1800 stays)
        return pattern_text.isdigit() and pattern_text.startswith("1") and len(pattern_text) in (13, 16, 19)
