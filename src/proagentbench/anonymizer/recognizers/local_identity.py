"""The recording user's own identity (user name, host name, full name, listed names and emails) as a
deny list."""

import re

from proagentbench.anonymizer.entities import EMAIL, HOSTNAME, PERSON, SECRET, USERNAME
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.recognizers.base import GroupPattern, GroupRecognizer, value_pattern

# Too short or too common to deny-list without wiping ordinary words (a user called `dev` or `admin`).
_MIN_TERM = 3
_GENERIC_ACCOUNTS = frozenset({"root", "admin", "user", "dev", "ubuntu", "debian", "localhost", "runner"})


def _alternation(terms: list[str]) -> str:
    return "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))


def identity_patterns(identity: Identity) -> list[GroupPattern]:
    by_entity: dict[str, list[str]] = {USERNAME: [], HOSTNAME: [], PERSON: [], EMAIL: [], SECRET: []}
    for name in identity.user_names:
        by_entity[USERNAME].append(name)
    by_entity[HOSTNAME].extend(identity.host_names)
    for full_name in identity.person_names:
        by_entity[PERSON].append(full_name)
        by_entity[PERSON].extend(full_name.replace(",", " ").split())
    by_entity[EMAIL].extend(identity.emails)
    by_entity[SECRET].extend(identity.extra_terms)
    patterns = []
    for entity, terms in by_entity.items():
        kept = [t for t in terms if len(t) >= _MIN_TERM and t.lower() not in _GENERIC_ACCOUNTS]
        if kept:
            regex = r"(?i)(?<![A-Za-z0-9])(?P<v>" + _alternation(kept) + r")(?![A-Za-z0-9])"
            patterns.append(value_pattern(f"local {entity.lower()}", regex, 0.95, entity))
    return patterns


class LocalIdentityRecognizer(GroupRecognizer):
    def __init__(self, identity: Identity) -> None:
        super().__init__(identity_patterns(identity))
