"""Comparison of run logs: one table (Markdown, HTML; the terminal's is `proagentbench.cli.bench_table`) and
PNG plots.

Rows are (run, condition); the trivial always/never baselines of every distinct corpus and condition are added
beside the agents, so no agent is ever shown without its floor.
"""

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proagentbench.benchmark.records import RunLog

TIMING_COLUMNS = (
    ("accuracy", "Acc"),
    ("precision", "Prec"),
    ("recall", "Rec"),
    ("f1", "F1"),
    ("false_alarm_rate", "FAR"),
    ("balanced_accuracy", "BalAcc"),
    ("auroc", "AUROC"),
)
CONTENT_COLUMNS = (
    ("intent_accuracy", "IntentAcc"),
    ("intent_macro_f1", "IntentF1"),
    ("semantic_similarity", "SemSim"),
    ("judge", "Judge"),
)


@dataclass
class Row:
    agent: str
    corpus: str
    context_s: float
    memory: str
    coverage: str
    timing: dict[str, Any]
    content: dict[str, Any]
    end_to_end: dict[str, Any]


def _fmt(estimate: Any) -> str:
    if not isinstance(estimate, dict) or estimate.get("value") is None:
        return "–"
    ci = estimate.get("ci")
    text = f"{estimate['value']:.3f}"
    return f"{text} [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else text


def collect_rows(logs: list[RunLog]) -> list[Row]:
    rows: list[Row] = []
    seen_baselines: set[tuple[str, str, str]] = set()
    for log in logs:
        corpus = Path(str(log.corpus.get("path", "?"))).name
        for condition in log.conditions:
            metrics = condition.metrics
            timing = metrics.get("timing", {})
            content = metrics.get("content", {})
            agent_timing = timing.get("agent", {})
            covered = agent_timing or content
            coverage = (
                f"{covered['n_points'] - covered['n_failed']}/{covered['n_points']}" if covered else "–"
            )
            rows.append(
                Row(
                    log.label(),
                    corpus,
                    condition.context_s,
                    condition.memory,
                    coverage,
                    agent_timing,
                    content,
                    metrics.get("end_to_end", {}),
                )  # fmt: skip
            )
            key = (log.corpus.get("manifest_sha256", ""), corpus, condition.key)
            if timing and key not in seen_baselines:
                seen_baselines.add(key)
                for name in ("always", "never"):
                    rows.append(
                        Row(
                            f"{name} (baseline)",
                            corpus,
                            condition.context_s,
                            condition.memory,
                            str(timing[name]["n"]),
                            timing[name],
                            {},
                            {},
                        )  # fmt: skip
                    )
    return rows


def _table(rows: list[Row], fmt: Any = _fmt) -> tuple[list[str], list[list[str]]]:
    header = ["agent", "corpus", "context", "memory", "answered"]
    header += [label for _, label in TIMING_COLUMNS] + [label for _, label in CONTENT_COLUMNS]
    header += ["E2E(sim)", "E2E(intent)"]
    body = []
    for row in rows:
        cells = [row.agent, row.corpus, f"{row.context_s:g}s", row.memory, row.coverage]
        cells += [fmt(row.timing.get(key)) for key, _ in TIMING_COLUMNS]
        cells += [fmt(row.content.get(key)) for key, _ in CONTENT_COLUMNS]
        cells += [fmt(row.end_to_end.get("similarity")), fmt(row.end_to_end.get("intent"))]
        body.append(cells)
    return header, body


def markdown_table(rows: list[Row]) -> str:
    header, body = _table(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |" for cells in body]
    return "\n".join(lines) + "\n"


def html_table(rows: list[Row]) -> str:
    header, body = _table(rows)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    rows_html = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>" for cells in body
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>proagentbench report</title>"
        "<style>table{border-collapse:collapse;font:13px sans-serif}"
        "td,th{border:1px solid #ccc;padding:3px 6px}"
        "</style></head><body><h1>proagentbench report</h1><p>Values are point estimates with bootstrap "
        f"95% CIs. FAR = FP/(FP+TN).</p><table><tr>{head}</tr>{rows_html}</table></body></html>\n"
    )


def plot(rows: list[Row], out_dir: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[Path] = []
    labelled = [r for r in rows if r.timing.get("f1")]
    if labelled:
        fig, ax = plt.subplots(figsize=(max(6, 0.9 * len(labelled)), 4))
        names = [f"{r.agent}\n{r.context_s:g}s {r.memory}" for r in labelled]
        for offset, key in ((-0.2, "f1"), (0.2, "balanced_accuracy")):
            values = [r.timing[key]["value"] or 0.0 for r in labelled]
            errors = [
                [
                    max(0.0, v - (r.timing[key]["ci"] or [v, v])[0])
                    for v, r in zip(values, labelled, strict=True)
                ],
                [
                    max(0.0, (r.timing[key]["ci"] or [v, v])[1] - v)
                    for v, r in zip(values, labelled, strict=True)
                ],
            ]
            positions = [i + offset for i in range(len(labelled))]
            ax.bar(positions, values, width=0.4, yerr=errors, capsize=3, label=key)
        ax.set_xticks(range(len(labelled)), names, fontsize=7, rotation=30, ha="right")
        ax.set_ylim(0, 1)
        ax.set_title("Timing: F1 and balanced accuracy (95% CI)")
        ax.legend()
        fig.tight_layout()
        written.append(out_dir / "timing.png")
        fig.savefig(written[-1], dpi=120)
        plt.close(fig)
    by_agent: dict[str, list[Row]] = {}
    for row in rows:
        if row.timing.get("balanced_accuracy", {}).get("value") is not None and "baseline" not in row.agent:
            by_agent.setdefault(f"{row.agent} {row.memory}", []).append(row)
    if any(len({r.context_s for r in group}) > 1 for group in by_agent.values()):
        fig, ax = plt.subplots(figsize=(6, 4))
        for name, group in by_agent.items():
            group = sorted(group, key=lambda r: r.context_s)
            ax.plot([r.context_s for r in group], [r.timing["balanced_accuracy"]["value"] for r in group],
                    marker="o", label=name)  # fmt: skip
        ax.set_xscale("log")
        ax.set_xlabel("context window (s)")
        ax.set_ylabel("balanced accuracy")
        ax.set_title("Context-window sweep")
        ax.legend(fontsize=7)
        fig.tight_layout()
        written.append(out_dir / "context_sweep.png")
        fig.savefig(written[-1], dpi=120)
        plt.close(fig)
    return written


def write_report(logs: list[RunLog], out_dir: Path) -> list[Path]:
    """report.md, report.html and the PNG plots of these runs in ``out_dir``; returns the files written."""
    rows = collect_rows(logs)
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown = out_dir / "report.md"
    markdown.write_text("# proagentbench report\n\n" + markdown_table(rows), encoding="utf-8")
    page = out_dir / "report.html"
    page.write_text(html_table(rows), encoding="utf-8")
    return [markdown, page, *plot(rows, out_dir)]
