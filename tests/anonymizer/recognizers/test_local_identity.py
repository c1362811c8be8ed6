"""local_identity: the recording user's own identity (the analyzer's `identity` context) as a deny list."""

import pytest

from proagentbench.anonymizer.identity import Identity
from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

IDENTITY = Identity(("jdoe",), ("devbox",), ("Jordan Doe",), ("jd@corp.example",), ("Project Falcon",))
ROWS: list[Row] = [
    ("ssh into devbox as JDOE", [("devbox", "HOSTNAME", 0.95), ("JDOE", "USERNAME", 0.95)]),
    (
        "mail jd@corp.example about Project Falcon",
        [("jd@corp.example", "EMAIL_ADDRESS", 0.95), ("Project Falcon", "SECRET", 0.95)],
    ),
    ("Jordan said hi", [("Jordan", "PERSON", 0.95)]),
    ("jdoefile and devboxes", []),
]
RECOGNIZER = build("local_identity", IDENTITY)


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_local_identity(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)


def test_nobody_known_means_nothing_to_look_for() -> None:
    assert build("local_identity", Identity()).supported_entities == []
