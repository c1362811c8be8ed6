"""The process pool gives each worker one OpenMP/BLAS thread unless the user chose otherwise: `workers`
processes on as many cores, not workers x cores threads."""

import os

import pytest

from proagentbench.executors import build_executor
from proagentbench.plugins import Spec


def thread_setting(_: object) -> str | None:
    return os.environ.get("OMP_NUM_THREADS")


@pytest.mark.parametrize(("parent", "expected"), [(None, "1"), ("3", "3")])
def test_workers_get_one_thread_unless_the_user_set_it(
    monkeypatch: pytest.MonkeyPatch, parent: str | None, expected: str
) -> None:
    if parent is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", parent)
    with build_executor(Spec("process", {"workers": 2})) as executor:
        assert list(executor.map(thread_setting, range(4))) == [expected] * 4
