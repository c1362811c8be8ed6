"""offline_email: Presidio's email recognizer with an offline public-suffix check."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("write to maria.keller@example.com", [("maria.keller@example.com", "EMAIL_ADDRESS", 1.0)]),
    ("mail a@b.co.uk now", [("a@b.co.uk", "EMAIL_ADDRESS", 1.0)]),
    ("user@localhost", []),
    ("x@y.notatld", []),
    ("no at sign here", []),
]
RECOGNIZER = build("offline_email")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_offline_email(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
