"""A synthetic evaluation set of desktop strings with labelled PII spans (Faker, fixed seed).

Each item is a template filled with fake values; the positions of the values are the gold spans. Categories:
window titles, terminal lines, chat, paths, config files, and negatives (desktop text with no personal data).
Names are drawn from en_US and en_IN; both are in the bundled name lists since issue 9 (names the lists
were not built from are measured by anonymizer_external.py).
"""

import random
import string
from collections.abc import Callable
from dataclasses import dataclass

from faker import Faker


@dataclass(frozen=True)
class Item:
    category: str
    text: str
    spans: tuple[tuple[int, int, str], ...]  # (start, end, entity)


class _Filler:
    def __init__(self, seed: int) -> None:
        self.fake = Faker(["en_US"])
        self.fake_in = Faker(["en_IN"])
        self.fake.seed_instance(seed)
        self.fake_in.seed_instance(seed + 1)
        self.rng = random.Random(seed)

    def token(self, alphabet: str, length: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    def values(self) -> dict[str, Callable[[], tuple[str, str]]]:
        f, r = self.fake, self.rng
        alnum = string.ascii_letters + string.digits
        return {
            "name": lambda: (f.name() if r.random() < 0.75 else self.fake_in.name(), "PERSON"),
            "first": lambda: (f.first_name(), "PERSON"),
            "email": lambda: (f.email(), "EMAIL_ADDRESS"),
            "phone": lambda: (f.phone_number(), "PHONE_NUMBER"),
            "cc": lambda: (f.credit_card_number(), "CREDIT_CARD"),
            "iban": lambda: (f.iban(), "IBAN_CODE"),
            "ipv4": lambda: (f.ipv4_public(), "IP_ADDRESS"),
            "ssn": lambda: (f.ssn(), "US_SSN"),
            "url": lambda: (f.url() + f.uri_path(), "URL"),
            "user": lambda: (f.user_name(), "USERNAME"),
            "host": lambda: (f.domain_word() + "-" + str(r.randint(1, 99)), "HOSTNAME"),
            "password": lambda: (f.password(length=r.randint(10, 18), special_chars=False), "SECRET"),
            "aws_id": lambda: ("AKIA" + self.token(string.ascii_uppercase + string.digits, 16), "SECRET"),
            "aws_secret": lambda: (self.token(alnum + "/+", 40), "SECRET"),
            "gh": lambda: ("ghp_" + self.token(alnum, 36), "SECRET"),
            "slack": lambda: (
                "xoxb-" + self.token(string.digits, 12) + "-" + self.token(alnum, 24),
                "SECRET",
            ),
            "sk": lambda: ("sk-proj-" + self.token(alnum, 40), "SECRET"),
            "jwt": lambda: (
                "eyJ"
                + self.token(alnum, 30)
                + ".eyJ"
                + self.token(alnum, 40)
                + "."
                + self.token(alnum + "_-", 43),
                "SECRET",
            ),
            "generic": lambda: (self.token(alnum, 32), "SECRET"),
            "qtoken": lambda: (self.token(alnum, 24), "SECRET"),
        }


TEMPLATES: dict[str, list[str]] = {
    "title": [
        "Inbox - {email} - Mozilla Thunderbird",
        "Meeting with {name} - Zoom",
        "{name} | LinkedIn - Google Chrome",
        "Chat with {name} - Slack",
        "{user}@{host}: ~/projects/api",
        "Pull request #{n} by {name} · GitHub - Mozilla Firefox",
        "Invoice for {name} ({email}).pdf - Document Viewer",
    ],
    "terminal": [
        "{user}@{host}:~/src$ git push origin main",
        "ssh {user}@{host}",
        "export AWS_ACCESS_KEY_ID={aws_id}",
        "export AWS_SECRET_ACCESS_KEY={aws_secret}",
        "git clone https://{gh}@github.com/acme/backend.git",
        "curl -H 'Authorization: Bearer {generic}' {url}",
        "ping -c 3 {ipv4}",
        "psql postgres://app:{password}@db.internal:5432/orders",
        "mysql -u admin --password {password} orders",
    ],
    "chat": [
        "Hi {first}, can you call me back at {phone}?",
        "{name} shared a file with you",
        "my card number is {cc}, please charge it",
        "wire it to IBAN {iban} today",
        "her SSN is {ssn} for the form",
        "reset link: {url}?token={qtoken}",
        "Thanks {first}! See you tomorrow.",
        "You can reach {name} at {email} or {phone}.",
    ],
    "path": [
        "/home/{user}/projects/app/main.py",
        "/Users/{user}/Desktop/notes.txt",
        "C:\\Users\\{user}\\Documents\\budget.xlsx",
        "Saved to /home/{user}/Downloads/report.pdf",
    ],
    "config": [
        "DB_PASSWORD={password}",
        "OPENAI_API_KEY={sk}",
        'slack_token = "{slack}"',
        "api_key: {generic}",
        "Authorization: Bearer {jwt}",
        'GITHUB_TOKEN="{gh}"',
        "webhook_url = {url}",
    ],
}
NEGATIVES = [
    "README.md - Visual Studio Code",
    "main.py - proagentbench - Visual Studio Code",
    "python main.py --port 8080 --workers 4",
    "commit 3f2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a",
    "2024-05-01 12:30:45,123 INFO worker 3 started in 1.25s",
    "Page Down to scroll, Page Up to go back",
    "Build succeeded: 214 tests passed, 0 failed",
    "npm install react@18.2.0 typescript@5.4.5",
    "New Document - LibreOffice Writer",
    "Settings - General - Appearance",
    "docker run -p 5432:5432 postgres:16",
    "Downloads - Files",
    "Terminal - make test",
    "Quarterly planning notes v3 (draft)",
    "ERROR: connection refused (errno 111) after 3 retries",
    "Total: 1,234.56 EUR due 2024-06-30",
    "ts=1700000000123456 level=info msg=flushed",
    "uuid 550e8400-e29b-41d4-a716-446655440000 created",
    "git checkout -b feature/login-form",
    "Slack | #general | Acme Inc",
    "Spotify Premium - Now playing: Blue in Green",
    "Calendar - Week 23 - June 2024",
    "cargo build --release && ./target/release/app",
    "The meeting moved to Room 4B on the third floor",
    "Press Ctrl+Shift+P to open the command palette",
]


def _fill(template: str, filler: _Filler, category: str) -> Item:
    makers = filler.values()
    text, spans, position = "", [], 0
    for literal, field, _, _ in string.Formatter().parse(template):
        text += literal
        if field is None:
            continue
        if field == "n":
            text += str(filler.rng.randint(10, 9999))
            continue
        value, entity = makers[field]()
        spans.append((len(text), len(text) + len(value), entity))
        text += value
    del position
    return Item(category, text, tuple(spans))


def build_evalset(per_template: int = 12, seed: int = 20261125) -> list[Item]:
    filler = _Filler(seed)
    items = [
        _fill(template, filler, category)
        for category, templates in TEMPLATES.items()
        for template in templates
        for _ in range(per_template)
    ]
    items += [Item("negative", text, ()) for text in NEGATIVES for _ in range(max(1, per_template // 3))]
    return items
