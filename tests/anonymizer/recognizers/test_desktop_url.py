"""desktop_url: Presidio's URL recognizer without file names and cut-off domains, plus any-TLD scheme URLs."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("see https://docs.example.org/guide", [("https://docs.example.org/guide", "URL", 0.6)]),
    ("visit www.example.com today", [("www.example.com", "URL", 0.5)]),
    ("https://shop.example.biz/cart", [("https://shop.example.biz/cart", "URL", 0.6)]),
    ("README.md - Visual Studio Code", []),
    ("python main.py --verbose", []),
    ("postgres host db.internal", []),
    ("cat ~/.ssh/id_rsa.pub", []),  # a key file, not the URL rsa.pub
    ("follow @anna.bsky.social", []),  # a handle's domain: the handles recognizer reports the handle
]
RECOGNIZER = build("desktop_url")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_desktop_url(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
