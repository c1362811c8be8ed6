"""Application screens rendered by a real browser, for `anonymizer_screens.py --generator browser`: HTML and
CSS pages shown by Debian's chromium (through Playwright, started once per run) and screenshotted, so their
text comes from a browser's text stack (hinting, anti-aliasing, the system's DejaVu and Liberation fonts)
rather than from Pillow, in layouts other than screen_generator.py's: a Slack-like chat, an Outlook-like
mail, a terminal, a GitHub-like code host, a payments dashboard and a helpdesk ticket. Screens 1366, 1920,
2560 and 4096 pixels wide (the last two HiDPI, device scale factor 2), light and dark, UI fonts of 11-15 CSS
px, Faker data of locales the Pillow set does not use.

Each drawn string of interest is a ``<span data-k=KIND>``; after layout the page reports which of them are
inside the viewport and every clipping box, and only those are recorded in the Screen (PII values,
secrets, other words), so the ground truth is what the browser actually shows."""

import html
import io
import random
import string
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from screen_generator import Screen

# (CSS width, CSS height, device scale factor): screens 1366, 1920, 2560 and 4096 pixels wide.
SIZES = ((1366, 768, 1), (1920, 1080, 1), (1280, 720, 2), (2048, 1152, 2))
LOCALES = ("en_GB", "en_IN", "en_IE", "sv_SE", "da_DK", "no_NO", "cs_CZ", "hu_HU", "ro_RO", "tr_TR", "fi_FI")
SANS = ("DejaVu Sans", "Liberation Sans", "DejaVu Serif", "Liberation Serif", "Liberation Sans Narrow")
MONO = ("DejaVu Sans Mono", "Liberation Mono")
THEMES = {
    # page, text, muted, sidebar, sidebar text, selected/hover, accent, border
    "light": ("#ffffff", "#1d1c1d", "#616061", "#3f0e40", "#f2e9f2", "#e8f0fe", "#1264a3", "#dddddd"),
    "dark": ("#1a1d21", "#d1d2d3", "#9a9b9c", "#121016", "#cfc3cf", "#27242c", "#4aa3df", "#35373b"),
}
VISIBLE_SPANS = """() => [...document.querySelectorAll('[data-k]')].map(el => {
    const r = el.getBoundingClientRect();
    let shown = r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    for (let box = el.parentElement; shown && box; box = box.parentElement) {
        if (getComputedStyle(box).overflow === 'visible') continue;
        const q = box.getBoundingClientRect();
        shown = r.left >= q.left - 1 && r.right <= q.right + 1
            && r.top >= q.top - 1 && r.bottom <= q.bottom + 1;
    }
    return [el.dataset.k, el.textContent, shown];
})"""


@dataclass(frozen=True)
class Cell:
    layout: str
    theme: str
    size: tuple[int, int, int]
    index: int


