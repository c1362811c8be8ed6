"""benchmarks/screen_browser.py, the browser-rendered screen set: the PII it records is drawn where OCR reads
it, and what the browser does not show (scrolled out, clipped) is not recorded."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proagentbench.devtools.browser import CHROMIUM, chromium

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import screen_browser  # noqa: E402
from anonymizer_screens import _readable  # noqa: E402

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/bootstrap.sh installs it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


def test_a_chat_screen_draws_its_recorded_pii(browser: Any) -> None:
    from proagentbench.anonymizer.image.fuzzy import normalise
    from proagentbench.anonymizer.image.ocr import ocr_words

    cell = screen_browser.Cell("chat", "light", (1366, 768, 1), 0)
    screen = screen_browser.render(browser, cell, seed=11)
    assert screen.image.size == (1366, 768) and screen.locale in screen_browser.LOCALES
    assert len(screen.pii) >= 8 and len(screen.other) >= 30
    words = [normalise(word.text) for word in ocr_words(screen.image)]
    read = [value for value in screen.pii if _readable(value, False, words, "".join(words))]
    assert len(read) >= len(screen.pii) // 2, (screen.pii, words)
    assert any(run in words for word in screen.other for run in [normalise(word)] if len(run) >= 4)


def test_only_what_the_browser_shows_is_recorded(browser: Any) -> None:
    document = (
        "<body style='margin:0'><p><span data-k='pii'>Shown Person</span></p>"
        "<div style='width:60px;overflow:hidden;white-space:nowrap'>"
        "<span data-k='pii'>Clipped Longname</span></div>"
        "<p style='margin-top:2000px'><span data-k='secret'>below the fold</span></p>"
        "<p style='position:absolute;left:-500px'><span data-k='other'>off to the left</span></p></body>"
    )
    image, spans = screen_browser.shoot(browser, document, (400, 300, 2))
    assert image.size == (800, 600)  # device pixels at scale 2
    assert spans == [("pii", "Shown Person")]
