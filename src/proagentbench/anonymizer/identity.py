"""The local identity: who and where the recording user is, as listed in config or found on the machine."""

import contextlib
import getpass
import os
import platform
import pwd
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Identity:
    user_names: tuple[str, ...] = ()
    host_names: tuple[str, ...] = ()
    person_names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    extra_terms: tuple[str, ...] = field(default=())

    def merged(self, other: "Identity") -> "Identity":
        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(v for v in (*a, *b) if v))

        return Identity(
            union(self.user_names, other.user_names),
            union(self.host_names, other.host_names),
            union(self.person_names, other.person_names),
            union(self.emails, other.emails),
            union(self.extra_terms, other.extra_terms),
        )


def machine_identity() -> Identity:
    """The OS user name, its full name (GECOS) and the host name of this machine."""
    user = getpass.getuser()
    full_name = ""
    with contextlib.suppress(KeyError, OSError):
        full_name = pwd.getpwnam(user).pw_gecos.split(",")[0].strip()
    host = platform.node() or os.uname().nodename
    hosts = tuple(dict.fromkeys(h for h in (host, host.split(".")[0]) if h))
    return Identity(
        user_names=(user,) if user else (),
        host_names=hosts,
        person_names=(full_name,) if full_name else (),
    )
