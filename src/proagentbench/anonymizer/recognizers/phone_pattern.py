"""Phone numbers written with separators, whether or not the number is assigned.

Presidio's phone recognizer (libphonenumber) only accepts numbers valid in its regions, so fictional or
unassigned numbers (the 555 range, test data, typos) pass through; on a screen they are still someone's
number. Separators are required, so plain digit runs (ids, timestamps) are left alone, unless a phone word
comes shortly before (`call me at 4155550132`).
"""

from proagentbench.anonymizer.entities import PHONE
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_EXT = r"(?:\s*(?:x|ext\.?|#)\s*\d{1,5})?"


class PhonePatternRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "north american",
            r"(?<![\w.+\-])(?P<v>(?:(?:\+|00)?1[ .\-]?)?(?:\(\d{3}\)\s?|\d{3}[ .\-])\d{3}[ .\-]\d{4}"
            + _EXT
            + r")(?![\w\-])",
            0.7,
            PHONE,
        ),
        value_pattern(
            "international",
            r"(?<![\w.+])(?P<v>(?:\+|00)[1-9]\d{0,2}[ .\-]?(?:\(\d{1,4}\)[ .\-]?)?"
            r"\d{1,5}(?:[ .\-]\d{2,5}){1,4}" + _EXT + r")(?![\w\-])",
            0.7,
            PHONE,
        ),
        value_pattern(
            "unseparated after a phone word",
            r"(?i)\b(?:call|phone|tel|mobile|cell|reach|sms|text|whatsapp)\b.{0,60}?"
            r"(?<![\w+])(?P<v>\+?1?[2-9]\d{2}[2-9]\d{6})(?!\w)",
            0.6,
            PHONE,
        ),
    )
