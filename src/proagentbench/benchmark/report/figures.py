"""The report's plots as PNG bytes (matplotlib, Agg backend): every value with its 95% CI, the baselines and
the chance level drawn beside the agents, human metric names on legends and axes.

- `timing.png`: F1 and balanced accuracy per agent and baseline.
- `content.png`: intent accuracy and semantic similarity per agent (when content was scored).
- `context_sweep.png`: F1 and balanced accuracy against the context window (when runs swept windows).
- `memory_ablation.png`: balanced accuracy and intent accuracy per memory setting (runs differing only in it).
"""

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from proagentbench.benchmark.report.rows import COLUMN_BY_KEY, Row
from proagentbench.corpus.plots import pyplot

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure as MplFigure

AGENT_COLOURS = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb")
BASELINE_STYLE = {"always (baseline)": ":", "never (baseline)": "-."}
CHANCE_COLOUR = "#555555"
CHANCE_BALANCED = "chance balanced accuracy (0.5)"
ABLATION_KEYS = ("balanced_accuracy", "intent_accuracy")
DODGE = 0.04  # series at the same window are shifted apart by this share (log axis) so none hides another


@dataclass(frozen=True)
class Figure:
    name: str  # file name, e.g. timing.png
    title: str
    png: bytes


def _bounds(row: Row, key: str) -> tuple[float, float, float]:
    """Value and the distances to its CI's ends (zero when there is no CI)."""
    estimate = row.metrics[key]
    value = float(estimate["value"])
    low, high = estimate.get("ci") or (value, value)
    return value, max(0.0, value - low), max(0.0, high - value)


def _label(row: Row, varied: tuple[bool, bool]) -> str:
    parts = [row.agent]
    if row.context_s is not None and varied[0]:
        parts.append(f"{row.context_s:g}s")
    if row.memory is not None and varied[1]:
        parts.append(f"memory {row.memory}")
    return "\n".join(parts)


def _varied(rows: list[Row]) -> tuple[bool, bool]:
    agents = [row for row in rows if not row.is_baseline]
    return len({row.context_s for row in agents}) > 1, len({row.memory for row in agents}) > 1


def _save(plt: Any, fig: "MplFigure", name: str, title: str) -> Figure:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return Figure(name, title, buffer.getvalue())


def _chance(ax: "Axes", level: float, text: str, *, horizontal: bool = True) -> None:
    draw = ax.axhline if horizontal else ax.axvline
    draw(level, color=CHANCE_COLOUR, linestyle="--", linewidth=1, label=text, zorder=1)


def _score_axis(ax: "Axes", *, horizontal: bool = False) -> None:
    if horizontal:
        ax.set_xlim(0, 1.05)
        ax.set_xlabel("score (point estimate, 95% CI)")
    else:
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("score (point estimate, 95% CI)")


def _bars(plt: Any, rows: list[Row], keys: tuple[str, ...], name: str, title: str,
          chance: list[tuple[float, str]]) -> Figure:  # fmt: skip
    """Horizontal grouped bars, one group per row (agent names stay readable however many there are)."""
    varied = _varied(rows)
    height = 0.8 / len(keys)
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * len(rows) * len(keys)))
    for slot, key in enumerate(keys):
        positions: list[float] = []
        values: list[float] = []
        errors: tuple[list[float], list[float]] = ([], [])
        for index, row in enumerate(rows):
            if row.value(key) is None:
                continue
            value, low, high = _bounds(row, key)
            positions.append(index - 0.4 + height * (slot + 0.5))
            values.append(value)
            errors[0].append(low)
            errors[1].append(high)
        ax.barh(positions, values, height=height * 0.9, xerr=errors, capsize=3, color=AGENT_COLOURS[slot],
                label=COLUMN_BY_KEY[key].name, zorder=2)  # fmt: skip
    ax.set_yticks(range(len(rows)), [_label(row, varied) for row in rows], fontsize=8)
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        tick.set_fontstyle("italic" if row.is_baseline else "normal")
    ax.invert_yaxis()
    for level, text in chance:
        _chance(ax, level, text, horizontal=False)
    _score_axis(ax, horizontal=True)
    ax.set_ylabel("agent (baselines in italics)")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16 / fig.get_figheight() * 4), ncol=3)
    ax.grid(axis="x", alpha=0.3, zorder=0)
    fig.tight_layout()
    return _save(plt, fig, name, title)


