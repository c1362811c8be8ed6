"""Opt-in: the model layer against a real llama-cpp-python server (SmolLM2-135M), when one is configured.

Runs when $PROAGENT_LLAMA_SERVER names a python with llama_cpp[server] and $PROAGENT_LLAMA_MODEL a GGUF file
(see `proagentbench.devtools.llama_server`); skipped otherwise. `benchmarks/real_model.py` runs the whole
benchmark against the same server.
"""

from collections.abc import Iterator

import pytest

from proagentbench.benchmark.replies import ContentReply, TimingReply
from proagentbench.devtools.llama_server import ALIAS, configured, llama_server
from proagentbench.models import ChatModel, ModelCallError, ModelSettings
from proagentbench.models.formats import mode_of

pytestmark = [
    pytest.mark.llama,
    pytest.mark.skipif(configured() is None, reason="no llama server configured ($PROAGENT_LLAMA_SERVER)"),
]

SYSTEM = "TASK: timing. Decide whether the user wants help. Answer with JSON."
CONTEXTS = (
    "[-5s] text Traceback: KeyError 'user'",
    "[-2s] focus app=editor title=notes.txt",
    "[-1s] text hi",
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    found = configured()
    assert found is not None
    with llama_server(*found) as url:
        yield url


def _model(base_url: str) -> ChatModel:
    return ChatModel(ModelSettings(model=ALIAS, base_url=base_url, timeout_s=300.0, max_tokens=200))


def test_every_point_gets_a_schema_valid_reply(base_url: str) -> None:
    model = _model(base_url)
    for context in CONTEXTS:
        reply = model.complete_json(
            [{"role": "system", "content": SYSTEM}, {"role": "user", "content": context}], TimingReply
        )
        assert isinstance(reply.help, bool)
    content = model.complete_json(
        [
            {"role": "system", "content": "TASK: content. Say what the user wants. Answer with JSON."},
            {"role": "user", "content": CONTEXTS[0] + "\nINTENTS: debugging, writing"},
        ],
        ContentReply,
    )
    assert isinstance(content.assistance, str)
    usage = model.usage.to_json()
    # llama.cpp rejects json_schema (HTTP 500) once, then every reply comes grammar-constrained.
    assert usage["mode"] == "json_object_schema" and usage["failed"] == 0
    assert usage["requests"] == len(CONTEXTS) + 1 + 1


def test_image_parts_on_a_text_only_server(base_url: str) -> None:
    image = {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
    messages = [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": [{"type": "text", "text": CONTEXTS[0]}, image]},
    ]
    with pytest.raises(ModelCallError, match="rejects image inputs"):
        _model(base_url).complete_json(messages, TimingReply)
    model = _model(base_url)
    assert isinstance(model.complete_json(messages, TimingReply, allow_text_only=True).help, bool)
    assert model.usage.to_json()["text_only"] == 1
    assert mode_of({"response_format": {"type": "json_object", "schema": {}}}) == "json_object_schema"
