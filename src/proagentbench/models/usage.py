"""What a `ChatModel` did during a run, as recorded in run logs: the negotiated mode, requests, tokens."""

import threading
from collections import Counter
from typing import Any


class Usage:
    def __init__(self, endpoint: str, model: str) -> None:
        self.endpoint = endpoint
        self.model = model
        self.mode: str | None = None
        self.replies_by_mode: Counter[str] = Counter()
        self.counts: Counter[str] = Counter()  # requests, cached, repairs, failed, text_only
        self.tokens: Counter[str] = Counter()  # prompt, completion
        self._lock = threading.Lock()

    def add(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.counts[name] += n

    def tokens_used(self, prompt: int, completion: int) -> None:
        with self._lock:
            self.tokens["prompt"] += prompt
            self.tokens["completion"] += completion

    def replied(self, mode: str) -> None:
        with self._lock:
            self.mode = mode
            self.replies_by_mode[mode] += 1

    def to_json(self) -> dict[str, Any]:
        with self._lock:
            return {
                "endpoint": self.endpoint,
                "model": self.model,
                "mode": self.mode,
                "replies_by_mode": dict(sorted(self.replies_by_mode.items())),
                **{
                    name: self.counts[name]
                    for name in ("requests", "cached", "repairs", "failed", "text_only")
                },
                "prompt_tokens": self.tokens["prompt"],
                "completion_tokens": self.tokens["completion"],
            }


def merge_usage(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """A resumed run's usage: counts added to the earlier part's, the latest negotiated mode kept."""
    if not old or old.get("endpoint") != new.get("endpoint") or old.get("model") != new.get("model"):
        return new
    merged = dict(new)
    merged["mode"] = new.get("mode") or old.get("mode")
    by_mode: Counter[str] = Counter(old.get("replies_by_mode") or {})
    by_mode.update(new.get("replies_by_mode") or {})
    merged["replies_by_mode"] = dict(sorted(by_mode.items()))
    for name, value in new.items():
        if isinstance(value, int) and not isinstance(value, bool) and isinstance(old.get(name), int):
            merged[name] = old[name] + value
    return merged
