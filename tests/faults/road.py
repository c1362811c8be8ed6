"""The fault matrix's fixtures: the bundled sample sessions through the real road once (the reference), the
broken variants of its stores and corpus, and the checks every case makes.

Every command runs as a real `proagent` process with its own TMPDIR, HOME and working folder under a watched
root, so anything it leaves outside the stores' trees can be found afterwards.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from proagentbench import paths
from tests.helpers import PROAGENT

BENCH_PLUGINS = Path(__file__).resolve().parents[1] / "bench"

# Captured content the sample sessions carry (typed text, titles, screen lines): none of it may be found in
# any file outside the raw store's own tree.
CAPTURED = (b"wJalrXUtnFEMI", b"alex.morgan@northwind-mail.com", b"priya.raman", b"Priya Raman")
RAW_TREE = ("raw.sqlite", "raw-screenshots", "raw.anonymizer-key")
IMAGE_SUFFIXES = (".png", ".webp", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".tsv")


REPORT_ENV = "PROAGENT_FAULT_REPORT"  # benchmarks/fault_matrix.py: where each check is tallied (JSON lines)


def tally(kind: str, **data: object) -> None:
    """One check's result for the fault-matrix figures, when benchmarks/fault_matrix.py asked for them."""
    target = os.environ.get(REPORT_ENV)
    if target:
        test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"kind": kind, "test": test, **data}) + "\n")


def same(actual: object, reference: object) -> bool:
    """A rerun's output against the uninterrupted reference (tallied)."""
    identical = actual == reference
    tally("rerun", identical=identical)
    return identical


@dataclass(frozen=True)
class Outcome:
    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return f"proagent {' '.join(self.argv)} -> {self.returncode}\n{self.stderr[-2000:]}"


class Road:
    """A folder holding one case's inputs and outputs, and the private TMPDIR/HOME/cwd its commands use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.scratch = root / "scratch"
        for name in ("tmp", "home", "cwd"):
            (self.scratch / name).mkdir(parents=True, exist_ok=True)

    @property
    def raw(self) -> Path:
        return self.root / "raw.sqlite"

    @property
    def clean(self) -> Path:
        return self.root / "clean.sqlite"

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    def env(self) -> dict[str, str]:
        environment = dict(os.environ)
        environment.update(
            TMPDIR=str(self.scratch / "tmp"),
            HOME=str(self.scratch / "home"),
            XDG_DATA_HOME=str(self.scratch / "home" / ".local" / "share"),
            XDG_CONFIG_HOME=str(self.scratch / "home" / ".config"),
            XDG_CACHE_HOME=str(self.scratch / "home" / ".cache"),
            PYTHONPATH=os.pathsep.join([str(BENCH_PLUGINS), environment.get("PYTHONPATH", "")]),
        )
        return environment

    def start(self, *argv: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [*PROAGENT, *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(),
            cwd=self.scratch / "cwd",
        )

    def run(self, *argv: str, timeout: float = 300) -> Outcome:
        process = self.start(*argv)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            command = " ".join(argv)
            raise AssertionError(f"proagent {command} did not finish in {timeout} s:\n{stderr}") from None
        outcome = Outcome(tuple(argv), process.returncode, stdout, stderr)
        traceback = "Traceback" in stderr + stdout
        tally("command", argv=argv[0], traceback=traceback, returncode=outcome.returncode)
        return outcome

    def must(self, *argv: str, timeout: float = 300) -> Outcome:
        outcome = self.run(*argv, timeout=timeout)
        assert outcome.returncode == 0, outcome.describe()
        return outcome

    # The steps of the road, with the flags the reference used.
    def anonymize_argv(self, out: Path | None = None) -> tuple[str, ...]:
        return ("anonymize", "--db", str(self.raw), "--out", str(out or self.clean), "--workers", "1")

    def export_argv(self, out: Path | None = None, db: Path | None = None) -> tuple[str, ...]:
        return (
            "export",
            "--db",
            str(db or self.clean),
            "--out",
            str(out or self.corpus),
            "--split-by",
            "session",
            "--test-fraction",
            "0.5",
        )

    def bench_argv(self, out: Path, corpus: Path | None = None, delay_s: float = 0.0) -> tuple[str, ...]:
        return (
            "bench",
            "--corpus",
            str(corpus or self.corpus),
            "--agent",
            "plugin_agents:interrupting",
            "--arg",
            f"delay_s={delay_s}",
            "--out",
            str(out),
        )


def build_reference(root: Path) -> Road:
    """The sample sessions through anonymize, annotate, export and bench, uninterrupted."""
    from proagentbench.demo.sample import build_sample_store

    road = Road(root)
    build_sample_store(road.raw)
    _keep_first_sessions(road.raw, 2)  # 37 of the 74 frames: every case OCRs them, some several times
    road.must(*road.anonymize_argv())
    road.must("annotate", "--db", str(road.clean))
    road.must(*road.export_argv())
    road.must(*road.bench_argv(root / "run.json"))
    return road


def _keep_first_sessions(raw: Path, count: int) -> None:
    with sqlite3.connect(raw) as connection:
        dropped = [
            row[0]
            for row in connection.execute("SELECT id FROM sessions ORDER BY id LIMIT -1 OFFSET ?", (count,))
        ]
        marks = ",".join("?" * len(dropped))
        frames = connection.execute(
            f"SELECT path FROM screenshots WHERE session_id IN ({marks})", dropped
        ).fetchall()
        for table in ("events", "screenshots", "windows", "sessions"):
            column = "id" if table == "sessions" else "session_id"
            connection.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", dropped)
    connection.close()
    for (frame,) in frames:
        (paths.screenshots_dir(raw) / frame).unlink()


def copy_road(reference: Road, root: Path, *, clean: bool = True, corpus: bool = False) -> Road:
    """A fresh case folder with the reference's raw store (and clean store / corpus when asked)."""
    road = Road(root)
    names = [*RAW_TREE, *(("clean.sqlite", "clean-screenshots") if clean else ())]
    for name in names:
        source = reference.root / name
        for path in [source, *(source.parent / f"{source.name}{s}" for s in ("-wal", "-shm"))]:
            if path.is_dir():
                shutil.copytree(path, road.root / path.name)
            elif path.exists():
                shutil.copy2(path, road.root / path.name)
    if corpus:
        shutil.copytree(reference.corpus, road.corpus)
    return road


