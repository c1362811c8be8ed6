"""The store: one schema for raw and clean data, its migrations, and a batching writer."""

from proagentbench.store.engine import db_error_reason, integrity_ok, open_store
from proagentbench.store.rows import session_row
from proagentbench.store.schema import (
    MODIFIER_SEPARATOR,
    PRIVACY_KIND,
    SESSION_STATE_ANONYMIZED,
    SESSION_STATE_RAW,
    SHORTCUT_MODIFIERS,
    Annotation,
    Base,
    Event,
    Screenshot,
    Session,
    Window,
)
from proagentbench.store.sessions import SessionSummary, list_sessions
from proagentbench.store.states import EXCLUDED_TITLE, NotAnonymizedError, require_anonymized
from proagentbench.store.writer import StoreWriter

__all__ = [
    "EXCLUDED_TITLE",
    "MODIFIER_SEPARATOR",
    "PRIVACY_KIND",
    "SHORTCUT_MODIFIERS",
    "NotAnonymizedError",
    "require_anonymized",
    "session_row",
    "SESSION_STATE_ANONYMIZED",
    "SESSION_STATE_RAW",
    "Annotation",
    "Base",
    "Event",
    "Screenshot",
    "Session",
    "SessionSummary",
    "StoreWriter",
    "Window",
    "db_error_reason",
    "integrity_ok",
    "list_sessions",
    "open_store",
]
