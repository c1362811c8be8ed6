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
    # names of three and four words, with particles and initials, are found whole ...
    ("Meeting with Pásztorné Hajdu Nikoletta", [("Pásztorné Hajdu Nikoletta", "PERSON", 0.6)]),
    ("Begoña Iriarte Tejada - Slack", [("Begoña Iriarte Tejada", "PERSON", 0.85)]),
    ("Meeting with Jose Francisco Páez Ayllón", [("Jose Francisco Páez Ayllón", "PERSON", 0.85)]),
    ("Dũng Bảo Bùi - Slack", [("Dũng Bảo Bùi", "PERSON", 0.55)]),
    ("Meeting with Haydée de Carballo", [("Haydée de Carballo", "PERSON", 0.7)]),
    ("From: Dr. A. Molnár Botond", [("A. Molnár Botond", "PERSON", 0.55)]),
    # ... and not grown over ordinary words
    ("Maria Keller Notes - Google Docs", [("Maria Keller", "PERSON", 0.85)]),
    ("Maria Keller Visual Studio Code", [("Maria Keller", "PERSON", 0.85)]),
    ("Hi Maria, see the Release Notes", [("Maria", "PERSON", 0.7)]),
    # month and weekday names used as dates (CLDR, every locale) are no names ...
    ("Invoice 4983, Tháng Mười Hai - Stripe Dashboard", []),
    ("Tháng Tư - Month view - Calendar", []),
    ("Chủ Nhật standup notes", []),
    ("Events on Thứ Sáu - Calendar", []),
    ("Flights to Arnstadt, Juli 2016", []),
    ("Flights to Sadittinton, Mart 1996", []),
    ("Montag, Juli - Kalender", []),
    # place and language names (GeoNames, CLDR) are no names either ...
    ("Weather in Ostrów Wielkopolski - piątek", []),
    ("Flights to TP. Cần Thơ, Tháng Mười 2021", []),
    ("Language: North Ndebele - Preferences", []),
    ("Costa Rica - Wikipedia", []),
    ("Meeting with Vicente Guerrero", [("Vicente Guerrero", "PERSON", 0.85)]),
    ("Meeting with Hoàng Mai", [("Hoàng Mai", "PERSON", 0.6)]),  # a district of Hanoi, and a person
    ("Chat | Phương Hoàng Mai | Microsoft Teams", [("Phương Hoàng Mai", "PERSON", 0.55)]),
    # ... while people named like a month or weekday still are
    ("From: April Smith", [("April Smith", "PERSON", 0.85)]),
    ("Meeting with Juli Novak", [("Juli Novak", "PERSON", 0.6)]),
    ("Review: Kasım Yılmaz", [("Kasım Yılmaz", "PERSON", 0.55)]),
    ("Thứ Hai: call Nguyễn Thành", [("Nguyễn Thành", "PERSON", 0.6)]),
]
RECOGNIZER = build("person_gazetteer")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_person_gazetteer(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
