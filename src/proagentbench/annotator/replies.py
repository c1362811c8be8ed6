"""The structured replies the VLM annotator asks for (validated strictly by `proagentbench.models`)."""

from typing import Literal

from pydantic import BaseModel, Field

Intent = Literal["debugging", "coding", "writing", "data_analysis", "explanation", "information", "other"]


class AnnotationReply(BaseModel):
    need_assist: bool
    intent: Intent = Field(description="the kind of help wanted (other when none)")
    content: str = Field(description="the request they would have typed to an assistant, or empty")
    confidence: float = Field(ge=0.0, le=1.0)
    rationale: str = Field(description="one short sentence")


class ScreenedReply(AnnotationReply):
    """With the privacy screening pass: personal data the anonymizer missed, seen in the context."""

    sensitive: bool = Field(description="true if unredacted personal or secret data is visible")
    sensitive_kind: str = Field(description="what kind (a name, an e-mail...), never the data itself")
