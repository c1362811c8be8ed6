"""A second text evaluation set, built from generators the recognizers were not written against, scored for
this anonymizer and for plain Presidio in one run.

    PYTHONPATH=src python benchmarks/anonymizer_external.py [--per-template 8] [--seed 7] [--show-changed]

Values come from Faker in locales held out of the bundled name lists (scripts/build_name_gazetteer.py
HELD_OUT: hu_HU, cs_CZ, fi_FI, ro_RO, vi_VN, id_ID, tr_TR, el_GR): names, e-mail addresses, phone numbers,
street addresses, companies, IBANs and user names in each locale's own formats. They fill window-title and
UI-string templates of real applications (chat, mail, code hosts, editors, terminals, payment and ticket
dashboards, file managers), written for this benchmark and not taken from the recognizers' tests; negatives
are PII-free titles of the same applications and of editors, browser docs, terminals, CI dashboards,
calendars, settings, error dialogs and spreadsheets, filled with Faker's non-personal providers (584 at the
default --per-template 8). `--show-changed` lists every negative this anonymizer flagged, and by what.

Per category, with Wilson 95% intervals:
- zero-leak cases: the share of PII-bearing cases in which every letter and digit of every PII value is
  covered by a predicted span (a case counts only if every value in it is gone);
- negatives changed: the share of PII-free titles in which anything was flagged;
- non-PII words kept: the share of words outside PII values that no predicted span touches.
Plain Presidio is the reference: default recognizers, no-op NLP engine, offline suffix list, same data.
Speed: distinct titles analysed per second on one core (no cache), for both.
"""

import argparse
import math
import random
import re
import string
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from anonymizer_quality import ours, plain_presidio  # noqa: E402
from faker import Faker  # noqa: E402

LOCALES = ("hu_HU", "cs_CZ", "fi_FI", "ro_RO", "vi_VN", "id_ID", "tr_TR", "el_GR")
Predict = Callable[[str], list[tuple[int, int, str]]]


@dataclass(frozen=True)
class Case:
    category: str
    locale: str
    text: str
    spans: tuple[tuple[int, int], ...]  # PII values


