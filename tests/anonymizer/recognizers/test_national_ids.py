"""national_ids: national identity numbers of many countries, and the UK NINO in every spacing."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("NI: AB123456C", [("AB123456C", "NATIONAL_ID", 0.85)]),
    ("AB 12 34 56 C", [("AB 12 34 56 C", "NATIONAL_ID", 0.85)]),
    ("ab-12-34-56-c", [("ab-12-34-56-c", "NATIONAL_ID", 0.85)]),
    ("NHS 943 476 5919", [("943 476 5919", "NATIONAL_ID", 1.0)]),
    ("DNI 12345678Z", [("12345678Z", "NATIONAL_ID", 1.0)]),
    ("PESEL 44051401359", [("44051401359", "NATIONAL_ID", 1.0)]),
    ("Aadhaar 2345 6789 0124", [("2345 6789 0124", "NATIONAL_ID", 1.0)]),
    ("QQ 12 34 56 A", []),
    ("GB 12 34 56 A", []),
    ("version 12345678", []),
]
RECOGNIZER = build("national_ids")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_national_ids(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
