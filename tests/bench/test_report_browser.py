"""The HTML report in a real browser (Debian's chromium driven by Playwright; nothing downloads a browser):
it asks for nothing outside itself, its plots show, and no CI cell wraps, even in a narrow window."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proagentbench.benchmark import RunLog
from proagentbench.benchmark.report import Report
from proagentbench.benchmark.report.page import CSP
from proagentbench.devtools.browser import CHROMIUM, chromium_page

CSP_META = f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/bootstrap.sh installs it)"
)


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    with chromium_page(width=900, height=800) as page:
        yield page


def _load(page: Any, html: str) -> list[str]:
    """Show ``html``; every request it makes other than for a data: URI is refused and returned."""
    external: list[str] = []

    def refuse(route: Any) -> None:
        external.append(route.request.url)
        route.abort()

    page.unroute("**/*")
    page.route("**/*", refuse)
    page.set_content(html, wait_until="load")
    return external


def _wrapped(page: Any) -> list[tuple[str, int]]:
    """The CI cells whose text takes more than one line (distinct tops of its line boxes)."""
    lines = page.eval_on_selector_all(
        "td.ci",
        """cells => cells.map(cell => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            return [cell.textContent, new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        })""",
    )
    assert len(lines) > 50 and any("[" in text for text, _ in lines)
    return [(text, count) for text, count in lines if count != 1]


def test_report_page_is_self_contained_and_legible(
    report_runs: list[RunLog], page: Any, tmp_path: Path
) -> None:
    html = Report.of(report_runs).render("html")
    assert CSP_META in html
    # Without its content security policy (which would block them unseen) the page still asks for nothing.
    assert _load(page, html.replace(CSP_META, "")) == []
    control = html.replace(CSP_META, "").replace("</body>", "<img src='http://127.0.0.1:9/x.png'></body>")
    assert _load(page, control) == ["http://127.0.0.1:9/x.png"]  # the counter does see a request

    _load(page, html.replace("white-space:nowrap", "white-space:normal"))
    assert _wrapped(page), "control: without nowrap the narrow window wraps CI cells"

    assert _load(page, html) == []
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert len(widths) == 4 and all(width > 0 for width in widths)
    assert _wrapped(page) == [], "a CI cell wraps onto more lines"
    assert page.locator("td.best").count() > 0 and page.locator("tr.baseline").count() == 2
    assert page.locator("#runs tr").count() == 1 + len(report_runs)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
