"""The dataset card (README.md) with Hugging Face YAML front matter and the corpus statistics.

The front matter's `configs` list one config per table with its split files, so both
``load_dataset("parquet", data_dir=DIR/"timing")`` and ``load_dataset(DIR, "timing")`` work. The card holds no
time stamp, so the same data gives a byte-identical card.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from proagentbench.corpus.format import CARD_NAME, TABLES
from proagentbench.corpus.layout import table_file, written_splits
from proagentbench.corpus.stats import CorpusStats
from proagentbench.corpus.writer import CorpusWriter

TABLE_DESCRIPTIONS = {
    "timing": "decision points of the *when to assist* task (label: should help be offered now?)",
    "content": "positive points of the *how to assist* task: reference assistance and intent category",
    "events": "the event stream, with the focused window's application and title where recorded",
    "sessions": "one row per session",
    "screenshots": "redacted screenshots (`image` is a path relative to the corpus directory)",
    "annotations": "every labelled point as annotated",
}
CONFIG_ORDER = ("timing", "content", "events", "sessions", "screenshots", "annotations")


@dataclass
class CardInfo:
    title: str
    license: str
    summary: str
    provenance: list[str]
    split_note: str
    attribution: str | None = None
    extra_tags: list[str] = field(default_factory=list)


def present_files(root: Path) -> dict[str, list[str]]:
    """Table -> the splits that have a Parquet file under ``root``."""
    return {table: splits for table in TABLES if (splits := written_splits(root, table))}


def _size_category(rows: int) -> str:
    for limit, name in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
    ):
        if rows < limit:
            return name
    return "1M<n<10M"


def _quote(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML scalar


def front_matter(info: CardInfo, files: dict[str, list[str]], stats: CorpusStats) -> str:
    lines = [
        "---",
        f"license: {_quote(info.license)}",
        f"pretty_name: {_quote(info.title)}",
        "task_categories:",
        "- text-classification",
        "- text-generation",
        "tags:",
        *(f"- {_quote(tag)}" for tag in ["proactive-agents", "proagentbench", *info.extra_tags]),
        "size_categories:",
        f"- {_quote(_size_category(stats.decision_points))}",
        "configs:",
    ]
    first = True
    for table in (t for t in CONFIG_ORDER if t in files):
        lines.append(f"- config_name: {table}")
        if first:
            lines.append("  default: true")
            first = False
        lines.append("  data_files:")
        for split in files[table]:
            lines += [f"  - split: {split}", f"    path: {_quote(table_file(table, split))}"]
    lines.append("---")
    return "\n".join(lines) + "\n"


def fmt_number(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def statistics_section(stats: CorpusStats) -> str:
    inter = stats.inter_event
    rate = stats.positive_rate
    lines = [
        "## Statistics",
        "",
        "| statistic | value |",
        "| --- | --- |",
        f"| hours | {stats.hours:.2f} |",
        f"| sessions | {stats.sessions} |",
        f"| users | {stats.users} |",
        f"| events | {stats.events} |",
        f"| decision points (timing) | {stats.decision_points} |",
        f"| positives / negatives | {stats.positives} / {stats.negatives} |",
        f"| positive rate | {fmt_number(rate)} |",
        f"| content points | {stats.content_points} |",
        f"| inter-event times | {inter.count} "
        f"(mean {fmt_number(inter.mean_s, 2)} s, sd {fmt_number(inter.std_s, 2)} s) |",
        f"| burstiness B = (σ−μ)/(σ+μ) | {fmt_number(inter.burstiness)} |",
        f"| memory coefficient M | {fmt_number(inter.memory)} |",
        "",
        "Inter-event times are taken between consecutive events of a session, leaving out "
        + (", ".join(f"`{k}`" for k in inter.excluded_kinds) or "nothing")
        + ". B is −1 for periodic, about 0 for Poisson and towards 1 for bursty activity; "
        "M is the correlation of consecutive inter-event times (Goh & Barabási 2008).",
        "",
        "| split | sessions | users | decision points | positives |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {name} | {s.sessions} | {s.users} | {s.decision_points} | {s.positives} |"
            for name, s in stats.splits.items()
        ),
        "",
        "Events by kind: "
        + (", ".join(f"`{k}` {n}" for k, n in stats.events_by_kind.items()) or "none")
        + ".",
        "",
        "Decision points by kind: "
        + (", ".join(f"`{k}` {n}" for k, n in stats.points_by_kind.items()) or "none")
        + ".",
        "",
        "Intents: " + (", ".join(f"`{k}` {n}" for k, n in stats.intents.items()) or "none") + ".",
    ]
    return "\n".join(lines) + "\n"


def render_card(info: CardInfo, files: dict[str, list[str]], stats: CorpusStats) -> str:
    tables = [f"- `{t}`: {TABLE_DESCRIPTIONS[t]} ({', '.join(files[t])})" for t in CONFIG_ORDER if t in files]
    body = [
        f"# {info.title}",
        "",
        info.summary,
        "",
        "## Tables",
        "",
        *tables,
        "",
        'Load a table with `datasets.load_dataset(DIR, "timing")` or '
        '`datasets.load_dataset("parquet", data_dir="DIR/timing")`; the format is described in '
        "proagentbench's `docs/corpus.md` (format version in `manifest.json`, which also holds the sha256 of "
        "every file).",
        "",
        "## Splits",
        "",
        info.split_note,
        "",
        statistics_section(stats),
        "## Provenance",
        "",
        *(f"- {line}" for line in info.provenance),
        "",
    ]
    if info.attribution:
        body += ["## Attribution", "", info.attribution, ""]
    return front_matter(info, files, stats) + "\n" + "\n".join(body)


def write_card(writer: CorpusWriter, info: CardInfo, stats: CorpusStats) -> None:
    """Write the card of what ``writer`` holds so far (its tables closed) as the corpus's README.md."""
    writer.write_text(CARD_NAME, render_card(info, present_files(writer.staging), stats))
