"""The ``[annotator]`` table of the configuration file: which annotator `proagent annotate` uses by default.

```toml
[annotator]
method = "heuristic"                       # a built-in name, an entry-point name or module:attr
args = { negatives_per_positive = 3.0 }    # keyword arguments of its factory
```
"""

from dataclasses import dataclass, field
from typing import Any

from proagentbench.config import settings_from_table
from proagentbench.plugins import Spec


@dataclass(frozen=True)
class AnnotatorConfig:
    method: str = "heuristic"
    args: dict[str, Any] = field(default_factory=dict)

    def spec(self) -> Spec:
        return Spec(self.method, dict(self.args))


def annotator_config(config: dict[str, Any]) -> AnnotatorConfig:
    return settings_from_table(AnnotatorConfig, config.get("annotator", {}), where="[annotator]")
