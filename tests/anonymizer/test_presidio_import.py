"""Presidio is imported without torch and transformers for the engines that do not use them (start-up)."""

import importlib.util
import subprocess
import sys

import pytest

from proagentbench.anonymizer.nlp import NlpChoice
from proagentbench.anonymizer.presidio_import import hidden_modules

CHECK = """
import sys
from proagentbench.anonymizer import ScrubSetup, load_policy, make_scrubber
scrubber = make_scrubber(ScrubSetup(load_policy(None), b"k" * 32))
assert "<EMAIL" in scrubber.scrub("write to ada@example.org").text
print(sorted(m for m in ("torch", "transformers", "sqlalchemy") if m in sys.modules))
import torch, transformers  # still importable afterwards
print("later imports ok")
"""


@pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None,
    reason="only matters when the embeddings extra installed torch and transformers",
)
def test_scrubber_builds_without_loading_torch_or_transformers() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "later imports ok"]


def test_hidden_modules_raise_inside_and_import_again_after() -> None:
    name = "proagentbench_never_imported_module"
    with hidden_modules((name, "json")), pytest.raises(ImportError):
        __import__(name)
    assert name not in sys.modules
    assert "json" in sys.modules  # already imported: left alone


@pytest.mark.parametrize(
    ("choice", "needs_ml"),
    [
        (NlpChoice("no_op"), False),
        (NlpChoice("spacy", "en_core_web_sm"), False),
        (NlpChoice("spacy", "en_core_web_trf"), True),
        (NlpChoice("spacy", "/models/custom"), True),
    ],
)
def test_only_transformer_pipelines_need_the_ml_stacks(choice: NlpChoice, needs_ml: bool) -> None:
    assert choice.needs_ml is needs_ml
