"""Which windows must never be recorded: matched by application name or by a title regex."""

import re
from dataclasses import dataclass

from proagentbench.errors import ConfigError
from proagentbench.recorder.settings import ExclusionSettings


@dataclass(frozen=True)
class ExclusionRules:
    apps: frozenset[str]
    titles: tuple[re.Pattern[str], ...]

    @classmethod
    def from_settings(cls, settings: ExclusionSettings) -> "ExclusionRules":
        apps = frozenset(name.strip().lower() for name in settings.apps + settings.extra_apps if name.strip())
        patterns = []
        for source in settings.titles + settings.extra_titles:
            try:
                patterns.append(re.compile(source))
            except re.error as exc:
                raise ConfigError(f"exclusions: title pattern {source!r} is not a regex ({exc})") from None
        return cls(apps=apps, titles=tuple(patterns))

    def excludes(self, app_names: tuple[str, ...], title: str) -> bool:
        """True when any of the window's application names (process, WM_CLASS parts) or its title match."""
        if any(name.lower() in self.apps for name in app_names if name):
            return True
        return any(pattern.search(title) for pattern in self.titles)
