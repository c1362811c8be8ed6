"""place_names: multi-word place and language names (GeoNames cities, CLDR territories and languages)."""

import pytest

from proagentbench.anonymizer.place_names import fold, place_names, place_spans

ROWS: list[tuple[str, list[str]]] = [
    ("Weather in Ostrów Wielkopolski - piątek", ["Ostrów Wielkopolski"]),
    ("Weather in Jastrzębie-Zdrój - poniedziałek", ["Jastrzębie-Zdrój"]),  # GeoNames writes a space
    ("Flights to TP. Cần Thơ, Tháng Mười 2021", ["Cần Thơ"]),
    ("Costa Rica - Wikipedia", ["Costa Rica"]),
    ("Weather in thành phố Đà Nẵng - Thứ Bảy", ["Đà Nẵng"]),  # GeoNames writes `Da Nang`
    ("Flights to Łódź Kaliska", []),  # folded, `lodz kaliska` is no listed place either
    ("Language: North Ndebele - Preferences", ["North Ndebele"]),
    ("Meeting with Vicente Guerrero", []),  # a town, and a listed first and last name: left to the lists
    ("Meeting with Maria Keller", []),
    ("Chat | Phương Hoàng Mai | Microsoft Teams", []),  # places named like people: a longer name ...
    ("Noah Casa Grande - Slack", []),
    ("Meeting with Hoàng Mai", []),  # ... or one that is addressed or titled stays to the name lists
    ("Meeting with Quý ông Hoàng Mai", []),
    ("Dr. Casa Grande - Outlook", []),
    ("Weather in Hoàng Mai - Thứ Hai", ["Hoàng Mai"]),
    ("Weather in Budapest", []),  # one word: never a name pair anyway
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[text[:30] for text, _ in ROWS])
def test_place_spans(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in place_spans(text)] == expected


def test_the_bundled_names_are_multi_word_places_and_languages() -> None:
    names = place_names()
    expected = ("Ostrów Wielkopolski", "Costa Rica", "North Ndebele", "Cần Thơ")
    assert {fold(name) for name in expected} <= names.phrases
    assert names.longest <= 5 and not any(" " not in name for name in names.phrases)
    assert all(name == fold(name) for name in names.phrases)
