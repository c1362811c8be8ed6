"""What can go wrong in a ProactiveBench import, as one clear line each."""

from proagentbench.errors import ExitCode, ProagentError


class ImportFormatError(ProagentError):
    """A ProactiveBench file that is not in the expected format; the message names file and line."""

    exit_code = ExitCode.BAD_INPUT


class ImportCountError(ProagentError):
    """The written corpus does not hold exactly the source's decision points (a bug, never ignored)."""
