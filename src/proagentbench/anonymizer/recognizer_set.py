"""Which recognizers an analyzer runs: every built-in unless the policy disables it, then the ones it adds.

Recognizers enter through the one registry (`proagentbench.plugins`, kind ``recognizers``) the three usual
ways: a built-in name, ``module:attr``, or an entry point in the group ``proagentbench.recognizers``. A
factory returns a Presidio ``EntityRecognizer``; the run-time context (``identity``, the local `Identity`, and
``phone_regions``) is passed to factories that take a parameter of that name.

Names are checked when the policy is loaded, so a mistyped recognizer is one clear error before any work.
"""

import inspect
from collections.abc import Sequence

from proagentbench import plugins
from proagentbench.errors import ConfigError
from proagentbench.plugins import PluginError, Spec

# Every built-in, in the order they are declared in `plugins.BUILTINS` (the order the analyzer has always run
# them: Presidio's fixed built-ins first).
DEFAULT_RECOGNIZERS = tuple(plugins.BUILTINS["recognizers"])
# Reads the entities a spaCy pipeline found: without one (the no-op NLP engine) it is left out.
SPACY_RECOGNIZER = "spacy_person"


def selected_specs(disabled: Sequence[str], added: Sequence[Spec]) -> tuple[Spec, ...]:
    """The built-ins not disabled, then the added specs; an added spec naming a built-in sets its arguments
    in the built-in's place."""
    extra = {spec.name: spec for spec in added}
    chosen = [extra.pop(name, Spec(name)) for name in DEFAULT_RECOGNIZERS if name not in disabled]
    return (*chosen, *extra.values())


def check_recognizers(disabled: Sequence[str], added: Sequence[Spec], *, where: str) -> None:
    """Raise a one-line `ConfigError` for an unknown, repeated or contradictory recognizer name."""
    unknown = [str(name) for name in disabled if name not in DEFAULT_RECOGNIZERS]
    if unknown:
        raise ConfigError(
            f"{where}.disabled_recognizers: unknown recognizer(s) {', '.join(unknown)}; "
            f"built-in: {', '.join(DEFAULT_RECOGNIZERS)}"
        )
    seen: set[str] = set()
    for spec in added:
        if spec.name in seen:
            raise ConfigError(f"{where}.recognizers: {spec.name!r} is listed twice")
        if spec.name in disabled:
            raise ConfigError(f"{where}.recognizers: {spec.name!r} is also in disabled_recognizers")
        seen.add(spec.name)
        _check_factory(spec, where=f"{where}.recognizers")


def _check_factory(spec: Spec, *, where: str) -> None:
    try:
        factory = plugins.load("recognizers", spec.name)
    except PluginError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    try:
        inspect.signature(factory).bind_partial(**spec.args)
    except ValueError:
        return  # no signature to check against: the call decides
    except TypeError as exc:
        message = f"recognizer {spec.name!r}: bad arguments {dict(spec.args)} ({exc})"
        raise ConfigError(f"{where}: {message}") from None
