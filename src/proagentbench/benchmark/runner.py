"""Running an agent over a corpus: load once, fit on train, evaluate each condition, journal, score, log."""

import math
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from proagentbench import __version__
from proagentbench.benchmark.agent import (
    AgentError,
    CheckedAgent,
    ModelBackedAgent,
    TrainableAgent,
    agent_concurrency,
    build_agent,
    supports,
)
from proagentbench.benchmark.answers import content_record, timing_record
from proagentbench.benchmark.context import ContextBuilder, load_events, load_screenshots
from proagentbench.benchmark.evaluate import condition_metrics
from proagentbench.benchmark.memory import MEMORY_KINDS, MemoryIndex
from proagentbench.benchmark.memory_builder import build_memory_index
from proagentbench.benchmark.points import (
    ContentPoint,
    CorpusSession,
    TimingPoint,
    load_content_points,
    load_corpus_sessions,
    load_timing_points,
    require_points,
)
from proagentbench.benchmark.records import Condition, Record, RunLog
from proagentbench.benchmark.runlog import Done, Journal, finish_runlog, open_journal, resume_or_start
from proagentbench.benchmark.scoring import add_similarity, judge_record
from proagentbench.benchmark.settings import BenchSettings
from proagentbench.benchmark.sharding import map_points
from proagentbench.benchmark.timeline import Timeline
from proagentbench.benchmark.types import (
    LabelledContent,
    LabelledTiming,
    LazySequence,
    TrainView,
)
from proagentbench.corpus import Corpus, open_corpus
from proagentbench.corpus.format import MANIFEST_NAME
from proagentbench.corpus.hashing import sha256_file
from proagentbench.errors import ProagentError
from proagentbench.executors import Executor, build_executor
from proagentbench.executors.thread import ThreadExecutor
from proagentbench.models import ChatModel
from proagentbench.models.usage import merge_usage
from proagentbench.plugins import Spec
from proagentbench.progress import SILENT, Progress
from proagentbench.timeutil import now_us, us_to_iso


def run_benchmark(
    corpus_dir: Path,
    spec: Spec,
    settings: BenchSettings,
    out: Path,
    *,
    progress: Progress = SILENT,
    agent: object | None = None,
) -> RunLog:
    """Evaluate `spec` (or an already built `agent`) and write the run log to `out`; resumes from `out`."""
    if settings.memory not in MEMORY_KINDS:
        raise ProagentError(f"unknown memory {settings.memory!r}; use one of {', '.join(MEMORY_KINDS)}")
    if not settings.contexts_s or any(not math.isfinite(w) or w <= 0 for w in settings.contexts_s):
        raise ProagentError("context windows must be positive numbers of seconds")
    agent = build_agent(spec) if agent is None else agent
    tasks = _supported_tasks(agent, spec, settings.tasks)
    skipped = [task for task in settings.tasks if task not in tasks]
    _preflight(agent, settings, tasks)
    _announce_models(agent, settings, tasks, progress)
    if settings.embeddings and ("content" in tasks or settings.memory == "rag"):
        from proagentbench.benchmark.embeddings import require_embeddings

        require_embeddings()  # fail now, with the install hint, not after every agent call
    screenshots = max(settings.screenshots, int(getattr(agent, "max_images", 0) or 0))
    corpus = open_corpus(corpus_dir, include_images=screenshots > 0)
    absent = _absent_tasks(corpus, tasks)
    tasks = [task for task in tasks if task not in absent]
    identity = {
        "path": str(corpus_dir),
        "manifest_sha256": sha256_file(corpus.root / MANIFEST_NAME),
        "source": corpus.manifest.source,
        "format_version": corpus.manifest.format_version,
    }
    fresh = RunLog(
        created_at=us_to_iso(now_us()) or "",
        generator=f"proagentbench {__version__}",
        corpus=identity,
        agent=spec,
        tasks=tasks,
        settings=settings.to_json(),
    )
    log = resume_or_start(out, fresh)
    for task in skipped:
        log.note(f"agent {spec.name!r} does not implement the {task} task; it was skipped")
    for task in absent:
        log.note(f"the corpus has no {task} decision points (e.g. a timing-only import); {task} was skipped")
    # The default (no executor): points on threads of this process, as many as the agent's concurrency.
    pool = build_executor(settings.executor) if settings.executor is not None else None
    journal, done = open_journal(out, log)
    judge = ChatModel(settings.judge) if settings.judge and "content" in tasks else None
    try:
        with pool or nullcontext():
            _evaluate(corpus, agent, tasks, settings, screenshots, log, done, journal, progress, judge, pool)
    finally:
        journal.close()
    _record_model_usage(log, agent, judge)
    finish_runlog(log, out)
    return log