def timing_figure(plt: Any, rows: list[Row]) -> Figure | None:
    shown = [row for row in rows if row.value("f1") is not None or row.value("balanced_accuracy") is not None]
    if not shown:
        return None
    title = "Timing (when to help): agents and baselines"
    return _bars(plt, shown, ("f1", "balanced_accuracy"), "timing.png", title, [(0.5, CHANCE_BALANCED)])


def content_figure(plt: Any, rows: list[Row]) -> Figure | None:
    keys = tuple(
        k for k in ("intent_accuracy", "semantic_similarity") if any(r.value(k) is not None for r in rows)
    )
    shown = [row for row in rows if any(row.value(k) is not None for k in keys)]
    if not shown:
        return None
    intents = max(row.n_intents for row in shown)
    chance = [(1 / intents, f"chance intent accuracy (1/{intents} intents)")] if intents else []
    return _bars(plt, shown, keys, "content.png", "Content (what to offer): agents", chance)


def _sweeps(rows: list[Row]) -> dict[tuple[str, str | None, str], list[Row]]:
    groups: dict[tuple[str, str | None, str], list[Row]] = {}
    for row in rows:
        if not row.is_baseline and row.context_s is not None:
            groups.setdefault((row.agent, row.memory, row.corpus_sha256), []).append(row)
    return {key: sorted(g, key=lambda r: r.context_s or 0.0) for key, g in groups.items() if len(g) > 1}


def _baseline_lines(ax: "Axes", baselines: list[Row], key: str) -> None:
    for row in baselines:
        if row.value(key) is None:
            continue
        value, low, high = _bounds(row, key)
        ax.axhline(value, color="#999999", linestyle=BASELINE_STYLE.get(row.agent, ":"), linewidth=1.2,
                   label=row.agent, zorder=1)  # fmt: skip
        if low or high:
            ax.axhspan(value - low, value + high, color="#999999", alpha=0.12, zorder=0)


def sweep_figure(plt: Any, rows: list[Row]) -> Figure | None:
    from matplotlib.ticker import FixedLocator, NullLocator

    sweeps = _sweeps(rows)
    if not sweeps:
        return None
    shas = {sha for _, _, sha in sweeps}
    baselines = [row for row in rows if row.is_baseline and row.corpus_sha256 in shas]
    windows = sorted({row.context_s for group in sweeps.values() for row in group if row.context_s})
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, key in zip(axes, ("f1", "balanced_accuracy"), strict=True):
        series = list(sweeps.items())
        for slot, (colour, ((agent, memory, _), group)) in enumerate(
            zip(_cycle(len(series)), series, strict=True)
        ):
            shift = 1 + DODGE * (slot - (len(series) - 1) / 2)
            points = [
                ((row.context_s or 0.0) * shift, *_bounds(row, key))
                for row in group
                if row.value(key) is not None
            ]
            if not points:
                continue
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            label = agent if len({m for _, m, _ in sweeps}) == 1 else f"{agent}, memory {memory}"
            ax.errorbar(xs, ys, yerr=([p[2] for p in points], [p[3] for p in points]), marker="o", capsize=3,
                        color=colour, label=label, zorder=3)  # fmt: skip
        _baseline_lines(ax, baselines, key)
        if key == "balanced_accuracy":
            _chance(ax, 0.5, "chance (0.5)")
        ax.set_xscale("log")
        # Only the swept windows as ticks: log axes otherwise crowd their minor labels into each other.
        ax.xaxis.set_major_locator(FixedLocator(windows))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xticks(windows, [f"{w:g}" for w in windows])
        ax.set_xlabel("context window (s, log scale)")
        ax.set_title(COLUMN_BY_KEY[key].name)
        ax.grid(alpha=0.3)
        _score_axis(ax)
    axes[1].set_ylabel("")
    handles, labels = axes[1].get_legend_handles_labels()
    extra = [
        (h, lab) for h, lab in zip(*axes[0].get_legend_handles_labels(), strict=True) if lab not in labels
    ]
    handles += [h for h, _ in extra]
    labels += [lab for _, lab in extra]
    fig.legend(handles, labels, fontsize=8, loc="lower center", ncol=min(4, len(labels)), frameon=False)
    fig.suptitle("Context-window sweep (95% CIs; grey: baselines)")
    fig.tight_layout(rect=(0, 0.12, 1, 1))
    return _save(plt, fig, "context_sweep.png", "Context-window sweep")


