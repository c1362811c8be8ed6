"""A spending limit shared by every request of a run: a number of requests, a cost in USD, or both.

Each request reserves its slot before it is sent (`reserve`), so concurrent workers never exceed
``max_requests``; its tokens are charged when it returns (`charge`). The cost is only known afterwards, so a
run can exceed ``max_cost`` by the requests already in flight when it was reached (at most the concurrency).
Replies served from the cache cost nothing and reserve nothing: a rerun after the budget stopped a run pays
only for what it had not asked yet.
"""

import threading
from dataclasses import dataclass

from proagentbench.errors import ProagentError
from proagentbench.models.prices import Price


class BudgetExhausted(ProagentError):
    """The budget allows no more requests (not a failure of the request: the run stops, resumable)."""


@dataclass(frozen=True)
class BudgetLimits:
    max_requests: int | None = None
    max_cost: float | None = None

    def describe(self) -> str:
        parts = []
        if self.max_requests is not None:
            parts.append(f"--max-requests {self.max_requests}")
        if self.max_cost is not None:
            parts.append(f"--max-cost {self.max_cost:g}")
        return " and ".join(parts) or "no limit"


class Budget:
    def __init__(self, limits: BudgetLimits, price: Price | None = None) -> None:
        if limits.max_cost is not None and price is None:
            raise ValueError("a cost limit needs the model's price")
        self.limits = limits
        self.price = price
        self.requests = 0
        self.cost = 0.0
        self.exhausted = False
        self._lock = threading.Lock()

    def reserve(self) -> None:
        """Take one request's slot, or raise `BudgetExhausted` when the limits allow none."""
        with self._lock:
            over_requests = self.limits.max_requests is not None and self.requests >= self.limits.max_requests
            over_cost = self.limits.max_cost is not None and self.cost >= self.limits.max_cost
            if over_requests or over_cost:
                self.exhausted = True
                raise BudgetExhausted(f"budget reached ({self.limits.describe()})")
            self.requests += 1

    def charge(self, prompt_tokens: int, completion_tokens: int) -> None:
        if self.price is None:
            return
        with self._lock:
            self.cost += self.price.cost(prompt_tokens, completion_tokens)
