"""cloud_keys: AWS access key ids and secret keys, Google API keys and OAuth tokens, Azure account keys."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

ROWS: list[Row] = [
    ("aws key AKIAIOSFODNN7EXAMPLE in config", [("AKIAIOSFODNN7EXAMPLE", "SECRET", 0.95)]),
    (f"aws_secret_access_key = {AWS_SECRET}", [(AWS_SECRET, "SECRET", 0.95)]),
    (
        "key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
        [("AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "SECRET", 0.95)],
    ),
    ("AKIA is the prefix of AWS keys", []),
    ("XAKIAIOSFODNN7EXAMPLE9", []),
]
RECOGNIZER = build("cloud_keys")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_cloud_keys(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
