"""home_path: the user segment of home-directory paths."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("vim /home/jdoe/src/main.py", [("jdoe", "USERNAME", 0.9)]),
    ("open /Users/maria.keller/Desktop", [("maria.keller", "USERNAME", 0.9)]),
    (r"C:\Users\mkeller\AppData\Local", [("mkeller", "USERNAME", 0.9)]),
    ("cd /home/Shared/docs", []),
    ("see docs/home/page", []),
]
RECOGNIZER = build("home_path")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_home_path(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
