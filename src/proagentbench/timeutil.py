"""Times in the store are UTC integer microseconds since the Unix epoch."""

import time
from datetime import UTC, datetime

MICROS_PER_SECOND = 1_000_000


def now_us() -> int:
    return time.time_ns() // 1_000


def us_to_datetime(us: int) -> datetime:
    return datetime.fromtimestamp(us / MICROS_PER_SECOND, tz=UTC)


def us_to_iso(us: int | None) -> str | None:
    if us is None:
        return None
    return us_to_datetime(us).isoformat(timespec="milliseconds").replace("+00:00", "Z")
