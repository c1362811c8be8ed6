"""The one registry: every pluggable kind (agents, annotators, recognizers, executors) by name.

A component enters one of three ways, the same for every kind:

- a built-in name (``learned``, ``heuristic``, ``home_path``, ``process``), declared in ``BUILTINS`` below in
  exactly the form a third-party package declares an entry point: a name mapped to ``"module:attr"``;
- an entry point in the group ``proagentbench.<kind>`` of an installed distribution;
- a ``module:attr`` reference typed by the user.

The attribute is a factory: called with keyword arguments (JSON values) it returns the component. Every
component is therefore a `Spec` (name + arguments), and each stage writes the specs it used into its output
(clean-session settings, annotation source, run logs), so whatever produced an output can be rebuilt from it.
Nothing here imports a component until it is asked for.
"""

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from proagentbench.errors import ProagentError

ENTRY_POINT_PREFIX = "proagentbench."

# Singular nouns used in messages ("unknown agent 'x'").
KINDS: dict[str, str] = {
    "agents": "agent",
    "annotators": "annotator",
    "recognizers": "recognizer",
    "executors": "executor",
    "scanners": "residual-PII scanner",
}

_RECOGNIZERS = "proagentbench.anonymizer.recognizers"

BUILTINS: dict[str, dict[str, str]] = {
    "agents": {
        "always": "proagentbench.benchmark.agents.trivial:always",
        "never": "proagentbench.benchmark.agents.trivial:never",
        "random": "proagentbench.benchmark.agents.trivial:random_agent",
        "periodic": "proagentbench.benchmark.agents.trivial:periodic",
        "app-prior": "proagentbench.benchmark.agents.app_prior:app_prior",
        "learned": "proagentbench.benchmark.agents.learned:learned",
        "llm": "proagentbench.benchmark.agents.llm:llm",
        "vlm": "proagentbench.benchmark.agents.llm:vlm",
    },
    "annotators": {
        "heuristic": "proagentbench.annotator.heuristic:HeuristicAnnotator",
        "vlm": "proagentbench.annotator.vlm:VlmAnnotator",
    },
    # Every built-in is on unless a policy disables it; they run in this order (anonymizer/recognizer_set.py).
    "recognizers": {
        # Presidio's built-ins, fixed for desktop text.
        "offline_email": f"{_RECOGNIZERS}.offline_email:OfflineEmailRecognizer",
        "gated_phone": f"{_RECOGNIZERS}.gated_builtins:gated_phone",
        "desktop_credit_card": f"{_RECOGNIZERS}.desktop_credit_card:DesktopCreditCardRecognizer",
        "gated_iban": f"{_RECOGNIZERS}.gated_builtins:GatedIbanRecognizer",
        "gated_ip": f"{_RECOGNIZERS}.gated_builtins:GatedIpRecognizer",
        "gated_ssn": f"{_RECOGNIZERS}.gated_builtins:GatedSsnRecognizer",
        "gated_crypto": f"{_RECOGNIZERS}.gated_builtins:GatedCryptoRecognizer",
        "desktop_url": f"{_RECOGNIZERS}.desktop_url:DesktopUrlRecognizer",
        # What desktop capture leaks.
        "cloud_keys": f"{_RECOGNIZERS}.cloud_keys:CloudKeyRecognizer",
        "api_tokens": f"{_RECOGNIZERS}.api_tokens:ApiTokenRecognizer",
        "jwt": f"{_RECOGNIZERS}.jwt:JwtRecognizer",
        "private_key": f"{_RECOGNIZERS}.private_key:PrivateKeyRecognizer",
        "url_credentials": f"{_RECOGNIZERS}.url_credentials:UrlCredentialRecognizer",
        "secret_assignment": f"{_RECOGNIZERS}.secret_assignment:SecretAssignmentRecognizer",
        "high_entropy": f"{_RECOGNIZERS}.high_entropy:HighEntropyRecognizer",
        "split_secret": f"{_RECOGNIZERS}.split_secret:SplitSecretRecognizer",
        "url_query_token": f"{_RECOGNIZERS}.url_query_token:UrlQueryTokenRecognizer",
        "home_path": f"{_RECOGNIZERS}.home_path:HomePathRecognizer",
        "shell_prompt": f"{_RECOGNIZERS}.shell_prompt:ShellPromptRecognizer",
        "person_gazetteer": f"{_RECOGNIZERS}.person_gazetteer:PersonGazetteerRecognizer",
        "person_context": f"{_RECOGNIZERS}.person_context:PersonContextRecognizer",
        "joined_names": f"{_RECOGNIZERS}.joined_names:JoinedNameRecognizer",
        "handles": f"{_RECOGNIZERS}.handles:HandleRecognizer",
        "org_context": f"{_RECOGNIZERS}.org_context:OrgContextRecognizer",
        "company_names": f"{_RECOGNIZERS}.company_names:CompanyNameRecognizer",
        "phone_any_region": f"{_RECOGNIZERS}.phone_any_region:PhoneAnyRegionRecognizer",
        "postal_address": f"{_RECOGNIZERS}.postal_address:PostalAddressRecognizer",
        "national_ids": f"{_RECOGNIZERS}.national_ids:NationalIdRecognizer",
        "account_ids": f"{_RECOGNIZERS}.account_ids:AccountIdRecognizer",
        "phone_pattern": f"{_RECOGNIZERS}.phone_pattern:PhonePatternRecognizer",
        "card_number": f"{_RECOGNIZERS}.card_number:CardNumberRecognizer",
        "local_identity": f"{_RECOGNIZERS}.local_identity:LocalIdentityRecognizer",
        # PERSON entities of a spaCy pipeline; only run when one is installed or configured.
        "spacy_person": f"{_RECOGNIZERS}.spacy_person:spacy_person",
    },
    "executors": {
        "inline": "proagentbench.executors.inline:InlineExecutor",
        "process": "proagentbench.executors.process:ProcessExecutor",
        "thread": "proagentbench.executors.thread:ThreadExecutor",
        "ray": "proagentbench.executors.ray:RayExecutor",
    },
    # What export's residual-PII gate runs over a written corpus (see export/residual_pii.py).
    "scanners": {
        "presidio": "proagentbench.anonymizer.verify:residual_scanner",
    },
}


