"""The report as one self-contained HTML page: plots embedded as data: URIs, styles inline, and a content
security policy that lets the page load nothing else, so it opens the same offline, mailed or archived."""

import base64
import html
import json

from proagentbench.benchmark.report.figures import Figure
from proagentbench.benchmark.report.metadata import RunInfo
from proagentbench.benchmark.report.rows import Row, used_columns
from proagentbench.benchmark.report.text import DESCRIBE_HEADER, describe_cells, fmt, legend

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1800px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.note{color:#555;margin:4px 0}
table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f3f3f3}
#results td,td.date{white-space:nowrap}
td.ci{white-space:nowrap;font-variant-numeric:tabular-nums;text-align:right}
td.best{font-weight:bold;background:#e3f0e3}
tr.baseline td{color:#555;font-style:italic;background:#fafafa}
td.settings,td.agent{font-family:ui-monospace,monospace;font-size:12px}
figure{display:inline-block;margin:8px 16px 8px 0;vertical-align:top}
figure img{max-width:100%;border:1px solid #ddd}
figcaption{color:#555;font-size:12px}
"""


def _cell(text: str, css: str = "") -> str:
    attribute = f" class='{css}'" if css else ""
    return f"<td{attribute}>{html.escape(text)}</td>"


def results_table(rows: list[Row]) -> str:
    columns = used_columns(rows)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in DESCRIBE_HEADER)
    head += "".join(f"<th title='{html.escape(c.name)}'>{html.escape(c.label)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = "".join(_cell(text) for text in describe_cells(row))
        for column in columns:
            css = "ci best" if column.key in row.best else "ci"
            cells += _cell(fmt(row.metrics.get(column.key)), css)
        body.append(f"<tr class='{row.kind}'>{cells}</tr>")
    return f"<table id='results'><tr>{head}</tr>{''.join(body)}</table>"


def runs_table(runs: list[RunInfo]) -> str:
    header = [
        "run",
        "corpus",
        "manifest sha256",
        "created",
        "finished",
        "status",
        "agent",
        "model",
        "base URL",
        "settings",
    ]
    body = []
    for run in runs:
        cells = [
            _cell(run.label), _cell(run.corpus + (f" ({run.corpus_source})" if run.corpus_source else "")),
            f"<td title='{html.escape(run.corpus_sha256)}'>{html.escape(run.corpus_sha256[:12])}</td>",
            _cell(run.created_at, "date"), _cell(run.finished_at or "–", "date"), _cell(run.status),
            _cell(json.dumps(run.agent, sort_keys=True), "agent"), _cell(run.model or "– (offline)"),
            _cell(run.base_url or "–"), _cell(run.settings_text(), "settings"),
        ]  # fmt: skip
        body.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f"<th>{h}</th>" for h in header)
    return f"<table id='runs'><tr>{head}</tr>{''.join(body)}</table>"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def figure_html(figure: Figure) -> str:
    title = html.escape(figure.title)
    return (
        f"<figure><img src='{data_uri(figure.png)}' alt='{title}' data-name='{html.escape(figure.name)}'>"
        f"<figcaption>{title}</figcaption></figure>"
    )


def html_page(rows: list[Row], runs: list[RunInfo], figures: list[Figure], generated_at: str) -> str:
    plots = (
        "".join(figure_html(figure) for figure in figures) or "<p class='note'>No plots: nothing to plot.</p>"
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">"
        f"<title>proagentbench report</title><style>{STYLE}</style></head><body>"
        "<h1>proagentbench report</h1>"
        f"<p class='note'>Generated {html.escape(generated_at)} from {len(runs)} run log(s). "
        f"{html.escape(legend(used_columns(rows)))} Highlighted: the best agent value per metric (baselines, "
        "in italics, excluded).</p>"
        f"<h2>Results</h2>{results_table(rows)}"
        f"<h2>Plots</h2>{plots}"
        f"<h2>Runs</h2>{runs_table(runs)}"
        "</body></html>\n"
    )
