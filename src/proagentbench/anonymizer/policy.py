"""The anonymization policy: a TOML file saying what to look for, how to replace each entity and how to
redact images.

Unknown keys, unknown entity types and unknown operators are errors: a mistyped privacy rule must not silently
do nothing. The effective policy is recorded in the clean store so an export can state what was applied.
"""

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proagentbench.anonymizer.entities import ALL_ENTITIES
from proagentbench.config import read_toml, settings_from_table
from proagentbench.errors import ConfigError

OPERATORS = ("replace", "mask", "hash", "drop")
IMAGE_MODES = ("pii", "all-text")
IMAGE_OPERATORS = ("blur", "fill")
DEFAULT_OPERATOR = "replace"


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
    image_mode: str = "pii"
    image_operator: str = "blur"
    fill_color: str = "#000000"
    excluded_apps: tuple[str, ...] = ()
    max_image_pixels: int = 40_000_000
    ocr_min_confidence: float = 0.0
    incremental_ocr: bool = True
    tesseract_cmd: str = "tesseract"
    operators: tuple[tuple[str, str], ...] = ()  # (entity or "default", operator)

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
        return data


def policy_from_table(table: dict[str, Any], *, where: str) -> Policy:
    table = dict(table)
    operators = table.pop("operators", {})
    if not isinstance(operators, dict):
        raise ConfigError(f"{where}.operators: expected a table of ENTITY = operator")
    policy = settings_from_table(Policy, table, where=where)
    _check_choice(policy.image_mode, IMAGE_MODES, f"{where}.image_mode")
    _check_choice(policy.image_operator, IMAGE_OPERATORS, f"{where}.image_operator")
    unknown = sorted(set(policy.entities) - set(ALL_ENTITIES))
    if unknown:
        raise ConfigError(f"{where}.entities: unknown entity type(s) {', '.join(unknown)}")
    for entity, operator in operators.items():
        if entity != "default" and entity not in ALL_ENTITIES:
            raise ConfigError(
                f"{where}.operators: unknown entity type {entity!r}; "
                f"known: default, {', '.join(ALL_ENTITIES)}"
            )
        _check_choice(operator, OPERATORS, f"{where}.operators.{entity}")
    if not 0.0 <= policy.score_threshold <= 1.0:
        raise ConfigError(f"{where}.score_threshold: must be between 0 and 1")
    if not policy.fill_color.startswith("#") or len(policy.fill_color) != 7:
        raise ConfigError(f"{where}.fill_color: expected a colour like #000000")
    return dataclasses.replace(policy, operators=tuple(sorted(operators.items())))


def load_policy(path: Path | None) -> Policy:
    if path is None:
        return Policy()
    return policy_from_table(read_toml(path, what="policy file"), where=str(path))


def _check_choice(value: object, choices: tuple[str, ...], where: str) -> None:
    if value not in choices:
        raise ConfigError(f"{where}: {value!r} is not one of {', '.join(choices)}")
