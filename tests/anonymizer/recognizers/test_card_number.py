"""card_number: Luhn-valid card numbers of issuers Presidio's pattern misses; timestamps rejected."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("card 2256449891978237 on file", [("2256449891978237", "CREDIT_CARD", 0.9)]),
    ("visa 4783229808769548387", [("4783229808769548387", "CREDIT_CARD", 0.9)]),
    ("jcb 180040391175526", [("180040391175526", "CREDIT_CARD", 0.9)]),
    ("maestro 502000536909", [("502000536909", "CREDIT_CARD", 0.9)]),
    ("ts 1700000000000004", []),
    ("order 4783229808769548388", []),
]
RECOGNIZER = build("card_number")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_card_number(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
