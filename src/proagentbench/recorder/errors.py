"""Recorder failures the user can act on (each prints as one line)."""

from proagentbench.errors import EnvironmentProblem, ProagentError


class DisplayUnavailableError(EnvironmentProblem):
    """No display the recorder can capture: none at all, Wayland, or one it may not connect to."""


class PermissionMissingError(EnvironmentProblem):
    """The platform denies input monitoring or screen capture to this process."""


class RecorderRunningError(ProagentError):
    """Another recorder already owns this data directory or store."""


class RecorderNotRunningError(ProagentError):
    """A control command (status, stop, pause, resume) found no recorder."""
