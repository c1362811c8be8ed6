"""Fixtures for the anonymizer tests: one analyzer per test session (building it imports Presidio and spaCy,
several seconds), a network blocked at the socket level, and raw stores built through the store API."""

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
from proagentbench.anonymizer.identity import Identity
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.text import TextScrubber
from tests.anonymizer.rawstore import RawStoreBuilder

TEST_KEY = bytes(range(32))
TEST_IDENTITY = Identity(user_names=("jdoe",), host_names=("devbox",), person_names=("Jordan Doe",))


@pytest.fixture(scope="session")
def policy() -> Policy:
    return Policy(machine_identity=False)


@pytest.fixture(scope="session")
def scrubber(policy: Policy) -> TextScrubber:
    return make_scrubber(ScrubSetup(policy, TEST_KEY, TEST_IDENTITY))


class NetworkBlocked(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Any connection attempt to a non-loopback address fails the test (and is recorded)."""
    attempts: list[Any] = []
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family == socket.AF_UNIX or host in ("127.0.0.1", "::1", "localhost"):
            return real_connect(self, address)
        attempts.append(address)
        raise NetworkBlocked(f"network access attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded)
    yield attempts


@pytest.fixture
def raw_store(tmp_path: Path) -> Iterator[RawStoreBuilder]:
    builder = RawStoreBuilder(tmp_path / "data" / "raw.sqlite")
    yield builder
    builder.close()
