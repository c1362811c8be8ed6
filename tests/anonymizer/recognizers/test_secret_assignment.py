"""secret_assignment: `KEY=value` assignments and flags whose name looks secret."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("export DB_PASSWORD=hunter2hunter", [("hunter2hunter", "SECRET", 0.85)]),
    ('"api_key": "AbCdEf123456"', [("AbCdEf123456", "SECRET", 0.85)]),
    ("mysql -u root --password s3cretpw", [("s3cretpw", "SECRET", 0.85)]),
    ("token: str = None", []),
    ("PASSWORD=$DB_PASSWORD", []),
    ("password: ********", []),
]
RECOGNIZER = build("secret_assignment")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_secret_assignment(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
