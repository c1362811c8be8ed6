"""The VLM annotator (built-in ``vlm``): a model reads the activity before each candidate moment, and up to
K redacted, downscaled screenshots, and labels it.

Per moment it returns ``need_assist``, an intent from the documented taxonomy, the request the user would
have typed (the reference content), a confidence and a rationale; the rationale, the raw reply, the model and
the prompt version are kept in the annotation's data for audit. Its `source` names the model and the prompt
version (``vlm:MODEL:PROMPT``), so two models' labels live side by side and are told apart in review and
agreement. Only the clean store is ever read (the
annotate step refuses raw sessions before this runs). Calls go through `proagentbench.models`: negotiated
structured output, retries, and the reply cache (default ``model-cache/`` in the data directory), so a rerun
after an interruption asks the model only for the moments it had not answered yet. A moment whose reply
still fails validation is left out and counted in ``failed``, never guessed.

With ``screen_privacy`` (on by default; the paper's first privacy stage) the same request also asks whether
personal data the anonymizer missed is visible; a segment any of whose moments says so gets a privacy flag
(`annotator/privacy.py`), which keeps its span out of the export until a reviewer clears it. A `Budget` set
with `set_budget` stops the labelling before the request that would exceed it (`BudgetExhausted`).
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from proagentbench.annotator.base import Frame, LabelledPoint, TimelineEvent
from proagentbench.annotator.vlm_context import (
    Candidate,
    candidates,
    frame_data_url,
    recent_frames,
    segment_of,
    summary_lines,
)
from proagentbench.errors import ProagentError
from proagentbench.models import AUTO, DEFAULT_KEY_ENV, ChatModel, ModelCallError, ModelSettings
from proagentbench.models.budget import Budget, BudgetExhausted
from proagentbench.models.cache import cache_folder
from proagentbench.models.concurrent import map_concurrently
from proagentbench.plugins import Spec
from proagentbench.progress import Advance
from proagentbench.store import PRIVACY_KIND
from proagentbench.timeutil import MICROS_PER_SECOND, us_to_iso

PROMPT_VERSION = "vlm-v1"
PRIVACY_PROMPT_VERSION = "privacy-v1"
SOURCE = "vlm"
# No default model: a label says which model made it, so the user names one.
NO_MODEL = "annotator vlm: no model named; pass --arg model=NAME (or set model in the configuration file)"


def source_name(model: str, prompt_version: str) -> str:
    """What a VLM annotator's rows are stored under: the annotator, the model and the prompt version."""
    return f"{SOURCE}:{model}:{prompt_version}"


@dataclass(frozen=True)
class _Labelled:
    """One moment's outcome: its point (None when the model failed) and, when screening, what it flagged."""

    point: LabelledPoint | None
    sensitive: str | None = None


_STOPPED = _Labelled(None, "budget")  # the budget stopped the run before this moment was asked


def prompt_text(version: str) -> str:
    """The versioned system prompt shipped in ``annotator/prompts/``."""
    resource = files("proagentbench.annotator") / "prompts" / f"{version}.txt"
    if not resource.is_file():
        raise ValueError(f"unknown prompt version {version!r} (no annotator/prompts/{version}.txt)")
    return resource.read_text(encoding="utf-8").strip()


