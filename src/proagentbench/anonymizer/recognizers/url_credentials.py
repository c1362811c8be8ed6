"""Credentials inside URLs and connection strings: `scheme://user:password@host` (the user name as well as
the password, which may hold `@` or percent-encoded characters), `https://TOKEN@github.com`, `ssh://josé@host`."""

from proagentbench.anonymizer.entities import SECRET, USERNAME
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

# Accounts every host has; naming them says nothing about a person (`git@github.com`).
_SHARED_USERS = frozenset({"git", "ssh", "root", "admin", "user", "postgres", "mysql", "anonymous", "ftp"})


class UrlCredentialRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "password in url",
            # up to the last `@` before the host: an unencoded `@` in a password is still the password
            r"(?i)\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@]{1,64}:(?P<v>[^\s/]{1,128})@[A-Za-z0-9\[][^\s@/]*(?=[/:?#\s]|$)",
            0.95,
            SECRET,
        ),
        value_pattern(
            "token as url user",
            r"(?i)\b[a-z][a-z0-9+.\-]{1,20}://(?P<v>[A-Za-z0-9_\-]{16,})@[A-Za-z0-9]",
            0.9,
            SECRET,
        ),
        value_pattern(
            "password in connection string",
            r"(?i)(?:^|[;\s])(?:password|pwd)\s*=\s*(?P<v>[^;\s]{1,128})",
            0.9,
            SECRET,
        ),
        value_pattern(
            "user in url",
            r"(?i)\b[a-z][a-z0-9+.\-]{1,20}://(?![A-Za-z0-9_\-]{16,}@)(?P<v>[^\s:/@]{1,64})(?::[^\s/]*)?@[A-Za-z0-9\[]",
            0.85,
            USERNAME,
        ),
    )

    def validate(self, value: str) -> bool:
        return value.lower() not in _SHARED_USERS
