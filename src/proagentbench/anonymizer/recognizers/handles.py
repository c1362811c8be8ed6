"""Accounts on social and chat services: `@handle` (X, Threads, GitHub, Slack), Bluesky `@name.bsky.social`,
Mastodon `@user@instance`, Discord `name#1234`, and the person named in a direct-message window title.

Decorators and at-rules (`@pytest.fixture`, `@media`, `@types/node`) are code, not handles: a handle is not
followed by `(`, `/` or `.word`, and one alone at the start of a line (a decorator) is left.
"""

from proagentbench.anonymizer.entities import PERSON, USERNAME
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_AT_RULES = frozenset(
    (  # noqa: SIM905 - a word list reads better than quoted strings
        "media import font-face keyframes charset supports page layer tailwind apply param returns return "
        "type override deprecated author since see throws link inheritdoc property staticmethod classmethod "
        "dataclass abstractmethod cache lru_cache pytest app router click overload todo everyone here channel"
    ).split()
)


_HANDLE = r"\w(?:[\w.\-]{0,38}\w)?"
_NOT_CODE = r"(?![\w@(/\-]|\.\w)"


class HandleRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "bluesky handle",
            r"(?<![\w@.])@(?P<v>[a-z0-9\-]{1,63}(?:\.[a-z0-9\-]{1,63})*\.bsky\.social)",
            0.9,
            USERNAME,
        ),
        value_pattern(
            "mastodon handle",
            r"(?<![\w@.])@(?P<v>[A-Za-z0-9_]{1,30}@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)(?![\w.\-])",
            0.9,
            USERNAME,
        ),
        value_pattern("at handle", r"(?<=[^\w@.`/\n])@(?P<v>" + _HANDLE + r")" + _NOT_CODE, 0.8, USERNAME),
        # At the start of a line only with text after it: `@property` alone there is a decorator.
        value_pattern(
            "at handle opening a line",
            r"(?m)^@(?P<v>" + _HANDLE + r")" + _NOT_CODE + r"(?=[ \t:,]+\S)",
            0.8,
            USERNAME,
        ),
        value_pattern("discord tag", r"(?<![\w#])(?P<v>[A-Za-z0-9_.]{2,32}#\d{4})(?!\d)", 0.75, USERNAME),
        value_pattern(
            "direct-message title",
            r"(?i)\b(?:direct messages? (?:with|from|to)|dm with|dms? with|private chat with|chat with|"
            r"conversation with|messages? with)[ \t]+@?(?P<v>[^\s\-|–—·(),:][^\-|–—·(),:\n]{0,38}?)"
            r"(?=[ \t]*(?:[\-|–—·(,:]|$))",
            0.75,
            PERSON,
        ),
    )

    def validate(self, value: str) -> bool:
        lowered = value.lower()
        if "#" in value:
            return value.split("#")[0].lower() not in {"pr", "issue", "bug", "ticket", "item", "no", "nr"}
        return lowered not in _AT_RULES and not lowered.isdigit()
