"""What made each exported session, as its clean store recorded it; written into the manifest.

- The anonymizer writes its record into each clean session's `settings` JSON:
  ``settings["anonymizer"] = {"version": str, "policy": {...}, ...}`` (any specs of its components beside).
  The manifest's `anonymizer` is its version and policy (one entry when every session agrees, otherwise
  the variants and their sessions); read defensively, unparseable settings or a missing key give
  ``{"version": None, "policy": None}`` and are reported as such, never guessed.
- An annotator records its source in `annotations.source` and what it ran with in `annotations.data`:
  ``annotator`` (its registry spec, ``{"name", "args"}``) or, in stores labelled before annotators were
  plugins, ``settings`` (the heuristic's). The manifest's `provenance` lists, for groups of sessions that
  share them, the anonymizer's whole record and every annotation source with the spec it recorded; a
  source that recorded none is named alone.
"""

import json
from collections.abc import Mapping
from typing import Any

SETTINGS_KEY = "anonymizer"
SPEC_KEYS = ("annotator", "settings")
UNKNOWN: dict[str, Any] = {"version": None, "policy": None}


def json_object(text: str | None) -> dict[str, Any]:
    """A JSON object stored as text; empty when absent, unparseable or not an object."""
    try:
        value = json.loads(text or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def anonymizer_record(settings_json: str | None) -> dict[str, Any] | None:
    """The anonymizer's record in a session's settings, as written; None when there is none."""
    record = json_object(settings_json).get(SETTINGS_KEY)
    return record if isinstance(record, dict) else None


def anonymizer_of(settings_json: str | None) -> dict[str, Any]:
    record = anonymizer_record(settings_json)
    if record is None:
        return dict(UNKNOWN)
    version = record.get("version")
    return {"version": str(version) if version is not None else None, "policy": record.get("policy")}


def annotation_source(source: str, data_json: str | None) -> dict[str, Any]:
    """An annotation's source with the spec it recorded (`SPEC_KEYS`), not its per-point data."""
    data = json_object(data_json)
    return {"source": source, **{key: data[key] for key in SPEC_KEYS if key in data}}


def group_sessions(per_session: Mapping[str, Any]) -> list[tuple[Any, list[str]]]:
    """(value, its sessions) for every distinct value, compared as canonical JSON and ordered by it."""
    values: dict[str, Any] = {}
    members: dict[str, list[str]] = {}
    for uid, value in sorted(per_session.items()):
        key = json.dumps(value, sort_keys=True)
        values.setdefault(key, value)
        members.setdefault(key, []).append(uid)
    return [(values[key], members[key]) for key in sorted(values)]


def combine(per_session: Mapping[str, dict[str, Any]]) -> dict[str, Any] | None:
    """One entry when every session agrees; otherwise the distinct variants and the sessions of each."""
    groups = group_sessions(per_session)
    if not groups:
        return None
    if len(groups) == 1:
        return dict(groups[0][0])
    return {**UNKNOWN, "variants": [{**value, "sessions": uids} for value, uids in groups]}


def provenance(
    settings: Mapping[str, str | None], sources: Mapping[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The manifest's `provenance` from each session's settings JSON and annotation sources (by uid)."""
    per_session = {
        uid: {"anonymizer": anonymizer_record(text), "annotations": sources.get(uid, [])}
        for uid, text in settings.items()
    }
    return [{**value, "sessions": uids} for value, uids in group_sessions(per_session)]