class Page:
    """An HTML page being written; ``pii``, ``secret`` and ``other`` wrap text whose kind is recorded."""

    def __init__(self, fake: Any, rng: random.Random, body_fake: Any) -> None:
        self.fake, self.rng, self.body_fake = fake, rng, body_fake

    @staticmethod
    def _span(kind: str, value: str) -> str:
        return f'<span data-k="{kind}">{html.escape(value)}</span>'

    def pii(self, value: str) -> str:
        return self._span("pii", value)

    def secret(self, value: str) -> str:
        return self._span("secret", value)

    def other(self, value: str) -> str:
        return self._span("other", value)

    def items(self, names: list[str]) -> str:
        return "".join(f'<div class="item">{self.other(name)}</div>' for name in names)

    @staticmethod
    def table(headers: list[str], rows: list[str]) -> str:
        head = "".join(f"<th>{name}</th>" for name in headers)
        return f'<table><tr class="muted">{head}</tr>{"".join(rows)}</table>'

    def sentence(self) -> str:
        return self.other(self.body_fake.sentence(nb_words=self.rng.randint(6, 12)))

    def token(self, prefix: str, length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return prefix + "".join(self.rng.choice(alphabet) for _ in range(length))

    def initials(self, name: str) -> str:
        letters = [part[0] for part in name.split() if part[:1].isalpha()]
        return html.escape("".join(letters[:2]).upper())

    def time(self) -> str:
        return f"{self.rng.randint(8, 18):02d}:{self.rng.randint(0, 59):02d}"


def _chat(p: Page) -> str:
    fake, rng = p.fake, p.rng
    workspace = fake.company()
    others = [fake.company() for _ in range(2)]
    switcher = "".join(f'<div class="ws">{p.initials(name)}</div>' for name in [workspace, *others])
    channels = ["general", "random", rng.choice(("proj-atlas", "eng-backend", "sales-emea")), "announcements"]
    dms = [fake.name() for _ in range(4)]
    side = "".join(f'<div class="item"># {p.other(name)}</div>' for name in channels)
    side += '<div class="head">Direct messages</div>'
    side += "".join(f'<div class="item">&#9679; {p.pii(name)}</div>' for name in dms)
    messages = []
    for i in range(6):
        author = rng.choice([*dms, fake.name()])
        extra = ""
        if i == 1:
            extra = f"<div>{p.other('call me on')} {p.pii(fake.phone_number())}</div>"
        elif i == 3:
            extra = f"<div>{p.other('the new office is at')} {p.pii(fake.street_address())}</div>"
        elif i == 4:
            extra = f"<div>@{p.pii(rng.choice(dms))} {p.other('can you check this?')}</div>"
        replies = rng.randint(2, 9)
        thread = (
            f'<div class="thread">{replies} {p.other("replies")} '
            f'<span class="muted">Last reply today at {p.time()}</span></div>'
            if i % 2 == 0
            else ""
        )
        messages.append(
            f'<div class="msg"><div class="avatar">{p.initials(author)}</div><div>'
            f'<b>{p.pii(author)}</b> <span class="muted small">{p.time()}</span>'
            f"<div>{p.sentence()}</div>{extra}"
            f'<div class="reactions"><span class="chip">&#10003; {rng.randint(1, 5)}</span>'
            f'<span class="chip">+1 {rng.randint(1, 5)}</span></div>{thread}</div></div>'
        )
    return (
        f'<div class="row full"><div class="switcher">{switcher}</div>'
        f'<div class="side"><div class="title">{p.pii(workspace)}</div>'
        f'<div class="head">Channels</div>{side}</div>'
        f'<div class="main"><div class="bar"># {html.escape(channels[0])} '
        f'<span class="muted">{rng.randint(12, 400)} members</span></div>{"".join(messages)}</div></div>'
    )


def _mail(p: Page) -> str:
    fake = p.fake
    me = fake.email()
    folders = ["Inbox", "Drafts", "Sent Items", "Deleted Items", "Archive", "Junk Email"]
    pane = p.items(folders)
    rows = []
    for i in range(7):
        rows.append(
            f'<tr class="{"sel" if i == 1 else ""}"><td>{p.pii(fake.name())}</td>'
            f"<td>{p.other(fake.catch_phrase() if i % 2 else 'Invoice for last month')}</td>"
            f'<td class="muted">{p.sentence()}</td>'
            f'<td class="muted">{fake.date(pattern="%d/%m/%Y")}</td></tr>'
        )
    sender, sender_mail = fake.name(), fake.email()
    cc = ", ".join(p.pii(fake.name()) for _ in range(2))
    body = "".join(f"<p>{p.sentence()} {p.sentence()}</p>" for _ in range(2))
    signature = (
        f'<div class="sig"><b>{p.pii(sender)}</b><br>{p.other(fake.job())}<br>{p.pii(fake.company())}<br>'
        f"Tel. {p.pii(fake.phone_number())}<br>{p.pii(fake.street_address())}<br>"
        f"{p.pii(fake.postcode())} {p.pii(fake.city())}</div>"
    )
    reading = (
        f"<h2>{p.other('Re: contract renewal and next steps')}</h2>"
        f"<div>From: {p.pii(sender)} &lt;{p.pii(sender_mail)}&gt;</div>"
        f"<div>To: {p.pii(fake.name())} &lt;{p.pii(me)}&gt;</div><div>Cc: {cc}</div>"
        f'<div class="muted">{fake.date(pattern="%A %d %B %Y")} {p.time()}</div>{body}{signature}'
    )
    return (
        f'<div class="bar top">Outlook &nbsp; <span class="search">Search</span> &nbsp; {p.pii(me)}</div>'
        f'<div class="row"><div class="pane">{pane}</div>'
        f'<div class="list">{p.table(["From", "Subject", "Preview", "Received"], rows)}</div>'
        f'<div class="reading">{reading}</div></div>'
    )


def _terminal(p: Page) -> str:
    fake, rng = p.fake, p.rng
    user = fake.user_name()
    host = rng.choice(("buildbox", "laptop", "prod-db", "jumphost")) + str(rng.randint(2, 99))
    prompt = p.pii(f"{user}@{host}") + ":~$"
    aws_id = p.token("AKIA", 16, string.ascii_uppercase + string.digits)
    aws_secret = p.token("", 40)
    db_user, db_pass = fake.user_name(), p.token("", 14)
    author, author_mail = fake.name(), fake.email()
    lines = [
        f"{prompt} git log -2",
        f"commit {p.token('', 40, '0123456789abcdef')}",
        f"Author: {p.pii(author)} &lt;{p.pii(author_mail)}&gt;",
        f"Date:   {fake.date(pattern='%a %b %d')} {p.time()}:12 2026 +0100",
        f"&nbsp;&nbsp;&nbsp;&nbsp;{p.sentence()}",
        f"{prompt} export AWS_ACCESS_KEY_ID={p.secret(aws_id)}",
        f"{prompt} export AWS_SECRET_ACCESS_KEY={p.secret(aws_secret)}",
        f"{prompt} export STRIPE_API_KEY={p.secret(p.token('sk_live_', 24))}",
        f"{prompt} cat ~/.pgpass",
        f"db.internal:5432:billing:{p.pii(db_user)}:{p.secret(db_pass)}",
        f"{prompt} ssh {p.pii(fake.user_name())}@{p.pii(fake.ipv4_private())}",
        f"{p.other('Welcome to Ubuntu')} 24.04 LTS",
        f"Last login: {fake.date(pattern='%a %b %d')} from {p.pii(fake.ipv4_private())}",
        f"{prompt} ls",
        "Makefile&nbsp; README.md&nbsp; src&nbsp; tests",
        f"{prompt} ",
    ]
    return (
        f'<div class="bar top">{p.pii(f"{user}@{host}")}: ~/work/billing</div>'
        f'<div class="term">{"".join(f"<div>{line}</div>" for line in lines)}</div>'
    )


def _codehost(p: Page) -> str:
    fake, rng = p.fake, p.rng
    owner = fake.user_name()
    repo = rng.choice(("billing-service", "mobile-app", "data-pipeline", "infra"))
    tabs = "".join(
        f'<span class="tab">{p.other(name)}</span>' for name in ("Code", "Issues", "Pull requests", "Actions")
    )
    prs = []
    for _ in range(5):
        prs.append(
            f'<div class="pr"><b>{p.other(fake.catch_phrase())}</b><div class="muted small">'
            f"#{rng.randint(10, 999)} opened {rng.randint(2, 9)} days ago by "
            f"{p.pii(fake.user_name())}</div></div>"
        )
    reviewer = fake.user_name()
    comment = (
        f'<div class="card"><b>{p.pii(reviewer)}</b> <span class="muted">commented</span>'
        f"<div>@{p.pii(owner)} {p.sentence()}</div>"
        f"<div>{p.other('cc')} @{p.pii(fake.user_name())}</div></div>"
    )
    settings = (
        f'<div class="card"><b>{p.other("Personal access tokens")}</b>'
        f'<div class="muted">{p.other("Make sure to copy your token now")}</div>'
        f'<div class="mono">{p.secret(p.token("ghp_", 36))}</div>'
        f"<div>Public email: {p.pii(fake.email())}</div><div>Name: {p.pii(fake.name())}</div></div>"
    )
    return (
        f'<div class="bar top">{p.pii(owner)} / {html.escape(repo)} &nbsp; {tabs}</div>'
        f'<div class="row"><div class="main">{"".join(prs)}{comment}</div>'
        f'<div class="right">{settings}</div></div>'
    )


def _payments(p: Page) -> str:
    fake, rng = p.fake, p.rng
    nav = p.items(["Home", "Balances", "Transactions", "Customers", "Products", "Reports", "Developers"])
    rows = []
    for _ in range(7):
        rows.append(
            f"<tr><td>{p.pii(fake.name())}</td><td>{p.pii(fake.email())}</td>"
            f"<td class='mono'>{p.pii(p.token('cus_', 14))}</td><td>&bull;&bull;&bull;&bull; "
            f"{p.pii(str(rng.randint(1000, 9999)))}</td>"
            f"<td>{rng.randint(5, 900)}.{rng.randint(10, 99)} EUR</td></tr>"
        )
    customer = fake.name()
    detail = (
        f'<div class="card"><h2>{p.pii(customer)}</h2><div>IBAN {p.pii(fake.iban())}</div>'
        f"<div>Phone {p.pii(fake.phone_number())}</div><div>{p.pii(fake.street_address())}, "
        f"{p.pii(fake.city())}</div><div class='muted'>{p.sentence()}</div></div>"
        f'<div class="card"><b>{p.other("Secret key")}</b><div class="mono">'
        f"{p.secret(p.token('sk_live_', 32))}</div></div>"
    )
    return (
        f'<div class="row full"><div class="side"><div class="title">{p.pii(fake.company())}</div>{nav}</div>'
        f'<div class="main"><div class="bar">{p.other("Customers")}</div>'
        f"{p.table(['Name', 'Email', 'Customer', 'Card', 'Spent'], rows)}</div>"
        f'<div class="right">{detail}</div></div>'
    )


def _ticket(p: Page) -> str:
    fake, rng = p.fake, p.rng
    requester, agent = fake.name(), fake.name()
    fields = (
        f'<div class="card"><div class="muted">Requester</div><div>{p.pii(requester)}</div>'
        f"<div>{p.pii(fake.email())}</div><div class='muted'>Organization</div>"
        f"<div>{p.pii(fake.company())}</div>"
        f"<div class='muted'>Account ID</div><div>{p.pii(str(rng.randint(10**8, 10**9)))}</div>"
        f"<div class='muted'>Assignee</div><div>{p.pii(agent)}</div></div>"
    )
    thread = (
        f'<div class="card"><b>{p.pii(requester)}</b> <span class="muted">{p.time()}</span>'
        f"<div>{p.sentence()} {p.sentence()}</div><div>{p.other('You can reach me on')} "
        f"{p.pii(fake.phone_number())}</div></div>"
        f'<div class="card"><b>{p.pii(agent)}</b> <span class="muted">{p.time()}</span>'
        f"<div>{p.other('Hi')} {p.pii(requester.split()[0])}, {p.sentence()}</div>"
        f"<div>{p.other('Kind regards')}, {p.pii(agent.split()[0])}</div></div>"
    )
    views = p.items(["Your unsolved tickets", "Unassigned tickets", "Recently updated", "Pending"])
    number = rng.randint(1000, 99999)
    return (
        f'<div class="bar top">Support &nbsp; #{number} {p.other(fake.catch_phrase())}</div>'
        f'<div class="row"><div class="pane">{views}</div><div class="main">{thread}</div>'
        f'<div class="right">{fields}</div></div>'
    )


LAYOUTS: dict[str, Callable[[Page], str]] = {
    "chat": _chat,
    "mail": _mail,
    "terminal": _terminal,
    "codehost": _codehost,
    "payments": _payments,
    "ticket": _ticket,
}


def _css(theme: str, font: str, mono: str, size: int) -> str:
    bg, fg, muted, side, side_fg, sel, accent, border = THEMES[theme]
    return f"""
    * {{ box-sizing: border-box; }}
    html, body {{ margin: 0; height: 100%; overflow: hidden; background: {bg}; color: {fg};
        font: {size}px/1.45 '{font}'; }}
    .row {{ display: flex; height: calc(100% - 2.4em); }} .row.full {{ height: 100%; }}
    .bar {{ padding: 0.5em 1em; border-bottom: 1px solid {border}; font-weight: bold; }}
    .bar.top {{ background: {side}; color: {side_fg}; }}
    .switcher {{ width: 4.2em; background: {side}; padding: 0.6em; }}
    .ws {{ width: 2.6em; height: 2.6em; border-radius: 0.5em; background: {accent}; color: #fff;
        text-align: center; line-height: 2.6em; margin-bottom: 0.6em; font-weight: bold; }}
    .side {{ width: 17em; background: {side}; color: {side_fg}; padding: 0.6em 0; overflow: hidden; }}
    .pane {{ width: 13em; background: {sel}; padding: 0.6em 0; overflow: hidden; }}
    .title {{ font-weight: bold; font-size: 1.1em; padding: 0.2em 1em 0.6em; }}
    .head {{ padding: 0.8em 1em 0.2em; opacity: 0.8; }}
    .item {{ padding: 0.15em 1.4em; white-space: nowrap; }}
    .main {{ flex: 1; padding: 0.4em 1em; overflow: hidden; }}
    .list {{ flex: 1.3; overflow: hidden; border-right: 1px solid {border}; }}
    .reading {{ flex: 1; padding: 0.6em 1.2em; overflow: hidden; }}
    .right {{ width: 26em; padding: 0.6em; overflow: hidden; border-left: 1px solid {border}; }}
    .msg {{ display: flex; gap: 0.7em; padding: 0.5em 0; }}
    .avatar {{ flex: none; width: 2.6em; height: 2.6em; border-radius: 0.4em; background: {accent};
        color: #fff; text-align: center; line-height: 2.6em; font-weight: bold; }}
    .muted {{ color: {muted}; }} .small {{ font-size: 0.92em; }}
    .chip {{ display: inline-block; border: 1px solid {border}; border-radius: 1em; padding: 0 0.6em;
        margin: 0.2em 0.3em 0 0; font-size: 0.92em; }}
    .thread {{ color: {accent}; font-weight: bold; }}
    table {{ border-collapse: collapse; width: 100%; }}
    td, th {{ text-align: left; padding: 0.45em 0.7em; border-bottom: 1px solid {border}; white-space: nowrap;
        max-width: 22em; overflow: hidden; }}
    tr.sel {{ background: {sel}; }}
    h2 {{ font-size: 1.15em; margin: 0.3em 0; }}
    .sig {{ margin-top: 1em; border-top: 1px solid {border}; padding-top: 0.5em; }}
    .search {{ display: inline-block; width: 22em; padding: 0 0.6em; background: {bg}; color: {muted};
        border-radius: 0.3em; font-weight: normal; }}
    .term {{ font: {size}px/1.5 '{mono}'; padding: 0.6em 1em; white-space: pre; overflow: hidden;
        height: calc(100% - 2.4em); }}
    .mono {{ font-family: '{mono}'; word-break: break-all; }}
    .tab {{ margin-left: 1.4em; font-weight: normal; }}
    .pr {{ padding: 0.6em 0.2em; border-bottom: 1px solid {border}; }}
    .card {{ border: 1px solid {border}; border-radius: 0.4em; padding: 0.7em 0.9em; margin: 0.6em 0; }}
    """


def page_html(cell: Cell, seed: int) -> tuple[str, str]:
    """The page of one cell, and its Faker locale."""
    from faker import Faker

    rng = random.Random(f"browser-{seed}-{cell.layout}-{cell.theme}-{cell.size}-{cell.index}")
    locale = rng.choice(LOCALES)
    fake = Faker(locale)
    fake.seed_instance(rng.randrange(1 << 30))
    # Several locales' lorem is Latin, which no screen shows: their message bodies are English.
    lorem = fake.provider("faker.providers.lorem")
    latin = lorem is None or type(lorem).__module__.endswith(".la")
    body_fake = Faker("en_US") if latin else fake
    body_fake.seed_instance(rng.randrange(1 << 30))
    font = MONO[rng.randrange(len(MONO))] if cell.layout == "terminal" else rng.choice(SANS)
    css = _css(cell.theme, font, rng.choice(MONO), rng.randint(11, 15))
    content = LAYOUTS[cell.layout](Page(fake, rng, body_fake))
    return f"<!doctype html><html><head><style>{css}</style></head><body>{content}</body></html>", locale


def shoot(browser: Any, document: str, size: tuple[int, int, int]) -> tuple[Any, list[tuple[str, str]]]:
    """``document`` shown in a fresh context of ``browser`` (a ``devtools.browser.chromium()``) at ``size``:
    its screenshot (a PIL image) and the (kind, text) of its marked spans that are wholly visible."""
    from PIL import Image

    width, height, scale = size
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.abort())  # the page asks for nothing; refuse if it did
        page.set_content(document, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        spans = page.evaluate(VISIBLE_SPANS)
        png = page.screenshot(type="png")
    finally:
        context.close()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image, [(kind, text) for kind, text, shown in spans if shown]


def render(browser: Any, cell: Cell, seed: int) -> Screen:
    """One cell's screen, recording what it shows as the Pillow set's Screen does."""
    document, locale = page_html(cell, seed)
    screen = Screen(cell.layout, cell.theme, cell.size[2], locale)
    screen.image, spans = shoot(browser, document, cell.size)
    for kind, text in spans:
        if kind == "pii":
            screen.pii.append(text)
        elif kind == "secret":
            screen.pii.append(text)
            screen.secrets.append(text)
        else:
            screen.other.extend(text.split())
    return screen


def cells(per_cell: int) -> Iterator[Cell]:
    for theme in THEMES:
        for size in SIZES:
            for layout in LAYOUTS:
                for index in range(per_cell):
                    yield Cell(layout, theme, size, index)


@contextmanager
def renderer() -> Iterator[Callable[[Cell, int], Screen]]:
    """Renders cells in one chromium, started here and closed on exit."""
    from proagentbench.devtools.browser import chromium

    with chromium() as browser:
        yield lambda cell, seed: render(browser, cell, seed)
