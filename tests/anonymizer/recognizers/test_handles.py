"""handles: accounts on social and chat services."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("thanks @anna_k for this", [("anna_k", "USERNAME", 0.8)]),
    ("@anna_k: hi there", [("anna_k", "USERNAME", 0.8)]),
    (
        "follow @john.bsky.social",
        [("john.bsky.social", "USERNAME", 0.9), ("john.bsky.social", "USERNAME", 0.8)],
    ),
    ("follow @alice@mastodon.social", [("alice@mastodon.social", "USERNAME", 0.9)]),
    ("bob#4821 joined", [("bob#4821", "USERNAME", 0.75)]),
    ("Direct message with Priya Raman - Slack", [("Priya Raman", "PERSON", 0.75)]),
    ("@pytest.fixture", []),
    ("@property\ndef x(self):", []),
    ("npm i @types/node", []),
    ("x = a @ b", []),
    ("issue #1234", []),
]
RECOGNIZER = build("handles")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_handles(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
