"""The rows of a comparison: one per (run, condition) and one per baseline of each distinct test set.

The always/never floors depend only on the test labels, not on the context window or memory, so each corpus
test set gets exactly one pair, whatever the runs swept. A run of the `always` or `never` agent itself (no
arguments, every point answered) on the same test set is that baseline: it is shown once, as the baseline.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proagentbench.benchmark.records import Condition, RunLog

TRIVIAL_AGENTS = ("always", "never")


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # short, for tables
    name: str  # for legends, axes and the column key
    lower_is_better: bool = False


TIMING_COLUMNS = (
    Column("accuracy", "Acc", "Accuracy"),
    Column("precision", "Prec", "Precision"),
    Column("recall", "Rec", "Recall"),
    Column("f1", "F1", "F1"),
    Column("false_alarm_rate", "FAR", "False-alarm rate", lower_is_better=True),
    Column("balanced_accuracy", "BalAcc", "Balanced accuracy"),
    Column("auroc", "AUROC", "AUROC"),
)
CONTENT_COLUMNS = (
    Column("intent_accuracy", "IntentAcc", "Intent accuracy"),
    Column("intent_macro_f1", "IntentF1", "Intent macro-F1"),
    Column("semantic_similarity", "SemSim", "Semantic similarity"),
    Column("judge", "Judge", "LLM-judge score"),
)
END_TO_END_COLUMNS = (
    Column("e2e_similarity", "E2E(sim)", "End-to-end (similarity)"),
    Column("e2e_intent", "E2E(intent)", "End-to-end (intent)"),
)
COLUMNS = TIMING_COLUMNS + CONTENT_COLUMNS + END_TO_END_COLUMNS
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}


@dataclass
class Row:
    agent: str
    kind: str  # "agent" or "baseline"
    corpus: str
    corpus_sha256: str
    context_s: float | None  # None for a baseline: it holds for every window and memory
    memory: str | None
    answered: str
    metrics: dict[str, Any]  # column key -> {"value", "ci"}
    run: int | None = None  # index of the run log the row comes from
    best: set[str] = field(default_factory=set)  # column keys where this row is the best agent
    positive_rate: float | None = None
    n_intents: int = 0  # distinct reference intents of the content points (chance = 1 / n_intents)

    @property
    def is_baseline(self) -> bool:
        return self.kind == "baseline"

    def value(self, key: str) -> float | None:
        estimate = self.metrics.get(key)
        return estimate.get("value") if isinstance(estimate, dict) else None


def corpus_name(log: RunLog) -> str:
    return Path(str(log.corpus.get("path", "?"))).name


def _test_set(log: RunLog, condition: Condition) -> tuple[str, str]:
    """The corpus and the labelled timing points: the baselines are a function of these alone."""
    labels = "".join(
        f"{r.point_id}={int(r.label)};" for r in sorted(condition.timing, key=lambda r: r.point_id)
    )
    return str(log.corpus.get("manifest_sha256", "")), hashlib.sha256(labels.encode()).hexdigest()


def _constant_auroc(condition: Condition) -> dict[str, Any]:
    """A constant predictor ranks every point alike: AUROC 0.5 exactly (mid-ranks) once both classes exist."""
    labels = {r.label for r in condition.timing}
    return {"value": 0.5, "ci": [0.5, 0.5]} if len(labels) == 2 else {"value": None, "ci": None}


def _flatten(metrics: dict[str, Any], timing: dict[str, Any]) -> dict[str, Any]:
    content = metrics.get("content", {})
    end_to_end = metrics.get("end_to_end", {})
    flat = {column.key: timing.get(column.key) for column in TIMING_COLUMNS}
    flat.update({column.key: content.get(column.key) for column in CONTENT_COLUMNS})
    flat["e2e_similarity"] = end_to_end.get("similarity")
    flat["e2e_intent"] = end_to_end.get("intent")
    return {key: value for key, value in flat.items() if isinstance(value, dict)}


def _is_trivial(log: RunLog, condition: Condition) -> bool:
    if log.agent.name not in TRIVIAL_AGENTS or log.agent.args:
        return False
    agent = condition.metrics.get("timing", {}).get("agent", {})
    return bool(agent) and not agent.get("n_failed") and not condition.metrics.get("content")


def _answered(metrics: dict[str, Any]) -> str:
    covered = metrics.get("timing", {}).get("agent") or metrics.get("content", {})
    return f"{covered['n_points'] - covered['n_failed']}/{covered['n_points']}" if covered else "–"


def collect_rows(logs: list[RunLog]) -> list[Row]:
    """Agents in run order, then the baselines of each test set (one always and one never per set)."""
    agents: list[Row] = []
    baselines: dict[tuple[str, str, str], Row] = {}
    for index, log in enumerate(logs):
        corpus, sha = corpus_name(log), str(log.corpus.get("manifest_sha256", ""))
        for condition in log.conditions:
            metrics = condition.metrics
            timing = metrics.get("timing", {})
            intents = {r.ref_intent for r in condition.content if r.ref_intent}
            if _is_trivial(log, condition):
                key = (*_test_set(log, condition), log.agent.name)
                if key not in baselines or baselines[key].run is None:
                    baselines[key] = _baseline(log.agent.name, corpus, sha, condition, run=index)
                continue
            agents.append(
                Row(
                    log.label(),
                    "agent",
                    corpus,
                    sha,
                    condition.context_s,
                    condition.memory,
                    _answered(metrics),
                    _flatten(metrics, timing.get("agent", {})),
                    run=index,
                    positive_rate=timing.get("positive_rate"),
                    n_intents=len(intents),
                )
            )
            if timing:
                for name in TRIVIAL_AGENTS:
                    key = (*_test_set(log, condition), name)
                    baselines.setdefault(key, _baseline(name, corpus, sha, condition, run=None))
    rows = agents + sorted(baselines.values(), key=lambda r: (r.corpus, r.corpus_sha256, r.agent))
    mark_best(rows)
    return rows


def _baseline(name: str, corpus: str, sha: str, condition: Condition, *, run: int | None) -> Row:
    timing = condition.metrics["timing"]
    metrics = _flatten({}, timing["agent"] if run is not None else timing[name])
    if (metrics.get("auroc") or {}).get("value") is None:
        metrics["auroc"] = _constant_auroc(condition)
    return Row(
        f"{name} (baseline)", "baseline", corpus, sha, None, None, str(timing[name]["n"]), metrics, run=run,
        positive_rate=timing.get("positive_rate"),
    )  # fmt: skip


def mark_best(rows: list[Row]) -> None:
    """Per column, the agent rows (not baselines) with the best value at the shown precision; ties all marked.
    A column is marked only where at least two agents have a value to compare."""
    for column in COLUMNS:
        scored = [
            (round(v, 3), row)
            for row in rows
            if not row.is_baseline and (v := row.value(column.key)) is not None
        ]
        if len(scored) < 2:
            continue
        pick = min if column.lower_is_better else max
        best = pick(value for value, _ in scored)
        for value, row in scored:
            if value == best:
                row.best.add(column.key)


def used_columns(rows: list[Row]) -> list[Column]:
    """The columns at least one row has a value in (a timing-only comparison shows no content columns)."""
    return [column for column in COLUMNS if any(row.value(column.key) is not None for row in rows)]
