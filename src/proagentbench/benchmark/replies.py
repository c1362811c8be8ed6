"""The JSON replies asked of models in the benchmark (validated strictly by `proagentbench.models`).

Imported by the model-backed agents and the judge where they call a model, so importing the benchmark does
not load pydantic."""

from pydantic import BaseModel, Field


class TimingReply(BaseModel):
    help: bool
    confidence: float | None = Field(default=None, description="probability 0..1 that help is wanted")


class ContentReply(BaseModel):
    intent: str = Field(description="one of the listed intents")
    assistance: str = Field(description="the help you would offer")


class JudgeReply(BaseModel):
    score: float = Field(description="0 = unrelated, 1 = same need and useful")
