"""postal_address: postal addresses in US/UK, European and Japanese styles."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    (
        "1600 Pennsylvania Ave NW, Washington, DC 20500",
        [("1600 Pennsylvania Ave NW, Washington, DC 20500", "ADDRESS", 0.7)] * 2,
    ),
    ("lives at 221B Baker Street, London", [("221B Baker Street, London", "ADDRESS", 0.7)]),
    ("SW1A 1AA", [("SW1A 1AA", "ADDRESS", 0.6)]),
    (
        "Hauptstraße 5, 10115 Berlin",
        [("Hauptstraße 5, 10115 Berlin", "ADDRESS", 0.7), ("Hauptstraße 5, 10115 Berlin", "ADDRESS", 0.65)],
    ),
    ("12 rue de la Paix, 75002 Paris", [("12 rue de la Paix, 75002 Paris", "ADDRESS", 0.7)]),
    ("Strada Preda Nr. 14", [("Strada Preda Nr. 14", "ADDRESS", 0.7)]),  # Romanian, `Nr.` before the number
    ("Calea Victoriei 12", [("Calea Victoriei 12", "ADDRESS", 0.7)]),
    (
        "Calle Mayor 3, 28013 Madrid",
        [("Calle Mayor 3, 28013 Madrid", "ADDRESS", 0.7), ("Calle Mayor 3, 28013 Madrid", "ADDRESS", 0.65)],
    ),
    ("〒100-0001 東京都千代田区千代田1-1", [("〒100-0001 東京都千代田区千代田1-1", "ADDRESS", 0.75)]),
    ("Agroksentie 366, 12951 Joutsa", [("Agroksentie 366, 12951 Joutsa", "ADDRESS", 0.65)]),
    ("Place Order - Shop", []),
    ("Version 2 Release Notes", []),
]
RECOGNIZER = build("postal_address")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_postal_address(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
