"""One real local Ray instance for the whole test session (starting one takes a few seconds): two CPUs, no
dashboard. Executors built meanwhile use it instead of starting their own."""

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def ray_instance() -> Iterator[Any]:
    import ray

    # The workers import the test modules whose functions they run.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        logging_level=logging.ERROR,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": path}},
    )
    try:
        yield ray
    finally:
        ray.shutdown()
