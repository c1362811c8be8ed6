"""The anonymization policy: a TOML file saying what to look for, with which recognizers, how to replace each
entity and how to redact images.

Unknown keys, unknown entity types, unknown recognizers and unknown operators are errors: a mistyped privacy
rule must not silently do nothing. An entity type a plugin recognizer reports is declared in
`extra_entities` first. The effective policy is recorded in the clean store so an export can state what was
applied.
"""

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proagentbench.anonymizer.entities import ALL_ENTITIES, ORG_CONTEXT
from proagentbench.anonymizer.recognizer_set import check_recognizers, selected_specs
from proagentbench.config import read_toml, settings_from_table
from proagentbench.errors import ConfigError
from proagentbench.plugins import PluginError, Spec

OPERATORS = ("replace", "mask", "hash", "drop")
IMAGE_MODES = ("pii", "allowlist", "all-text")
IMAGE_OPERATORS = ("blur", "fill")
DEFAULT_OPERATOR = "replace"
# Capitals and underscores only, so a placeholder (<EMPLOYEE_ID_1a2b3c4d>) matches `text.PLACEHOLDER` and
# scrubbing stays idempotent.
_ENTITY_NAME = re.compile(r"[A-Z][A-Z_]*")


@dataclass(frozen=True)
class Policy:
    score_threshold: float = 0.5
    spacy_model: str = ""  # "" = use an installed English spaCy pipeline if any; "none" = never
    entities: tuple[str, ...] = ALL_ENTITIES
    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    user_names: tuple[str, ...] = ()
    host_names: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    machine_identity: bool = True
    image_mode: str = "allowlist"  # chosen from benchmarks/anonymizer_screens.py (docs/benchmarks.md)
    image_operator: str = "blur"
    fill_color: str = "#000000"
    excluded_apps: tuple[str, ...] = ()
    max_image_pixels: int = 40_000_000
    ocr_min_confidence: float = 0.0
    incremental_ocr: bool = True
    tesseract_cmd: str = "tesseract"
    operators: tuple[tuple[str, str], ...] = ()  # (entity or "default", operator)
    disabled_recognizers: tuple[str, ...] = ()  # built-in names
    recognizers: tuple[Spec, ...] = ()  # added ones ([[recognizers]]), or new arguments for a built-in
    extra_entities: tuple[str, ...] = ()  # entity types plugin recognizers report
    keep_org_context: bool = False  # keep workspace, company, channel and repository names as they are

    @property
    def known_entities(self) -> tuple[str, ...]:
        return (*ALL_ENTITIES, *self.extra_entities)

    @property
    def scrubbed_entities(self) -> tuple[str, ...]:
        """The entities text scrubbing replaces: `entities`, less the organisation context if it is kept."""
        if not self.keep_org_context:
            return self.entities
        return tuple(entity for entity in self.entities if entity not in ORG_CONTEXT)

    def recognizer_specs(self) -> tuple[Spec, ...]:
        """The recognizers this policy runs, in order (the spaCy one is dropped later without a pipeline)."""
        return selected_specs(self.disabled_recognizers, self.recognizers)

    def operator_for(self, entity: str) -> str:
        table = dict(self.operators)
        return table.get(entity, table.get("default", DEFAULT_OPERATOR))

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        # Identity terms are personal data themselves: record how many, never which.
        for key in ("names", "emails", "user_names", "host_names", "terms"):
            data[key] = len(data[key])
        data["entities"] = list(self.entities)
        data["excluded_apps"] = list(self.excluded_apps)
        data["operators"] = {entity: self.operator_for(entity) for entity in self.entities}
        data["disabled_recognizers"] = list(self.disabled_recognizers)
        data["recognizers"] = [spec.to_json() for spec in self.recognizers]
        data["extra_entities"] = list(self.extra_entities)
        return data


def policy_from_table(table: dict[str, Any], *, where: str) -> Policy:
    table = dict(table)
    operators = table.pop("operators", {})
    if not isinstance(operators, dict):
        raise ConfigError(f"{where}.operators: expected a table of ENTITY = operator")
    added = _added_recognizers(table.pop("recognizers", []), where=f"{where}.recognizers")
    policy = settings_from_table(Policy, table, where=where)
    _check_choice(policy.image_mode, IMAGE_MODES, f"{where}.image_mode")
    _check_choice(policy.image_operator, IMAGE_OPERATORS, f"{where}.image_operator")
    _check_extra_entities(policy.extra_entities, where=f"{where}.extra_entities")
    known = policy.known_entities
    if "entities" not in table:
        policy = dataclasses.replace(policy, entities=known)
    unknown = sorted(set(policy.entities) - set(known))
    if unknown:
        raise ConfigError(
            f"{where}.entities: unknown entity type(s) {', '.join(unknown)} "
            "(a plugin's entity types are declared in extra_entities)"
        )
    for entity, operator in operators.items():
        if entity != "default" and entity not in known:
            raise ConfigError(
                f"{where}.operators: unknown entity type {entity!r}; known: default, {', '.join(known)}"
            )
        _check_choice(operator, OPERATORS, f"{where}.operators.{entity}")
    check_recognizers(policy.disabled_recognizers, added, where=where)
    if not 0.0 <= policy.score_threshold <= 1.0:
        raise ConfigError(f"{where}.score_threshold: must be between 0 and 1")
    if not policy.fill_color.startswith("#") or len(policy.fill_color) != 7:
        raise ConfigError(f"{where}.fill_color: expected a colour like #000000")
    return dataclasses.replace(policy, operators=tuple(sorted(operators.items())), recognizers=added)


def _added_recognizers(value: Any, *, where: str) -> tuple[Spec, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: expected [[recognizers]] tables, each with a name and optional args")
    specs = []
    for index, item in enumerate(value):
        here = f"{where}[{index}]"
        if isinstance(item, dict) and set(item) - {"name", "args"}:
            unknown = ", ".join(sorted(set(item) - {"name", "args"}))
            raise ConfigError(f"{here}: unknown key(s) {unknown}; known: args, name")
        try:
            specs.append(Spec.from_json(item, where=here))
        except PluginError as exc:
            raise ConfigError(str(exc)) from None
    return tuple(specs)


def _check_extra_entities(entities: tuple[str, ...], *, where: str) -> None:
    for entity in entities:
        if not isinstance(entity, str) or not _ENTITY_NAME.fullmatch(entity):
            raise ConfigError(
                f"{where}: {entity!r} is not an entity type (capitals and underscores: EMPLOYEE_ID)"
            )
        if entity in ALL_ENTITIES:
            raise ConfigError(f"{where}: {entity} is a built-in entity type already")


def load_policy(path: Path | None) -> Policy:
    if path is None:
        return Policy()
    return policy_from_table(read_toml(path, what="policy file"), where=str(path))


def _check_choice(value: object, choices: tuple[str, ...], where: str) -> None:
    if value not in choices:
        raise ConfigError(f"{where}: {value!r} is not one of {', '.join(choices)}")
