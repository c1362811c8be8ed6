"""What a store is for, recorded in it: ``raw`` (written by the recorder) or ``clean`` (by the anonymizer),
and for a clean store which pseudonym key made it (a fingerprint, never the key).

"Already done" is decided per store, not per session uid: a copy of the raw store given as the clean one
holds the same uids, and must be refused rather than reported as done. A store that has no recorded role
(an empty one, or one made before schema version 2) takes it from its sessions' states: any raw session makes
it raw, anonymized ones make it clean, none leave it open to either.
"""

from sqlalchemy import Connection, Engine, insert, select, update

from proagentbench.errors import StoreError
from proagentbench.store.schema import SESSION_STATE_ANONYMIZED, SESSION_STATE_RAW, Session, StoreInfo

ROLE_RAW = "raw"
ROLE_CLEAN = "clean"
ROLE_KEY = "role"
PSEUDONYM_KEY = "pseudonym_key"

_ROLE_OF_STATE = {SESSION_STATE_RAW: ROLE_RAW, SESSION_STATE_ANONYMIZED: ROLE_CLEAN}
_WHAT = {ROLE_RAW: "a raw store (written by the recorder)", ROLE_CLEAN: "a clean store (anonymized)"}


class StoreRoleError(StoreError):
    """A store given where a store of the other role is expected (a raw one as the clean store, say)."""


def read_info(connection: Connection, key: str) -> str | None:
    return connection.execute(select(StoreInfo.value).where(StoreInfo.key == key)).scalar_one_or_none()


def write_info(connection: Connection, key: str, value: str) -> None:
    if read_info(connection, key) is None:
        connection.execute(insert(StoreInfo).values(key=key, value=value))
    else:
        connection.execute(update(StoreInfo).where(StoreInfo.key == key).values(value=value))


def store_role(connection: Connection) -> str | None:
    """The recorded role, else the one its sessions' states imply (raw wins), else None (no sessions)."""
    recorded = read_info(connection, ROLE_KEY)
    if recorded is not None:
        return recorded
    states = set(connection.execute(select(Session.state).distinct()).scalars())
    if SESSION_STATE_RAW in states:
        return ROLE_RAW
    return _ROLE_OF_STATE.get(next(iter(states), ""))


def require_role(engine: Engine, role: str, where: str, *, use: str) -> None:
    """Refuse a store whose role is not ``role``; ``use`` says what it was given for and what to do."""
    with engine.connect() as connection:
        _check(store_role(connection), role, where, use)


def claim_role(engine: Engine, role: str, where: str, *, use: str) -> None:
    """Like `require_role`, then record ``role`` in a store that had none recorded yet."""
    with engine.begin() as connection:
        found = store_role(connection)
        _check(found, role, where, use)
        if read_info(connection, ROLE_KEY) is None:
            write_info(connection, ROLE_KEY, role)


def _check(found: str | None, role: str, where: str, use: str) -> None:
    if found is not None and found != role:
        described = _WHAT.get(found, f"a store of role {found!r}")
        raise StoreRoleError(f"{where}: is {described}, not {_WHAT[role]}; {use}")
