"""App prior: P(help | current app) and the usual intent per app, counted on the train split."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from proagentbench.benchmark.types import ContentAnswer, Context, TimingDecision, TrainView


@dataclass
class AppPriorAgent:
    threshold: float = 0.5
    smoothing: float = 1.0
    _help: dict[str | None, tuple[int, int]] = field(default_factory=dict)
    _base: float = 0.0
    _intents: dict[str | None, Counter[str]] = field(default_factory=dict)
    _content: dict[str, Counter[str]] = field(default_factory=dict)
    _fitted: bool = False

    def fit(self, train: TrainView) -> None:
        if not train.timing:
            raise ValueError("app-prior needs train timing points and the train split has none")
        counts: dict[str | None, list[int]] = defaultdict(lambda: [0, 0])
        for item in train.timing:
            cell = counts[item.context.current_app]
            cell[0] += item.label
            cell[1] += 1
        total = sum(n for _, n in counts.values())
        self._base = sum(p for p, _ in counts.values()) / total if total else 0.0
        self._help = {app: (p, n) for app, (p, n) in counts.items()}
        intents: dict[str | None, Counter[str]] = defaultdict(Counter)
        content: dict[str, Counter[str]] = defaultdict(Counter)
        for labelled in train.content:
            if labelled.intent:
                intents[labelled.context.current_app][labelled.intent] += 1
                intents[None][labelled.intent] += 1
                content[labelled.intent][labelled.content] += 1
        self._intents = dict(intents)
        self._content = dict(content)
        self._fitted = True

    def probability(self, app: str | None) -> float:
        positives, total = self._help.get(app, (0, 0))
        return (positives + self.smoothing * self._base) / (total + self.smoothing)

    def decide(self, context: Context) -> TimingDecision:
        if not self._fitted:
            raise RuntimeError("app-prior must be fitted on the train split first")
        p = self.probability(context.current_app)
        return TimingDecision(help=p >= self.threshold, score=p)

    def assist(self, context: Context) -> ContentAnswer:
        if not self._fitted:
            raise RuntimeError("app-prior must be fitted on the train split first")
        votes = self._intents.get(context.current_app) or self._intents.get(None)
        if not votes:
            return ContentAnswer(intent=None, text="Can I help with what you are doing?")
        intent = votes.most_common(1)[0][0]
        text = self._content[intent].most_common(1)[0][0]
        return ContentAnswer(intent=intent, text=text)


def app_prior(threshold: float = 0.5, smoothing: float = 1.0) -> AppPriorAgent:
    """Helps where the train split's P(help | app) reaches `threshold`; offers the app's usual intent."""
    return AppPriorAgent(threshold=threshold, smoothing=smoothing)
