"""Reading ProactiveBench data (thunlp/ProactiveAgent): reward-data JSONL and event-stream JSON files.

Times in the source are Unix seconds as strings, or, in some reward rows, day-relative clock times such as
"Day 2, 9:05 PM"; those are placed on a fixed reference day (Day 1 = 2024-06-01 UTC). Every malformed input is
reported with its file and line (JSONL) or item number (JSON), never skipped silently.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from proagentbench.errors import ProagentError

SPLITS_FILE = "splits.json"
DAY_ONE_US = int(datetime(2024, 6, 1, tzinfo=UTC).timestamp()) * 1_000_000
_DAY_CLOCK = re.compile(r"^Day (\d+), (\d{1,2}):(\d{2}) ([AP]M)$")


class ImportFormatError(ProagentError):
    """A ProactiveBench file that is not in the expected format; the message names file and line."""


@dataclass(frozen=True)
class Observation:
    t_us: int
    text: str


@dataclass(frozen=True)
class RewardRow:
    line: int
    observations: list[Observation]
    help_needed: bool


@dataclass(frozen=True)
class StreamStep:
    observation: Observation
    candidates: list[str]
    task_status: bool


@dataclass(frozen=True)
class EventStream:
    name: str
    steps: list[StreamStep]


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


def _observation(raw: Any, where: str) -> Observation:
    if not isinstance(raw, dict) or "time" not in raw or "event" not in raw:
        raise ImportFormatError(f"{where}: an observation needs 'time' and 'event'")
    if not isinstance(raw["event"], str):
        raise ImportFormatError(f"{where}: observation 'event' must be text")
    try:
        return Observation(parse_time(raw["time"]), raw["event"])
    except ValueError as exc:
        raise ImportFormatError(f"{where}: {exc}") from None


def _bool(raw: dict[str, Any], key: str, where: str) -> bool:
    if key not in raw:
        raise ImportFormatError(f"{where}: missing '{key}'")
    value = raw[key]
    if not isinstance(value, bool):
        raise ImportFormatError(f"{where}: '{key}' must be true or false, not {value!r}")
    return value


def read_reward_rows(path: Path) -> Iterator[RewardRow]:
    """Stream the rows of a reward-data JSONL file (blank lines are allowed and skipped)."""
    with _open(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ImportFormatError(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(raw, dict):
                raise ImportFormatError(f"{where}: a row must be a JSON object")
            observations = raw.get("obs")
            if not isinstance(observations, list) or not observations:
                raise ImportFormatError(f"{where}: 'obs' must be a non-empty list of observations")
            yield RewardRow(
                line=number,
                observations=[_observation(o, f"{where} obs {i}") for i, o in enumerate(observations)],
                help_needed=_bool(raw, "help_needed", where),
            )


def read_event_stream(path: Path) -> EventStream:
    with _open(path) as handle:
        try:
            raw = json.load(handle)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(f"{path} line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(raw, list) or not raw:
        raise ImportFormatError(f"{path}: an event-stream file must be a non-empty JSON list")
    steps = []
    for index, item in enumerate(raw):
        where = f"{path} item {index}"
        if not isinstance(item, dict):
            raise ImportFormatError(f"{where}: must be a JSON object")
        response = item.get("agent_response") or {}
        candidates = response.get("candidate_task", []) if isinstance(response, dict) else None
        if not isinstance(candidates, list) or not all(isinstance(c, str) for c in candidates):
            raise ImportFormatError(f"{where}: 'agent_response.candidate_task' must be a list of texts")
        steps.append(
            StreamStep(
                observation=_observation(item.get("observation"), where),
                candidates=candidates,
                task_status=_bool(item, "task_status", where),
            )
        )
    return EventStream(name=path.stem, steps=steps)


def _open(path: Path) -> Any:
    try:
        return path.open(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot be read ({exc.strerror})") from None


def resolve_sources(path: Path) -> tuple[list[Path], list[Path]]:
    """(reward JSONL files, event-stream files) named by a file, a splits.json or a directory."""
    path = path.expanduser()
    if path.is_dir():
        rewards = sorted(path.glob("*.jsonl"))
        if (path / SPLITS_FILE).is_file():
            return rewards, _files_of_splits(path / SPLITS_FILE)
        return rewards, sorted(p for p in path.glob("*.json") if p.name != SPLITS_FILE)
    if not path.exists():
        raise ImportFormatError(f"{path}: no such file or directory")
    if path.name == SPLITS_FILE:
        return [], _files_of_splits(path)
    if path.suffix == ".jsonl":
        return [path], []
    if path.suffix == ".json":
        return [], [path]
    raise ImportFormatError(
        f"{path}: expected a .jsonl reward file, a .json event stream, splits.json or a folder"
    )


def _files_of_splits(path: Path) -> list[Path]:
    """Every file named by any group of splits.json, once, in order of first mention."""
    with _open(path) as handle:
        try:
            groups = json.load(handle)
        except json.JSONDecodeError as exc:
            raise ImportFormatError(f"{path} line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(groups, dict):
        raise ImportFormatError(f"{path}: expected an object of groups with 'files' lists")
    names: dict[str, None] = {}
    for group, entry in groups.items():
        files = entry.get("files") if isinstance(entry, dict) else None
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ImportFormatError(f"{path}: group {group!r} needs a 'files' list of file names")
        names.update(dict.fromkeys(files))
    return [path.parent / name for name in names]
