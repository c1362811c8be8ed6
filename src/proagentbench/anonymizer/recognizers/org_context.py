"""Organisation context that app chrome shows: the workspace of chat, wiki, ticket and payment apps
(`general - Acme Corp - Slack`, `Slack | #shop-dev | Northwind`), private channels (`#shop-dev` in a chat
window) and repositories (`acme/payments` in code-host and editor titles).

Window titles are split at ` - `, ` – `, ` — `, ` | ` and ` · `. When a known workspace app closes a title
of three or more parts, the part before it is the workspace (0.7); Slack's `Slack | channel | workspace`
puts it last, and its two-part `Acme Corp - Slack` names the workspace alone (unless the first part is one
of Slack's own views, `Threads - Slack`, or a channel in lower case, `general - Slack`). A `#channel`
counts in a text that names a chat app (0.75). An `owner/repo` counts in a text that names a code host or
editor, or before `: description`, `at branch` and ` · ` in a code-host title (0.75); not a branch named
by its kind (`feature/login`, `fix/typo`: git-flow and conventional-commit prefixes), whose first part
names no owner.
"""

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from proagentbench.anonymizer.entities import CHANNEL, ORGANIZATION, REPO

WORKSPACE_SCORE = 0.7
CHANNEL_SCORE = 0.75
REPO_SCORE = 0.75

# One name a line would be 50 lines; the multi-word names are matched as prefixes below.
WORKSPACE_APPS = frozenset(
    (  # noqa: SIM905
        "slack discord mattermost rocket.chat zulip element confluence notion jira linear asana trello "
        "clickup monday.com basecamp airtable stripe zendesk intercom hubspot salesforce freshdesk "
        "servicenow figma miro sentry datadog pagerduty vercel netlify heroku quickbooks xero shopify paypal"
    ).split()
)
# Apps whose two-part title is `workspace - app`, and the views whose name takes the workspace's place.
TWO_PART_WORKSPACE_APPS = frozenset(("slack", "mattermost"))
APP_VIEWS = frozenset(
    (
        "home", "dms", "direct messages", "activity", "threads", "later", "huddles", "canvases", "files",
        "drafts & sent", "drafts", "saved items", "mentions & reactions", "people", "channels", "apps",
        "search", "preferences", "workflows", "lists", "slack", "mattermost", "sign in", "loading",
    )
)  # fmt: skip
_MULTIWORD_APPS = ("microsoft teams", "jira software", "stripe dashboard", "google workspace")
CHAT_APPS = re.compile(
    r"(?i)\b(?:slack|discord|teams|mattermost|rocket\.chat|zulip|element|irc|hexchat|weechat|channel"
    r"|mentioned you|joined|thread)\b"
)
CODE_HOSTS = re.compile(
    r"(?i)\b(?:github|gitlab|bitbucket|gitea|forgejo|codeberg|sourcehut|azure devops|visual studio code|"
    r"vscode|cursor|pycharm|intellij|webstorm|goland|clion|sublime text|zed|neovim|vim|emacs|git|"
    r"pull request|merge request)\b"
)
_SEPARATOR = re.compile(r" ?(?:-|–|—|\||·) ")  # OCR often loses the space before ("Acme- Slack")
_CHANNEL = re.compile(r"(?<![\w&#/])#(?P<v>[a-z0-9][a-z0-9_\-.]{0,79}[a-z0-9_])(?![\w\-])")
_REPO = re.compile(
    r"(?<![\w./\-@:])(?P<v>[A-Za-z0-9][A-Za-z0-9\-]{0,38}/[A-Za-z0-9_.\-]{1,100})(?![\w/\-])(?!\.\w)"
)
# GitLab writes `group / project` with spaces in its titles.
_HOSTED_REPO = re.compile(
    r"(?i)\b(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)[/:](?P<v>[\w.\-]+/[\w\-]+(?:\.[\w\-]+)*?)"
    r"(?:\.git)?(?![\w\-])"
)
_GITLAB_REPO = re.compile(r"(?<![\w/])(?P<v>[A-Za-z0-9][\w.\-]{0,38} / [\w.\-]{1,100})(?= · .*GitLab)")
_REPO_IN_TITLE = re.compile(r"(?::\s|\s+at\s|\s+·|#\d)")
BRANCH_KINDS = frozenset(
    (  # noqa: SIM905
        "feature features feat fix fixes bugfix hotfix release releases chore docs refactor test tests "
        "ci build perf style wip revert experiment experimental dependabot renovate"
    ).split()
)


def _workspace(text: str) -> tuple[int, int] | None:
    parts: list[tuple[int, int]] = []
    position = 0
    for separator in _SEPARATOR.finditer(text):
        parts.append((position, separator.start()))
        position = separator.end()
    parts.append((position, len(text)))
    names = [text[start:end].strip().lower() for start, end in parts]
    if len(parts) == 2 and names[1] in TWO_PART_WORKSPACE_APPS and names[0] not in APP_VIEWS:
        first = text[parts[0][0] : parts[0][1]].strip()
        # A channel is written in lower case (`general - Slack`); a workspace is a name.
        return parts[0] if first[:1].isupper() else None
    if len(parts) < 3:
        return None
    if names[-1] in WORKSPACE_APPS or names[-1].startswith(_MULTIWORD_APPS):
        return parts[-2]
    if names[0] in WORKSPACE_APPS:
        return parts[-1]
    return None


class OrgContextRecognizer(LocalRecognizer):
    def __init__(self) -> None:
        super().__init__(
            supported_entities=[ORGANIZATION, CHANNEL, REPO],
            supported_language="en",
            name="OrgContextRecognizer",
        )

    def load(self) -> None:
        """Nothing to load: patterns only."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        del nlp_artifacts
        wanted = set(entities) if entities else set(self.supported_entities)
        results: list[RecognizerResult] = []
        if ORGANIZATION in wanted and (span := _workspace(text)) is not None and span[1] > span[0]:
            start, end = span
            if not text[start:end].lstrip().startswith("#"):
                results.append(RecognizerResult(ORGANIZATION, start, end, WORKSPACE_SCORE))
        if CHANNEL in wanted and "#" in text and CHAT_APPS.search(text):
            for match in _CHANNEL.finditer(text):
                if not match.group("v").isdigit():
                    results.append(RecognizerResult(CHANNEL, *match.span(), CHANNEL_SCORE))
        if REPO in wanted and "/" in text:
            code_host = CODE_HOSTS.search(text) is not None
            for match in _REPO.finditer(text):
                owner, repo = match.group("v").split("/", 1)
                if owner.isdigit() or repo.isdigit() or "." in owner or owner.lower() in BRANCH_KINDS:
                    continue
                if code_host or _REPO_IN_TITLE.match(text, match.end()):
                    results.append(RecognizerResult(REPO, *match.span("v"), REPO_SCORE))
            for match in _HOSTED_REPO.finditer(text):
                results.append(RecognizerResult(REPO, *match.span("v"), REPO_SCORE))
            for match in _GITLAB_REPO.finditer(text):
                results.append(RecognizerResult(REPO, *match.span("v"), REPO_SCORE))
        return results
