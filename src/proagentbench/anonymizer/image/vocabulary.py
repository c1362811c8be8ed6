"""Which OCR'd words are known to be safe, for the `allowlist` image mode: every other word is redacted, so
unknown names, IDs and tokens go without having to be recognised.

A word is safe when each of its parts (split at punctuation and at CamelCase humps) is a common word of the
bundled vocabulary that is not also a name (unless it is very frequent: "the", "van"), a word of
application chrome or programming, or a number that is not an identifier (at most three digits or a year, a
time, a percentage, a size; a bare four-digit number is a card's last four or a PIN as often as a count). A
word with an `@` in it, or with more than four digits outside such a number, is never safe (an address, a
handle, a phone or account number). Two kinds of part are safe only in some
forms: a name that is also an ordinary word ("walker", "parker", "amber") only in lower case, since
capitalised it is mostly somebody's name; and a word with two or more digits after its letters ("amber99",
"sep15": a user name) only when the whole part is a known word ("sha256", "base64").
"""

import re
from functools import cache

from proagentbench.anonymizer import gazetteer

MAX_SAFE_DIGITS = 4
_PARTS = re.compile(r"[^\W_]+")
_HUMPS = re.compile(r"[A-Z]?[a-z\u00df-\u00ff]+|[A-Z]+(?![a-z])|\d+|[^\W\d_]+")
_NUMBER = re.compile(r"\d{1,4}([.,:]\d{1,2}){0,2}")  # 42, 3.5, 12:30, 12:30:05, 1.2.3
_SIZED = re.compile(r"\d{1,4}(px|pt|em|ms|s|m|h|d|k|kb|mb|gb|x|p|st|nd|rd|th)")
_VERSION = re.compile(r"v\d{1,3}")
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR = re.compile(r"(19|20)\d\d")


@cache
def safe_vocabulary() -> frozenset[str]:
    names = (gazetteer.first_names() | gazetteer.last_names()) - gazetteer.name_stopwords()
    ordinary = gazetteer.common_words() - names
    return ordinary | gazetteer.frequent_name_words() | gazetteer.ui_words()


def is_safe_word(text: str) -> bool:
    if not any(char.isalnum() for char in text):
        return True
    if "@" in text:
        return False
    core = text.strip("()[]{}<>\"'`.,;:!?*|~$#%^&+=/\\-")
    if _FOUR_DIGITS.fullmatch(core) and not _YEAR.fullmatch(core):
        return False  # a card's last four, a PIN, an extension, the tail of an account number
    if _NUMBER.fullmatch(core):
        return True
    if sum(char.isdigit() for char in core) > MAX_SAFE_DIGITS:
        return False  # a phone number, an account number, a digit-bearing token
    parts = _PARTS.findall(core)
    return bool(parts) and all(_safe_part(part) for part in parts)


def _safe_part(part: str) -> bool:
    lower = part.lower()
    vocabulary = safe_vocabulary()
    if lower in vocabulary or _is_plain_number(lower):
        return not _capitalised_name(part)
    humps = _HUMPS.findall(part)
    if len(humps) < 2 or _user_name_with_digits(humps):
        return False
    return all((h.lower() in vocabulary and not _capitalised_name(h)) or _is_plain_number(h) for h in humps)


def _capitalised_name(part: str) -> bool:
    return part[:1].isupper() and part.lower() in gazetteer.names_capitalised()


def _user_name_with_digits(humps: list[str]) -> bool:
    """``amber99``, ``sep15``: letters, then two or more digits (not ``python3``)."""
    return any(
        len(digits) >= 2 and digits.isdigit() and letters.isalpha()
        for letters, digits in zip(humps, humps[1:], strict=False)
    )


def _is_plain_number(part: str) -> bool:
    return bool(
        (part.isdigit() and len(part) <= MAX_SAFE_DIGITS)
        or _SIZED.fullmatch(part)
        or _VERSION.fullmatch(part)
    )
