"""The sample store, built once per test session, and clean copies of it for the VLM annotator's tests."""

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from proagentbench import paths
from proagentbench.demo.sample import build_sample_store
from proagentbench.models.capabilities import forget_all


@pytest.fixture(autouse=True)
def _fresh_negotiation() -> Iterator[None]:
    forget_all()
    yield
    forget_all()


@pytest.fixture(scope="session")
def sample_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "raw.sqlite"
    build_sample_store(path)
    return path


@pytest.fixture
def clean(sample_raw: Path, tmp_path: Path) -> Path:
    """The sample store with its frames, marked anonymized (stands in for the anonymizer's output; its
    window titles still show an e-mail address, which the privacy screening is there to catch)."""
    copy = tmp_path / "clean.sqlite"
    shutil.copyfile(sample_raw, copy)
    shutil.copytree(paths.screenshots_dir(sample_raw), paths.screenshots_dir(copy))
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE sessions SET state = 'anonymized'")
    return copy
