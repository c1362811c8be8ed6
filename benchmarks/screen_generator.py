"""Application-like screens for benchmarks/anonymizer_screens.py, drawn independently of the tests'
`render_screen` (which writes DejaVu lines on a flat grey page): URW fonts (Nimbus Sans, Nimbus Mono PS, URW
Gothic, P052), four app layouts (chat with a sidebar, mail list, terminal, code host) with title bars,
sidebars and selected rows in other colours, light and dark themes, at 1x, 2x and 3x, filled with Faker data
of several locales. Each screen knows which drawn strings are PII and which are other words."""

import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FONT_DIR = "/usr/share/fonts/opentype/urw-base35/"
FONTS = {
    "sans": FONT_DIR + "NimbusSans-Regular.otf",
    "gothic": FONT_DIR + "URWGothic-Book.otf",
    "serif": FONT_DIR + "P052-Roman.otf",
    "mono": FONT_DIR + "NimbusMonoPS-Regular.otf",
}
LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "pt_BR", "nl_NL")
LAYOUTS = ("chat", "mail", "terminal", "codehost")
THEMES = {
    # page, text, muted text, chrome (title bar / sidebar), chrome text, selected row
    "light": ("#ffffff", "#1d1c1d", "#616061", "#3f0e40", "#ffffff", "#e8f0fe"),
    "dark": ("#1a1d21", "#d1d2d3", "#9a9b9c", "#0b0c0e", "#e6e6e6", "#2c3e50"),
}
BASE_SIZE = (900, 520)
UI_PT = 13  # a small UI font at 1x


@dataclass
class Screen:
    layout: str
    theme: str
    scale: int
    locale: str
    image: Any = None
    pii: list[str] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


def _token(rng: random.Random, prefix: str, length: int) -> str:
    return prefix + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))


class _Canvas:
    def __init__(self, screen: Screen, font: str) -> None:
        from PIL import Image, ImageDraw

        self.screen = screen
        self.scale = screen.scale
        self.colours = THEMES[screen.theme]
        width, height = BASE_SIZE
        screen.image = Image.new("RGB", (width * self.scale, height * self.scale), self.colours[0])
        self.draw = ImageDraw.Draw(screen.image)
        self.font_path = FONTS[font]
        self._fonts: dict[int, Any] = {}

    def font(self, points: int) -> Any:
        from PIL import ImageFont

        if points not in self._fonts:
            self._fonts[points] = ImageFont.truetype(self.font_path, points * self.scale)
        return self._fonts[points]

    def rect(self, box: tuple[int, int, int, int], colour: str) -> None:
        s = self.scale
        self.draw.rectangle(tuple(v * s for v in box), fill=colour)

    def text(self, x: int, y: int, parts: list[tuple[str, str]], *, colour: str, points: int = UI_PT) -> None:
        """Draws parts left to right; each part is (kind, text): "pii", "secret", "other" or "chrome"."""
        font = self.font(points)
        cursor = x * self.scale
        for kind, value in parts:
            self.draw.text((cursor, y * self.scale), value, fill=colour, font=font)
            cursor += int(self.draw.textlength(value + " ", font=font))
            if kind == "pii":
                self.screen.pii.append(value)
            elif kind == "secret":  # KEY=value: the value is the secret, the key name is chrome
                self.screen.pii.append(value.split("=")[-1])
                self.screen.secrets.append(value.split("=")[-1])
            elif kind == "other":
                self.screen.other.extend(value.split())

    def title_bar(self, title: list[tuple[str, str]]) -> None:
        self.rect((0, 0, BASE_SIZE[0], 26), self.colours[3])
        self.text(10, 6, title, colour=self.colours[4])


def _p(value: str) -> tuple[str, str]:
    return ("pii", value)


def _o(value: str) -> tuple[str, str]:
    return ("other", value)


def _chat(c: _Canvas, fake: Any, rng: random.Random) -> None:
    company = fake.company().split(",")[0].split(" ")[0]
    c.title_bar([_p(company), _o("- Slack")])
    c.rect((0, 26, 200, BASE_SIZE[1]), c.colours[3])
    c.text(12, 36, [_o("Channels")], colour=c.colours[4])
    for i, channel in enumerate(("general", "random", "releases")):
        c.text(20, 58 + 20 * i, [_o(f"# {channel}")], colour=c.colours[4])
    c.text(12, 130, [_o("Direct messages")], colour=c.colours[4])
    for i in range(4):
        c.text(20, 152 + 20 * i, [_p(fake.name())], colour=c.colours[4])
    messages = [
        "can you review the deck before Friday?",
        "the build is green again",
        "please send me the latest numbers",
        "meeting moved to three o'clock",
    ]
    y = 44
    for message in messages:
        c.text(220, y, [_p(fake.name())], colour=c.colours[1])
        c.text(220, y + 20, [_o(message)], colour=c.colours[1])
        y += 52
    c.text(220, y, [_o("call me at"), _p(fake.phone_number())], colour=c.colours[1])
    c.text(220, y + 22, [_o("my address is"), _p(fake.street_address())], colour=c.colours[1])


