"""The recorder: captures keyboard, mouse, focused windows, idle time and screenshots into the raw store.

Start one with :meth:`Recording.start` (``proagent record`` is a thin layer over it). Importing this package
imports no capture library; pynput, mss and python-xlib load when a recording starts.
"""

from proagentbench.recorder.runner import Recording, RecordingResult
from proagentbench.recorder.settings import ExclusionSettings, RecorderSettings, Settings, load_settings

__all__ = [
    "ExclusionSettings",
    "RecorderSettings",
    "Recording",
    "RecordingResult",
    "Settings",
    "load_settings",
]
