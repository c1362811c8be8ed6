"""desktop_credit_card: Presidio's card recognizer without ms/us/ns timestamps."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("card 4111 1111 1111 1111 expires", [("4111 1111 1111 1111", "CREDIT_CARD", 1.0)]),
    ("card 4111-1111-1111-1111", [("4111-1111-1111-1111", "CREDIT_CARD", 1.0)]),
    ("ts=1700000000123456 request done", []),
    ("id 1234567890123", []),
]
RECOGNIZER = build("desktop_credit_card")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_desktop_credit_card(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
