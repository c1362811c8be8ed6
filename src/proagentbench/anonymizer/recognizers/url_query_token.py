"""Secrets in URL query strings: `?access_token=...`, `&sig=...`, `X-Amz-Signature=...`."""

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_NAMES = (
    r"(?:access_token|refresh_token|id_token|token|auth|key|api_key|apikey|sig|signature|code|session|sid"
    r"|password|pwd|secret|client_secret|x-amz-signature|x-amz-credential|x-amz-security-token|jwt)"
)


class UrlQueryTokenRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "url query token",
            r"(?i)[?&#]" + _NAMES + r"=(?P<v>[^&#\s\"'<>]{6,})",
            0.85,
            SECRET,
        ),
    )
