"""A third-party recognizer, shaped as a package would ship one: a factory that returns a Presidio recognizer.

Its entity type, EMPLOYEE_ID, is not one of the anonymizer's; a policy that uses it declares it in
`extra_entities`."""

from typing import Any

from presidio_analyzer import Pattern, PatternRecognizer

EMPLOYEE_ID = "EMPLOYEE_ID"


def employee_ids(prefix: str = "EMP") -> PatternRecognizer:
    pattern = Pattern("employee id", rf"\b{prefix}-\d{{6}}\b", 0.9)
    return PatternRecognizer(supported_entity=EMPLOYEE_ID, patterns=[pattern], name="EmployeeIdRecognizer")


def not_a_recognizer() -> Any:
    return object()