class PluginError(ProagentError):
    """A component that cannot be found, imported or built from its spec."""


class PluginDependencyError(PluginError):
    """A component's module imports a package that is not installed."""

    def __init__(self, message: str, missing: str) -> None:
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class Spec:
    """A component as name + arguments: enough to rebuild it from what it wrote."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "args": dict(self.args)}

    @classmethod
    def from_json(cls, data: Any, *, where: str = "spec") -> "Spec":
        if isinstance(data, str):
            return cls(data)
        if not isinstance(data, Mapping) or not isinstance(data.get("name"), str):
            raise PluginError(f"{where}: expected a name or {{'name': ..., 'args': {{...}}}}, got {data!r}")
        args = data.get("args", {})
        if not isinstance(args, Mapping):
            raise PluginError(f"{where}: 'args' must be a table of keyword arguments")
        return cls(data["name"], dict(args))

    def __hash__(self) -> int:
        return hash((self.name, repr(sorted(self.args.items()))))


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown plugin kind {kind!r}; known: {', '.join(KINDS)}")
    return KINDS[kind]


def register(kind: str, name: str, reference: str) -> None:
    """Add (or replace) a name for this process: what a notebook or a test does instead of an entry point."""
    _kind(kind)
    if ":" not in reference:
        raise ValueError(f"a reference is 'module:attr', got {reference!r}")
    BUILTINS[kind][name] = reference


def available(kind: str) -> dict[str, str]:
    """Every name usable for this kind, mapped to its factory reference; a built-in wins over an entry point
    of the same name, so installing a package cannot silently replace a privacy component."""
    _kind(kind)
    names = dict(BUILTINS[kind])
    for entry in entry_points(group=ENTRY_POINT_PREFIX + kind):
        names.setdefault(entry.name, entry.value)
    return names


def resolve(kind: str, name: str) -> str:
    """The ``module:attr`` reference behind a name (a reference is returned as it is). Installed entry points
    are only read for a name that is neither a built-in nor a reference."""
    noun = _kind(kind)
    if name in BUILTINS[kind]:
        return BUILTINS[kind][name]
    if ":" in name:
        return name
    names = available(kind)
    if name not in names:
        known = ", ".join(sorted(names)) or "(none built in)"
        raise PluginError(f"unknown {noun} {name!r}; use one of {known} or module:attr")
    return names[name]


def load_attribute(kind: str, name: str) -> Any:
    """What a built-in name, an entry-point name or a ``module:attr`` reference points at."""
    return _attribute(_kind(kind), name, resolve(kind, name))


def _attribute(noun: str, name: str, reference: str) -> Any:
    module_name, _, attr = reference.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        missing = exc.name or module_name
        if module_name != missing and not module_name.startswith(f"{missing}."):
            raise PluginDependencyError(
                f"{noun} {name!r} needs the Python package {missing!r}, which is not installed", missing
            ) from None
        raise PluginError(f"{noun} {name!r}: cannot import module {module_name!r} ({exc})") from None
    except ImportError as exc:
        raise PluginError(f"{noun} {name!r}: cannot import module {module_name!r} ({exc})") from None
    except Exception as exc:  # the module's own code failed while it was imported: a broken plugin
        raise PluginError(
            f"{noun} {name!r}: importing module {module_name!r} failed ({_summary(exc)})"
        ) from exc
    try:
        target: Any = module
        for part in attr.split("."):
            target = getattr(target, part)
    except AttributeError:
        raise PluginError(f"{noun} {name!r}: module {module_name!r} has no attribute {attr!r}") from None
    return target


def load(kind: str, name: str) -> Callable[..., Any]:
    """The factory for a built-in name, an entry-point name or a ``module:attr`` reference."""
    noun = _kind(kind)
    reference = resolve(kind, name)
    target = _attribute(noun, name, reference)
    if not callable(target):
        raise PluginError(f"{noun} {name!r}: {reference} is not a factory (not callable)")
    return target


def build(kind: str, spec: Spec, **context: Any) -> Any:
    """Build a component from its spec. ``context`` holds run-time objects that are not part of the spec
    (the local identity for recognizers, say); each is passed only to factories that accept it."""
    noun = _kind(kind)
    factory = load(kind, spec.name)
    args = {**accepted(factory, context), **spec.args}
    try:
        inspect.signature(factory).bind(**args)
    except TypeError as exc:
        raise PluginError(f"{noun} {spec.name!r}: bad arguments {dict(spec.args)} ({exc})") from None
    except ValueError:
        pass  # builtins without a signature: let the call decide
    try:
        return factory(**args)
    except ProagentError:
        raise  # already one clear line (a missing package, a bad configuration)
    except Exception as exc:
        raise PluginError(f"{noun} {spec.name!r}: could not be built ({_summary(exc)})") from exc


def _summary(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def accepted(factory: Callable[..., Any], candidates: Mapping[str, Any]) -> dict[str, Any]:
    """The candidate keyword arguments a factory takes: those it names, or all when it has ``**kwargs``.
    A factory without a readable signature takes none of them."""
    try:
        parameters = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return {}
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    return {key: value for key, value in candidates.items() if takes_any or key in parameters}
