"""gated_ssn: Presidio's US SSN recognizer, skipped on texts with fewer than nine digits."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("ssn 536-22-8726", [("536-22-8726", "US_SSN", 0.5)]),
    ("ssn 536 22 8726", [("536 22 8726", "US_SSN", 0.5)]),
    ("ssn 123-45-6789", []),
    ("id 666-12-3456", []),
    ("only 8 digits 12345678", []),
]
RECOGNIZER = build("gated_ssn")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_gated_ssn(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
