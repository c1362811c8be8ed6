"""The review page in a real browser (Debian's chromium driven by Playwright; nothing downloads a browser):
keys accept, reject and edit labels and clear a privacy flag, and the store holds what was decided."""

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from proagentbench.annotator.review.server import ReviewServer
from tests.annotator.review_fixtures import human_rows, labelled_clean_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/bootstrap.sh installs it)"
)


@pytest.fixture
def browser_page(tmp_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def _points_of_first_session(db: Path) -> list[tuple[int, int]]:
    """(t, id of the first non-human label there) per decision point, in the page's order."""
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute(
            "SELECT t, MIN(id) FROM annotations WHERE session_id = (SELECT MIN(id) FROM sessions) "
            "AND kind != 'privacy' AND source != 'human' GROUP BY t ORDER BY t"
        ).fetchall()
    return [(t, aid) for t, aid in rows]


def _label(db: Path, annotation_id: int) -> tuple[bool, str | None, str | None]:
    with closing(sqlite3.connect(db)) as connection:
        label, intent, content = connection.execute(
            "SELECT label, intent, content FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
    return bool(label), intent, content


def test_keys_accept_reject_edit_and_clear_a_flag(tmp_path: Path, browser_page: Any) -> None:
    clean = labelled_clean_store(tmp_path)
    points = _points_of_first_session(clean)
    assert len(points) >= 3
    page = browser_page
    with ReviewServer(clean) as server:
        page.goto(server.url)
        page.wait_for_selector("#labels tr.target")
        assert page.locator("#frame-list img").count() > 0
        assert page.evaluate("document.querySelector('#frame-list img').naturalWidth") > 0

        page.keyboard.press("a")
        page.wait_for_function("document.getElementById('status').textContent.startsWith('accepted')")
        page.keyboard.press("j")
        page.keyboard.press("r")
        page.wait_for_function("document.getElementById('status').textContent.startsWith('rejected')")
        page.keyboard.press("j")
        page.keyboard.press("e")
        page.keyboard.press("3")  # the third intent of the taxonomy: writing
        page.click("#content")
        page.keyboard.press("Control+a")
        page.keyboard.type("make this paragraph formal")
        page.keyboard.press("Control+Enter")
        page.wait_for_function("document.getElementById('status').textContent.startsWith('edited')")
        page.keyboard.press("c")
        page.wait_for_function("document.querySelector('.flag-status').textContent === 'cleared'")
        page.wait_for_selector("#agreement [data-pair='heuristic|human']")
        shot = tmp_path / "review.png"
        page.screenshot(path=str(shot), full_page=True)

    rows = human_rows(clean)
    moments = {t: (label, intent, content, data) for _s, t, label, kind, intent, content, data in rows
               if kind != "privacy"}  # fmt: skip
    (t0, first), (t1, second), (t2, third) = points[:3]
    assert moments[t0][:3] == _label(clean, first)
    assert moments[t0][3]["action"] == "accept" and moments[t0][3]["reviewed"]["id"] == first
    assert moments[t1][0] is (not _label(clean, second)[0]) and moments[t1][3]["action"] == "reject"
    assert moments[t1][3]["reviewed"]["id"] == second
    assert moments[t2][:3] == (True, "writing", "make this paragraph formal")
    assert moments[t2][3]["action"] == "edit" and moments[t2][3]["reviewed"]["id"] == third
    (flag,) = [row for row in rows if row[3] == "privacy"]
    assert flag[2] is False  # cleared
    assert len(rows) == 4
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
