"""Placeholders a person understands in `--help` (`PATH`, `DIR`, `N`, `SECONDS`), never Python types.

typer names an option's value by its annotation (`<float range>`, `<list[str]>`); every option declared
without its own ``metavar`` gets one here from its type and name, once, when the commands are registered, and
every command lists its arguments by name alone (`CORPUS`, `RUNS...`), as its usage line does.
"""

import inspect
import types
import typing
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand
from typer.models import ArgumentInfo, OptionInfo, ParameterInfo

_SECONDS_WORDS = ("seconds", "timeout", "duration", "tolerance")

# Text options named by what they hold (the choices, when they are few), by parameter name.
_BY_NAME = {
    "arg": "KEY=VALUE",
    "context": "SECONDS[,SECONDS...]",
    "task": "timing|content|all",
    "memory": "none|kg|rag",
    "split_by": "user|session",
    "screenshot_format": "webp|png",
    "screenshot_monitor": "focused|all",
    "exclude_title": "REGEX",
    "assistant_pattern": "REGEX",
    "api_key_env": "VAR",
    "ray_address": "ADDRESS",
    "pause_hotkey": "KEYS",
    "license_id": "ID",
    "user_id": "ID",
}

# Every command's: -h as well as --help, and each option's default shown in its --help.
HELP_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "show_default": True}


def name_placeholders(app: typer.Typer) -> None:
    """Give every option of ``app`` (and of its sub-apps) without a metavar a readable one."""
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = ReadableCommand
    callbacks = [command.callback for command in app.registered_commands]
    if app.registered_callback is not None:
        callbacks.append(app.registered_callback.callback)
    for callback in callbacks:
        if callback is not None:
            _name_options(callback)
    for group in app.registered_groups:
        if group.typer_instance is not None:
            name_placeholders(group.typer_instance)


def _name_options(callback: Any) -> None:
    hints = typing.get_type_hints(callback, include_extras=True)
    for name, parameter in inspect.signature(callback).parameters.items():
        annotation = hints.get(name, parameter.annotation)
        info = parameter.default if isinstance(parameter.default, ParameterInfo) else None
        if typing.get_origin(annotation) is typing.Annotated:
            annotation, *extras = typing.get_args(annotation)
            info = next((extra for extra in extras if isinstance(extra, ParameterInfo)), info)
        if isinstance(info, ArgumentInfo) and info.metavar is None:
            # An argument is named by what it is: `stats CORPUS`, `bench report RUNS...`.
            info.metavar = name.upper()
        elif isinstance(info, OptionInfo) and info.metavar is None:
            info.metavar = placeholder(name, annotation, info)


def placeholder(name: str, annotation: Any, info: OptionInfo) -> str | None:
    """The placeholder for option ``name`` of type ``annotation``; None for a flag (it takes no value)."""
    kind = _bare(annotation)
    if kind is bool:
        return None
    if kind is Path:
        if info.file_okay is False:
            return "DIR"
        return "FILE" if info.dir_okay is False else "PATH"
    if kind is int:
        return "N"
    if kind is float:
        return "SECONDS" if any(word in name for word in _SECONDS_WORDS) else "NUMBER"
    if name in _BY_NAME:
        return _BY_NAME[name]
    return "URL" if name.endswith("url") else "NAME"


def _bare(annotation: Any) -> Any:
    """``Path`` for ``Path | None`` and ``list[Path] | None``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    if typing.get_origin(annotation) is list:
        (annotation,) = typing.get_args(annotation)
    return annotation


class ReadableCommand(TyperCommand):
    """A command whose help names each argument by its placeholder, without typer's `<type>` after it."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param) if param.required else f"[{_argument_name(param)}]")
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name.upper())
    return f"{name}..." if param.nargs != 1 else name
