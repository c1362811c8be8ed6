"""Recorder settings: defaults, then the `[recorder]` and `[exclusions]` config tables, then flags."""

import dataclasses
import getpass
import hashlib
import socket
from dataclasses import dataclass
from typing import Any

from proagentbench.config import settings_from_table
from proagentbench.errors import ConfigError

SCREENSHOT_FORMATS = ("webp", "png")
MONITOR_CHOICES = ("focused", "all")

# Defaults keep password managers and private browsing out of the raw store entirely.
DEFAULT_EXCLUDED_APPS = (
    "keepassxc",
    "keepass",
    "keepass2",
    "1password",
    "bitwarden",
    "lastpass",
    "dashlane",
    "enpass",
    "gnome-keyring",
    "seahorse",
    "kwalletmanager",
    "kwalletmanager5",
    "proton pass",
    "keychain access",
    "passwords",
)
DEFAULT_EXCLUDED_TITLES = (
    r"(?i)private browsing",
    r"(?i)\bincognito\b",
    r"(?i)inprivate",
    r"(?i)\bprivate window\b",
    r"(?i)\(private\)",
    r"(?i)tor browser",
    r"(?i)\bpassword manager\b",
)


@dataclass(frozen=True)
class ExclusionSettings:
    """The `[exclusions]` table: windows whose keys, text and pixels are never recorded."""

    apps: tuple[str, ...] = DEFAULT_EXCLUDED_APPS
    titles: tuple[str, ...] = DEFAULT_EXCLUDED_TITLES
    extra_apps: tuple[str, ...] = ()
    extra_titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecorderSettings:
    """The `[recorder]` table. Times are in seconds."""

    user_id: str = ""
    idle_seconds: float = 60.0
    mouse_moves_per_second: float = 10.0
    window_poll_seconds: float = 0.25
    window_heartbeat_seconds: float = 60.0
    typing_burst_gap_seconds: float = 1.5
    scroll_end_gap_seconds: float = 1.0
    screenshots: bool = True
    screenshot_format: str = "webp"
    screenshot_lossless: bool = True
    screenshot_quality: int = 50
    screenshot_heartbeat_seconds: float = 10.0
    screenshot_min_interval_seconds: float = 1.0
    screenshot_dedupe_threshold: float = 0.02
    screenshot_force_after_seconds: float = 60.0
    screenshot_monitor: str = "focused"
    pause_hotkey: str = "<ctrl>+<alt>+<shift>+p"
    allow_xwayland: bool = False
    flush_interval_seconds: float = 0.25

    def validate(self) -> "RecorderSettings":
        if self.screenshot_format not in SCREENSHOT_FORMATS:
            raise ConfigError(
                f"recorder.screenshot_format: {self.screenshot_format!r} is not one of "
                f"{', '.join(SCREENSHOT_FORMATS)}"
            )
        if self.screenshot_monitor not in MONITOR_CHOICES:
            raise ConfigError(
                f"recorder.screenshot_monitor: {self.screenshot_monitor!r} is not one of "
                f"{', '.join(MONITOR_CHOICES)}"
            )
        positive = (
            "idle_seconds",
            "mouse_moves_per_second",
            "window_poll_seconds",
            "window_heartbeat_seconds",
            "typing_burst_gap_seconds",
            "scroll_end_gap_seconds",
            "screenshot_heartbeat_seconds",
            "screenshot_force_after_seconds",
            "flush_interval_seconds",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise ConfigError(f"recorder.{name}: must be greater than 0")
        if self.screenshot_min_interval_seconds < 0 or self.screenshot_dedupe_threshold < 0:
            raise ConfigError("recorder: screenshot interval and dedupe threshold must not be negative")
        if not 1 <= self.screenshot_quality <= 100:
            raise ConfigError("recorder.screenshot_quality: must be between 1 and 100")
        if self.pause_hotkey:
            _check_hotkey(self.pause_hotkey)
        return self

    def pseudonymous_user(self) -> str:
        """A stable id for the person recording that does not reveal their login name."""
        if self.user_id:
            return self.user_id
        seed = f"{getpass.getuser()}@{socket.gethostname()}".encode()
        return "u-" + hashlib.sha256(seed).hexdigest()[:12]


@dataclass(frozen=True)
class Settings:
    recorder: RecorderSettings = dataclasses.field(default_factory=RecorderSettings)
    exclusions: ExclusionSettings = dataclasses.field(default_factory=ExclusionSettings)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def load_settings(config: dict[str, Any], **overrides: Any) -> Settings:
    """Config tables first, then flags (``overrides`` whose value is not None) on top."""
    recorder = settings_from_table(RecorderSettings, config.get("recorder", {}), where="recorder")
    exclusions = settings_from_table(ExclusionSettings, config.get("exclusions", {}), where="exclusions")
    recorder_fields = {field.name for field in dataclasses.fields(RecorderSettings)}
    chosen = {key: value for key, value in overrides.items() if value is not None}
    unknown = sorted(set(chosen) - recorder_fields - {"extra_apps", "extra_titles"})
    if unknown:
        raise ConfigError(f"unknown recorder setting(s): {', '.join(unknown)}")
    recorder = dataclasses.replace(recorder, **{k: v for k, v in chosen.items() if k in recorder_fields})
    exclusions = dataclasses.replace(
        exclusions,
        extra_apps=exclusions.extra_apps + tuple(chosen.get("extra_apps", ())),
        extra_titles=exclusions.extra_titles + tuple(chosen.get("extra_titles", ())),
    )
    return Settings(recorder=recorder.validate(), exclusions=exclusions)


def _check_hotkey(combo: str) -> None:
    """Validate the hotkey syntax without importing pynput (which needs a display to import)."""
    parts = combo.split("+")
    if any(not part for part in parts) or len(set(parts)) != len(parts):
        raise ConfigError(f"recorder.pause_hotkey: {combo!r} is not a key combination like <ctrl>+<alt>+p")
    for part in parts:
        if len(part) == 1:
            continue
        if not (part.startswith("<") and part.endswith(">") and len(part) > 2):
            raise ConfigError(f"recorder.pause_hotkey: {part!r} must be one character or a <name>")
