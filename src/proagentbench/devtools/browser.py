"""Debian's chromium, headless, driven by Playwright: for tests and benchmarks that look at a page as a person
would. Never a downloaded browser (scripts/bootstrap.sh installs `chromium` with apt)."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)  # fmt: skip


@contextmanager
def chromium() -> Iterator[Any]:
    """One headless chromium (a Playwright ``Browser``), closed on exit: open pages or contexts of any
    viewport and device scale factor in it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def chromium_page(*, width: int, height: int, timeout_ms: int = 15_000) -> Iterator[Any]:
    """A fresh page in a headless chromium that is closed on exit."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.set_default_timeout(timeout_ms)
        yield page
