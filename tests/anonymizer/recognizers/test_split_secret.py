"""split_secret: keys split by a line wrap or OCR, reported whole."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    (
        "token ghp_8f3KQ2abcd\nEFGH5678ijklMNOP9012qrstUVWX",
        [
            ("ghp_8f3KQ2abcd\nEFGH5678ijklMNOP9012qrstUVWX", "SECRET", 0.85),
            ("ghp_8f3KQ2abcd\nEFGH5678ijklMNOP9012qrstUVWX", "SECRET", 0.7),
        ],
    ),
    ("AKIAQ3EX 7MPL4K2Z9W", [("AKIAQ3EX 7MPL4K2Z9W", "SECRET", 0.85)]),
    ("secret q8Xz2LmN4vB7 kP3sW9tY6rQ1 hJ5", [("q8Xz2LmN4vB7 kP3sW9tY6rQ1", "SECRET", 0.7)]),
    ("Screenshot 2026-11-30 at 10.42.13.png", []),
    ("sk-abc next line of text", []),
    ("abcdefghijkl mnopqrstuvwx", []),
]
RECOGNIZER = build("split_secret")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_split_secret(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
