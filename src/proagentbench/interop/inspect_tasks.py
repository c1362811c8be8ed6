"""The timing and content tasks as inspect_ai tasks over a corpus directory.

Registered through inspect's entry point (group ``inspect_ai``, name ``proagentbench``), so with the
``inspect`` extra installed::

    inspect eval proagentbench/timing -T corpus=DIR --model openai/MODEL
    inspect eval proagentbench/content -T corpus=DIR -T context_s=60 --model vllm/MODEL

Each sample is one test decision point with the `llm` agent's prompt; the scorers compute this toolkit's
metrics (`interop/inspect_scores.py`). inspect's model providers, logs and viewer then work on our data.
"""

from pathlib import Path

from inspect_ai import Task, task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessageSystem, ChatMessageUser, GenerateConfig, ResponseSchema
from inspect_ai.scorer import Scorer
from inspect_ai.solver import generate
from inspect_ai.util import JSONSchema

from proagentbench.benchmark.replies import ContentReply, TimingReply
from proagentbench.interop.inspect_samples import Prompt, content_prompts, timing_prompts
from proagentbench.interop.inspect_scores import content_scorer, timing_scorer
from proagentbench.models.formats import MODES
from proagentbench.models.formats import response_format as response_format_body
from proagentbench.models.jsonreply import reply_schema

DEFAULT_CONTEXT_S = 300.0
DEFAULT_MAX_LINES = 120  # as the llm agent


def _dataset(name: str, prompts: list[Prompt]) -> MemoryDataset:
    samples = [
        Sample(
            id=p.point_id,
            input=[ChatMessageSystem(content=p.system), ChatMessageUser(content=p.user)],
            target=p.target,
            metadata=p.metadata,
        )
        for p in prompts
    ]
    return MemoryDataset(samples, name=name)


def _config(reply_type: type[TimingReply] | type[ContentReply], response_format: str) -> GenerateConfig:
    """The llm agent's request settings, with the reply's JSON schema sent as ``response_format`` asks: one
    of the modes of `models/formats.py` (inspect's own structured output for ``json_schema``, OpenAI's form;
    the others in the request body, e.g. ``json_object_schema`` for llama.cpp's server, which rejects it)."""
    if response_format not in MODES:
        raise ValueError(f"response_format {response_format!r}: use one of {', '.join(MODES)}")
    schema = reply_schema(reply_type)
    if response_format == "json_schema":
        structured = ResponseSchema(
            name=reply_type.__name__, json_schema=JSONSchema.model_validate(schema), strict=True
        )
        return GenerateConfig(temperature=0.0, max_tokens=512, response_schema=structured)
    body = response_format_body(response_format, reply_type.__name__, schema)
    extra = {"response_format": body} if body is not None else None
    return GenerateConfig(temperature=0.0, max_tokens=512, extra_body=extra)


def _task(
    name: str,
    prompts: list[Prompt],
    scorer: Scorer,
    reply_type: type[TimingReply] | type[ContentReply],
    response_format: str,
) -> Task:
    config = _config(reply_type, response_format)
    return Task(dataset=_dataset(name, prompts), solver=generate(), scorer=scorer, config=config)


@task
def timing(
    corpus: str,
    context_s: float = DEFAULT_CONTEXT_S,
    max_lines: int = DEFAULT_MAX_LINES,
    split: str = "test",
    response_format: str = "json_schema",
) -> Task:
    """When to help: each test decision point, labelled help / stay silent."""
    prompts = timing_prompts(Path(corpus), context_s=float(context_s), max_lines=int(max_lines), split=split)
    return _task("proagentbench-timing", prompts, timing_scorer(), TimingReply, response_format)


@task
def content(
    corpus: str,
    context_s: float = DEFAULT_CONTEXT_S,
    max_lines: int = DEFAULT_MAX_LINES,
    split: str = "test",
    response_format: str = "json_schema",
) -> Task:
    """What to offer: each test point where help was wanted, with the user's real request as the target."""
    prompts = content_prompts(Path(corpus), context_s=float(context_s), max_lines=int(max_lines), split=split)
    return _task("proagentbench-content", prompts, content_scorer(), ContentReply, response_format)
