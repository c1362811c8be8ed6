"""Month and weekday names of every CLDR locale (`data/calendar_words.txt`, built by
scripts/build_calendar_words.py), and the parts of a text where they are dates rather than names.

- A name of several words (`Chủ Nhật`, `Thứ Hai`, `An t-Samhain`) is a date wherever it stands.
- A locale that writes its months as a word and a number (`tháng 4`) also spells the number out (`Tháng Tư`,
  `Tháng Mười Một`): that word followed by one or two short words is a date too.
- A one-word name (`Juli`, `Mart`, `Kasım`, `April`) is also a first name somewhere, so it is a date only next
  to a number (`Juli 2016`, `14. Juli`, `Mart 1996`) or to another calendar name (`Montag, Juli`); elsewhere
  the name lists decide.
"""

import re
from functools import cache
from importlib import resources

Span = tuple[int, int]
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NUMBER_AFTER = re.compile(r"[ ,.]{0,2}\d")
_NUMBER_BEFORE = re.compile(r"\d\.? ?$")
_SPELLED_NUMBER_WORD = 5  # letters: Vietnamese `một`... `mười`, `giêng`
_ADJACENT = (" ", ", ")


@cache
def calendar_words() -> frozenset[str]:
    data = resources.files("proagentbench.anonymizer").joinpath("data", "calendar_words.txt")
    text = data.read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@cache
def _index() -> tuple[dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    """First word -> the names starting with it (longest first), and the words that precede a number."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    counts: dict[str, int] = {}
    for name in calendar_words():
        words = tuple(_TOKEN.findall(name))
        if not words:
            continue
        if len(words) == 1 and name != words[0]:  # `tháng 4`: a word, then digits
            counts[words[0]] = counts.get(words[0], 0) + 1
            continue
        by_first.setdefault(words[0], []).append(words)
    # A word that precedes a number in most of one locale's twelve months is that locale's month word.
    prefixes = frozenset(word for word, count in counts.items() if count >= 7)
    for word in prefixes:
        by_first.setdefault(word, [])
    index = {word: tuple(sorted(names, key=len, reverse=True)) for word, names in by_first.items()}
    return index, prefixes


def calendar_spans(text: str) -> list[Span]:
    """Where `text` names a month or a weekday as a date (rules in the module docstring)."""
    index, prefixes = _index()
    tokens = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
    found: list[tuple[Span, bool]] = []  # (span, certain)
    position = 0
    while position < len(tokens):
        start, end, word = tokens[position]
        names = index.get(word)
        if names is None:
            position += 1
            continue
        length = next((len(n) for n in names if _matches(text, tokens, position, n)), 0)
        if length == 0 and word in prefixes:
            length = 1 + _spelled_number(text, tokens, position)
            if length > 1:
                found.append(((start, tokens[position + length - 1][1]), True))
                position += length
                continue
        if length == 0:
            position += 1
            continue
        found.append(((start, tokens[position + length - 1][1]), length > 1))
        position += length
    spans = []
    for number, ((start, end), certain) in enumerate(found):
        beside = [found[i][0] for i in (number - 1, number + 1) if 0 <= i < len(found)]
        if (
            certain
            or _NUMBER_AFTER.match(text, end)
            or _NUMBER_BEFORE.search(text, 0, start)
            or any(text[min(e, end) : max(s, start)] in _ADJACENT for s, e in beside)
        ):
            spans.append((start, end))
    return spans


def _matches(text: str, tokens: list[tuple[int, int, str]], position: int, name: tuple[str, ...]) -> bool:
    if position + len(name) > len(tokens):
        return False
    for offset, word in enumerate(name):
        start, _, token = tokens[position + offset]
        if token != word or (offset and text[tokens[position + offset - 1][1] : start] != " "):
            return False
    return True


def _spelled_number(text: str, tokens: list[tuple[int, int, str]], position: int) -> int:
    """How many (at most two) short words follow the month word at `position`, each after one space."""
    count = 0
    while count < 2 and position + count + 1 < len(tokens):
        start, end, _ = tokens[position + count + 1]
        if text[tokens[position + count][1] : start] != " " or end - start > _SPELLED_NUMBER_WORD:
            break
        count += 1
    return count
