"""Throttling a stream of mouse positions: at most N per second, and the last position is never lost."""

from dataclasses import dataclass


@dataclass
class MoveSampler:
    min_interval_us: int
    _last_kept_us: int = -(10**18)
    _pending: tuple[int, int, int] | None = None

    @classmethod
    def per_second(cls, rate: float) -> "MoveSampler":
        return cls(min_interval_us=int(1_000_000 / rate))

    def offer(self, t_us: int, x: int, y: int) -> tuple[int, int, int] | None:
        """A move to record now, or None if it falls inside the interval (it is kept as pending)."""
        if t_us - self._last_kept_us >= self.min_interval_us:
            self._last_kept_us = t_us
            self._pending = None
            return (t_us, x, y)
        self._pending = (t_us, x, y)
        return None

    def trailing(self, now_us: int) -> tuple[int, int, int] | None:
        """The final resting position once the interval since the last kept move has passed."""
        if self._pending is not None and now_us - self._last_kept_us >= self.min_interval_us:
            move, self._pending = self._pending, None
            self._last_kept_us = now_us
            return move
        return None
