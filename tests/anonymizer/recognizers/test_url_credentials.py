"""url_credentials: credentials inside URLs and connection strings."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"

ROWS: list[Row] = [
    ("postgres://admin:S3cr3t!@db.internal:5432/app", [("S3cr3t!", "SECRET", 0.95)]),
    (f"https://{GH}@github.com/acme/repo.git", [(GH, "SECRET", 0.9)]),
    ("Server=db;Database=app;User Id=sa;Password=Tr0ub4dor&3;", [("Tr0ub4dor&3", "SECRET", 0.9)]),
    (
        "postgres://app:p@ss%40w0rd@db.internal:5432/shop",
        [("app", "USERNAME", 0.85), ("p@ss%40w0rd", "SECRET", 0.95)],
    ),
    ("git clone ssh://josé@build-01/srv/repo.git", [("josé", "USERNAME", 0.85)]),
    ("git clone git@github.com:acme/x.git and ssh://git@host/x", []),
    ("https://github.com/acme/repo.git", []),
]
RECOGNIZER = build("url_credentials")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_url_credentials(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
