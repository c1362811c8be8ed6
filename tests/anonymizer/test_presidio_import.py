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


NO_SPACY_CHECK = """
import sys
from proagentbench.anonymizer import ScrubSetup, load_policy, make_scrubber
scrubber = make_scrubber(ScrubSetup(load_policy(None), b"k" * 32))
assert scrubber.scrub("Mail from Maria Keller <ada@example.org>").text.startswith("Mail from <PERSON_")
print(sorted(m for m in ("spacy", "thinc") if m in sys.modules))
"""


def test_the_no_op_scrubber_never_imports_spacy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_SPACY_CHECK], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]"]


SPACY_AFTER_NO_OP = """
import sys, tempfile
from pathlib import Path
from proagentbench.anonymizer import ScrubSetup, make_scrubber
from proagentbench.anonymizer.deferred_import import Deferred, StandInModule
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.presidio_import import import_presidio_analyzer

make_scrubber(ScrubSetup(Policy(machine_identity=False, spacy_model="none"), b"k" * 32))
assert "spacy" not in sys.modules
import_presidio_analyzer(needs_ml=False, needs_spacy=True)
import spacy
from spacy.util import registry

nlp = spacy.blank("en")
pattern = [{"LOWER": "zorblax"}, {"LOWER": "quux"}]
nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": pattern}])
folder = Path(tempfile.mkdtemp()) / "tiny_pipeline"
nlp.to_disk(folder)
scrubber = make_scrubber(ScrubSetup(Policy(machine_identity=False, spacy_model=str(folder)), b"k" * 32))
print([(s.entity, s.start, s.end) for s in scrubber.analyze("review by zorblax quux tomorrow")])
print([f"{name}.{attr}" for name, module in list(sys.modules.items()) if name.startswith("presidio_analyzer")
       for attr, value in vars(module).items() if isinstance(value, (Deferred, StandInModule))])
tokenizer_registered = "PipelineAsTokenizer.v1" in registry.tokenizers.get_all()
print(tokenizer_registered, spacy.Language.has_factory("presidio_hf_token_pipe"))
print(sorted(m for m in ("torch", "transformers") if m in sys.modules))
"""


def test_a_spacy_pipeline_after_the_no_op_engine_gets_the_real_spacy_everywhere() -> None:
    """Presidio imported with spaCy deferred, then a spaCy pipeline configured in the same process: every name
    Presidio bound is the real one, its import-time registrations are made, the ML stacks stay hidden."""
    result = subprocess.run(
        [sys.executable, "-c", SPACY_AFTER_NO_OP], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[('PERSON', 10, 22)]", "[]", "True True", "[]"]


PATTERN_CHECK_COUNT = """
import regex
compiled = []
compile_ = regex.compile
regex.compile = lambda pattern, *a, **k: compiled.append(pattern) or compile_(pattern, *a, **k)
from proagentbench.anonymizer.presidio_import import import_presidio_analyzer
import_presidio_analyzer(needs_ml=False, needs_spacy=False)
from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UrlRecognizer
print(len(compiled), len(UrlRecognizer.PATTERNS))
try:
    Pattern("unbalanced", "(", 0.5)
except ValueError as exc:
    print(exc)
"""


def test_presidio_constant_patterns_are_not_compiled_at_import_but_new_patterns_are_checked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PATTERN_CHECK_COUNT], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["0 4", "Invalid regex pattern: missing ) at position 1"]
