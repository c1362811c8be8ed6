"""The bundled sample work day: what the demo's simulated user does, window by window.

It is fiction written to look like real desktop work, with the kinds of personal data real capture leaks
(names, e-mail addresses, a phone number, a cloud secret, home paths, a `user@host` prompt) so that the demo
shows the anonymizer at work, and with moments where the user turns to an LLM assistant, which the annotator
labels as the points where a proactive assistant should have offered help.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Activity:
    app: str
    title: str
    typed: tuple[str, ...] = ()
    screen: tuple[str, ...] = ()
    clicks: int = 2
    scrolls: int = 0
    dwell_s: float = 40.0


TERMINAL = "gnome-terminal-server"
EDITOR = "code"
BROWSER = "firefox"
MAIL = "thunderbird"
CHAT = "slack"
PASSWORDS = "keepassxc"

ASSISTANT_TITLE = "ChatGPT — Mozilla Firefox"

DAY_ONE: tuple[Activity, ...] = (
    Activity(
        TERMINAL,
        "alex@devbox: ~/projects/shop",
        typed=("git status\n", "pytest tests/test_checkout.py\n"),
        screen=(
            "alex@devbox:~/projects/shop$ pytest tests/test_checkout.py",
            "E   fixture 'db_session' not found",
            "FAILED tests/test_checkout.py::test_total - fixture error",
            "/home/alex/projects/shop/tests/conftest.py",
        ),
    ),
    Activity(
        EDITOR,
        "conftest.py - shop - Visual Studio Code",
        typed=("@pytest.fixture\ndef db_session(tmp_path):\n",),
        screen=(
            "import pytest",
            "from shop.db import connect",
            "@pytest.fixture",
            "def db_session(tmp_path):",
        ),
        scrolls=3,
    ),
    Activity(
        BROWSER,
        ASSISTANT_TITLE,
        typed=("why does pytest say fixture db_session not found when it is defined in conftest.py\n",),
        screen=("ChatGPT", "Message ChatGPT", "why does pytest say fixture db_session not found"),
        dwell_s=60.0,
    ),
    Activity(
        MAIL,
        "Inbox - alex.morgan@northwind-mail.com - Mozilla Thunderbird",
        typed=(
            "Hi Priya,\nthe release moves to Friday. Call me on +44 20 7946 0958 if that is a problem.\n",
            "Alex\n",
        ),
        screen=(
            "From: Priya Raman <priya.raman@contoso-partners.com>",
            "Subject: Release date for the checkout rewrite",
            "Can we still ship on Thursday?",
        ),
        dwell_s=80.0,
    ),
    Activity(
        TERMINAL,
        "alex@devbox: ~/projects/shop",
        typed=("export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "make deploy\n"),
        screen=(
            "alex@devbox:~/projects/shop$ make deploy",
            "Deploying to eu-west-2 ... done",
            "Logged in as alex.morgan@northwind-mail.com",
        ),
    ),
    Activity(PASSWORDS, "shop.kdbx - KeePassXC", typed=("correct horse battery staple\n",), dwell_s=15.0),
    Activity(
        CHAT,
        "Slack | #shop-dev | Northwind",
        typed=("deploy is out, Priya please check the checkout page\n",),
        screen=("Priya Raman: thanks!", "Jordan Lee: looks good on staging"),
        scrolls=2,
    ),
    Activity(
        EDITOR,
        "postcode.py - shop - Visual Studio Code",
        typed=("def valid_postcode(value: str) -> bool:\n",),
        screen=("def valid_postcode(value: str) -> bool:", "    # TODO: UK postcodes"),
    ),
    Activity(
        BROWSER,
        ASSISTANT_TITLE,
        typed=("write a python regex that validates UK postcodes like SW1A 1AA\n",),
        screen=("ChatGPT", "write a python regex that validates UK postcodes"),
        dwell_s=60.0,
    ),
    Activity(
        EDITOR,
        "postcode.py - shop - Visual Studio Code",
        typed=("    return bool(POSTCODE.fullmatch(value.strip().upper()))\n",),
        screen=("POSTCODE = re.compile(...)", "def valid_postcode(value: str) -> bool:"),
    ),
)

DAY_TWO: tuple[Activity, ...] = (
    Activity(
        MAIL,
        "Inbox - alex.morgan@northwind-mail.com - Mozilla Thunderbird",
        typed=("Dear Jordan,\nplease find the quarterly report attached.\n",),
        screen=("From: Jordan Lee <jordan.lee@northwind-mail.com>", "Subject: Q3 report"),
    ),
    Activity(
        "libreoffice-calc",
        "q3-sales.ods - LibreOffice Calc",
        typed=('=SUMIF(B2:B200;"EMEA";C2:C200)\n',),
        screen=("Region  Revenue  Units", "EMEA    125,400   310", "APAC     98,200   244"),
        clicks=6,
        scrolls=4,
    ),
    Activity(
        BROWSER,
        ASSISTANT_TITLE,
        typed=("how do I compute a year over year growth rate per region in a spreadsheet pivot table\n",),
        screen=("ChatGPT", "year over year growth per region pivot table"),
        dwell_s=60.0,
    ),
    Activity(
        "libreoffice-writer",
        "q3-report.odt - LibreOffice Writer",
        typed=("Revenue in EMEA grew faster than in any other region this quarter.\n",),
        screen=("Quarterly report", "Prepared by Alex Morgan", "Revenue in EMEA grew"),
        dwell_s=70.0,
    ),
    Activity(
        BROWSER,
        ASSISTANT_TITLE,
        typed=("rewrite this paragraph to sound more formal: revenue in EMEA grew faster than elsewhere\n",),
        screen=("ChatGPT", "rewrite this paragraph to sound more formal"),
        dwell_s=50.0,
    ),
    Activity(
        TERMINAL,
        "alex@devbox: ~/reports",
        typed=("python make_charts.py --input q3-sales.ods\n",),
        screen=(
            "alex@devbox:~/reports$ python make_charts.py",
            "Traceback (most recent call last):",
            "KeyError: 'Revenue'",
        ),
    ),
    Activity(
        BROWSER,
        ASSISTANT_TITLE,
        typed=("pandas KeyError Revenue when reading an ods file with read_excel\n",),
        screen=("ChatGPT", "pandas KeyError Revenue read_excel ods"),
        dwell_s=50.0,
    ),
    Activity(
        CHAT,
        "Slack | #reports | Northwind",
        typed=("charts are in the shared folder\n",),
        screen=("Jordan Lee: great, thanks Alex",),
    ),
)

# (user, day script) for each sample session; two users so the demo can split by user or session.
SAMPLE_SESSIONS: tuple[tuple[str, tuple[Activity, ...]], ...] = (
    ("alex", DAY_ONE),
    ("alex", DAY_TWO),
    ("sam", DAY_TWO),
    ("sam", DAY_ONE),
)
