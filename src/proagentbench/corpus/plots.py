"""PNG plots of corpus statistics (matplotlib, Agg backend: no display needed)."""

from pathlib import Path
from typing import Any

from proagentbench.corpus.stats import CorpusStats
from proagentbench.errors import MissingDependencyError


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend (no display needed), or a clear error naming the extra."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError("matplotlib", "bench") from None
    return plt


def write_plots(stats: CorpusStats, out_dir: Path) -> list[Path]:
    plt = pyplot()
    from matplotlib.ticker import LogLocator, MaxNLocator, NullFormatter

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []

    def bar(name: str, counts: dict[str, int], title: str, xlabel: str) -> None:
        figure, axes = plt.subplots(figsize=(7, 4))
        labels = list(counts)
        axes.barh(labels, [counts[label] for label in labels], color="#4477aa")
        axes.invert_yaxis()
        axes.set_title(title)
        axes.set_xlabel(xlabel)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 2.5 events
        figure.tight_layout()
        path = out_dir / name
        figure.savefig(path, dpi=100)
        plt.close(figure)
        written.append(path)

    bar("events_by_kind.png", stats.events_by_kind, "Events by kind", "events")
    bar(
        "label_balance.png",
        {"positive": stats.positives, "negative": stats.negatives, **stats.points_by_kind},
        "Decision points (timing task)",
        "points",
    )
    bar("intents.png", stats.intents, "Intent distribution (content task)", "points")

    inter = stats.inter_event
    figure, axes = plt.subplots(figsize=(7, 4))
    edges = [edge for edge in inter.histogram_edges_s]
    counts = inter.histogram_counts[1:-1]  # positive gaps inside the binned range
    axes.stairs(counts, edges, fill=True, color="#4477aa")
    axes.set_xscale("log")
    axes.set_yscale("symlog", linthresh=1)
    # Decades only, minor ticks unlabelled: labelled minor ticks of a log axis run into each other.
    axes.xaxis.set_major_locator(LogLocator(base=10, numticks=8))
    axes.xaxis.set_minor_formatter(NullFormatter())
    axes.yaxis.set_minor_formatter(NullFormatter())
    axes.set_xlabel("inter-event time (s)")
    axes.set_ylabel("count")
    b = "n/a" if inter.burstiness is None else f"{inter.burstiness:.3f}"
    m = "n/a" if inter.memory is None else f"{inter.memory:.3f}"
    axes.set_title(f"Inter-event times (B = {b}, M = {m}; {inter.histogram_counts[0]} zero gaps)")
    figure.tight_layout()
    path = out_dir / "inter_event_times.png"
    figure.savefig(path, dpi=100)
    plt.close(figure)
    written.append(path)
    return written
