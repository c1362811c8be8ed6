"""Month and weekday names of every CLDR locale (`data/calendar_words.txt`, built by
scripts/build_calendar_words.py), and the parts of a text where they are dates rather than names.

- A name of several words (`Chủ Nhật`, `Thứ Hai`, `An t-Samhain`) is a date wherever it stands.
- A locale that writes its months as a word and a number (`tháng 4`) also spells the number out (`Tháng Tư`,
  `Tháng Mười Một`): that word followed by one or two short words is a date too.
- A one-word name (`Juli`, `Mart`, `Kasım`, `April`) is also a first name somewhere, so it is a date only next
  to a number (`Juli 2016`, `14. Juli`, `Mart 1996`) or to another calendar name (`Montag, Juli`; not the
  same one twice, `Mai Mai`); elsewhere the name lists decide.
"""

import re
from functools import cache

from proagentbench.anonymizer.gazetteer import word_list
from proagentbench.anonymizer.phrases import WORD, Phrases, Token, longest_at, tokens

Span = tuple[int, int]
_NUMBER_AFTER = re.compile(r"[ ,.]{0,2}\d")
_NUMBER_BEFORE = re.compile(r"\d\.? ?$")
_SPELLED_NUMBER_WORD = 5  # letters: Vietnamese `một`... `mười`, `giêng`
_ADJACENT = (" ", ", ")


@cache
def calendar_words() -> frozenset[str]:
    return word_list("calendar_words.txt")


@cache
def _index() -> tuple[Phrases, frozenset[str]]:
    """The names, and the words that precede a number in a locale's month names."""
    names: list[str] = []
    counts: dict[str, int] = {}
    for name in calendar_words():
        words = WORD.findall(name)
        if len(words) == 1 and name != words[0]:  # `tháng 4`: a word, then digits
            counts[words[0]] = counts.get(words[0], 0) + 1
        elif words:
            names.append(" ".join(words))
    # A word before a number in most of one locale's twelve months is that locale's month word.
    return Phrases.of(names), frozenset(word for word, count in counts.items() if count >= 7)


def may_begin_date(word: str) -> bool:
    """Whether a (lower-case) word is the first word of a calendar name or a month word."""
    names, prefixes = _index()
    return word in names.first_words or word in prefixes


def calendar_spans(text: str, words: list[Token] | None = None) -> list[Span]:
    """Where `text` names a month or a weekday as a date (rules in the module docstring); `words`: the
    text's `phrases.tokens`, when the caller has them already."""
    names, prefixes = _index()
    words = tokens(text) if words is None else words
    found: list[tuple[Span, bool]] = []  # (span, a date wherever it stands)
    position = 0
    while position < len(words):
        start, _, word = words[position]
        length = longest_at(text, words, position, names)
        certain = length > 1
        if length == 0 and word in prefixes:
            length = 1 + _spelled_number(text, words, position)
            certain = True
        if length <= (1 if certain else 0):
            position += 1
            continue
        found.append(((start, words[position + length - 1][1]), certain))
        position += length
    spans = []
    for number, ((start, end), certain) in enumerate(found):
        # another calendar name right beside it, not the same word twice (`Mai Mai` is a name)
        beside = [
            found[i][0]
            for i in (number - 1, number + 1)
            if 0 <= i < len(found) and text[slice(*found[i][0])].lower() != text[start:end].lower()
        ]
        if (
            certain
            or _NUMBER_AFTER.match(text, end)
            or _NUMBER_BEFORE.search(text, 0, start)
            or any(text[min(e, end) : max(s, start)] in _ADJACENT for s, e in beside)
        ):
            spans.append((start, end))
    return spans


def _spelled_number(text: str, words: list[Token], position: int) -> int:
    """How many (at most two) short words follow the month word at `position`, each after one space."""
    count = 0
    while count < 2 and position + count + 1 < len(words):
        start, end, _ = words[position + count + 1]
        if text[words[position + count][1] : start] != " " or end - start > _SPELLED_NUMBER_WORD:
            break
        count += 1
    return count
