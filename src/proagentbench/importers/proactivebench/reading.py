"""Reading and validating ProactiveBench files: reward-data JSONL and event-stream JSON.

Every malformed input is reported with its file and line (JSONL, and JSON syntax errors) or item number,
never skipped silently.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from proagentbench.importers.proactivebench.errors import ImportFormatError
from proagentbench.importers.proactivebench.records import EventStream, Observation, RewardRow, StreamStep
from proagentbench.importers.proactivebench.times import parse_time


def read_reward_rows(path: Path) -> Iterator[RewardRow]:
    """Stream the rows of a reward-data JSONL file (blank lines are allowed and skipped)."""
    with open_source(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            raw = parse_json(line, path, line=number)
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
    raw = read_json(path)
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


def read_json(path: Path) -> Any:
    """A whole JSON file; a syntax error names the file and line."""
    with open_source(path) as handle:
        return parse_json(handle.read(), path)


def parse_json(text: str, path: Path, *, line: int = 1) -> Any:
    """JSON from ``text``, which starts at ``line`` of ``path`` (the line a syntax error is reported at)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path} line {line + exc.lineno - 1}: not valid JSON ({exc.msg})") from None


def open_source(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFormatError(f"{path}: no such file") from None
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot be read ({exc.strerror})") from None


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
