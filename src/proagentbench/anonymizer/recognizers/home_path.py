"""Home-directory paths on Linux, macOS and Windows: the user-name segment is reported, the path kept."""

from proagentbench.anonymizer.entities import USERNAME
from proagentbench.anonymizer.recognizers.base import GroupRecognizer, value_pattern

_NOT_USERS = frozenset({"shared", "public", "default", "all users", "default user", "guest", "*", "$user"})


class HomePathRecognizer(GroupRecognizer):
    PATTERNS = (
        value_pattern(
            "unix home", r"(?:^|(?<=[\s\"'=:(\[]))/(?:home|Users)/(?P<v>[^/\s:'\"\\]+)", 0.9, USERNAME
        ),
        value_pattern(
            "windows home",
            r"(?i)\b[a-z]:[\\/]+(?:users|documents and settings)[\\/]+(?P<v>[^\\/\s:'\"]+)",
            0.9,
            USERNAME,
        ),
        value_pattern("tilde user", r"(?<![\w/])~(?P<v>[a-z_][a-z0-9_\-]{2,31})(?=/)", 0.8, USERNAME),
    )

    def validate(self, value: str) -> bool:
        return value.lower() not in _NOT_USERS
