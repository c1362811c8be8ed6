"""The ray executor on its own: input order, exceptions that come back as themselves, a killed worker's unit
retried (boundedly), and a clear message when Ray is not installed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from proagentbench.executors import build_executor
from proagentbench.executors.ray import RayExecutorError
from proagentbench.plugins import Spec


def slow_square(item: int) -> int:
    time.sleep(0.05 * (5 - item % 5))  # later items finish first
    return item * item


def refuse_three(item: int) -> int:
    if item == 3:
        raise ValueError(f"item {item} is bad")
    return item


def die_once(marker_and_item: tuple[str, int]) -> tuple[int, int]:
    """Kills its own worker the first time it meets item 2 (the marker file remembers), then works."""
    marker, item = marker_and_item
    if item == 2 and not Path(marker).exists():
        Path(marker).write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return item, os.getpid()


def always_die(item: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return item


def test_results_come_back_in_input_order(ray_instance: Any) -> None:
    with build_executor(Spec("ray", {"workers": 2})) as executor:
        assert executor.workers == 2
        assert list(executor.map(slow_square, range(12))) == [i * i for i in range(12)]


def test_an_exception_of_the_function_comes_back_as_itself(ray_instance: Any) -> None:
    with build_executor(Spec("ray")) as executor, pytest.raises(ValueError, match=r"^item 3 is bad$"):
        list(executor.map(refuse_three, range(6)))


def test_a_killed_workers_unit_is_retried_nothing_lost_or_repeated(ray_instance: Any, tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    with build_executor(Spec("ray", {"max_retries": 2})) as executor:
        results = list(executor.map(die_once, [(str(marker), item) for item in range(6)]))
    assert marker.exists()  # a worker really died
    assert [item for item, _ in results] == list(range(6))
    assert dict(results)[2] != int(marker.read_text())  # item 2 finished on another worker process


def test_retries_are_bounded(ray_instance: Any) -> None:
    executor = build_executor(Spec("ray", {"max_retries": 0}))
    with executor, pytest.raises(RayExecutorError) as raised:
        list(executor.map(always_die, [1]))
    message = str(raised.value)
    assert message.startswith("ray executor: a unit was lost after 0 retries (")
    assert "\n" not in message


def test_without_ray_the_executor_names_the_extra_to_install(tmp_path: Path) -> None:
    clean = tmp_path / "clean.sqlite"
    raw = tmp_path / "raw.sqlite"
    shim = (
        "import sys; sys.modules['ray'] = None; "  # `import ray` now fails as if it were not installed
        "from proagentbench.cli.main import run; run()"
    )
    for args in (
        ["anonymize", "--db", str(raw), "--out", str(clean), "--executor", "ray"],
        ["annotate", "--db", str(clean), "--executor", "ray"],
    ):
        result = subprocess.run(
            [sys.executable, "-c", shim, *args], capture_output=True, text=True, timeout=120
        )
        lines = result.stderr.strip().splitlines()
        assert result.returncode != 0 and len(lines) == 1, result.stderr
        assert "pip install 'proagentbench[ray]'" in lines[0] and "Traceback" not in result.stderr
    assert not clean.exists() and not raw.exists()


def test_a_local_instance_keeps_its_files_owner_only_and_removes_them() -> None:
    """Ray's folder holds worker logs (any traceback of a unit) and spilled objects: not /tmp/ray, which
    is world-readable, but a 0700 folder of its own, gone when the executor stops. In a new interpreter,
    since the test session's Ray instance is already running here."""
    code = (
        "import os, stat, ray; from pathlib import Path\n"
        "from proagentbench.executors.ray import RayExecutor\n"
        "with RayExecutor(workers=1) as executor:\n"
        "    assert list(executor.map(abs, [-1, -2])) == [1, 2]\n"
        "    folder = executor._temp_dir\n"
        "    session = Path(ray._private.worker._global_node.get_session_dir_path())\n"
        "    print(oct(stat.S_IMODE(folder.stat().st_mode)), session.is_relative_to(folder))\n"
        "print(folder.exists())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=180)
    assert result.stdout.split() == ["0o700", "True", "False"], result.stderr[-2000:]
