"""JSON Web Tokens: three base64url parts, the first two JSON objects (so they start with `eyJ`)."""

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern


class JwtRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "jwt",
            r"(?P<v>eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})",
            0.95,
            SECRET,
        ),
    )
