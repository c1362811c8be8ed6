"""`--help` of every command at 80 columns: whole flag names, readable placeholders, defaults shown; plus
`-V` and shell completion (issue 12)."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from proagentbench import __version__
from proagentbench.cli.main import app

runner = CliRunner()
PYTHON_TYPE = re.compile(r"<(?:[a-z_]+(?:\[[^>]*\])?|float range|int range)>")


# typer vendors click (typer._click): commands and groups are told apart by what they have.
def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            found += _commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


COMMANDS = _commands(typer.main.get_group(app))
HELP_BY_COMMAND = {" ".join(path): path for path in COMMANDS}


def _command(path: tuple[str, ...]) -> Any:
    command: Any = typer.main.get_group(app)
    for name in path:
        command = command.commands[name]
    return command


@pytest.mark.parametrize("name", sorted(HELP_BY_COMMAND))
def test_help_at_80_columns_is_whole_and_readable(name: str) -> None:
    path = HELP_BY_COMMAND[name]
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "80"}, prog_name="proagent")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "…" not in text
    assert not PYTHON_TYPE.search(text), PYTHON_TYPE.search(text)
    assert all(len(line) <= 80 for line in text.splitlines()), text
    words = set(re.findall(r"--?[A-Za-z][\w-]*", text))
    for param in _command(path).params:
        if param.param_type_name == "option" and not param.hidden:
            assert set(param.opts + param.secondary_opts) <= words, (param.opts, text)


def test_defaults_and_placeholders_read_like_a_manual() -> None:
    text = runner.invoke(app, ["bench", "--help"], env={"COLUMNS": "80"}).output
    assert "--resamples N" in text and "[default: 1000]" in text
    assert "--corpus PATH" in text and "--timeout SECONDS" in text and "--base-url URL" in text
    assert "-o, --out PATH" in text
    export = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "80"}).output
    assert "--out-dir DIR" in export and "--db FILE" in export and "[default: user]" in export


def test_version_short_and_long() -> None:
    for flag in ("-V", "--version"):
        result = runner.invoke(app, [flag])
        assert result.exit_code == 0 and result.output.strip() == f"proagent {__version__}"


def test_show_completion_prints_a_script_and_touches_no_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), SHELL="/bin/bash")
    command = [sys.executable, "-c", "from proagentbench.cli.main import run; run()"]
    # typer detects "the current shell" from the process tree, so the command runs under a bash that stays
    # its parent (`; true` keeps bash from exec'ing it), however pytest itself was started.
    under_bash = ["bash", "-c", f"{shlex.join(command)} --show-completion; true"]
    shown = subprocess.run(under_bash, capture_output=True, text=True, env=env, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "_proagent_completion()" in shown.stdout and "_PROAGENT_COMPLETE=complete_bash" in shown.stdout
    assert list(home.iterdir()) == []
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(env, _PROAGENT_COMPLETE="complete_bash", COMP_WORDS="proagent sess", COMP_CWORD="1"),
    )
    assert completed.stdout.split() == ["sessions"]
