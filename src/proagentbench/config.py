"""The TOML configuration file: one table per stage, each read into that stage's own settings dataclass.

The file is only ever read; users edit it. Unknown tables or keys are an error, so a typo in a privacy rule
(an exclusion that silently does nothing) cannot go unnoticed.
"""

import dataclasses
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from proagentbench.errors import ConfigError

SettingsT = TypeVar("SettingsT")

# Only tables some stage reads: a table nothing reads would let a typo pass silently. The anonymizer's rules
# live in their own policy file (`--policy`); export and bench take per-run flags that their outputs record.
KNOWN_TABLES = ("recorder", "exclusions", "annotator")


def read_toml(path: Path, *, what: str = "configuration file") -> dict[str, Any]:
    """A TOML file as a table; missing, unreadable or invalid files are a `ConfigError` naming ``what``."""
    try:
        with path.expanduser().open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{what} not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None


def load_config(path: Path, *, required: bool = False) -> dict[str, Any]:
    """Read the configuration file; a missing optional file is an empty configuration."""
    if not path.exists() and not required:
        return {}
    data = read_toml(path)
    unknown = sorted(set(data) - set(KNOWN_TABLES))
    if unknown:
        raise ConfigError(f"{path}: unknown table(s) {', '.join(unknown)}; known: {', '.join(KNOWN_TABLES)}")
    return data


def settings_from_table(cls: type[SettingsT], table: dict[str, Any], *, where: str) -> SettingsT:
    """Build a settings dataclass from a TOML table, rejecting unknown keys and values of the wrong type."""
    fields = {field.name: field for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(table) - set(fields))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(fields))}")
    defaults = cls()
    values: dict[str, Any] = {}
    for key, value in table.items():
        default = getattr(defaults, key)
        expected = type(default)
        if isinstance(default, tuple) and isinstance(value, list):
            value = tuple(value)
        if default is not None and not _same_kind(value, expected):
            raise ConfigError(f"{where}.{key}: expected {expected.__name__}, got {type(value).__name__}")
        values[key] = value
    return dataclasses.replace(defaults, **values)  # type: ignore[type-var]


def _same_kind(value: Any, expected: type) -> bool:
    if expected is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)
