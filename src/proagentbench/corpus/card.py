"""The dataset card (README.md): Hugging Face YAML front matter, then the sections a card on the Hub carries.

What the writer of a corpus knows (its summary, source data, annotation process, privacy treatment, consent,
limitations, licence) comes in a `CardInfo`; what the written tables say (statistics, who made the labels,
split sizes) is read from them here. The card holds no time stamp, so the same data gives a byte-identical
card.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from proagentbench.corpus.card_header import CONFIG_ORDER, annotation_creator, front_matter
from proagentbench.corpus.citations import PAPER, TOOLKIT
from proagentbench.corpus.format import CARD_NAME, CONTEXT_MAX_EVENTS, CONTEXT_WINDOW_S, TABLES
from proagentbench.corpus.layout import table_path, written_splits
from proagentbench.corpus.stats import CorpusStats
from proagentbench.corpus.writer import CorpusWriter

TABLE_DESCRIPTIONS = {
    "timing": "decision points of the *when to assist* task (label: should help be offered now?), each with "
    "its `context`, the event window before it",
    "content": "positive points of the *how to assist* task: reference assistance and intent category",
    "events": "the event stream, with the focused window's application and title where recorded",
    "sessions": "one row per session",
    "screenshots": "redacted screenshots (`image` is a `datasets` Image: the bytes and the file's path)",
    "annotations": "every labelled point as annotated",
}


@dataclass
class CardInfo:
    title: str
    license: str
    summary: str
    provenance: list[str]
    split_note: str
    attribution: str | None = None
    extra_tags: list[str] = field(default_factory=list)
    language: list[str] = field(default_factory=lambda: ["en"])
    source_datasets: list[str] = field(default_factory=lambda: ["original"])
    source_data: list[str] = field(default_factory=list)
    annotation_process: list[str] = field(default_factory=list)
    personal_information: list[str] = field(default_factory=list)
    consent: str = ""
    limitations: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)  # references of the source data, before the paper's


def present_files(root: Path) -> dict[str, list[str]]:
    """Table -> the splits that have a Parquet file under ``root``."""
    return {table: splits for table in TABLES if (splits := written_splits(root, table))}


def annotation_sources(root: Path) -> Counter[str]:
    """Rows of the annotations table per `source` (who or what made each label)."""
    import pyarrow.parquet as pq

    counts: Counter[str] = Counter()
    for split in written_splits(root, "annotations"):
        for batch in pq.ParquetFile(table_path(root, "annotations", split)).iter_batches(columns=["source"]):
            counts.update(batch.column("source").to_pylist())
    return counts


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


def _structure(files: dict[str, list[str]]) -> list[str]:
    tables = [f"- `{t}`: {TABLE_DESCRIPTIONS[t]} ({', '.join(files[t])})" for t in CONFIG_ORDER if t in files]
    return [
        "## Dataset structure",
        "",
        *tables,
        "",
        'Each table is a config: `datasets.load_dataset(DIR, "timing")` (or any table name), or '
        '`datasets.load_dataset("parquet", data_dir="DIR/timing")`; `load_dataset(DIR)` gives the default '
        "config, `timing`. The tables have different columns, so the folder cannot be read as one table: "
        '`load_dataset("parquet", data_dir=DIR)` merges them and fails with a cast error; name a table.',
        "",
        f"A timing row's `context` holds the session's events in the {CONTEXT_WINDOW_S:g} s before the point "
        f"(the latest {CONTEXT_MAX_EVENTS}, fields `t_us`, `kind`, `app`, `title`, `key`, `text`): what the "
        "benchmark's agents see by default, so the timing config is usable alone. The format is described in "
        "proagentbench's `docs/corpus.md` (format version in `manifest.json`, which also holds the sha256 of "
        "every file).",
        "",
    ]


def _annotations(info: CardInfo, sources: Counter[str]) -> list[str]:
    made = ", ".join(f"`{s}` {n} ({annotation_creator(s)})" for s, n in sorted(sources.items())) or "none"
    return [
        "## Annotations",
        "",
        f"Labels by source: {made}.",
        "",
        *(f"- {line}" for line in info.annotation_process),
        "",
    ]


def _citation(info: CardInfo) -> list[str]:
    return [
        "## Citation",
        "",
        "If you use this corpus, cite the ProAgentBench paper (Tang et al., 2026), whose tasks it follows, "
        "and the proagentbench toolkit that produced it"
        + (", and the source data set:" if info.citations else ":"),
        "",
        *(f"- {reference}" for reference in [*info.citations, PAPER, TOOLKIT]),
        "",
    ]


def _sample_size(stats: CorpusStats) -> str:
    test = stats.splits.get("test")
    points = test.decision_points if test else 0
    return (
        f"the test split holds {points} decision points from {test.sessions if test else 0} session(s): "
        "report confidence intervals (`proagent bench` bootstraps them); differences smaller than their "
        "width are not evidence"
    )


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"## {title}", "", *(f"- {line}" for line in lines), ""] if lines else []


def render_card(
    info: CardInfo, files: dict[str, list[str]], stats: CorpusStats, sources: Counter[str] | None = None
) -> str:
    sources = sources or Counter()
    creators = sorted({annotation_creator(source) for source in sources})
    header = front_matter(
        license=info.license,
        title=info.title,
        language=info.language,
        creators=creators,
        source_datasets=info.source_datasets,
        tags=["proactive-agents", "proagentbench", *info.extra_tags],
        decision_points=stats.decision_points,
        files=files,
    )
    body = [
        f"# {info.title}",
        "",
        info.summary,
        "",
        *_structure(files),
        "## Languages",
        "",
        "Text in " + ", ".join(f"`{code}`" for code in info.language) + " (BCP-47 codes).",
        "",
        "## Splits",
        "",
        info.split_note,
        "",
        statistics_section(stats),
        *_section("Source data", info.source_data),
        *_annotations(info, sources),
        *_section("Personal and sensitive information", info.personal_information),
        *(["## Consent", "", info.consent, ""] if info.consent else []),
        *_section("Limitations", [*info.limitations, _sample_size(stats)]),
        *_section("Provenance", info.provenance),
        *(["## Attribution", "", info.attribution, ""] if info.attribution else []),
        *_citation(info),
    ]
    return header + "\n" + "\n".join(body)


def write_card(writer: CorpusWriter, info: CardInfo, stats: CorpusStats) -> None:
    """Write the card of what ``writer`` holds so far (its tables closed) as the corpus's README.md."""
    root = writer.staging
    writer.write_text(CARD_NAME, render_card(info, present_files(root), stats, annotation_sources(root)))
