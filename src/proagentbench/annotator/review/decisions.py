"""What a reviewer decides, written back into the clean store as rows of source ``human`` (and nothing else).

A decision is about one annotator's label at one moment: ``accept`` keeps it, ``reject`` turns it over (a
rejected positive is not an assistance moment; a rejected negative is one, of intent ``other`` unless given)
and ``edit`` makes the moment a positive with the intent and content the reviewer chose. Each decision
replaces the earlier human label at that moment, in one transaction, and records which label it reviewed.
"""

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from proagentbench.annotator.intents import INTENTS
from proagentbench.annotator.privacy import CLEAR, CONFIRM
from proagentbench.annotator.review.data import HUMAN, data_of
from proagentbench.errors import ProagentError
from proagentbench.store import PRIVACY_KIND, Annotation
from proagentbench.timeutil import now_us

ACCEPT, REJECT, EDIT = "accept", "reject", "edit"
ACTIONS = (ACCEPT, REJECT, EDIT)
HUMAN_SPEC = {"name": HUMAN, "args": {}}


class ReviewError(ProagentError):
    """A decision the page sent that cannot be stored (unknown label, action or intent)."""


@dataclass(frozen=True)
class Reviewed:
    id: int
    session_id: int
    t: int
    label: bool
    kind: str
    intent: str | None
    content: str | None
    source: str
    data: str | None


def _reviewed(engine: Engine, annotation_id: int) -> Reviewed:
    query = select(
        Annotation.id, Annotation.session_id, Annotation.t, Annotation.label, Annotation.kind,
        Annotation.intent, Annotation.content, Annotation.source, Annotation.data,
    ).where(Annotation.id == annotation_id)  # fmt: skip
    with engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        raise ReviewError(f"no annotation {annotation_id} in this store")
    return Reviewed(*row)


def decide(
    engine: Engine, annotation_id: int, action: str, *, intent: str | None = None, content: str | None = None
) -> dict[str, Any]:
    """Store the reviewer's answer to one label; returns the human row written."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r} (expected one of {', '.join(ACTIONS)})")
    if intent is not None and intent not in INTENTS:
        raise ReviewError(f"unknown intent {intent!r} (expected one of {', '.join(INTENTS)})")
    reviewed = _reviewed(engine, annotation_id)
    if reviewed.kind == PRIVACY_KIND:
        raise ReviewError(f"annotation {annotation_id} is a privacy flag: clear or confirm it instead")
    text = (content or "").strip() or None
    if action == ACCEPT:
        label, intent, text = reviewed.label, reviewed.intent, reviewed.content
    elif action == REJECT:
        label = not reviewed.label
        intent, text = (intent or "other", text) if label else (None, None)
    else:
        if intent is None:
            raise ReviewError("edit needs an intent")
        label = True
    row = {
        "session_id": reviewed.session_id,
        "t": reviewed.t,
        "label": label,
        "kind": "positive" if label else "negative",
        "intent": intent,
        "content": text,
        "data": {
            "action": action,
            "reviewed": {"id": reviewed.id, "source": reviewed.source, "label": reviewed.label},
            "app": data_of(reviewed.data).get("app"),
            "annotator": HUMAN_SPEC,
        },  # fmt: skip
    }
    _replace(engine, row, privacy=False)
    return row


def answer_flag(engine: Engine, annotation_id: int, action: str) -> dict[str, Any]:
    """Confirm or clear a privacy flag (a human row of kind ``privacy`` at the flag's time)."""
    if action not in (CONFIRM, CLEAR):
        raise ReviewError(f"unknown privacy action {action!r} (expected {CONFIRM} or {CLEAR})")
    flag = _reviewed(engine, annotation_id)
    if flag.kind != PRIVACY_KIND or flag.source == HUMAN:
        raise ReviewError(f"annotation {annotation_id} is not a privacy flag")
    row = {
        "session_id": flag.session_id,
        "t": flag.t,
        "label": action == CONFIRM,
        "kind": PRIVACY_KIND,
        "intent": None,
        "content": None,
        "data": {
            "action": action,
            "reviewed": {"id": flag.id, "source": flag.source},
            "end": data_of(flag.data).get("end"),
            "annotator": HUMAN_SPEC,
        },  # fmt: skip
    }
    _replace(engine, row, privacy=True)
    return row


def _replace(engine: Engine, row: dict[str, Any], *, privacy: bool) -> None:
    kind_test = Annotation.kind == PRIVACY_KIND if privacy else Annotation.kind != PRIVACY_KIND
    values = {**row, "source": HUMAN, "confidence": None, "created_at": now_us(),
              "data": json.dumps(row["data"], sort_keys=True)}  # fmt: skip
    with engine.begin() as connection:
        connection.execute(
            delete(Annotation).where(
                Annotation.session_id == row["session_id"],
                Annotation.t == row["t"],
                Annotation.source == HUMAN,
                kind_test,
            )
        )
        connection.execute(insert(Annotation), [values])
