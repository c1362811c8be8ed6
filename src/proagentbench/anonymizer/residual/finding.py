"""One residual-PII finding: where, what kind, a masked excerpt, and the method (and read) that found it."""

from dataclasses import dataclass

# The methods, as `verify --explain` describes them.
METHODS = {
    "known-value": "a value the anonymizer replaced in the raw store, or an identity value, found again",
    "shape": "a high-recall shape check (name-like word pair, secret-like token, ID-like digits, "
    "email/handle/URL)",
    "analyzer": "the anonymizer's analyzer, run again",
    "key-character": "a key event that still says which character was typed",
}
TEXT_READ = "text"


@dataclass(frozen=True)
class VerifyFinding:
    where: str
    entity: str
    excerpt: str
    method: str = "analyzer"
    read: str = TEXT_READ  # "text", or the OCR pass of an image that showed it (see `reads.PASSES`)

    def to_json(self) -> dict[str, str]:
        return {
            "where": self.where,
            "entity": self.entity,
            "excerpt": self.excerpt,
            "method": self.method,
            "read": self.read,
        }

    def explain(self) -> str:
        source = "in the text" if self.read == TEXT_READ else f"in OCR read {self.read}"
        return f"found by {self.method} {source}: {METHODS.get(self.method, self.method)}"


def mask(value: str) -> str:
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]
