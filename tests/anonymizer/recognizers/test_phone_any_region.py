"""phone_any_region: phone numbers of every region, judged by libphonenumber."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("Call +44 20 7946 0958 now", [("+44 20 7946 0958", "PHONE_NUMBER", 0.7)]),
    ("Tel. +36 74 833-7887", [("+36 74 833-7887", "PHONE_NUMBER", 0.7)]),
    ("+81 3-1234-5678 ext. 12", [("+81 3-1234-5678 ext. 12", "PHONE_NUMBER", 0.7)]),
    ("0044 20 7946 0958", [("0044 20 7946 0958", "PHONE_NUMBER", 0.7)]),
    ("tel. 030 1234567", [("030 1234567", "PHONE_NUMBER", 0.6)]),
    ("06 12 34 56 78", [("06 12 34 56 78", "PHONE_NUMBER", 0.6)]),
    ("(415) 555-2671 x204", [("(415) 555-2671 x204", "PHONE_NUMBER", 0.6)]),
    ("03-1234-5678", [("03-1234-5678", "PHONE_NUMBER", 0.6)]),
    ("build 2024-01-15 done", []),
    ("v1.2.3.4 released at 12:30", []),
    ("id 1234567890123", []),
    ("192.168.100.200", []),
    ("Order 123 456 789", []),
]
RECOGNIZER = build("phone_any_region")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_phone_any_region(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
