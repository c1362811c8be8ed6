"""person_gazetteer: person names without NER, from the bundled name lists (scores in its docstring)."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("Meeting with Maria Keller at noon", [("Maria Keller", "PERSON", 0.85)]),
    ("Keller, Maria sent a file", [("Keller, Maria", "PERSON", 0.85)]),
    ("Hi Maria, thanks", [("Maria", "PERSON", 0.7)]),
    ("Иван Петров joined the call", [("Иван Петров", "PERSON", 0.85)]),
    ("王秀英的报告", []),
    ("Notes from 王秀英", [("王秀英", "PERSON", 0.85)]),
    ("Pull request by Nagy Bence", [("Nagy Bence", "PERSON", 0.6)]),
    ("Review: Kovács Réka", [("Kovács Réka", "PERSON", 0.55)]),
    ("Visual Studio Code", []),
    ("Page Down to scroll", []),
    ("New Document - Visual Studio Code", []),
]
RECOGNIZER = build("person_gazetteer")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_person_gazetteer(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
