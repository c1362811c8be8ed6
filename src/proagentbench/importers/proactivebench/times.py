"""ProactiveBench clocks -> UTC microseconds, and source order kept as time order.

Times in the source are Unix seconds (as strings or numbers) or, in some reward rows, day-relative clock
times such as "Day 2, 9:05 PM"; those are placed on a fixed reference day, Day 1 = 2024-06-01 00:00 UTC.
"""

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

DAY_ONE_US = int(datetime(2024, 6, 1, tzinfo=UTC).timestamp()) * 1_000_000
MIN_STEP_US = 1_000
_DAY_CLOCK = re.compile(r"^Day (\d+), (\d{1,2}):(\d{2}) ([AP]M)$")


def parse_time(value: Any) -> int:
    """Microseconds since the epoch from Unix seconds (string or number) or a "Day N, H:MM AM" clock."""
    if isinstance(value, bool):
        raise ValueError(f"time {value!r} is not a time")
    if isinstance(value, int | float):
        return int(Decimal(str(value)) * 1_000_000)
    if not isinstance(value, str):
        raise ValueError(f"time {value!r} is not a time")
    text = value.strip()
    match = _DAY_CLOCK.match(text)
    if match:
        day, hour, minute, half = int(match[1]), int(match[2]), int(match[3]), match[4]
        if day < 1 or not 1 <= hour <= 12 or minute > 59:
            raise ValueError(f"time {value!r} is not a valid day clock")
        hour = hour % 12 + (12 if half == "PM" else 0)
        return DAY_ONE_US + ((day - 1) * 86_400 + hour * 3_600 + minute * 60) * 1_000_000
    try:
        return int(Decimal(text) * 1_000_000)
    except InvalidOperation:
        raise ValueError(f"time {value!r} is neither Unix seconds nor 'Day N, H:MM AM/PM'") from None


def monotone_times(times: list[int], *, strict: bool) -> tuple[list[int], int]:
    """Keep every forward step; a backward step (or with ``strict`` a zero one) becomes 1 ms.

    Returns the times and how many steps were adjusted, so each point's context stays exactly the
    observations that precede it in the file.
    """
    if not times:
        return [], 0
    result = [times[0]]
    adjusted = 0
    for previous, current in zip(times, times[1:], strict=False):
        step = current - previous
        if step < 0 or (strict and step == 0):
            step = MIN_STEP_US
            adjusted += 1
        result.append(result[-1] + step)
    return result, adjusted
