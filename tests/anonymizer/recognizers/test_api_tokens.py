"""api_tokens: service tokens with a known prefix (GitHub, Slack, OpenAI-style, Hugging Face, bearer...)."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

GH = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"

ROWS: list[Row] = [
    (f"git remote set-url origin https://{GH}@github.com/x/y", [(GH, "SECRET", 0.95)]),
    ("SLACK=xoxb-1234567890-abcdefghij", [("xoxb-1234567890-abcdefghij", "SECRET", 0.95)]),
    ("OPENAI_API_KEY sk-proj-Ab12Cd34Ef56Gh78Ij90Kl", [("sk-proj-Ab12Cd34Ef56Gh78Ij90Kl", "SECRET", 0.9)]),
    ("Authorization: Bearer abcdef0123456789ABCDEF", [("abcdef0123456789ABCDEF", "SECRET", 0.85)]),
    ("hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", [("hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567", "SECRET", 0.95)]),
    ("the task-list and sk-learn are fine", []),
]
RECOGNIZER = build("api_tokens")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_api_tokens(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
