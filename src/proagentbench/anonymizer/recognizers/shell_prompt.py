"""Shell prompts and remote logins: `alice@laptop:~$`, `[alice@laptop src]$`, `ssh alice@build-01`, also with
Unicode user names (`josé@laptop:~$`)."""

from proagentbench.anonymizer.entities import HOSTNAME, USERNAME
from proagentbench.anonymizer.recognizers.base import GroupPattern, GroupRecognizer

# POSIX names are lower-case ASCII, but systems accept any letters (`josé`, `ユーザー`): any letter or `_`
# first.
_USER = r"(?P<u>[^\W\d][\w\-.]{0,31})"
_HOST = r"(?P<h>[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63})*)"
_GROUPS = {"u": USERNAME, "h": HOSTNAME}


class ShellPromptRecognizer(GroupRecognizer):
    PATTERNS = (
        GroupPattern(
            "prompt",  # OCR often splits `user@host` into `user @host`; typed text practically never has it
            r"(?<![\w.@])" + _USER + r" ?@" + _HOST + r"(?=:\s?[~/]|:\s*[$#%]|\s*[$#%>] ?)",
            0.9,
            _GROUPS,
        ),
        GroupPattern("bracketed prompt", r"\[" + _USER + "@" + _HOST + r"[ :][^\]]*\][$#%]", 0.9, _GROUPS),
        GroupPattern(
            "remote login",
            r"\b(?:ssh|scp|sftp|rsync|mosh|ssh-copy-id)\b[^\n@]{0,80}?(?<![\w.])" + _USER + "@" + _HOST,
            0.85,
            _GROUPS,
        ),
    )
