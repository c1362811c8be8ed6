"""gated_crypto: Presidio's crypto-wallet recognizer, skipped on texts without a 25-character token."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("send to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT", [("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "CRYPTO", 1.0)]),
    ("short token 1BoatSLRHtKNn", []),
]
RECOGNIZER = build("gated_crypto")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_gated_crypto(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
