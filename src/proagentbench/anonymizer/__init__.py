"""The anonymizer: turns a raw store into a clean store (scrubbed text, redacted screenshots), fully offline.

The names below are its public face, and all the CLI uses. Heavy dependencies (Presidio, Pillow,
spaCy) are imported inside the functions that use them, so importing this package is cheap.

```python
from proagentbench.anonymizer import anonymize_store, load_policy, verify_store

report = anonymize_store(raw_db, clean_db, load_policy(policy_path), workers=2)
```
"""

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