def _absent_tasks(corpus: Corpus, tasks: list[str]) -> list[str]:
    """Tasks of which the corpus holds no point in any split, when another task remains to run: a corpus
    of one task (ProactiveBench has no reference assistance) runs with the default `--task all`. A task
    asked for alone still fails, in one line, on its empty test split."""
    absent = [task for task in tasks if corpus.manifest.counts.get(task, 0) == 0]
    return absent if len(absent) < len(tasks) else []


def _preflight(agent: object, settings: BenchSettings, tasks: list[str]) -> None:
    """Fail before the first point, in one line, when what every point needs is missing (a model endpoint
    that is down, no API key), rather than recording the same failure for every sample."""
    if isinstance(agent, CheckedAgent):
        agent.check()
    if settings.judge is not None and "content" in tasks:
        ChatModel(settings.judge).check()


def _announce_models(agent: object, settings: BenchSettings, tasks: list[str], progress: Progress) -> None:
    """Say which model answers (and which judges) before the first point: a run never uses a model unseen."""
    roles: list[tuple[str, dict[str, Any]]] = []
    if isinstance(agent, ModelBackedAgent):
        roles.append(("agent", agent.model_usage().get("settings") or {}))
    if settings.judge is not None and "content" in tasks:
        roles.append(("judge", settings.judge.shaping()))
    for role, shaping in roles:
        if shaping.get("model"):
            source = {"base_url": "--base-url", "default": "the default"}.get(
                shaping.get("base_url_from", ""), shaping.get("base_url_from")
            )
            progress.note(f"{role} model: {shaping['model']} at {shaping['base_url']} (from {source})")


def _supported_tasks(agent: object, spec: Spec, requested: tuple[str, ...]) -> list[str]:
    tasks = [task for task in requested if supports(agent, task)]
    if not tasks:
        wanted = " and ".join(requested)
        raise AgentError(f"agent {spec.name!r} does not implement the {wanted} task (decide/assist)")
    return tasks


@dataclass
class _Inputs:
    """Everything read from the corpus once per run, shared by every context window."""

    corpus: Corpus
    sessions: dict[str, CorpusSession]
    test_timing: list[TimingPoint]
    test_content: list[ContentPoint]
    train_timing: list[TimingPoint]
    train_content: list[ContentPoint]
    test_events: Timeline
    train_events: Timeline | None
    test_shots: Timeline | None
    train_shots: Timeline | None
    memory: MemoryIndex | None


def _load_inputs(
    corpus: Corpus, tasks: list[str], settings: BenchSettings, screenshots: int, trainable: bool, log: RunLog
) -> _Inputs:
    root = str(corpus.root)
    test_timing = load_timing_points(corpus, "test") if "timing" in tasks else []
    test_content = load_content_points(corpus, "test") if "content" in tasks else []
    if "timing" in tasks:
        require_points(test_timing, "timing", "test", root)
    if "content" in tasks:
        require_points(test_content, "content", "test", root)
    needs_train = trainable or settings.memory != "none"
    train_timing = load_timing_points(corpus, "train") if needs_train else []
    train_content = load_content_points(corpus, "train") if needs_train else []
    if trainable and not train_timing:
        log.note("the train split has no timing points: agents learn from an empty train view")
    sessions = load_corpus_sessions(corpus)
    train_events = load_events(corpus, "train") if needs_train else None
    memory = None
    if settings.memory != "none":
        assert train_events is not None
        memory = build_memory_index(
            settings.memory, sessions, train_events, train_timing, train_content,
            use_embeddings=settings.embeddings,
        )  # fmt: skip
    return _Inputs(
        corpus=corpus,
        sessions=sessions,
        test_timing=test_timing,
        test_content=test_content,
        train_timing=train_timing,
        train_content=train_content,
        test_events=load_events(corpus, "test"),
        train_events=train_events,
        test_shots=load_screenshots(corpus, "test") if screenshots else None,
        train_shots=load_screenshots(corpus, "train") if screenshots and trainable else None,
        memory=memory,
    )


