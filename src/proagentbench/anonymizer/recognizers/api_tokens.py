"""Service tokens with a recognisable prefix: GitHub, GitLab, Slack, OpenAI-style, Stripe, Hugging Face,
npm, PyPI, and bearer tokens."""

from proagentbench.anonymizer.entities import SECRET
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_END = r"(?![A-Za-z0-9_\-])"


class ApiTokenRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern("github token", r"(?P<v>gh[pousr]_[A-Za-z0-9]{30,255})" + _END, 0.95, SECRET),
        value_pattern("github fine-grained token", r"(?P<v>github_pat_[A-Za-z0-9_]{22,255})", 0.95, SECRET),
        value_pattern("gitlab token", r"(?P<v>glpat-[A-Za-z0-9_\-]{20,})", 0.95, SECRET),
        value_pattern("slack token", r"(?P<v>xox[abposre]-[A-Za-z0-9\-]{10,})", 0.95, SECRET),
        value_pattern(
            "slack webhook",
            r"hooks\.slack\.com/services/(?P<v>T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]+)",
            0.95,
            SECRET,
        ),
        value_pattern(
            "openai-style key", r"(?<![A-Za-z0-9])(?P<v>sk-[A-Za-z0-9_\-]{20,})" + _END, 0.9, SECRET
        ),
        value_pattern(
            "stripe key", r"(?P<v>(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,})" + _END, 0.95, SECRET
        ),
        value_pattern("hugging face token", r"(?P<v>hf_[A-Za-z0-9]{30,})" + _END, 0.95, SECRET),
        value_pattern("npm token", r"(?P<v>npm_[A-Za-z0-9]{36})" + _END, 0.95, SECRET),
        value_pattern("pypi token", r"(?P<v>pypi-[A-Za-z0-9_\-]{50,})", 0.95, SECRET),
        value_pattern("bearer token", r"(?i)\bbearer\s+(?P<v>[A-Za-z0-9\-._~+/]{16,}=*)", 0.85, SECRET),
    )
