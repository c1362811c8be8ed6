"""high_entropy: random-looking tokens without a known prefix, not identifiers or hex hashes."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("secret Zx8Qw2Lk9Vb4Nm7Rt5Yp3Hs6", [("Zx8Qw2Lk9Vb4Nm7Rt5Yp3Hs6", "SECRET", 0.7)]),
    ("commit 3f2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a", []),
    ("AbstractSingletonProxyFactoryBean2 handles it", []),
    ("550e8400-e29b-41d4-a716-446655440000", []),
]
RECOGNIZER = build("high_entropy")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_high_entropy(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
