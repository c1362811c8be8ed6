"""Fixtures shared by every test module."""

from pathlib import Path

import pytest


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "raw.sqlite"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the real user's data or configuration directories."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PROAGENT_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PROAGENT_CONFIG", str(home / "config.toml"))
