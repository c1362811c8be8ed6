"""The HTML report of some run logs rendered in headless chromium to a PNG (the figure in docs/benchmarks.md).

    python benchmarks/report_figure.py proagent-demo/runs/*.json --out docs/figures/report.png [--width 1400]

Uses Debian's /usr/bin/chromium through Playwright (never a downloaded browser). Prints what it measured:
render time, page and PNG size, requests the page made (every one but data: URIs is refused and counted),
plots shown, and CI cells that wrap.
"""

import argparse
import sys
import time
from pathlib import Path

from proagentbench.benchmark import read_runlog
from proagentbench.benchmark.report import Report
from proagentbench.devtools.browser import chromium_page

WRAPPED_CELLS = """cells => cells.filter(cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
}).length"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("runs", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="PNG to write")
    parser.add_argument("--width", type=int, default=1400, help="browser window width (CSS px)")
    args = parser.parse_args()
    from playwright.sync_api import Route

    started = time.perf_counter()
    page_html = Report.of([read_runlog(path) for path in args.runs]).render("html")
    rendered = time.perf_counter() - started
    external: list[str] = []

    def refuse(route: Route) -> None:
        external.append(route.request.url)
        route.abort()

    with chromium_page(width=args.width, height=900) as page:
        page.route("**/*", refuse)
        page.set_content(page_html, wait_until="load")
        plots = page.eval_on_selector_all("img", "imgs => imgs.filter(i => i.naturalWidth > 0).length")
        wrapped = page.eval_on_selector_all("td.ci", WRAPPED_CELLS)
        cells = page.locator("td.ci").count()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=True)
    print(
        f"runs {len(args.runs)}; report rendered in {rendered:.2f} s; page {len(page_html) / 1024:.0f} KiB; "
        f"plots shown {plots}; CI cells {cells}, wrapped {wrapped}; external requests {len(external)}; "
        f"{args.out} {args.out.stat().st_size / 1024:.0f} KiB at {args.width} px; "
        f"python {sys.version.split()[0]}"
    )
    if external or wrapped:
        raise SystemExit(f"external requests {external}, wrapped CI cells {wrapped}")


if __name__ == "__main__":
    main()