# {kind} placeholders; the same kind twice in a template gets two values.
TEMPLATES: dict[str, list[str]] = {
    "chat": [
        "{name} (DM) - {company} - Slack",
        "#{channel} - {company} - Slack",
        "Slack | #{channel} | {company}",
        "{name}: can you review the deck before Friday?",
        "Direct message with {name} - Discord",
        "@{user} mentioned you in #{channel}",
        "Chat | {name} | Microsoft Teams",
        "{first}, can you call me back on {phone}?",
    ],
    "mail": [
        "Inbox - {email} - Mozilla Thunderbird",
        "From: {name} <{email}>",
        "To: {name}, {name}",
        "Re: Invoice {iban} - {name} - Outlook",
        "Hi {first},",
        "Thanks,\n{first}",
        "Meeting with {name} - Calendar",
        "Delivery to {address} - Gmail",
    ],
    "code_host": [
        "Pull request #{n} by {name} · {owner}/{repo} · GitHub",
        "{owner}/{repo}: Internal billing service",
        "Issues · {owner} / {repo} · GitLab",
        "git clone https://{user}@github.com/{owner}/{repo}.git",
        "Commits · {owner}/{repo} · GitHub - {name}",
    ],
    "editor": [
        "{user_file}_notes.md - Visual Studio Code",
        "/home/{user}/src/app.py - Sublime Text",
        "contract_{company_file}.docx - LibreOffice Writer",
        "{name} - CV.pdf - Document Viewer",
    ],
    "terminal": [
        "{user}@{host}: ~/projects",
        "ssh {user}@{host}.internal",
        "[{user}@{host} ~]$ git push",
        "psql postgres://{user}:{password}@db.internal:5432/app",
        "export GITHUB_TOKEN={token}",
    ],
    "payment": [
        "Customers – {name} – Stripe",
        "{customer_id} · {company} · Stripe Dashboard",
        "Payment {payment_id} from {name} - Stripe",
        "Refund to {iban} for {company}",
        "Invoice {n} - {company} - QuickBooks",
    ],
    "ticket": [
        "[SUP-{n}] {name} cannot log in - Jira",
        "Ticket #{n}: call {name} at {phone} - Zendesk",
        "Request from {email} - Freshdesk",
        "Ship to {address} - Order {n}",
    ],
    "file_manager": [
        "{user_file} - Files",
        "/home/{user}/Documents/{user_file}.pdf",
        "Passport_{user_file}.jpg - Image Viewer",
        "C:\\Users\\{user}\\Downloads - File Explorer",
    ],
}
NEGATIVES: list[str] = [
    "general - Slack",
    "Threads - Slack",
    "Inbox - Mozilla Thunderbird",
    "Drafts (3) - Outlook",
    "Compose new message",
    "Pull requests · GitHub",
    "Settings · GitHub",
    "Issues · GitLab",
    "main.py - Visual Studio Code",
    "README.md - Visual Studio Code",
    "untitled - Sublime Text",
    "Terminal",
    "~/projects/api - zsh",
    "htop",
    "Payments - Stripe",
    "Balances – Stripe Dashboard",
    "Dashboard - Jira",
    "Kanban board - Jira Software",
    "Downloads - Files",
    "Documents - File Explorer",
    "Calendar - Week view",
    "New Tab - Google Chrome",
    "Quarterly report draft - Google Docs",
    "Release notes v2.4.1 - Confluence",
    "Build #1289 passed - Jenkins",
    "docker compose up -d",
    "pytest -q tests/test_api.py",
    "npm run build",
    "Error: connection refused",
    "Traceback (most recent call last):",
    "Sprint planning notes",
    "Backlog · Linear",
    "Welcome to Zoom",
    "System Monitor",
    "Software Updates",
    "Monthly budget.xlsx - Excel",
    "Screenshot 2026-11-30 at 10.42.13.png",
    "Archive.zip - Archive Manager",
    "Notifications - Discord",
    "Privacy settings",
]


# PII-free titles of the same applications, filled with Faker's non-personal values of the same locales
# (words, file names, job titles, months, colours), so the negatives are not only the fixed list above. Values
# go where a page title goes: the segment before an app name such as "Confluence" or "Stripe Dashboard" is the
# wiki space or account there, which the policy treats as organisation context (pseudonymized by default).
NEGATIVE_TEMPLATES: list[str] = [
    "{word} - Slack",
    "Re: {words} - Mozilla Thunderbird",
    "{file} - Visual Studio Code",
    "{file} - {words} - Visual Studio Code",
    "Issues · {word} · GitLab",
    "{words} - Google Docs",
    "{job}: job description - Confluence",
    "Invoice {n}, {month} - Stripe Dashboard",
    "Sprint {n}: {words} - Jira",
    "{file} - Files",
    "{color} theme - Settings",
    "{day} standup notes",
]
FIRST_NEGATIVES = "negative: first set"  # the 40 fixed titles and the 12 templates above, as measured before

