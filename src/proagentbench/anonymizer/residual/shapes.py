"""High-recall shape checks: text that looks like personal data whatever the recognizers made of it.

Tuned for recall over precision, since a finding only stops an export for a person to look:
- NAME_SHAPE: two capitalised words (particles such as `van`, `de` between them allowed) that are each a
  listed first or last name or outside the common-word vocabulary (`Nagy Bence`, `Maria Keller`, `Luka van
  Bergen`), words that are far more often ordinary words than names (`Will`, `Page`) aside, and pairs inside
  a month or weekday name used as a date (`Tháng Mười Hai`) or a listed place or language name (`Ostrów
  Wielkopolski`, `North Ndebele`): the CLDR and GeoNames vocabularies of `calendar_words` and `place_names`,
  which are no names any more than the common words are (a listed first and last name, `Vicente Guerrero`,
  still counts);
- SECRET_SHAPE: a run of 16 or more token characters mixing letters and digits with high entropy;
- ID_SHAPE: nine or more digits in one run (spaces, dots, dashes, slashes and brackets allowed between
  groups, letters allowed before: IBANs), dates and times aside;
- EMAIL_SHAPE / HANDLE_SHAPE / URL_SHAPE: `x@y`, `@handle` and `scheme://` or `www.` addresses (Python
  decorators aside).
The anonymizer's own placeholders (`<PERSON_1a2b3c4d>`, hashes) are never a finding.
"""

import math
import re
from collections import Counter
from collections.abc import Iterator

from proagentbench.anonymizer.calendar_words import calendar_spans
from proagentbench.anonymizer.gazetteer import common_words, first_names, last_names, name_stopwords
from proagentbench.anonymizer.place_names import place_spans
from proagentbench.anonymizer.text import PLACEHOLDER

SECRET_MIN_CHARS = 16
SECRET_MIN_ENTROPY = 3.0  # bits per character; a random 16-character base62 token has about 3.7
ID_MIN_DIGITS = 9

# A placeholder becomes this mark: not a letter or digit, so it neither makes nor hides a shape of its own.
_MARK = "\u00a7"
_CAPITALISED = r"[^\W\d_a-z][^\W\d_A-Z]+(?:['’-][^\W\d_]+)?"
_PARTICLES = r"(?:(?:van|von|de|der|den|du|da|di|del|della|dos|das|la|le|ter|ten|bin|ibn|al|el)[ \t]+)*"
_NAME_PAIR = re.compile(
    rf"(?<![\w{_MARK}])({_CAPITALISED})[ \t]+(?=({_PARTICLES})({_CAPITALISED})(?![\w{_MARK}]))"
)
_SECRET = re.compile(rf"(?<![\w+/=-])[A-Za-z0-9+/_=-]{{{SECRET_MIN_CHARS},}}")
_DATE_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\b|\b\d{1,2}:\d{2}(?::\d{2})?\b"
)
_DIGIT_RUN = re.compile(r"(?<![\d.])\+?\(?\d(?:[ .()/-]{0,2}\d)+")
_AT = re.compile(rf"[\w.+{_MARK}-]*@[\w.{_MARK}-]*")
# Python decorators (`@pytest.fixture`, `@app.route(`, `@property`) in typed code, or after an editor's line
# number on screen, are not handles.
_DECORATOR = re.compile(
    r"(?m)^[ \t]*(?:\d+[ \t]+)?@(?:[A-Za-z_]\w*\. ?[\w.]+|[A-Za-z_]\w*(?=\()|(?:property|staticmethod|"
    r"classmethod|dataclass|cache|cached_property|override|abstractmethod|wraps)\b)"
)
_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'`]+", re.IGNORECASE)


def shape_findings(text: str) -> Iterator[tuple[str, str]]:
    """(entity, matched text) for every shape found in ``text``."""
    marked = PLACEHOLDER.sub(lambda m: _MARK * len(m.group()), text)
    for check in (_name_pairs, _secrets, _digit_runs, _addresses):
        for entity, start, end in check(marked):
            yield entity, text[start:end]


def _name_pairs(text: str) -> Iterator[tuple[str, int, int]]:
    vocabulary, firsts, lasts, stop = common_words(), first_names(), last_names(), name_stopwords()

    def name_ish(word: str) -> bool:
        return word not in stop and (word not in vocabulary or word in firsts or word in lasts)

    not_names: list[tuple[int, int]] | None = None  # looked up once, on the first candidate pair
    for match in _NAME_PAIR.finditer(text):
        first, second = match.group(1), match.group(3)
        # The pattern's capital is "not a-z": `đ`, `é` pass it but start no capitalised word.
        if first[0].islower() or second[0].islower():
            continue
        if name_ish(first.lower()) and name_ish(second.lower()):
            if not_names is None:
                not_names = calendar_spans(text) + place_spans(text)
            if not any(s <= match.start(1) and match.end(3) <= e for s, e in not_names):
                yield "NAME_SHAPE", match.start(1), match.end(3)


def entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())


def _secrets(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _SECRET.finditer(text):
        token = match.group()
        has_digit = any(c.isdigit() for c in token)
        has_letter = any(c.isalpha() for c in token)
        if has_digit and has_letter and entropy(token) >= SECRET_MIN_ENTROPY:
            yield "SECRET_SHAPE", match.start(), match.end()


def _digit_runs(text: str) -> Iterator[tuple[str, int, int]]:
    text = _DATE_TIME.sub(lambda m: " " * len(m.group()), text)
    for match in _DIGIT_RUN.finditer(text):
        if sum(c.isdigit() for c in match.group()) >= ID_MIN_DIGITS:
            yield "ID_SHAPE", match.start(), match.end()


def _addresses(text: str) -> Iterator[tuple[str, int, int]]:
    text = _DECORATOR.sub(lambda m: " " * len(m.group()), text)
    for match in _AT.finditer(text):
        local, _, domain = match.group().partition("@")
        local_kept, domain_kept = _kept(local), _kept(domain)
        if local_kept >= 1 and domain_kept >= 1:
            yield "EMAIL_SHAPE", match.start(), match.end()
        elif (local_kept or domain_kept) and (local_kept + domain_kept) >= 2:
            yield "HANDLE_SHAPE", match.start(), match.end()
    for match in _URL.finditer(text):
        rest = match.group().split("://", 1)[-1]
        if _kept(rest.removeprefix("www.")):
            yield "URL_SHAPE", match.start(), match.end()


def _kept(part: str) -> int:
    """Letters and digits a placeholder did not replace."""
    return sum(c.isalnum() for c in part.replace(_MARK, ""))
