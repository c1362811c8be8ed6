"""Session states and the check that later stages only ever read anonymized sessions."""

from collections.abc import Iterable
from typing import Protocol

from proagentbench.errors import ProagentError
from proagentbench.store.schema import SESSION_STATE_ANONYMIZED

# The title stored for a window that an exclusion rule (or the anonymizer's policy) keeps out of the data.
EXCLUDED_TITLE = "[excluded]"


class NotAnonymizedError(ProagentError):
    """A store holds sessions the anonymizer has not processed; a later stage refuses to read it."""


class _SessionState(Protocol):
    @property
    def uid(self) -> str: ...

    @property
    def state(self) -> str: ...


def require_anonymized(sessions: Iterable[_SessionState], where: str, *, stage: str) -> None:
    """Raise `NotAnonymizedError` naming the first few sessions that are not anonymized.

    ``stage`` completes the message: "export only reads clean stores", say."""
    pending = [session for session in sessions if session.state != SESSION_STATE_ANONYMIZED]
    if not pending:
        return
    names = ", ".join(f"{session.uid} ({session.state})" for session in pending[:5])
    more = f" and {len(pending) - 5} more" if len(pending) > 5 else ""
    raise NotAnonymizedError(
        f"{where}: {len(pending)} session(s) are not anonymized: {names}{more}; run `proagent anonymize` "
        f"first ({stage})"
    )
