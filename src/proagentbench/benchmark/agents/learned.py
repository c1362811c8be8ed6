"""A learned baseline: logistic regression over context features (timing) and over words (intent).

liblinear: fast on a few thousand sparse features; intents are learned one-vs-rest. The regularisation C is
chosen by 3-fold cross-validation on the train split (never on test) unless `c` is given.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from proagentbench.benchmark.features import FeatureMatrix
from proagentbench.benchmark.types import ContentAnswer, Context, TimingDecision, TrainView

C_GRID = (0.1, 1.0, 10.0, 100.0)
FOLDS = 3


def _logistic(c: float | None, labels: list[Any], seed: int, *, balanced: bool) -> Any:
    """Cross-validated over C_GRID when every class has enough examples for the folds, else fixed C."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV

    weight = "balanced" if balanced else None
    model = LogisticRegression(
        C=c if c is not None else 1.0,
        solver="liblinear",
        class_weight=weight,
        max_iter=1000,
        random_state=seed,
    )
    if c is None and min(Counter(labels).values()) >= FOLDS:
        # Stratified folds; ROC AUC so the choice does not depend on the decision threshold.
        return GridSearchCV(model, {"C": list(C_GRID)}, cv=FOLDS, scoring="roc_auc")
    return model


@dataclass
class LearnedAgent:
    threshold: float = 0.5
    c: float | None = None
    seed: int = 0
    _features: FeatureMatrix = field(default_factory=FeatureMatrix)
    _timing: Any = None
    _constant: bool | None = None
    _intent: Any = None
    _only_intent: str | None = None
    _content: dict[str, str] = field(default_factory=dict)

    def fit(self, train: TrainView) -> None:
        timing = list(train.timing)  # contexts are built as they are read: read them once
        if not timing:
            raise ValueError("the learned agent needs train timing points and the train split has none")
        labels = [item.label for item in timing]
        if len(set(labels)) == 2:
            model = _logistic(self.c, labels, self.seed, balanced=True)
            model.fit(self._features.transform([item.context for item in timing]), labels)
            self._timing = model
        else:
            self._constant = labels[0]  # one class in train: predicting it is all that can be learned
        with_intent = [item for item in train.content if item.intent]
        intents = [item.intent for item in with_intent]
        if len(set(intents)) >= 2:
            from sklearn.multiclass import OneVsRestClassifier

            model = OneVsRestClassifier(_logistic(self.c, intents, self.seed, balanced=False))
            model.fit(self._features.transform([item.context for item in with_intent]), intents)
            self._intent = model
        elif intents:
            self._only_intent = intents[0]
        texts: dict[str, Counter[str]] = defaultdict(Counter)
        for item in with_intent:
            assert item.intent is not None
            texts[item.intent][item.content] += 1
        self._content = {intent: counts.most_common(1)[0][0] for intent, counts in texts.items()}

    def decide(self, context: Context) -> TimingDecision:
        if self._timing is None:
            if self._constant is None:
                raise RuntimeError("the learned agent must be fitted on the train split first")
            return TimingDecision(help=self._constant, score=float(self._constant))
        p = float(self._timing.predict_proba(self._features.transform([context]))[0, 1])
        return TimingDecision(help=p >= self.threshold, score=p)

    def assist(self, context: Context) -> ContentAnswer:
        if self._intent is not None:
            intent = str(self._intent.predict(self._features.transform([context]))[0])
        elif self._only_intent is not None:
            intent = self._only_intent
        else:
            raise RuntimeError("learned agent has no train content points with intents to learn from")
        return ContentAnswer(intent=intent, text=self._content.get(intent, ""))


def learned(threshold: float = 0.5, c: float | None = None, seed: int = 0) -> LearnedAgent:
    """Logistic regression (class-balanced) over activity, app-switching, time, memory and word features."""
    return LearnedAgent(threshold=threshold, c=c, seed=seed)
