"""jwt: JSON Web Tokens."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"

ROWS: list[Row] = [
    (f"token: {JWT}", [(JWT, "SECRET", 0.95)]),
    ("eyJ alone is not a token", []),
]
RECOGNIZER = build("jwt")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_jwt(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
