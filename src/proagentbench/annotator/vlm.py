"""The VLM annotator (built-in ``vlm``): a model reads the activity before each candidate moment, and up to
K redacted, downscaled screenshots, and labels it.

Per moment it returns ``need_assist``, an intent from the documented taxonomy, the request the user would
have typed (the reference content), a confidence and a rationale; the rationale, the raw reply, the model and
the prompt version are kept in the annotation's data for audit. Only the clean store is ever read (the
annotate step refuses raw sessions before this runs). Calls go through `proagentbench.models`: negotiated
structured output, retries, and the reply cache (default ``model-cache/`` in the data directory), so a rerun
after an interruption asks the model only for the moments it had not answered yet. A moment whose reply
still fails validation is left out and counted in ``failed``, never guessed.
"""

import threading
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from proagentbench.annotator.base import Frame, LabelledPoint, TimelineEvent
from proagentbench.annotator.vlm_context import (
    Candidate,
    candidates,
    frame_data_url,
    recent_frames,
    summary_lines,
)
from proagentbench.errors import ProagentError
from proagentbench.models import AUTO, DEFAULT_KEY_ENV, ChatModel, ModelCallError, ModelSettings
from proagentbench.models.cache import cache_folder
from proagentbench.models.concurrent import map_concurrently
from proagentbench.plugins import Spec
from proagentbench.timeutil import us_to_iso

PROMPT_VERSION = "vlm-v1"
SOURCE = "vlm"
# No default model: a label says which model made it, so the user names one.
NO_MODEL = "annotator vlm: no model named; pass --arg model=NAME (or set model in the configuration file)"


def prompt_text(version: str) -> str:
    """The versioned system prompt shipped in ``annotator/prompts/``."""
    resource = files("proagentbench.annotator") / "prompts" / f"{version}.txt"
    if not resource.is_file():
        raise ValueError(f"unknown prompt version {version!r} (no annotator/prompts/{version}.txt)")
    return resource.read_text(encoding="utf-8").strip()


class VlmAnnotator:
    source = SOURCE

    def __init__(
        self,
        model: str | None = None,
        base_url: str | None = None,
        api_key_env: str = DEFAULT_KEY_ENV,
        window_s: float = 300.0,
        every_s: float = 120.0,
        max_frames: int = 2,
        max_side: int = 768,
        max_lines: int = 80,
        concurrency: int = 4,
        timeout_s: float = 60.0,
        max_attempts: int = 4,
        backoff_s: float = 1.0,
        response_format: str = AUTO,
        text_fallback: bool = True,
        prompt_version: str = PROMPT_VERSION,
        cache_dir: str | None = None,
        use_cache: bool = True,
    ) -> None:
        if not model:
            raise ProagentError(NO_MODEL)
        if window_s <= 0 or every_s <= 0 or max_frames < 0 or max_side < 16 or concurrency < 1:
            raise ValueError(
                "annotator vlm: window_s and every_s must be positive, max_frames >= 0, max_side >= 16, "
                "concurrency >= 1"
            )
        if max_attempts < 1:
            raise ValueError("annotator vlm: max_attempts must be at least 1")
        self.args: dict[str, Any] = {
            "model": model, "base_url": base_url, "api_key_env": api_key_env, "window_s": window_s,
            "every_s": every_s, "max_frames": max_frames, "max_side": max_side, "max_lines": max_lines,
            "concurrency": concurrency, "timeout_s": timeout_s, "max_attempts": max_attempts,
            "backoff_s": backoff_s, "response_format": response_format, "text_fallback": text_fallback,
            "prompt_version": prompt_version, "cache_dir": cache_dir, "use_cache": use_cache,
        }  # fmt: skip
        self.system = prompt_text(prompt_version)
        settings = ModelSettings(
            model=model, base_url=base_url, api_key_env=api_key_env, timeout_s=timeout_s,
            max_attempts=max_attempts, backoff_s=backoff_s, response_format=response_format,
        )  # fmt: skip
        self.model = ChatModel(settings, cache_dir=cache_folder(cache_dir, use_cache))
        self.failed = 0
        self.errors: list[str] = []
        self._lock = threading.Lock()

    @property
    def spec(self) -> Spec:
        return Spec(SOURCE, dict(self.args))

    def label(self, timeline: Sequence[TimelineEvent], *, session_key: str) -> list[LabelledPoint]:
        """Text only: the same moments without screenshots."""
        return self.label_with_frames(timeline, (), session_key=session_key)

    def label_with_frames(
        self, timeline: Sequence[TimelineEvent], frames: Sequence[Frame], *, session_key: str
    ) -> list[LabelledPoint]:
        del session_key  # nothing is drawn at random
        moments = candidates(timeline, every_s=self.args["every_s"])
        labelled = map_concurrently(
            lambda moment: self._label_one(timeline, frames, moment), moments, self.args["concurrency"]
        )
        return [point for point in labelled if point is not None]

    def messages(
        self, timeline: Sequence[TimelineEvent], frames: Sequence[Frame], moment: Candidate
    ) -> list[dict[str, Any]]:
        window_s = self.args["window_s"]
        lines = summary_lines(timeline, moment.t, window_s=window_s, max_lines=self.args["max_lines"])
        text = (
            f"Moment: {us_to_iso(moment.t)}, in {moment.app}.\n"
            f"Activity in the previous {window_s:.0f} s (oldest first):\n" + ("\n".join(lines) or "(none)")
        )
        shots = recent_frames(frames, moment.t, window_s=window_s, k=self.args["max_frames"])
        if not shots:
            return [{"role": "system", "content": self.system}, {"role": "user", "content": text}]
        parts: list[dict[str, Any]] = [{"type": "text", "text": text}]
        parts.extend(
            {"type": "image_url", "image_url": {"url": frame_data_url(frame.path, self.args["max_side"])}}
            for frame in shots
        )
        return [{"role": "system", "content": self.system}, {"role": "user", "content": parts}]

    def _label_one(
        self, timeline: Sequence[TimelineEvent], frames: Sequence[Frame], moment: Candidate
    ) -> LabelledPoint | None:
        from proagentbench.annotator.replies import AnnotationReply

        try:
            answer = self.model.ask(
                self.messages(timeline, frames, moment),
                AnnotationReply,
                allow_text_only=self.args["text_fallback"],
            )
        except ModelCallError as exc:
            with self._lock:
                self.failed += 1
                self.errors.append(str(exc))
            return None
        reply = answer.reply
        return LabelledPoint(
            t=moment.t,
            label=reply.need_assist,
            kind="positive" if reply.need_assist else "negative",
            intent=reply.intent if reply.need_assist else None,
            content=(reply.content.strip() or None) if reply.need_assist else None,
            app=moment.app,
            confidence=reply.confidence,
            details={
                "rationale": reply.rationale,
                "raw_reply": answer.text,
                "model": self.args["model"],
                "endpoint": self.model.endpoint,
                "prompt_version": self.args["prompt_version"],
                "response_format": answer.mode,
            },
        )
