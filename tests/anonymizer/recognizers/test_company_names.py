"""company_names: company names with a legal-form or industry suffix."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    (
        "Invoice from Nortex Solutions GmbH",
        [("Nortex Solutions GmbH", "ORGANIZATION", 0.75), ("Nortex Solutions", "ORGANIZATION", 0.6)],
    ),
    ("Acme Corp. quarterly", [("Acme Corp.", "ORGANIZATION", 0.75)]),
    ("Banco Sul S.A. statement", [("Banco Sul S.A.", "ORGANIZATION", 0.75)]),
    ("株式会社山田商事 - 見積書", [("株式会社山田商事", "ORGANIZATION", 0.8)]),
    ("北京华为有限公司", [("北京华为有限公司", "ORGANIZATION", 0.8)]),
    ("Kovács Kft. számla", [("Kovács Kft.", "ORGANIZATION", 0.75)]),
    ("Refund for Kovács és társa Kft.", [("Kovács és társa Kft.", "ORGANIZATION", 0.75)]),
    ("Organisation: Nordström HB", [("Nordström HB", "ORGANIZATION", 0.75)]),  # Swedish partnership
    ("Shaw and Sons", [("Shaw and Sons", "ORGANIZATION", 0.6)]),
    ("Kanban board - Jira Software", []),
    ("Enterprise Solutions overview", []),
    ("Quarterly Report AG", []),
    ("an inc test", []),
]
RECOGNIZER = build("company_names")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_company_names(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
