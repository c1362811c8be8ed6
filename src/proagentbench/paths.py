"""Where user data and configuration live: platform directories, overridable by flags and environment."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

APP_NAME = "proagentbench"
DATA_DIR_ENV = "PROAGENT_DATA_DIR"
CONFIG_ENV = "PROAGENT_CONFIG"
RAW_DB_NAME = "raw.sqlite"
SCREENSHOTS_DIR_NAME = "screenshots"


def data_dir(override: Path | None = None) -> Path:
    """The data directory: ``--data-dir`` wins, then ``$PROAGENT_DATA_DIR``, then the platform's default."""
    if override is not None:
        return override.expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def raw_db_path(data_directory: Path) -> Path:
    return data_directory / RAW_DB_NAME


def screenshots_dir(db_path: Path) -> Path:
    """Screenshots are stored beside their database, so a store and its frames move together."""
    return db_path.parent / f"{db_path.stem}-{SCREENSHOTS_DIR_NAME}"


def config_path(override: Path | None = None) -> Path:
    if override is not None:
        return override.expanduser()
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def make_private_dir(path: Path) -> None:
    """Create a directory, and any missing parents, readable only by their owner.

    Only folders created here are set to 0700: an existing one (the user's working directory, /tmp) is
    theirs, and its mode is left as it is."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by someone else meanwhile: theirs
        os.chmod(folder, 0o700)  # mkdir's mode is masked by the umask
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a directory")


def make_private_tree(root: Path) -> None:
    """Set a tree the toolkit wrote to owner-only: folders 0700, files 0600 (``root`` included)."""
    for folder, _, files in os.walk(root):
        os.chmod(folder, 0o700)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o600)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def sweep_dead_leftovers(folder: Path, prefix: str) -> None:
    """Remove what a killed run left under ``folder``: entries named ``<prefix><pid>...`` (a file or a folder)
    whose process is gone. A live process's entries, and names without a pid, are left alone."""
    for leftover in folder.glob(f"{glob_escape(prefix)}*"):
        pid = leftover.name.removeprefix(prefix).split("-")[0].split(".")[0]
        if not pid.isdigit() or process_alive(int(pid)):
            continue
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def glob_escape(text: str) -> str:
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)


@contextmanager
def private_temp_dir(parent: Path) -> Iterator[Path]:
    """Make a fresh 0700 folder under ``parent`` this process's temporary directory while the block runs.

    Tools that write through `tempfile` (libraries a job loads, their caches) then write inside a private
    tree, and so do worker processes started meanwhile (they inherit ``TMPDIR``). ``parent`` must be a folder
    of the toolkit's own: what it holds is deleted first, so what a killed run left is removed by the next
    one, and it is deleted on exit. Raises OSError when ``parent`` cannot be made (a read-only tree)."""
    make_private_dir(parent)
    for leftover in parent.iterdir():
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    folder = Path(tempfile.mkdtemp(dir=parent))
    try:
        with use_temp_dir(folder):
            yield folder
    finally:
        shutil.rmtree(parent, ignore_errors=True)


@contextmanager
def use_temp_dir(folder: Path) -> Iterator[None]:
    """Make ``folder`` this process's temporary directory (`tempfile` and ``TMPDIR``) while the block runs:
    for a worker that did not inherit ``TMPDIR`` from its driver (a Ray worker started before the run)."""
    saved_env, saved_tempdir = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved_tempdir
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env


def write_private(target: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write an owner-only (0600) file. A missing folder is created owner-only; an existing one (the user's
    working directory, say) is left as it is. ``exclusive`` never replaces a file (FileExistsError); otherwise
    a leftover from an interrupted run is replaced."""
    if not target.parent.exists():
        make_private_dir(target.parent)
    flags = os.O_CREAT | os.O_WRONLY | (os.O_EXCL if exclusive else os.O_TRUNC)
    fd = os.open(target, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    if not exclusive:
        os.chmod(target, 0o600)  # O_TRUNC keeps the mode of a file that already existed
