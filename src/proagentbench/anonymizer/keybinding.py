"""A clean store is bound to the pseudonym key that made it: its fingerprint is recorded at the first run, and
a later run with another key (a lost or regenerated key file) is refused, so one person never gets two
pseudonyms in one store."""

from pathlib import Path

from sqlalchemy import Engine

from proagentbench.anonymizer.pseudonym import key_fingerprint
from proagentbench.errors import ProagentError
from proagentbench.store.roles import PSEUDONYM_KEY, read_info, write_info


class PseudonymKeyMismatchError(ProagentError):
    """The clean store was made with another pseudonym key than the one beside the raw store."""


def bind_key(clean: Engine, key: bytes, where: str, key_file: Path) -> None:
    fingerprint = key_fingerprint(key)
    with clean.begin() as connection:
        recorded = read_info(connection, PSEUDONYM_KEY)
        if recorded is None:
            write_info(connection, PSEUDONYM_KEY, fingerprint)
        elif recorded != fingerprint:
            raise PseudonymKeyMismatchError(
                f"{where}: made with another pseudonym key (fingerprint {recorded}; {key_file} is "
                f"{fingerprint}); put back the key file that made it, or anonymize into a new --out store"
            )
