"""What proagent itself writes on stderr: its progress bars, summaries, notes and one-line errors. A line of
any other shape (tqdm, Ray, a library's logging, a blank line) is third-party output mixed into ours."""

import re

OUR_LINE = re.compile(
    r"[\w .:()-]+ [━╸╺ ]+ \d+/\d+ \d+:\d\d:\d\d left (?:\d+:\d\d:\d\d|-:--:--)"  # a progress bar
    r"|anonymized \d+, already done \d+, still recording \d+, failed \d+"
    r"|  failed \S+: .*|session \S+: .*|note: .*|warning: .*|proagent: .*"
)


def foreign_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not OUR_LINE.fullmatch(line)]
