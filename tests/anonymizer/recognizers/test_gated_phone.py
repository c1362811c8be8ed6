"""gated_phone: Presidio's phone recognizer (libphonenumber, the analyzer's regions), skipped on texts with
fewer than seven close digits. Scores are before context enhancement."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("call +1 415-555-0132", [("+1 415-555-0132", "PHONE_NUMBER", 0.4)]),
    ("call 020 7946 0958", [("020 7946 0958", "PHONE_NUMBER", 0.4)]),
    ("office (212) 736-5000", [("(212) 736-5000", "PHONE_NUMBER", 0.4)]),
    ("Tel: +49 30 901820", [("+49 30 901820", "PHONE_NUMBER", 0.4)]),
    ("ticket #9999 (1234)", []),
    ("no digits at all", []),
]
RECOGNIZER = build("gated_phone")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_gated_phone(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
