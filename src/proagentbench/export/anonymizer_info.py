"""What the anonymizer recorded about itself in each clean session's `settings` JSON.

Expected (written by the anonymizer): ``settings["anonymizer"] = {"version": str, "policy": {...}}``.
Read defensively: unparseable settings or a missing key yield ``{"version": None, "policy": None}`` and are
reported as such in the manifest, never guessed.
"""

import json
from typing import Any

SETTINGS_KEY = "anonymizer"
UNKNOWN: dict[str, Any] = {"version": None, "policy": None}


def anonymizer_of(settings_json: str | None) -> dict[str, Any]:
    try:
        settings = json.loads(settings_json or "{}")
    except (TypeError, ValueError):
        return dict(UNKNOWN)
    info = settings.get(SETTINGS_KEY) if isinstance(settings, dict) else None
    if not isinstance(info, dict):
        return dict(UNKNOWN)
    version = info.get("version")
    return {
        "version": str(version) if version is not None else None,
        "policy": info.get("policy"),
    }


def combine(per_session: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """One entry when every session agrees; otherwise the distinct variants and the sessions of each."""
    if not per_session:
        return None
    variants: dict[str, dict[str, Any]] = {}
    members: dict[str, list[str]] = {}
    for uid, info in sorted(per_session.items()):
        key = json.dumps(info, sort_keys=True)
        variants.setdefault(key, info)
        members.setdefault(key, []).append(uid)
    if len(variants) == 1:
        return next(iter(variants.values()))
    return {
        "version": None,
        "policy": None,
        "variants": [{**variants[key], "sessions": members[key]} for key in sorted(variants)],
    }
