"""Helpers shared by test modules: running `proagent` as a process, and installing an entry point."""

import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

PROAGENT = [sys.executable, "-c", "from proagentbench.cli.main import run; run()"]


def run_proagent(
    *args: str,
    timeout: float = 120,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    python_path: Iterable[Path] = (),
) -> subprocess.CompletedProcess[str]:
    """`proagent ARGS` in a new interpreter; ``python_path`` goes before $PYTHONPATH (plugin modules)."""
    environment = dict(os.environ if env is None else env)
    extra = [str(path) for path in python_path]
    if extra:
        environment["PYTHONPATH"] = os.pathsep.join([*extra, environment.get("PYTHONPATH", "")])
    return subprocess.run(
        [*PROAGENT, *args], capture_output=True, text=True, timeout=timeout, env=environment, cwd=cwd
    )


def install_entry_point(
    site: Path, monkeypatch: pytest.MonkeyPatch, group: str, line: str, *, distribution: str = "thirdparty"
) -> None:
    """A real distribution's metadata in ``site`` (put on sys.path), declaring ``line``
    (``name = module:attr``) in the entry-point group, as `pip install` of a plugin package would."""
    dist = site / f"{distribution}-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[{group}]\n{line}\n")
    monkeypatch.syspath_prepend(str(site))


def fill_disk(folder: Path) -> None:
    """Write a ballast file in ``folder`` until its file system is full (a small tmpfs in tests)."""
    descriptor = os.open(folder / "ballast", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while os.write(descriptor, b"\0" * 4096):
            pass
    except OSError:
        pass  # the disk is full
    finally:
        os.close(descriptor)
