"""`KEY=value` assignments whose name looks secret (PASSWORD=, api_key:, "token": "...", --password xyz)."""

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_SECRET_NAME = (
    r"[A-Za-z0-9_.\-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key"
    r"|private[_\-]?key|auth[_\-]?key|credentials?|session[_\-]?id|cookie|signing[_\-]?key)[A-Za-z0-9_.\-]*"
)
# Values that are code or placeholders, not secrets (type hints, nulls, masked or templated values).
_NOT_SECRETS = frozenset(
    (  # noqa: SIM905 - a word list reads better one line at a time
        "none null true false str string int bool bytes optional required undefined nil empty changeme "
        "redacted hidden secret password token self await new this function lambda input getpass request "
        "config settings args kwargs env"
    ).split()
)


class SecretAssignmentRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "secret assignment",
            r"(?i)(?<![A-Za-z0-9])" + _SECRET_NAME + r"[\"']?\s*(?:=|:|=>)\s*[\"']?(?P<v>[^\s\"',;)}\]]{4,})",
            0.85,
            SECRET,
        ),
        value_pattern(
            "secret flag",
            r"(?i)(?<!\S)--?(?:password|passwd|token|api-key|secret|pass)\s+[\"']?(?P<v>[^\s\"']{4,})",
            0.85,
            SECRET,
        ),
    )

    def validate(self, value: str) -> bool:
        lowered = value.lower()
        if lowered in _NOT_SECRETS or lowered.startswith(
            ("$", "<", "%", "{{", "os.environ", "getenv", "process.env", "self.", "config.")
        ):
            return False
        return len(set(value)) > 2 and not set(value) <= set("*x•.")
