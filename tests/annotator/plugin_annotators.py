"""Third-party annotators for the registry tests: loaded by module:attr and through an entry point."""

from collections.abc import Sequence

from proagentbench.annotator import LabelledPoint, TimelineEvent
from proagentbench.plugins import Spec


class EveryFocus:
    """Labels every window focus change with one fixed label."""

    def __init__(self, label: bool = True, tag: str = "focus") -> None:
        self.positive = label
        self.tag = tag

    @property
    def source(self) -> str:
        return f"every-focus-{self.tag}"

    @property
    def spec(self) -> Spec:
        return Spec("plugin_annotators:every_focus", {"label": self.positive, "tag": self.tag})

    def label(self, timeline: Sequence[TimelineEvent], *, session_key: str) -> list[LabelledPoint]:
        del session_key
        kind = "positive" if self.positive else "negative"
        return [
            LabelledPoint(t=event.t, label=self.positive, kind=kind, app=event.app, confidence=0.5)
            for event in timeline
            if event.kind == "window_focus"
        ]


def every_focus(label: bool = True, tag: str = "focus") -> EveryFocus:
    return EveryFocus(label, tag)


def not_an_annotator() -> object:
    return object()
