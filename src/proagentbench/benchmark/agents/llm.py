"""LLM agent (text context) and VLM agent (text + screenshots as base64 image parts) over any
OpenAI-compatible endpoint, through `proagentbench.models` (retries, cache, JSON validation)."""

import base64
import hashlib
import json
import mimetypes
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from proagentbench.benchmark.event_text import render_events
from proagentbench.benchmark.replies import ContentReply, TimingReply
from proagentbench.benchmark.types import ContentAnswer, Context, TimingDecision, TrainView
from proagentbench.errors import ProagentError
from proagentbench.models import AUTO, DEFAULT_KEY_ENV, ChatModel, ModelSettings
from proagentbench.models.cache import cache_folder
from proagentbench.timeutil import us_to_iso

# Bump the version with any change to the texts below; run logs record it with the texts' sha256.
PROMPT_VERSION = "llm-v1"

TIMING_SYSTEM = (
    "TASK: timing. You are a proactive assistant that watches a person's computer activity and decides "
    "whether this is a good moment to offer help (they are stuck, about to look something up, or would "
    "welcome assistance) or whether to stay silent. Interrupting needlessly is costly. "
    'Answer with JSON only: {"help": true|false, "confidence": <probability 0..1 that help is wanted>}.'
)
CONTENT_SYSTEM = (
    "TASK: content. You are a proactive assistant that watches a person's computer activity. At this moment "
    "they want help. Say what they want (one intent from the list) and write the assistance you would offer. "
    'Answer with JSON only: {"intent": "<one of the intents>", "assistance": "<what you would offer>"}.'
)
OBSERVATION = (
    "Decision point: {time}, {elapsed:.0f} s into the session.\n"
    "Activity in the last {window:.0f} s (oldest first):\n{lines}"
)
MEMORY_SUFFIX = "\nMEMORY:\n{memory}"
INTENTS_SUFFIX = "\nINTENTS: {intents}"
PROMPTS = {
    "timing": TIMING_SYSTEM,
    "content": CONTENT_SYSTEM,
    "observation": OBSERVATION,
    "memory": MEMORY_SUFFIX,
    "intents": INTENTS_SUFFIX,
}
PROMPT_SHA256 = hashlib.sha256(json.dumps(PROMPTS, sort_keys=True).encode("utf-8")).hexdigest()
NO_MODEL = "agent llm/vlm: no model named; pass --model NAME (or --arg model=NAME)"


def observation(context: Context, max_lines: int) -> str:
    """The user message of both tasks: the decision point, the rendered event window and the memory."""
    point = context.point
    lines = render_events(context, max_lines=max_lines) or ["(no activity)"]
    text = OBSERVATION.format(
        time=us_to_iso(point.t_us),
        elapsed=(point.t_us - context.session_started_us) / 1_000_000,
        window=context.window_s,
        lines="\n".join(lines),
    )
    if context.memory is not None:
        text += MEMORY_SUFFIX.format(memory=context.memory.render(context.current_app))
    return text


def content_observation(context: Context, max_lines: int, intents: list[str]) -> str:
    return observation(context, max_lines) + INTENTS_SUFFIX.format(
        intents=", ".join(intents) if intents else "(free text)"
    )


@dataclass
class LLMAgent:
    model: ChatModel
    concurrency: int = 8
    max_lines: int = 120
    max_images: int = 0
    intents: list[str] = field(default_factory=list)
    text_fallback: bool = False

    def model_usage(self) -> dict[str, Any]:
        return {**self.model.record(), "prompt": {"version": PROMPT_VERSION, "sha256": PROMPT_SHA256}}

    def check(self) -> None:
        """Called by the runner before the first point: the endpoint is up and takes the key."""
        self.model.check()

    def fit(self, train: TrainView) -> None:
        if not self.intents:
            self.intents = train.intents

    def describe(self, context: Context) -> str:
        return observation(context, self.max_lines)

    def _messages(self, system: str, text: str, context: Context) -> list[dict[str, Any]]:
        images = context.screenshots[-self.max_images :] if self.max_images > 0 else ()
        if not images:
            return [{"role": "system", "content": system}, {"role": "user", "content": text}]
        parts: list[dict[str, Any]] = [{"type": "text", "text": text}]
        parts.extend({"type": "image_url", "image_url": {"url": data_url(path)}} for path in images)
        return [{"role": "system", "content": system}, {"role": "user", "content": parts}]

    def decide(self, context: Context) -> TimingDecision:
        answer = self.model.ask(
            self._messages(TIMING_SYSTEM, self.describe(context), context),
            TimingReply,
            allow_text_only=self.text_fallback,
        )
        confidence = answer.reply.confidence
        score = min(1.0, max(0.0, confidence)) if confidence is not None else None
        return TimingDecision(help=answer.reply.help, score=score, calls=(answer.call.to_json(),))

    def assist(self, context: Context) -> ContentAnswer:
        text = content_observation(context, self.max_lines, self.intents)
        answer = self.model.ask(
            self._messages(CONTENT_SYSTEM, text, context), ContentReply, allow_text_only=self.text_fallback
        )
        reply = answer.reply
        return ContentAnswer(
            intent=reply.intent.strip() or None, text=reply.assistance, calls=(answer.call.to_json(),)
        )


def data_url(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def llm(
    model: str | None = None,
    base_url: str | None = None,
    api_key_env: str = DEFAULT_KEY_ENV,
    timeout_s: float = 60.0,
    max_attempts: int = 4,
    backoff_s: float = 1.0,
    temperature: float = 0.0,
    seed: int | None = None,
    max_tokens: int = 512,
    concurrency: int = 8,
    cache_dir: str | None = None,
    use_cache: bool = True,
    max_lines: int = 120,
    intents: list[str] | None = None,
    max_images: int = 0,
    response_format: str = AUTO,
    text_fallback: bool = False,
) -> LLMAgent:
    """A chat model reading the rendered event window (and memory) as text; with ``max_images`` above 0 also
    that many of the window's most recent screenshots, as base64 image parts. ``response_format`` pins one
    structured-output mode instead of negotiating it; with ``text_fallback`` an endpoint that rejects image
    parts is asked with the text alone instead of failing. There is no default ``model``: a run names the
    model it evaluates (``--model``), and ``seed`` is sent to servers that sample repeatably with one."""
    if not model:
        raise ProagentError(NO_MODEL)
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    if max_images < 0:
        raise ValueError("max_images must not be negative")
    settings = ModelSettings(
        model=model,
        base_url=base_url,
        api_key_env=api_key_env,
        timeout_s=timeout_s,
        max_attempts=max_attempts,
        backoff_s=backoff_s,
        temperature=temperature,
        max_tokens=max_tokens,
        response_format=response_format,
        seed=seed,
    )
    return LLMAgent(
        model=ChatModel(settings, cache_dir=cache_folder(cache_dir, use_cache)),
        concurrency=concurrency,
        max_lines=max_lines,
        max_images=max_images,
        intents=list(intents or []),
        text_fallback=text_fallback,
    )


# The VLM agent is the LLM agent that also sends screenshots: the two most recent unless told otherwise.
vlm = partial(llm, max_images=2)
