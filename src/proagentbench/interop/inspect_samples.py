"""The corpus's test decision points as the prompts the `llm` agent sends, one per decision point.

The same prompt texts (`benchmark/agents/llm.py`, prompt version and sha256 in each sample's metadata) and the
same context windows, so a model scored through inspect and through `proagent bench` saw the same thing.
Text only: screenshots and long-term memory are `proagent bench` options.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from proagentbench.benchmark.agents.llm import (
    CONTENT_SYSTEM,
    PROMPT_SHA256,
    PROMPT_VERSION,
    TIMING_SYSTEM,
    content_observation,
    observation,
)
from proagentbench.benchmark.context import ContextBuilder, load_events
from proagentbench.benchmark.points import (
    ContentPoint,
    TimingPoint,
    load_content_points,
    load_corpus_sessions,
    load_timing_points,
    require_points,
)
from proagentbench.corpus import Corpus, open_corpus


@dataclass(frozen=True)
class Prompt:
    point_id: str
    system: str
    user: str
    target: str
    metadata: dict[str, object]


def _builder(corpus: Corpus, split: str, context_s: float) -> ContextBuilder:
    return ContextBuilder(
        corpus, load_corpus_sessions(corpus), load_events(corpus, split), window_s=context_s
    )


def _common(corpus: Corpus, context_s: float) -> dict[str, object]:
    return {
        "prompt_version": PROMPT_VERSION,
        "prompt_sha256": PROMPT_SHA256,
        "context_s": context_s,
        "corpus_source": corpus.manifest.source,
    }


P = TypeVar("P", TimingPoint, ContentPoint)


def _load(
    corpus_dir: Path, table: str, split: str, loader: Callable[[Corpus, str], list[P]]
) -> tuple[Corpus, list[P]]:
    corpus = open_corpus(corpus_dir, include_images=False)
    points = loader(corpus, split)
    require_points(points, table, split, str(corpus.root))
    return corpus, points


def timing_prompts(
    corpus_dir: Path, *, context_s: float, max_lines: int, split: str = "test"
) -> list[Prompt]:
    corpus, points = _load(corpus_dir, "timing", split, load_timing_points)
    builder = _builder(corpus, split, context_s)
    return [
        Prompt(
            point_id=item.point.point_id,
            system=TIMING_SYSTEM,
            user=observation(builder.build(item.point), max_lines),
            target="help" if item.label else "silent",
            metadata={**_common(corpus, context_s), "label": item.label},
        )
        for item in points
    ]


def content_prompts(
    corpus_dir: Path, *, context_s: float, max_lines: int, split: str = "test"
) -> list[Prompt]:
    """As the `llm` agent asks after learning the train split's intents (listed in every prompt)."""
    corpus, points = _load(corpus_dir, "content", split, load_content_points)
    intents = sorted({p.intent for p in load_content_points(corpus, "train") if p.intent})
    builder = _builder(corpus, split, context_s)
    return [
        Prompt(
            point_id=item.point.point_id,
            system=CONTENT_SYSTEM,
            user=content_observation(builder.build(item.point), max_lines, intents),
            target=item.content,
            metadata={**_common(corpus, context_s), "ref_intent": item.intent},
        )
        for item in points
    ]
