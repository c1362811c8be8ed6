"""Mapping clean-store rows to corpus rows (pure functions; see docs/corpus.md for the columns)."""

from typing import Any

from proagentbench.corpus import point_id

GENERIC_ANNOTATION_KINDS = ("", "moment")


def exported_key(key: str | None, char: str | None) -> str | None:
    """Key names only for non-character keys: a key that produced a character, or is one, is dropped.

    Typed characters reach the corpus only as scrubbed `text` events, never key by key.
    """
    if key is None or char:
        return None
    if len(key) <= 1:
        return None
    return key


def event_row(row: Any, session_uid: str, split: str) -> dict[str, Any]:
    return {
        "session_uid": session_uid,
        "t_us": row.t_us,
        "kind": row.kind,
        "app": row.app,
        "title": row.title,
        "key": exported_key(row.key, row.char),
        "button": row.button,
        "x": row.x,
        "y": row.y,
        "dx": row.dx,
        "dy": row.dy,
        "text": row.text if row.kind == "text" else None,
        "split": split,
    }


def screenshot_row(row: Any, session_uid: str, image: str, split: str) -> dict[str, Any]:
    return {
        "session_uid": session_uid,
        "t_us": row.t_us,
        "image": image,
        "width": row.width,
        "height": row.height,
        "app": row.app,
        "title": row.title,
        "split": split,
    }


def timing_kind(label: bool, kind: str | None) -> str:
    """The annotation's own kind (e.g. positive, hard_negative), or positive/negative for a generic one."""
    if kind is None or kind.strip() in GENERIC_ANNOTATION_KINDS:
        return "positive" if label else "negative"
    return kind


def annotation_row(row: Any, session_uid: str, split: str) -> dict[str, Any]:
    return {
        "session_uid": session_uid,
        "t_us": row.t_us,
        "label": bool(row.label),
        "kind": row.kind or "moment",
        "intent": row.intent,
        "content": row.content,
        "source": row.source,
        "confidence": row.confidence,
        "split": split,
    }


def timing_row(row: Any, session_uid: str, user: str, split: str) -> dict[str, Any]:
    return {
        "point_id": point_id(session_uid, row.t_us),
        "session_uid": session_uid,
        "user": user,
        "t_us": row.t_us,
        "label": bool(row.label),
        "kind": timing_kind(bool(row.label), row.kind),
        "split": split,
    }


def content_row(row: Any, session_uid: str, user: str, split: str) -> dict[str, Any] | None:
    """A positive with reference content is a content-task point; anything else is not."""
    if not row.label or not (row.content or "").strip():
        return None
    return {
        "point_id": point_id(session_uid, row.t_us),
        "session_uid": session_uid,
        "user": user,
        "t_us": row.t_us,
        "intent": row.intent,
        "content": row.content,
        "split": split,
    }
