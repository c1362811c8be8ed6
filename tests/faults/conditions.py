"""Broken conditions for the fault tests: a full disk (a small tmpfs when the tests may mount one, else a fake
ENOSPC at the OS boundary) and a read-only store (a read-only bind mount, else file modes)."""

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

FAKE_ENOSPC = Path(__file__).parent / "fake_enospc"
FULL_DISK_KINDS = ("tmpfs", "fake")


def can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path("/tmp") / f"proagent-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        mounted = _run("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(probe))
        if mounted:
            _run("umount", str(probe))
        return mounted
    finally:
        probe.rmdir()


def _run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


class FullDisk:
    """A folder on a full disk. `env` runs `proagent` with the disk full; `free()` gives the environment of a
    rerun once space is freed."""

    def __init__(self, folder: Path, kind: str) -> None:
        self.folder = folder
        self.kind = kind
        self.env = dict(os.environ)
        if kind == "fake":
            path = os.pathsep.join([str(FAKE_ENOSPC), os.environ.get("PYTHONPATH", "")])
            self.env.update(PYTHONPATH=path, PROAGENT_TEST_FULL_DIR=str(folder))

    def free(self) -> dict[str, str]:
        (self.folder / FILLER).unlink(missing_ok=True)
        return dict(os.environ)


FILLER = ".filler"


@contextlib.contextmanager
def full_disk(folder: Path, kind: str, *, size: str = "256k") -> Iterator[FullDisk]:
    """``folder`` on a full disk: a tmpfs of ``size`` filled to its last block (``kind`` "tmpfs", root only),
    or a fake ENOSPC for every write under it ("fake")."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "fake":
        yield FullDisk(folder, kind)
        return
    if not can_mount():
        pytest.skip("mounting a tmpfs needs root")
    assert _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    try:
        with (folder / FILLER).open("wb", buffering=0) as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        yield FullDisk(folder, kind)
    finally:
        _run("umount", "-l", str(folder))


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` read-only for this process: a read-only bind mount over it as root, else file modes."""
    if can_mount():
        assert _run("mount", "--bind", str(folder), str(folder))
        try:
            assert _run("mount", "-o", "remount,bind,ro", str(folder))
            yield
        finally:
            _run("umount", "-l", str(folder))
        return
    modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
    for path in modes:
        path.chmod(0o500 if path.is_dir() else 0o400)
    try:
        yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
