"""gated_ip: Presidio's IP recognizer, skipped on texts with nothing address-like."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("ping 10.20.30.40 failed", [("10.20.30.40", "IP_ADDRESS", 0.6)]),
    ("addr fe80::1ff:fe23:4567:890a up", [("fe80::1ff:fe23:4567:890a", "IP_ADDRESS", 0.6)]),
    ("version 1.2.3", []),
    ("no address", []),
]
RECOGNIZER = build("gated_ip")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_gated_ip(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
