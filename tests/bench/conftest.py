from collections.abc import Iterator
from pathlib import Path

import pytest

from proagentbench.benchmark import RunLog
from proagentbench.devtools.model_server import ModelServer
from proagentbench.models.capabilities import forget_all
from tests.bench.corpus_builder import text_only_corpus, two_user_corpus
from tests.bench.report_fixtures import report_logs


@pytest.fixture(autouse=True)
def _fresh_negotiation() -> Iterator[None]:
    """Every test negotiates response formats from nothing: ports, and so endpoints, are reused."""
    forget_all()
    yield
    forget_all()


@pytest.fixture
def model_server() -> Iterator[ModelServer]:
    with ModelServer() as server:
        yield server


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_user_corpus(tmp_path_factory.mktemp("corpus") / "two-users")


@pytest.fixture(scope="session")
def image_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_user_corpus(tmp_path_factory.mktemp("corpus") / "with-images", images=True)


@pytest.fixture(scope="session")
def text_corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return text_only_corpus(tmp_path_factory.mktemp("corpus") / "text-only")


@pytest.fixture(scope="session")
def report_runs(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[RunLog]:
    """Run logs of four offline runs (a sweep, a memory ablation, the always agent) for the report tests."""
    return report_logs(corpus_dir, tmp_path_factory.mktemp("report-runs"))