def _mail(c: _Canvas, fake: Any, rng: random.Random) -> None:
    me = fake.email()
    c.title_bar([_o("Inbox -"), _p(me), _o("- Outlook")])
    c.rect((0, 26, 170, BASE_SIZE[1]), c.colours[5])
    for i, folder in enumerate(("Inbox", "Drafts", "Sent", "Archive", "Junk")):
        c.text(14, 40 + 22 * i, [_o(folder)], colour=c.colours[1])
    subjects = ["Quarterly report", "Invoice for October", "Team lunch on Thursday", "Contract renewal"]
    y = 40
    for i, subject in enumerate(subjects):
        if i == 1:
            c.rect((170, y - 6, BASE_SIZE[0], y + 44), c.colours[5])
        c.text(186, y, [_p(fake.name())], colour=c.colours[1])
        c.text(186, y + 20, [_o(subject)], colour=c.colours[2])
        y += 54
    c.text(186, y + 6, [_o("From:"), _p(fake.name()), _p(f"<{fake.email()}>")], colour=c.colours[1])
    c.text(186, y + 30, [_o("IBAN"), _p(fake.iban())], colour=c.colours[1])


def _terminal(c: _Canvas, fake: Any, rng: random.Random) -> None:
    user = fake.user_name()
    host = rng.choice(("devbox", "workstation", "buildhost")) + str(rng.randint(2, 99))
    prompt = f"{user}@{host}:~$"
    c.title_bar([_p(f"{user}@{host}:"), _o("~/projects/shop")])
    c.rect((0, 26, BASE_SIZE[0], BASE_SIZE[1]), c.colours[0])
    secret = _token(rng, "ghp_", 36)
    aws = _token(rng, "", 40)
    lines: list[list[tuple[str, str]]] = [
        [_p(prompt), _o("git status")],
        [_o("On branch main")],
        [_o("nothing to commit, working tree clean")],
        [_p(prompt), ("other", "export"), ("secret", f"GITHUB_TOKEN={secret}")],
        [_p(prompt), ("other", "export"), ("secret", f"AWS_SECRET_ACCESS_KEY={aws}")],
        [_p(prompt), _o("ssh"), _p(f"{user}@{fake.ipv4_private()}")],
        [_o("Welcome to Ubuntu server")],
        [_p(prompt), _o("git log --oneline")],
        [_o("a1b2c3d fix the login form")],
        [_o("Author:"), _p(fake.name()), _p(f"<{fake.email()}>")],
    ]
    for i, parts in enumerate(lines):
        c.text(10, 36 + 20 * i, parts, colour=c.colours[1], points=UI_PT)


def _codehost(c: _Canvas, fake: Any, rng: random.Random) -> None:
    owner = fake.user_name()
    repo = rng.choice(("billing-service", "mobile-app", "data-pipeline"))
    c.title_bar([_p(f"{owner}/{repo}"), _o("· Pull requests · GitHub")])
    c.rect((0, 26, BASE_SIZE[0], 64), c.colours[5])
    c.text(14, 36, [_p(owner), _o(f"/ {repo}")], colour=c.colours[1], points=UI_PT + 3)
    rows = ["Add retry to the payment client", "Update dependencies", "Fix typo in the readme"]
    y = 82
    for title in rows:
        c.text(14, y, [_o(title)], colour=c.colours[1])
        c.text(14, y + 20, [_o("opened yesterday by"), _p(fake.user_name())], colour=c.colours[2])
        y += 52
    c.text(14, y, [_o("Reviewers:"), _p(fake.name()), _o("and"), _p(fake.name())], colour=c.colours[1])
    c.text(14, y + 24, [_o("Contact"), _p(fake.email())], colour=c.colours[1])
    c.text(14, y + 48, [_o("Deploy key"), ("secret", _token(rng, "sk_live_", 24))], colour=c.colours[1])


DRAW: dict[str, Callable[[_Canvas, Any, random.Random], None]] = {
    "chat": _chat,
    "mail": _mail,
    "terminal": _terminal,
    "codehost": _codehost,
}


def generate(layout: str, theme: str, scale: int, index: int, seed: int) -> Screen:
    from faker import Faker

    rng = random.Random(f"{seed}-{layout}-{theme}-{scale}-{index}")
    locale = rng.choice(LOCALES)
    fake = Faker(locale)
    fake.seed_instance(rng.randrange(1 << 30))
    screen = Screen(layout, theme, scale, locale)
    font = "mono" if layout == "terminal" else rng.choice(("sans", "gothic", "serif"))
    canvas = _Canvas(screen, font)
    DRAW[layout](canvas, fake, rng)
    return screen