# More PII-free titles, grouped by the kind of application, filled with more of Faker's non-personal
# providers (sentences, catch phrases, file paths and extensions, currencies, languages, time zones, cities,
# countries, dates) in the held-out locales and in eight listed ones (NEGATIVE_LOCALES), whose calendar and
# ordinary words are as likely to collide with listed names. A lone city or country in a title that is not a
# postal address (weather, flights, a wiki page, a time zone) is not PII here: it names a place many people
# share, not a person; a street with a house number stays PII (the "address" kind above).
MORE_NEGATIVE_TEMPLATES: dict[str, list[str]] = {
    "editor": [
        "● {file} - {dir} - Visual Studio Code",
        "{path} - Sublime Text",
        "{file} (~/src/{dir}) - VIM",
        "*{file} - Notepad++",
        "{dir} – {file} [{dir}] – PyCharm",
        "{func}.{ext} — {dir} — Zed",
    ],
    "browser_docs": [
        "{words} — Python 3.12 documentation - Mozilla Firefox",
        "{Word} - MDN Web Docs - Google Chrome",
        "{country} - Wikipedia",
        "{catch} | Engineering blog - Mozilla Firefox",
        "{words} - Google Search",
        "{language} language - Wikipedia - Google Chrome",
        "python - {sentence} - Stack Overflow",
        "{currency} to {currency_code} exchange rate - Google Chrome",
    ],
    "terminal": [
        "git log --oneline -- {path}",
        "make test {dir}",
        "git checkout -b feature/{slug}",
        "vim {file}",
        "tail -f /var/log/{dir}.log",
        "python -m pytest -k {func} -q",
        "cd ~/projects/{dir} && npm test",
        "docker build -t {dir}:{version} .",
    ],
    "ci_dashboard": [
        "Build #{n} failed: {words} - Jenkins",
        "Pipeline #{n} · {sentence} · GitLab CI",
        "✔ {Word} #{n} passed in {n} s - Buildkite",
        "Workflow run {n}: {bs} · GitHub Actions",
        "Job {n} ({dir}) - CircleCI",
    ],
    "calendar": [
        "{month} {year} - Calendar",
        "{day}, {month} {mday} - Google Calendar",
        "Week of {date} - Outlook Calendar",
        "{month} - Month view - Thunderbird",
        "Reminder: {words} at {time}",
        "{day} {time} – {catch}",
        "Events on {day} - Calendar",
    ],
    "settings": [
        "{color} - Appearance - Settings",
        "Language: {language} - Preferences",
        "Time zone {timezone} - Date & Time",
        "Currency: {currency_code} - Preferences",
        "{Word} settings - System Settings",
    ],
    "error_dialog": [
        "Error: {sentence}",
        "ValueError: invalid literal for int() with base 10: '{dir}'",
        '  File "{path}", line {n}, in {func}',
        "Could not open {file}: Permission denied",
        "{mime} is not supported",
        "Unhandled exception in {func}: {sentence}",
    ],
    "spreadsheet": [
        "{Word} {year}.xlsx - Excel",
        "{words} - Google Sheets",
        "Budget {month} {year}.ods - LibreOffice Calc",
        "{catch} forecast Q{quarter} - Numbers",
    ],
    "mail_docs": [
        "Re: {catch} - Mozilla Thunderbird",
        "Fwd: {bs} - Outlook",
        "{job} onboarding checklist - Notion",
        "{catch} - Google Slides",
        "{words}.pdf - Document Viewer",
        "Weather in {city} - {day}",
        "Flights to {city}, {month} {year}",
    ],
}
NEGATIVE_LOCALES = (*LOCALES, "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "ru_RU", "pt_BR", "nl_NL")


class Filler:
    def __init__(self, locale: str, rng: random.Random) -> None:
        self.fake = Faker(locale)
        self.fake.seed_instance(rng.randrange(1 << 30))
        self.rng = rng

    def value(self, kind: str) -> tuple[str, bool]:
        """(text, is PII)."""
        f, r = self.fake, self.rng
        alnum = string.ascii_letters + string.digits
        ascii_user = re.sub(r"[^a-z0-9]", "", f.user_name().lower()) or "user"
        values: dict[str, Callable[[], str]] = {
            "name": lambda: f"{f.first_name()} {f.last_name()}",
            "first": f.first_name,
            "email": f.email,
            "phone": f.phone_number,
            "address": lambda: f.address().replace("\n", ", "),
            "company": f.company,
            "company_file": lambda: re.sub(r"\W+", "_", f.company()).strip("_"),
            "iban": f.iban,
            "user": lambda: ascii_user,
            "user_file": lambda: f"{f.first_name()}_{f.last_name()}",
            "host": lambda: f.domain_word() + "-" + str(r.randint(1, 40)),
            "owner": lambda: ascii_user,
            "repo": lambda: f.domain_word() + "-" + r.choice(["api", "billing", "web", "infra"]),
            "channel": lambda: r.choice(["proj", "team", "ops", "deal"]) + "-" + f.domain_word(),
            "password": lambda: f.password(length=14, special_chars=False),
            "token": lambda: "ghp_" + "".join(r.choice(alnum) for _ in range(36)),
            "customer_id": lambda: "cus_" + "".join(r.choice(alnum) for _ in range(14)),
            "payment_id": lambda: "pi_" + "".join(r.choice(alnum) for _ in range(24)),
        }
        if kind == "n":
            return str(r.randint(10, 9999)), False
        not_personal: dict[str, Callable[[], str]] = {
            "word": lambda: f.word().capitalize(),
            "Word": lambda: f.word().capitalize(),
            "words": lambda: " ".join(f.words(3)).capitalize(),
            "file": f.file_name,
            "job": f.job,
            "month": f.month_name,
            "color": f.color_name,
            "day": f.day_of_week,
            "sentence": lambda: f.sentence().rstrip("."),
            "catch": f.catch_phrase,
            "bs": f.bs,
            "dir": lambda: f.word().lower(),
            "func": lambda: "_".join(f.words(2)).lower(),
            "slug": lambda: "-".join(f.words(3)).lower(),
            "path": f.file_path,
            "ext": f.file_extension,
            "mime": f.mime_type,
            "city": f.city,
            "country": f.country,
            "currency": f.currency_name,
            "currency_code": f.currency_code,
            "language": f.language_name,
            "timezone": f.timezone,
            "date": f.date,
            "time": lambda: f.time("%H:%M"),
            "year": f.year,
            "mday": lambda: str(r.randint(1, 28)),
            "quarter": lambda: str(r.randint(1, 4)),
            "version": lambda: f"{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)}",
        }
        if kind in not_personal:
            return not_personal[kind](), False
        return values[kind](), True


def build_cases(per_template: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    for category, templates in TEMPLATES.items():
        for template in templates:
            for index in range(per_template):
                locale = LOCALES[(index + len(cases)) % len(LOCALES)]
                filler = Filler(locale, rng)
                text, spans, position = "", [], 0
                for match in re.finditer(r"\{(\w+)\}", template):
                    text += template[position : match.start()]
                    value, pii = filler.value(match.group(1))
                    if pii:
                        spans.append((len(text), len(text) + len(value)))
                    text += value
                    position = match.end()
                text += template[position:]
                cases.append(Case(category, locale, text, tuple(spans)))
    for text in NEGATIVES:
        cases.append(Case(FIRST_NEGATIVES, "-", text, ()))
    first = [(FIRST_NEGATIVES, template, LOCALES) for template in NEGATIVE_TEMPLATES]
    more = [
        (f"negative: {group}", template, NEGATIVE_LOCALES)
        for group, templates in MORE_NEGATIVE_TEMPLATES.items()
        for template in templates
    ]
    for category, template, locales in first + more:
        for index in range(per_template):
            locale = locales[(index + len(cases)) % len(locales)]
            filler = Filler(locale, rng)
            text = re.sub(r"\{(\w+)\}", lambda match, f=filler: f.value(match.group(1))[0], template)
            cases.append(Case(category, locale, text, ()))
    return cases


def wilson(successes: int, total: int) -> tuple[float, float, float]:
    if total == 0:
        return (math.nan, math.nan, math.nan)
    z = 1.96
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return p, max(0.0, centre - half), min(1.0, centre + half)


def _covered(predictions: list[tuple[int, int, str]]) -> set[int]:
    return {i for start, end, _ in predictions for i in range(start, end)}


ALL_POSITIVES, ALL_NEGATIVES = "all PII-bearing", "all negatives"
OURS = "proagentbench anonymizer (no NER)"


def evaluate(cases: list[Case], predict: Predict) -> dict[str, dict[str, tuple[int, int]]]:
    """Per category and over all positives / all negatives: (successes, total) of zero-leak cases, changed
    negatives and kept words."""
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for case in cases:
        covered = _covered(predict(case.text))
        rows = table[case.category], table[ALL_POSITIVES if case.spans else ALL_NEGATIVES]
        if case.spans:
            clean = all(
                i in covered for start, end in case.spans for i in range(start, end) if case.text[i].isalnum()
            )
            for row in rows:
                row["zero_leak"][0] += clean
                row["zero_leak"][1] += 1
        else:
            for row in rows:
                row["changed"][0] += bool(covered)
                row["changed"][1] += 1
        gold = {i for start, end in case.spans for i in range(start, end)}
        for word in re.finditer(r"\S+", case.text):
            positions = set(range(*word.span()))
            if positions & gold or not any(c.isalnum() for c in word.group()):
                continue
            for row in rows:
                row["words_kept"][0] += not (positions & covered)
                row["words_kept"][1] += 1
    return {category: {k: (v[0], v[1]) for k, v in metrics.items()} for category, metrics in table.items()}


def changed_negatives(cases: list[Case], predict: Predict) -> list[tuple[Case, list[tuple[str, str]]]]:
    """Every negative in which anything was flagged, with the flagged (text, entity) pairs."""
    changed = []
    for case in cases:
        if not case.spans:
            found = [(case.text[start:end], entity) for start, end, entity in predict(case.text)]
            if found:
                changed.append((case, found))
    return changed


def speed(texts: list[str], predict: Predict) -> float:
    started = time.process_time()
    for text in texts:
        predict(text)
    return len(texts) / max(1e-9, time.process_time() - started)


def _cell(pair: tuple[int, int] | None) -> str:
    if pair is None or pair[1] == 0:
        return "-"
    p, low, high = wilson(*pair)
    return f"{p:.3f} [{low:.3f}, {high:.3f}] ({pair[0]}/{pair[1]})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-template", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--show-changed", action="store_true", help="list every negative this anonymizer flagged, and by what"
    )
    args = parser.parse_args()
    cases = build_cases(args.per_template, args.seed)
    positives = [c for c in cases if c.spans]
    print(
        f"{len(cases)} cases: {len(positives)} PII-bearing ({sum(len(c.spans) for c in positives)} values), "
        f"{len(cases) - len(positives)} negatives; locales {', '.join(LOCALES)}"
    )
    from proagentbench.anonymizer.gazetteer import first_names, last_names

    names = {w.lower() for c in positives for s, e in c.spans for w in c.text[s:e].split() if w.isalpha()}
    listed = sum(1 for w in names if w in first_names() or w in last_names())
    print(f"name-like words in values: {len(names)}, of which the bundled lists hold {listed}")
    systems = {
        OURS: ours(),
        "plain Presidio (no-op NLP engine)": plain_presidio(),
    }
    texts = list(dict.fromkeys(c.text for c in cases))
    for name, predict in systems.items():
        results = evaluate(cases, predict)
        print(f"\n### {name}\n")
        print("| category | zero-leak cases | negatives changed | non-PII words kept |")
        print("| --- | --- | --- | --- |")
        negatives = list(dict.fromkeys(c.category for c in cases if not c.spans))
        order = [*TEMPLATES, ALL_POSITIVES, *negatives, ALL_NEGATIVES]
        for category in order:
            row = results.get(category, {})
            print(
                f"| {category} | {_cell(row.get('zero_leak'))} | {_cell(row.get('changed'))} | "
                f"{_cell(row.get('words_kept'))} |"
            )
        print(f"\nspeed: {speed(texts, predict):,.0f} distinct titles/s on one core (CPU time)")
        if args.show_changed and name == OURS:
            print("\nchanged negatives:")
            for case, found in changed_negatives(cases, predict):
                print(f"- [{case.category}, {case.locale}] {case.text!r}: {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
