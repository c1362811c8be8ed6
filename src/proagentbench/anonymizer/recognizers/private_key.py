"""PEM private-key blocks, up to their END line or the end of the text (a block cut off on screen)."""

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_KIND = r"(?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?"


class PrivateKeyRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "pem private key block",
            r"(?P<v>-----BEGIN " + _KIND + r"-----[\s\S]*?(?:-----END " + _KIND + r"-----|\Z))",
            0.95,
            SECRET,
        ),
    )
