"""person_context: names that context marks as a person's (headers, speakers, greetings, mentions)."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("From: Priya Raman <priya.raman@contoso-partners.com>", [("Priya Raman", "PERSON", 0.8)]),
    (
        "To: Nagy Bence, Kovács Réka <reka@example.hu>",
        [("Nagy Bence", "PERSON", 0.8), ("Kovács Réka", "PERSON", 0.8)],
    ),
    ("Priya Raman: thanks!", [("Priya Raman", "PERSON", 0.65)]),
    ("[10:42] Réka: ok", [("Réka", "PERSON", 0.65)]),
    ("Hi Priya,\nthe release moves", [("Priya", "PERSON", 0.7)]),
    ("Hallo Jürgen!", [("Jürgen", "PERSON", 0.7)]),
    ("Hi Priya,\nsee you Friday.\nAlex\n", [("Priya", "PERSON", 0.7), ("Alex", "PERSON", 0.7)]),
    ("Alex\n", [("Alex", "PERSON", 0.7)]),  # a sign-off typed as a text of its own
    ("Settings\n", []),
    ("Release notes", []),
    ("ping @Anna Schmidt about it", [("Anna Schmidt", "PERSON", 0.7)]),
    ("deploy is out, Priya please check the checkout page", [("Priya", "PERSON", 0.7)]),
    ("Réka, can you look at this", [("Réka", "PERSON", 0.7)]),
    ("Error: file not found", []),
    ("Subject: Release date", []),
    ("Hi team,", []),
    ("Note: Run tests", []),
    ("Darukezelő: job description - Confluence", []),  # a title's label, not a speaker: no list knows it
]
RECOGNIZER = build("person_context")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_person_context(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
