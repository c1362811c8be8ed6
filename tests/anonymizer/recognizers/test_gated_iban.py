"""gated_iban: Presidio's IBAN recognizer, skipped on texts with fewer than eight digits."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("IBAN DE89 3704 0044 0532 0130 00", [("DE89 3704 0044 0532 0130 00", "IBAN_CODE", 1.0)]),
    ("IBAN GB82WEST12345698765432", [("GB82WEST12345698765432", "IBAN_CODE", 1.0)]),
    ("DE89 is not enough", []),
    ("account 12345678", []),
]
RECOGNIZER = build("gated_iban")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_gated_iban(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
