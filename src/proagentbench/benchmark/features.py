"""Context features for learned baselines: activity counts and rates, app switching, time, memory priors,
plus hashed words of apps, titles and text (so text-only corpora have features too)."""

import math
from collections.abc import Sequence
from typing import Any

from proagentbench.benchmark.event_text import context_text
from proagentbench.benchmark.types import Context

COUNTED_EVENT_KINDS = (
    "key_press",
    "text",
    "window_focus",
    "mouse_click",
    "mouse_scroll",
    "mouse_move",
    "idle_start",
    "idle_end",
    "observation",
)
TEXT_FEATURES = 2**11
RECENT_EVENTS = 10


def numeric_features(context: Context) -> list[float]:
    events = context.events
    n = len(events)
    counts = dict.fromkeys(COUNTED_EVENT_KINDS, 0)
    other = 0
    apps: list[str] = []
    typed = 0
    for event in events:
        if event.kind in counts:
            counts[event.kind] += 1
        else:
            other += 1
        if event.app and (not apps or apps[-1] != event.app):
            apps.append(event.app)
        if event.kind == "text" and event.text:
            typed += len(event.text)
    end = context.point.t_us
    since_last = (end - events[-1].t_us) / 1_000_000 if events else context.window_s
    elapsed = max(0.0, (end - context.session_started_us) / 1_000_000)
    memory = context.memory
    p_help = memory.p_help(context.current_app) if memory is not None else None
    return [
        math.log1p(n),
        *(counts[kind] / n if n else 0.0 for kind in COUNTED_EVENT_KINDS),
        other / n if n else 0.0,
        math.log1p(len(set(apps))),
        math.log1p(max(0, len(apps) - 1)),
        min(1.0, since_last / context.window_s),
        math.log1p(elapsed),
        math.log1p(typed),
        p_help if p_help is not None else 0.0,
        1.0 if p_help is not None else 0.0,
    ]


def document(context: Context) -> str:
    """Words of the window, plus the words of the last few events again with a prefix: recency matters."""
    kinds = " ".join(f"kind_{event.kind}" for event in context.events[-50:])
    recent = " ".join(
        f"recent_{word}"
        for event in context.events[-RECENT_EVENTS:]
        for value in (event.app, event.title, event.text)
        if value
        for word in value.lower().split()
    )
    return f"{context_text(context)} {kinds} {recent}"


class FeatureMatrix:
    """Turns contexts into a sparse matrix: numeric features next to hashed words."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self._hasher = HashingVectorizer(n_features=TEXT_FEATURES, alternate_sign=False, norm="l2")

    def transform(self, contexts: Sequence[Context]) -> Any:
        import numpy as np
        from scipy import sparse

        numeric: np.ndarray = np.asarray([numeric_features(c) for c in contexts], dtype=float)
        words = self._hasher.transform([document(c) for c in contexts])
        return sparse.hstack([sparse.csr_matrix(numeric), words], format="csr")
