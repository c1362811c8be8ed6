"""Intent categories of assistance requests, and a keyword classifier for the offline annotator."""

import re

INTENTS = ("debugging", "coding", "writing", "data_analysis", "explanation", "information", "other")

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "debugging",
        re.compile(r"\b(error|exception|traceback|fails?|failing|bug|not found|crash|keyerror)\b", re.I),
    ),
    (
        "data_analysis",
        re.compile(r"\b(spreadsheet|pivot|chart|pandas|growth rate|average|sum|sql|csv)\b", re.I),
    ),
    ("coding", re.compile(r"\b(python|regex|function|code|script|class|api|javascript|compile)\b", re.I)),
    ("writing", re.compile(r"\b(rewrite|formal|paragraph|email|letter|summar\w*|translate|tone)\b", re.I)),
    ("explanation", re.compile(r"^\s*(why|what is|explain|how does)\b", re.I)),
    ("information", re.compile(r"^\s*(how|what|where|when|who|which)\b", re.I)),
)


def classify_intent(text: str) -> str:
    """The first category whose keywords occur in ``text`` (rules are ordered from specific to general)."""
    for intent, pattern in _RULES:
        if pattern.search(text):
            return intent
    return "other"
