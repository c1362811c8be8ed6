"""account_ids: customer, account and object identifiers."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("cus_NffrFeUfNV2Hib", [("cus_NffrFeUfNV2Hib", "ACCOUNT_ID", 0.85)]),
    ("acct_1032D82eZvKYlo2C", [("acct_1032D82eZvKYlo2C", "ACCOUNT_ID", 0.85)]),
    ("pi_3MtwBwLkdIwHu7ix28a3tqPa", [("pi_3MtwBwLkdIwHu7ix28a3tqPa", "ACCOUNT_ID", 0.85)]),
    ("Customer ID: 4829104", [("4829104", "ACCOUNT_ID", 0.75)]),
    ("Build 9876543210 done", [("9876543210", "ACCOUNT_ID", 0.6)]),
    ("Payment pi_kEAvstqVVPqzPptEJQzhkPke", [("pi_kEAvstqVVPqzPptEJQzhkPke", "ACCOUNT_ID", 0.85)]),
    ("ts 1700000000123", []),
    ("stamp 20261201093000", []),
    ("pi_approx = 3.14", []),
]
RECOGNIZER = build("account_ids")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_account_ids(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
