"""Everything a scrubbing run needs, built once per process: policy, identity, analyzer and scrubber."""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from proagentbench.anonymizer.analyzer import AnalyzerSpec, build_analyzer, spec_for
from proagentbench.anonymizer.identity import Identity, machine_identity
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.pseudonym import Pseudonymizer
from proagentbench.anonymizer.text import TextScrubber


@dataclass(frozen=True)
class ScrubSetup:
    """Picklable recipe for a scrubber, so worker processes can rebuild the same one."""

    policy: Policy
    key: bytes = field(repr=False)
    session_identity: Identity = Identity()

    def identity(self) -> Identity:
        policy = self.policy
        configured = Identity(policy.user_names, policy.host_names, policy.names, policy.emails, policy.terms)
        merged = configured.merged(self.session_identity)
        return merged.merged(machine_identity()) if policy.machine_identity else merged


def analyzer_spec(setup: ScrubSetup) -> AnalyzerSpec:
    """The analyzer this setup runs: its NLP engine and recognizer specs (recorded in the clean store)."""
    return spec_for(setup.policy, setup.identity())


def make_scrubber(setup: ScrubSetup) -> TextScrubber:
    return _cached_scrubber(setup)


@lru_cache(maxsize=8)
def _cached_scrubber(setup: ScrubSetup) -> TextScrubber:
    analyzer: Any = build_analyzer(analyzer_spec(setup))
    return TextScrubber(analyzer, setup.policy, Pseudonymizer(setup.key))
