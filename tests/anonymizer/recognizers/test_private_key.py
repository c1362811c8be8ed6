"""private_key: PEM private-key blocks."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

BLOCK = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"

ROWS: list[Row] = [
    (BLOCK, [(BLOCK, "SECRET", 0.95)]),
    ("-----BEGIN PUBLIC KEY-----", []),
]
RECOGNIZER = build("private_key")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_private_key(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
