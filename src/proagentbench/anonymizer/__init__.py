"""The anonymizer: turns a raw store into a clean store (scrubbed text, redacted screenshots), fully offline.

The names below are its public face, and all the CLI uses. Heavy dependencies (Presidio, Pillow,
spaCy) are imported inside the functions that use them, so importing this package is cheap.

```python
from proagentbench.anonymizer import anonymize_store, load_policy, verify_store

report = anonymize_store(raw_db, clean_db, load_policy(policy_path), workers=2)
```
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from proagentbench.anonymizer.context import ScrubSetup, make_scrubber
    from proagentbench.anonymizer.identity import Identity
    from proagentbench.anonymizer.image.frame import redact_image
    from proagentbench.anonymizer.policy import Policy, load_policy, policy_from_table
    from proagentbench.anonymizer.pseudonym import Pseudonymizer, key_path, load_or_create_key
    from proagentbench.anonymizer.recognizer_set import DEFAULT_RECOGNIZERS
    from proagentbench.anonymizer.run import AnonymizeReport, SessionFailure, anonymize_store
    from proagentbench.anonymizer.spans import Span
    from proagentbench.anonymizer.text import Scrubbed, TextScrubber
    from proagentbench.anonymizer.verify import (
        PresidioResidualScanner,
        VerifyFinding,
        VerifyReport,
        residual_scanner,
        verification_scrubber,
        verify_images,
        verify_store,
        verify_texts,
    )
    from proagentbench.anonymizer.version import ANONYMIZER_VERSION

# Imported on first use (PEP 562): `proagent scrub` needs neither the store nor verify, and importing
# them costs a fifth of its start-up.
_MODULE_OF = {
    "ANONYMIZER_VERSION": "proagentbench.anonymizer.version",
    "AnonymizeReport": "proagentbench.anonymizer.run",
    "DEFAULT_RECOGNIZERS": "proagentbench.anonymizer.recognizer_set",
    "Identity": "proagentbench.anonymizer.identity",
    "Policy": "proagentbench.anonymizer.policy",
    "PresidioResidualScanner": "proagentbench.anonymizer.verify",
    "Pseudonymizer": "proagentbench.anonymizer.pseudonym",
    "ScrubSetup": "proagentbench.anonymizer.context",
    "Scrubbed": "proagentbench.anonymizer.text",
    "SessionFailure": "proagentbench.anonymizer.run",
    "Span": "proagentbench.anonymizer.spans",
    "TextScrubber": "proagentbench.anonymizer.text",
    "VerifyFinding": "proagentbench.anonymizer.verify",
    "VerifyReport": "proagentbench.anonymizer.verify",
    "anonymize_store": "proagentbench.anonymizer.run",
    "key_path": "proagentbench.anonymizer.pseudonym",
    "load_or_create_key": "proagentbench.anonymizer.pseudonym",
    "load_policy": "proagentbench.anonymizer.policy",
    "make_scrubber": "proagentbench.anonymizer.context",
    "policy_from_table": "proagentbench.anonymizer.policy",
    "redact_image": "proagentbench.anonymizer.image.frame",
    "residual_scanner": "proagentbench.anonymizer.verify",
    "verification_scrubber": "proagentbench.anonymizer.verify",
    "verify_images": "proagentbench.anonymizer.verify",
    "verify_store": "proagentbench.anonymizer.verify",
    "verify_texts": "proagentbench.anonymizer.verify",
}

__all__ = [
    "ANONYMIZER_VERSION",
    "DEFAULT_RECOGNIZERS",
    "AnonymizeReport",
    "Identity",
    "Policy",
    "PresidioResidualScanner",
    "Pseudonymizer",
    "ScrubSetup",
    "Scrubbed",
    "SessionFailure",
    "Span",
    "TextScrubber",
    "VerifyFinding",
    "VerifyReport",
    "anonymize_store",
    "key_path",
    "load_or_create_key",
    "load_policy",
    "make_scrubber",
    "policy_from_table",
    "redact_image",
    "residual_scanner",
    "verification_scrubber",
    "verify_images",
    "verify_store",
    "verify_texts",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