class VlmAnnotator:
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
        screen_privacy: bool = True,
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
            "screen_privacy": screen_privacy,
        }  # fmt: skip
        self.source = source_name(model, prompt_version)
        self.system = prompt_text(prompt_version)
        if screen_privacy:
            self.system += "\n" + prompt_text(PRIVACY_PROMPT_VERSION)
        settings = ModelSettings(
            model=model, base_url=base_url, api_key_env=api_key_env, timeout_s=timeout_s,
            max_attempts=max_attempts, backoff_s=backoff_s, response_format=response_format,
        )  # fmt: skip
        self.model = ChatModel(settings, cache_dir=cache_folder(cache_dir, use_cache))
        self.failed = 0
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._advance: Advance | None = None

    @property
    def spec(self) -> Spec:
        return Spec(SOURCE, dict(self.args))

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        """A process worker gets the annotator rebuilt from its arguments (its client, locks, budget and
        progress callback stay in this process)."""
        return (_rebuilt, (dict(self.args),))

    def check(self) -> None:
        """Before a run: the endpoint is reachable and takes the key (`ModelError`, one line), no tokens."""
        self.model.check()

    def usage(self) -> dict[str, Any]:
        """Requests, cache hits, failures and tokens of this process's run so far."""
        return self.model.usage.to_json()

    def set_budget(self, budget: Budget | None) -> None:
        """Limit the requests this annotator sends (a run's ``--max-requests``/``--max-cost``)."""
        self.model.budget = budget

    def count_points(self, timeline: Sequence[TimelineEvent]) -> int:
        """How many moments `label` will ask about (the total of the per-point progress bar)."""
        return len(candidates(timeline, every_s=self.args["every_s"]))

    def watch_points(self, advance: Advance | None) -> None:
        """Call ``advance(1)`` as each moment is answered (or fails)."""
        self._advance = advance

    def label(self, timeline: Sequence[TimelineEvent], *, session_key: str) -> list[LabelledPoint]:
        """Text only: the same moments without screenshots."""
        return self.label_with_frames(timeline, (), session_key=session_key)

    def label_with_frames(
        self, timeline: Sequence[TimelineEvent], frames: Sequence[Frame], *, session_key: str
    ) -> list[LabelledPoint]:
        """The moments' labels, and a privacy flag per flagged segment when screening. Raises
        `BudgetExhausted` when the budget stopped it before every moment was asked: the session's earlier
        labels then stay as they are, and a rerun takes the moments already answered from the cache."""
        del session_key  # nothing is drawn at random
        moments = candidates(timeline, every_s=self.args["every_s"])
        labelled = list(
            map_concurrently(
                lambda moment: self._label_one(timeline, frames, moment), moments, self.args["concurrency"]
            )
        )
        if any(outcome is _STOPPED for outcome in labelled):
            limits = self.model.budget.limits.describe() if self.model.budget is not None else "no limit"
            raise BudgetExhausted(f"budget reached ({limits})")
        points = [outcome.point for outcome in labelled if outcome.point is not None]
        return points + self._flags(timeline, moments, labelled)

    def _flags(
        self, timeline: Sequence[TimelineEvent], moments: Sequence[Candidate], labelled: Sequence[_Labelled]
    ) -> list[LabelledPoint]:
        """A flag over each segment with a moment whose reply saw unredacted data. It covers the segment and
        the context shown for its flagged moments (the ``window_s`` before each, back into earlier
        segments), since the model cannot say where in what it saw the data was; overlapping flags are
        merged, so each flag has its own start (where a reviewer's answer pairs with it)."""
        window = int(self.args["window_s"] * MICROS_PER_SECOND)
        first_t = timeline[0].t if timeline else 0
        spans: list[tuple[int, int, str, str]] = []
        for moment, outcome in zip(moments, labelled, strict=True):
            segment = segment_of(timeline, moment.t)
            if outcome.sensitive is not None and segment is not None:
                start = min(segment.start, max(first_t, moment.t - window))
                spans.append((start, segment.end, segment.app, outcome.sensitive))
        merged: list[tuple[int, int, str, set[str]]] = []
        for start, end, app, kind in sorted(spans):
            if merged and start <= merged[-1][1]:
                last = merged[-1]
                merged[-1] = (last[0], max(last[1], end), last[2], last[3] | {kind})
            else:
                merged.append((start, end, app, {kind}))
        return [
            LabelledPoint(
                t=start,
                label=True,
                kind=PRIVACY_KIND,
                app=app,
                details={
                    "end": end,
                    "reason": "; ".join(sorted(kinds))[:300],
                    "model": self.args["model"],
                    "prompt_version": PRIVACY_PROMPT_VERSION,
                },
            )
            for start, end, app, kinds in merged
        ]

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
    ) -> _Labelled:
        try:
            outcome = self._ask(timeline, frames, moment)
        except BudgetExhausted:
            return _STOPPED
        if self._advance is not None:
            self._advance(1)
        return outcome

    def _ask(
        self, timeline: Sequence[TimelineEvent], frames: Sequence[Frame], moment: Candidate
    ) -> _Labelled:
        from proagentbench.annotator.replies import AnnotationReply, ScreenedReply

        reply_type = ScreenedReply if self.args["screen_privacy"] else AnnotationReply
        try:
            answer = self.model.ask(
                self.messages(timeline, frames, moment),
                reply_type,
                allow_text_only=self.args["text_fallback"],
            )
        except ModelCallError as exc:
            with self._lock:
                self.failed += 1
                self.errors.append(str(exc))
            return _Labelled(None)
        reply = answer.reply
        sensitive = None
        if isinstance(reply, ScreenedReply) and reply.sensitive:
            sensitive = reply.sensitive_kind.strip() or "unredacted data"
        point = LabelledPoint(
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
        return _Labelled(point, sensitive)


def _rebuilt(args: dict[str, Any]) -> VlmAnnotator:
    return VlmAnnotator(**args)