def _ablations(rows: list[Row]) -> dict[tuple[str, float | None, str], list[Row]]:
    groups: dict[tuple[str, float | None, str], list[Row]] = {}
    for row in rows:
        if not row.is_baseline and row.memory is not None:
            groups.setdefault((row.agent, row.context_s, row.corpus_sha256), []).append(row)
    return {key: g for key, g in groups.items() if len({r.memory for r in g}) > 1}


def ablation_figure(plt: Any, rows: list[Row]) -> Figure | None:
    groups = _ablations(rows)
    keys = [k for k in ABLATION_KEYS if any(r.value(k) is not None for g in groups.values() for r in g)]
    if not keys:
        return None
    memories = sorted({r.memory or "" for g in groups.values() for r in g})
    shas = {sha for _, _, sha in groups}
    baselines = [row for row in rows if row.is_baseline and row.corpus_sha256 in shas]
    fig, axes = plt.subplots(1, len(keys), figsize=(5.5 * len(keys), 4.8), squeeze=False)
    width = 0.8 / len(memories)
    for ax, key in zip(axes[0], keys, strict=True):
        shown = [(name, g) for name, g in groups.items() if any(r.value(key) is not None for r in g)]
        for slot, (memory, colour) in enumerate(zip(memories, _cycle(len(memories)), strict=True)):
            bars = [
                (index - 0.4 + width * (slot + 0.5), *_bounds(row, key))
                for index, (_, group) in enumerate(shown)
                for row in group
                if row.memory == memory and row.value(key) is not None
            ]
            errors = ([b[2] for b in bars], [b[3] for b in bars])
            ax.bar([b[0] for b in bars], [b[1] for b in bars], width=width * 0.9, capsize=3, color=colour,
                   yerr=errors, label=f"memory {memory}", zorder=2)  # fmt: skip
        names = [agent if context is None else f"{agent}, {context:g}s" for (agent, context, _), _ in shown]
        ax.set_xticks(range(len(shown)), names, fontsize=8, rotation=25, ha="right")
        ax.set_xlabel("agent, context window")
        if key == "balanced_accuracy":
            _baseline_lines(ax, baselines, key)
            _chance(ax, 0.5, "chance (0.5)")
        ax.set_title(COLUMN_BY_KEY[key].name)
        ax.grid(axis="y", alpha=0.3, zorder=0)
        _score_axis(ax)
    handles, labels = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, labels, fontsize=8, loc="lower center", ncol=min(5, len(labels)), frameon=False)
    fig.suptitle("Memory ablation (95% CIs; grey: baselines)")
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return _save(plt, fig, "memory_ablation.png", "Memory ablation")


def _cycle(n: int) -> list[str]:
    return [AGENT_COLOURS[i % len(AGENT_COLOURS)] for i in range(n)]


def figures(rows: list[Row]) -> list[Figure]:
    """Every plot these rows support, in reading order."""
    plt = pyplot()
    made = (
        timing_figure(plt, rows),
        content_figure(plt, rows),
        sweep_figure(plt, rows),
        ablation_figure(plt, rows),
    )
    return [figure for figure in made if figure is not None]
