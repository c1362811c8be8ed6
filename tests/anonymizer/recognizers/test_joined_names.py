"""joined_names: names written as one token in file names, paths and identifiers."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("anna_schmidt_cv.pdf", [("anna_schmidt", "PERSON", 0.8)]),
    ("/home/x/maria.keller/notes", [("maria.keller", "PERSON", 0.8)]),
    ("Keller-Maria.docx", [("Keller-Maria", "PERSON", 0.8)]),
    ("AnnaSchmidt.docx", [("AnnaSchmidt", "PERSON", 0.8)]),
    ("Passport_Adrienn_Papp.jpg", [("Adrienn_Papp", "PERSON", 0.6)]),  # names no list holds
    ("Árpád_Király_notes.md", [("Árpád_Király", "PERSON", 0.6)]),
    ("Quarterly_Report_Final.docx", []),
    ("test_case.py", []),
    ("db_session", []),
    ("SessionFactory", []),
    ("MarkDown", []),
    ("Weather in Jastrzębie-Zdrój - poniedziałek", []),  # a hyphenated place name (GeoNames)
    ("Jastrzębie-Zdrój_Adrienn_Papp.pdf", [("Adrienn_Papp", "PERSON", 0.6)]),
]
RECOGNIZER = build("joined_names")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_joined_names(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
