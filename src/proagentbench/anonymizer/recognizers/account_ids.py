"""Customer, account and object identifiers: Stripe-style object ids (`cus_`, `acct_`, `pi_`, `sub_`, `ch_`,
`in_`...) 0.85; a number after an account or customer word (`Customer ID: 4829104`, `acct no. 00123456`)
0.75; and long digit runs (10 to 20 digits) that are no timestamp: 0.6.

Epoch timestamps (10, 13, 16 or 19 digits starting with 1) and date stamps (`20261201`, `20261201093000`)
are left; so are runs inside words, versions and hex hashes.
"""

import re

from proagentbench.anonymizer.entities import ACCOUNT_ID
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_OBJECT_PREFIXES = (
    "cus|acct|pi|pm|ch|py|in|ii|il|sub|si|price|prod|txn|re|po|tr|evt|seti|src|card|ba|btok|tok|cs|dp|ipi|"
    "ord|org|usr|user|team|ws|proj|inv|sess|cust|mbr"
)
_DATE_STAMP = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\d{4}|\d{6})?")


class AccountIdRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "object id",
            r"(?<![A-Za-z0-9_])(?P<v>(?:"
            + _OBJECT_PREFIXES
            + r")_(?=[A-Za-z0-9]*(?:\d|[a-z][A-Z]|[A-Z][a-z]))[A-Za-z0-9]{8,40})(?![A-Za-z0-9_])",
            0.85,
            ACCOUNT_ID,
        ),
        value_pattern(
            "number after an account word",
            r"(?i)\b(?:account|acct|customer|client|member|membership|subscriber|user|policy|patient|employee|"
            r"contract|kundennummer|kunden-nr|vertragsnummer|numéro client)\b"
            r"[ \t]*(?:id|no\.?|nr\.?|number|#|num)?"
            r"[ \t]*[:#=]?[ \t]*(?P<v>\d[\d \-]{4,22}\d)(?!\d)",
            0.75,
            ACCOUNT_ID,
        ),
        value_pattern("long digit run", r"(?<![\w.\-/#])(?P<v>\d{10,20})(?![\w.])", 0.6, ACCOUNT_ID),
    )

    def validate(self, value: str) -> bool:
        if not value.isdigit():
            return True
        if value.startswith("1") and len(value) in (10, 13, 16, 19):
            return False  # epoch seconds, ms, us, ns
        return not _DATE_STAMP.fullmatch(value)