def _evaluate(
    corpus: Corpus,
    agent: object,
    tasks: list[str],
    settings: BenchSettings,
    screenshots: int,
    log: RunLog,
    done: Done,
    journal: Journal,
    progress: Progress,
    judge: ChatModel | None,
    pool: Executor | None,
) -> None:
    trainable = isinstance(agent, TrainableAgent)
    inputs = _load_inputs(corpus, tasks, settings, screenshots, trainable, log)
    concurrency = settings.concurrency or agent_concurrency(agent)
    for window in settings.contexts_s:
        condition = log.condition(window, settings.memory, screenshots)

        def builder(events: Any, shots: Any, window: float = window) -> ContextBuilder:
            return ContextBuilder(
                inputs.corpus, inputs.sessions, events, window_s=window, screenshots=shots,
                max_screenshots=screenshots, memory=inputs.memory,
            )  # fmt: skip

        if trainable:
            view = train_view(
                builder(inputs.train_events, inputs.train_shots), inputs.train_timing, inputs.train_content
            )
            _fit(agent, view, window, progress)
        test_builder = builder(inputs.test_events, inputs.test_shots)
        if "timing" in tasks:
            condition.timing = _run_points(
                condition, "timing", inputs.test_timing, done, journal, progress,
                partial(timing_record, agent, test_builder), pool, concurrency,
            )  # fmt: skip
        if "content" in tasks:
            condition.content = _run_points(
                condition, "content", inputs.test_content, done, journal, progress,
                partial(content_record, agent, test_builder), pool, concurrency,
            )  # fmt: skip
            _score_content(condition, settings, judge, progress)
        condition.metrics = condition_metrics(
            condition, tasks, resamples=settings.resamples, seed=settings.seed
        )


def _record_model_usage(log: RunLog, agent: object, judge: ChatModel | None) -> None:
    """Which endpoint, model and response-format mode each model-backed part used (added up over resumes)."""
    if isinstance(agent, ModelBackedAgent):
        log.models["agent"] = merge_usage(log.models.get("agent"), agent.model_usage())
    if judge is not None:
        log.models["judge"] = merge_usage(log.models.get("judge"), judge.record())


def _fit(agent: Any, view: TrainView, window: float, progress: Progress) -> None:
    advance = progress.task(f"fit {window:g}s", 1)
    try:
        agent.fit(view)
    except ProagentError:
        raise
    except Exception as exc:
        raise AgentError(f"agent failed to learn from the train split: {exc}") from None
    advance(1)


def train_view(builder: ContextBuilder, timing: list[TimingPoint], content: list[ContentPoint]) -> TrainView:
    return TrainView(
        timing=LazySequence(
            len(timing), lambda i: LabelledTiming(builder.build(timing[i].point), timing[i].label)
        ),
        content=LazySequence(
            len(content),
            lambda i: LabelledContent(builder.build(content[i].point), content[i].intent, content[i].content),
        ),
        intent_names=tuple(sorted({p.intent for p in content if p.intent})),
    )


def _run_points(
    condition: Condition,
    task: str,
    points: list[Any],
    done: Done,
    journal: Journal,
    progress: Progress,
    work: Callable[[Any], Any],
    pool: Executor | None,
    concurrency: int,
) -> list[Any]:
    """Evaluate the points not yet finished (in the log or the journal), journaling each as it completes."""
    previous: dict[str, Any] = {r.point_id: r for r in getattr(condition, task)}
    previous.update(done.get((condition.key, task), {}))
    todo = [p for p in points if not _finished(previous.get(p.point.point_id))]
    advance = progress.task(f"{task} {condition.context_s:g}s", len(points))
    advance(len(points) - len(todo))
    for records in map_points(pool, work, todo, concurrency):
        journal.extend(condition.key, task, records)
        previous.update((record.point_id, record) for record in records)
        advance(len(records))
    return [previous[p.point.point_id] for p in points]


def _finished(record: Record | None) -> bool:
    """Finished samples are skipped on resume; failed ones are tried again."""
    return record is not None and record.error is None


def _score_content(
    condition: Condition, settings: BenchSettings, judge: ChatModel | None, progress: Progress
) -> None:
    if settings.embeddings:
        advance = progress.task("similarity", 1)
        add_similarity(condition.content)
        advance(1)
    if judge is not None:
        todo = [r for r in condition.content if r.answered and r.judge is None]
        advance = progress.task("judge", len(todo))
        for _ in ThreadExecutor(settings.concurrency or 8).map(lambda r: judge_record(judge, r), todo):
            advance(1)
