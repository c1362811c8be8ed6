"""Credentials inside URLs and connection strings: `scheme://user:password@host`, `https://TOKEN@github.com`."""

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern


class UrlCredentialRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "password in url",
            r"(?i)\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@]{1,64}:(?P<v>[^\s@/]{1,128})@[A-Za-z0-9\[]",
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
    )
