"""shell_prompt: user and host of shell prompts and remote logins."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("jdoe@devbox:~/src$ ls", [("jdoe", "USERNAME", 0.9), ("devbox", "HOSTNAME", 0.9)]),
    ("[mkeller@build-01 app]$ make", [("mkeller", "USERNAME", 0.9), ("build-01", "HOSTNAME", 0.9)]),
    ("kurt07 @norris-18: ~/projects/api", [("kurt07", "USERNAME", 0.9), ("norris-18", "HOSTNAME", 0.9)]),
    (
        "ssh -p 22 deploy@web-3.corp.example.com",
        [("deploy", "USERNAME", 0.85), ("web-3.corp.example.com", "HOSTNAME", 0.85)],
    ),
    ("josé@laptop:~/src$ ls", [("josé", "USERNAME", 0.9), ("laptop", "HOSTNAME", 0.9)]),
    ("git clone git@github.com:acme/x.git", []),
]
RECOGNIZER = build("shell_prompt")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_shell_prompt(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
