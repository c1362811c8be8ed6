"""Turning events into short text lines, for model prompts, retrieval and text features.

Works for recorder corpora (kinds such as key_press, text, window_focus, mouse_click with app/title) and for
text-only corpora (kind `observation`, the natural-language event in `text`, no app/title).
"""

from proagentbench.benchmark.types import Context, Event

QUIET_KINDS = frozenset({"mouse_move", "key_release"})


def describe_event(event: Event) -> str:
    parts = [event.kind]
    if event.app:
        parts.append(f"app={event.app}")
    if event.title:
        parts.append(f"title={event.title!r}")
    if event.key:
        parts.append(f"key={event.key}")
    if event.text:
        parts.append(event.text if event.kind == "observation" else f"text={event.text!r}")
    return " ".join(parts)


def render_events(context: Context, *, max_lines: int = 120) -> list[str]:
    """One line per event, relative time first, quiet kinds dropped, repeats collapsed, newest kept."""
    lines: list[str] = []
    previous = ""
    repeats = 0
    end = context.point.t_us
    for event in context.events:
        if event.kind in QUIET_KINDS:
            continue
        description = describe_event(event)
        if description == previous:
            repeats += 1
            continue
        if repeats:
            lines[-1] += f" (x{repeats + 1})"
            repeats = 0
        previous = description
        lines.append(f"[-{(end - event.t_us) / 1_000_000:.0f}s] {description}")
    if repeats:
        lines[-1] += f" (x{repeats + 1})"
    return lines[-max_lines:]


def context_text(context: Context) -> str:
    """The plain words of a context (apps, titles, typed or observed text) for retrieval and text features."""
    words: list[str] = []
    for event in context.events:
        for value in (event.app, event.title, event.text):
            if value:
                words.append(value)
    return " ".join(words)


def keywords(text: str | None) -> set[str]:
    if not text:
        return set()
    cleaned = "".join(ch.lower() if ch.isalnum() else " " for ch in text)
    return {word for word in cleaned.split() if len(word) > 2 and not word.isdigit()}
