"""The VLM annotator names the model that made its labels: there is no hidden default to fall back on."""

import os
from pathlib import Path

import pytest

from proagentbench.annotator import build_annotator
from proagentbench.errors import ExitCode, ProagentError
from proagentbench.plugins import Spec
from tests.helpers import run_proagent


@pytest.mark.parametrize("args", [{}, {"model": ""}, {"model": None}])
def test_no_model_is_refused(args: dict[str, object]) -> None:
    with pytest.raises(ProagentError, match=r"annotator vlm: no model named; pass --arg model=NAME"):
        build_annotator(Spec("vlm", args))


def test_no_model_is_a_one_line_usage_error(tmp_path: Path) -> None:
    env = dict(os.environ, PROAGENT_DATA_DIR=str(tmp_path / "data"))
    done = run_proagent("annotate", "--db", str(tmp_path / "clean.sqlite"), "--method", "vlm", env=env)
    assert done.returncode == ExitCode.USAGE, done.stderr
    assert done.stderr.strip().count("\n") == 0 and "--model NAME" in done.stderr
    assert not (tmp_path / "clean.sqlite").exists()
