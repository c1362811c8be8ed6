"""Scoring content answers against references: embedding similarity and an optional LLM judge."""

from proagentbench.benchmark.records import ContentRecord
from proagentbench.models import ChatModel, ModelCallError

JUDGE_SYSTEM = (
    "TASK: judge. Rate how well an assistant's offered help matches what the user actually wanted (the "
    "reference). 1 = same need and useful, 0 = unrelated. "
    'Answer with JSON only: {"score": <number between 0 and 1>}.'
)


def add_similarity(records: list[ContentRecord]) -> None:
    """Cosine similarity of answer and reference embeddings, for answered records that lack it."""
    from proagentbench.benchmark.embeddings import encode

    todo = [r for r in records if r.answered and r.similarity is None]
    if not todo:
        return
    texts = sorted({r.text or "" for r in todo} | {r.ref_content for r in todo})  # encode each text once
    vectors = dict(zip(texts, encode(texts), strict=True))
    for record in todo:
        similarity = (vectors[record.text or ""] * vectors[record.ref_content]).sum()
        record.similarity = round(float(similarity), 6)


def judge_record(judge: ChatModel, record: ContentRecord) -> None:
    """Ask the judge; a judge failure leaves `judge` empty (reported as fewer judged samples), not zero."""
    from proagentbench.benchmark.replies import JudgeReply

    messages = [
        {"role": "system", "content": JUDGE_SYSTEM},
        {"role": "user", "content": f"REFERENCE: {record.ref_content}\nANSWER: {record.text}"},
    ]
    try:
        reply = judge.complete_json(messages, JudgeReply)
    except ModelCallError:
        return
    record.judge = min(1.0, max(0.0, reply.score))
