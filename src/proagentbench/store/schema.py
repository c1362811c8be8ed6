"""The one schema shared by the raw store (recorder) and the clean store (anonymizer, annotator).

Times are UTC integer microseconds. Event and window ids are assigned by the writer (one writer per store),
so rows can reference each other before they are committed.
"""

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# `events.modifiers` holds the names of the modifiers held, joined by "+" ("ctrl+shift"); these make a key a
# shortcut (what the user did) rather than typed text. AltGr ("alt_gr") types characters, so it is not one.
MODIFIER_SEPARATOR = "+"
SHORTCUT_MODIFIERS = frozenset({"ctrl", "alt", "cmd"})

SESSION_STATE_RAW = "raw"
SESSION_STATE_ANONYMIZED = "anonymized"

# `annotations.kind` of a privacy flag on a segment (see docs/annotator.md, "Privacy flags"): not a decision
# point, so it never enters the corpus's labels.
PRIVACY_KIND = "privacy"

EVENT_KINDS = (
    "key_press",
    "key_release",
    "mouse_click",
    "mouse_scroll",
    "mouse_move",
    "window_focus",
    "idle_start",
    "idle_end",
    "pause",
    "resume",
    "text",
)


class Base(DeclarativeBase):
    pass


class Session(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    user: Mapped[str] = mapped_column(String(64))
    host: Mapped[str] = mapped_column(String(255))
    platform: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[int] = mapped_column(Integer)
    ended_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_reason: Mapped[str | None] = mapped_column(String(16), nullable=True)
    state: Mapped[str] = mapped_column(String(16), default=SESSION_STATE_RAW)
    recorder_version: Mapped[str] = mapped_column(String(32))
    settings: Mapped[str] = mapped_column(Text, default="{}")


class Window(Base):
    """A focused window as seen at one moment: application, title, process and geometry."""

    __tablename__ = "windows"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    t: Mapped[int] = mapped_column(Integer)
    app: Mapped[str] = mapped_column(String(255))
    title: Mapped[str] = mapped_column(Text)
    pid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    x: Mapped[int | None] = mapped_column(Integer, nullable=True)
    y: Mapped[int | None] = mapped_column(Integer, nullable=True)
    width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (Index("ix_windows_session_t", "session_id", "t"),)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    t: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), nullable=True)
    key: Mapped[str | None] = mapped_column(String(32), nullable=True)
    char: Mapped[str | None] = mapped_column(String(8), nullable=True)
    modifiers: Mapped[str | None] = mapped_column(String(64), nullable=True)
    button: Mapped[str | None] = mapped_column(String(16), nullable=True)
    pressed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    x: Mapped[int | None] = mapped_column(Integer, nullable=True)
    y: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dx: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dy: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    data: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        Index("ix_events_session_t", "session_id", "t"),
        Index("ix_events_kind", "kind"),
        Index("ix_events_session_kind_t", "session_id", "kind", "t"),
    )


class Screenshot(Base):
    __tablename__ = "screenshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    t: Mapped[int] = mapped_column(Integer)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("windows.id"), nullable=True)
    event_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    trigger: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(8))
    monitor: Mapped[int] = mapped_column(Integer, default=0)
    left: Mapped[int] = mapped_column(Integer, default=0)
    top: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_screenshots_session_t", "session_id", "t"),)


class Annotation(Base):
    """A labelled decision point: should an assistant have offered help at time t, and with what?"""

    __tablename__ = "annotations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"))
    t: Mapped[int] = mapped_column(Integer)
    label: Mapped[bool] = mapped_column(Boolean)
    kind: Mapped[str] = mapped_column(String(16), default="moment")
    intent: Mapped[str | None] = mapped_column(String(64), nullable=True)
    content: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    data: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_annotations_session_t", "session_id", "t"),)


class StoreInfo(Base):
    """Facts about the store as a whole, one per key: its role (`raw`/`clean`) and, for a clean store, the
    fingerprint of the pseudonym key that made it (see `store.roles`)."""

    __tablename__ = "store_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
