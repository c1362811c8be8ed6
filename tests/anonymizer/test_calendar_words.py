"""calendar_words: where a text names a month or weekday as a date (the bundled CLDR names, every locale)."""

import pytest

from proagentbench.anonymizer.calendar_words import calendar_spans, calendar_words

ROWS: list[tuple[str, list[str]]] = [
    ("Chủ Nhật standup notes", ["Chủ Nhật"]),  # a name of several words: a date anywhere
    ("Thứ Hai, Tháng Mười Một 14 - Google Calendar", ["Thứ Hai", "Tháng Mười Một"]),
    ("Invoice 4983, Tháng Mười Hai - Stripe", ["Tháng Mười Hai"]),  # CLDR's `tháng 12`, spelled out
    ("Tháng Năm 2009 - Calendar", ["Tháng Năm"]),
    ("Flights to Arnstadt, Juli 2016", ["Juli"]),  # one word: a date next to a number ...
    ("14. Juli - Kalender", ["Juli"]),
    ("Montag, Juli", ["Montag", "Juli"]),  # ... or next to another calendar name
    ("Quang Mai Mai - Slack", []),  # not the same one twice
    ("Mart 1996 raporu", ["Mart"]),
    ("Январь - Календарь", []),  # alone, a one-word name is left to the name lists
    ("From: April Smith", []),
    ("Kasım Yılmaz", []),
    ("Mei Lin joined", []),
    ("Thank you", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[text[:30] for text, _ in ROWS])
def test_calendar_spans(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in calendar_spans(text)] == expected


def test_the_bundled_names_cover_many_locales_and_scripts() -> None:
    words = calendar_words()
    names = ("thứ hai", "chủ nhật", "tháng 4", "juli", "kasım", "augusztus", "čtvrtek", "январь", "星期一")
    for name in names:
        assert name in words
    assert "jan" not in words and "mar" not in words  # abbreviations are names and words far more often
