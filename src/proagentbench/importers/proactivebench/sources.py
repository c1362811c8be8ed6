"""Which ProactiveBench files a source names: a file, a splits.json, or a folder of them."""

from pathlib import Path

from proagentbench.importers.proactivebench.errors import ImportFormatError
from proagentbench.importers.proactivebench.reading import read_json

SPLITS_FILE = "splits.json"


def resolve_sources(path: Path) -> tuple[list[Path], list[Path]]:
    """(reward JSONL files, event-stream files) named by a file, a splits.json or a directory."""
    path = path.expanduser()
    if path.is_dir():
        rewards = sorted(path.glob("*.jsonl"))
        if (path / SPLITS_FILE).is_file():
            return rewards, _files_of_splits(path / SPLITS_FILE)
        return rewards, sorted(p for p in path.glob("*.json") if p.name != SPLITS_FILE)
    if not path.exists():
        raise ImportFormatError(f"{path}: no such file or directory")
    if path.name == SPLITS_FILE:
        return [], _files_of_splits(path)
    if path.suffix == ".jsonl":
        return [path], []
    if path.suffix == ".json":
        return [], [path]
    raise ImportFormatError(
        f"{path}: expected a .jsonl reward file, a .json event stream, splits.json or a folder"
    )


def _files_of_splits(path: Path) -> list[Path]:
    """Every file named by any group of splits.json, once, in order of first mention."""
    groups = read_json(path)
    if not isinstance(groups, dict):
        raise ImportFormatError(f"{path}: expected an object of groups with 'files' lists")
    names: dict[str, None] = {}
    for group, entry in groups.items():
        files = entry.get("files") if isinstance(entry, dict) else None
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ImportFormatError(f"{path}: group {group!r} needs a 'files' list of file names")
        names.update(dict.fromkeys(files))
    return [path.parent / name for name in names]
