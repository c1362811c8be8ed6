"""The price table a run's cost is computed from: USD per million input and output tokens, per model.

The user keeps it in ``prices.toml`` beside the configuration file (or names one with ``--prices``); no prices
ship with the toolkit, since they change and differ per provider:

```toml
[models."gpt-4o-mini"]
input = 0.15    # USD per 1M prompt tokens
output = 0.60   # USD per 1M completion tokens
```
"""

from dataclasses import dataclass
from pathlib import Path

from proagentbench.errors import ConfigError

FILE_NAME = "prices.toml"
PER_TOKENS = 1_000_000


@dataclass(frozen=True)
class Price:
    input: float
    output: float

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input + completion_tokens * self.output) / PER_TOKENS


def default_prices_path(config_file: Path) -> Path:
    """``prices.toml`` in the configuration file's directory."""
    return config_file.parent / FILE_NAME


def load_prices(path: Path, *, required: bool) -> dict[str, Price]:
    """The table at ``path``; a missing optional file is an empty table. Bad entries are a `ConfigError`."""
    from proagentbench.config import read_toml

    if not path.exists() and not required:
        return {}
    data = read_toml(path, what="price table")
    unknown = sorted(set(data) - {"models"})
    if unknown:
        raise ConfigError(f"{path}: unknown table(s) {', '.join(unknown)}; known: models")
    models = data.get("models", {})
    if not isinstance(models, dict):
        raise ConfigError(f"{path}: [models] must be a table of model names")
    return {str(name): _price(path, str(name), entry) for name, entry in models.items()}


def _price(path: Path, name: str, entry: object) -> Price:
    where = f'{path}: [models."{name}"]'
    if not isinstance(entry, dict) or set(entry) != {"input", "output"}:
        raise ConfigError(f"{where} needs exactly input and output (USD per 1M tokens)")
    values = [entry["input"], entry["output"]]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in values):
        raise ConfigError(f"{where}: input and output must be non-negative numbers")
    return Price(float(values[0]), float(values[1]))
