"""url_query_token: secrets in URL query strings."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("https://x.example.com/reset?token=abcDEF123456&lang=en", [("abcDEF123456", "SECRET", 0.85)]),
    ("https://s3.amazonaws.com/b/k?X-Amz-Signature=deadbeef1234", [("deadbeef1234", "SECRET", 0.85)]),
    ("https://example.com/search?q=weather&page=2", []),
]
RECOGNIZER = build("url_query_token")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_url_query_token(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
