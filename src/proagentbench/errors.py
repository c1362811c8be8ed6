"""Errors that reach the user as one clear line (the CLI prints them without a traceback)."""


class ProagentError(Exception):
    """A failure caused by input, environment or configuration that the user can act on."""


class StoreError(ProagentError):
    """A store that is missing, corrupt, of an unknown schema version, or not writable."""


class ConfigError(ProagentError):
    """A configuration or policy file that cannot be read or contains unknown keys."""


class MissingDependencyError(ProagentError):
    """An optional dependency that a command needs is not installed."""

    def __init__(self, module: str, extra: str) -> None:
        super().__init__(
            f"this command needs the Python package '{module}', which is not installed; "
            f"install it with: pip install 'proagentbench[{extra}]'"
        )
