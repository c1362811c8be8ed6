"""Where user data and configuration live: platform directories, overridable by flags and environment."""

import os
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
    """Create a directory (and missing parents) readable only by its owner."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)


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
