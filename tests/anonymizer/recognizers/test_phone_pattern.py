"""phone_pattern: separated phone numbers, assigned or not, and unseparated ones after a phone word."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("call (415) 555-0132 now", [("(415) 555-0132", "PHONE_NUMBER", 0.7)]),
    ("+44 20 7946 0958 office", [("+44 20 7946 0958", "PHONE_NUMBER", 0.7)]),
    ("2024-05-01 12:30:45 started", []),
    ("version 1.2.3 build 4567", []),
    ("call me back at 7188359007?", [("7188359007", "PHONE_NUMBER", 0.6)]),
    ("order 7188359007 shipped", []),
]
RECOGNIZER = build("phone_pattern")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_phone_pattern(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