# ---- what every case checks


def assert_no_traceback(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.stderr and "Traceback" not in outcome.stdout, outcome.describe()


def assert_one_line_error(outcome: Outcome) -> None:
    assert outcome.returncode != 0, outcome.describe()
    assert_no_traceback(outcome)
    lines = [line for line in outcome.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line:\n{outcome.describe()}"


def captured_content_outside(road: Road, allowed: Sequence[Path] = ()) -> list[str]:
    """Files under the case's folder, outside the raw store's tree and the ``allowed`` outputs, that hold
    captured content: a raw value, or an image or OCR table (raw pixels have no other place to go)."""
    keep = {road.root / name for name in RAW_TREE} | set(allowed)
    found: list[str] = []
    for path in road.root.rglob("*"):
        if not path.is_file() or any(path == k or k in path.parents for k in keep):
            continue
        if path.name.startswith(f"{road.raw.name}-"):  # the raw store's own -wal/-shm
            continue
        inside_clean_tree = road.clean.parent == path.parent and path.name.startswith(road.clean.name)
        is_image = path.suffix.lower() in IMAGE_SUFFIXES
        outputs = (paths.screenshots_dir(road.clean), road.corpus)
        if is_image and not any(_inside(path, folder) for folder in outputs):
            found.append(f"{path}: an image or OCR file outside the stores and the corpus")
            continue
        data = path.read_bytes()
        hits = [value.decode() for value in CAPTURED if value in data]
        if hits and not inside_clean_tree:
            found.append(f"{path}: holds {hits}")
        elif hits:
            found.append(f"{path}: the clean store holds raw values {hits}")
    tally("outside", found=len(found))
    return found


def _inside(path: Path, folder: Path) -> bool:
    return folder in path.parents


# ---- outputs to compare with the reference


def corpus_files(corpus: Path) -> dict[str, str]:
    return dict(json.loads((corpus / "manifest.json").read_text())["files"])


def run_results(run_log: Path) -> list[object]:
    return list(json.loads(run_log.read_text())["conditions"])


def file_state(path: Path) -> tuple[str, list[str]]:
    """A file's bytes and its side files: a broken input must be left exactly as it was."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"
    siblings = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
    return digest, siblings


# ---- conditions


def checkpointed_copy(source: Path, target: Path) -> Path:
    """A self-contained single-file copy (rollback journal, no -wal) of a store."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    src.close()
    dst.close()
    os.chmod(target, 0o600)
    return target


def corrupt_pages(path: Path) -> Path:
    """Keep the 100-byte header and the first page (the schema reads fine), overwrite the rest."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for offset in range(page, len(data), 7):
        data[offset] = (data[offset] * 31 + 17) % 256
    path.write_bytes(bytes(data))
    return path


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``folder`` (needs root); unmounted on exit."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        for _ in range(50):
            if subprocess.run(["umount", str(folder)], capture_output=True).returncode == 0:
                break
            time.sleep(0.1)


def resize_disk(folder: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(folder)], check=True)


@contextmanager
def read_only_view(folder: Path, view: Path) -> Iterator[Path]:
    """``folder`` seen read-only at ``view`` (a bind mount): root cannot write there either."""
    view.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(folder), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=True)


def can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"proagent-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)]
        mounted = subprocess.run(mount, capture_output=True)
        if mounted.returncode != 0:
            return False
        subprocess.run(["umount", str(probe)], check=True)
        return True
    finally:
        probe.rmdir()
