"""Cloud provider credentials: AWS access key ids, Google API keys and OAuth tokens, Azure account keys."""

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern


class CloudKeyRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "aws access key id",
            r"(?<![A-Z0-9])(?P<v>(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Z0-9])",
            0.95,
            SECRET,
        ),
        value_pattern(
            "aws secret access key",
            r"(?i)aws_?secret_?(?:access_?)?key\W{0,4}(?P<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])",
            0.95,
            SECRET,
        ),
        value_pattern("google api key", r"(?P<v>AIza[0-9A-Za-z_\-]{35})(?![0-9A-Za-z_\-])", 0.95, SECRET),
        value_pattern("google oauth token", r"(?P<v>ya29\.[0-9A-Za-z_\-]{20,})", 0.95, SECRET),
        value_pattern("azure account key", r"(?i)AccountKey=(?P<v>[A-Za-z0-9/+]{40,}={0,2})", 0.95, SECRET),
    )
