"""What exports leave on disk (issue 10, defect 11): a `.corpus.partial-*` left by kill -9 is swept by the
next export, and the corpus is owner-only like the stores it comes from (published by the user, after
verify)."""

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

from proagentbench.corpus import CorpusWriter, new_manifest, open_corpus, point_id

HOLD_A_WRITER = """
import sys, time
from pathlib import Path
from proagentbench.corpus import CorpusWriter
writer = CorpusWriter(Path(sys.argv[1])).__enter__()
writer.add_file("images/s1/1.png", b"redacted pixels")
print(writer.staging, flush=True)
time.sleep(600)
"""


def _write_corpus(root: Path) -> None:
    with CorpusWriter(root) as writer:
        writer.add_row(
            "timing",
            "train",
            {
                "point_id": point_id("s1", 1_000_000),
                "session_uid": "s1",
                "user": "u1",
                "t_us": 1_000_000,
                "label": True,
                "kind": "positive",
                "split": "train",
            },
        )
        writer.add_file("images/s1/1.png", b"\x89PNG fake image bytes")
        writer.finish(new_manifest(source="test", split_by="session", seed=1, test_fraction=0.5))


def _killed_writer(root: Path) -> Path:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_WRITER, str(root)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    staging = Path(process.stdout.readline().strip())
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    process.stdout.close()
    return staging


def test_a_partial_corpus_left_by_kill_9_is_swept_by_the_next_export(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    dead = _killed_writer(root)
    assert dead.is_dir() and dead.name.startswith(".corpus.partial-"), dead
    assert stat.S_IMODE(dead.stat().st_mode) == 0o700, "the partial corpus is owner-only while written"
    live = tmp_path / f".corpus.partial-{os.getpid()}-0a1b2c3d"  # another export still running
    live.mkdir()
    unrelated = tmp_path / ".corpus.partial-notapid"
    unrelated.mkdir()
    _write_corpus(root)
    assert not dead.exists(), "the dead export's partial corpus is swept"
    assert live.exists() and unrelated.exists(), "a live export's folder and foreign names are left"
    assert open_corpus(root).manifest.counts["timing"] == 1


def test_the_corpus_is_owner_only(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    root = shared / "new" / "corpus"
    _write_corpus(root)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755, "an existing folder is the user's"
    assert stat.S_IMODE(root.parent.stat().st_mode) == 0o700, "a folder the export created is private"
    modes = {
        path.relative_to(root).as_posix(): stat.S_IMODE(path.stat().st_mode)
        for path in [root, *root.rglob("*")]
    }
    assert modes and all(
        mode == (0o700 if (root / name).is_dir() else 0o600) for name, mode in modes.items()
    ), modes


def test_run_folders_are_owner_only_and_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    """A run log and its journal carry per-sample answers about the corpus's sessions: owner-only."""
    from proagentbench.benchmark.records import TimingRecord
    from proagentbench.benchmark.runlog import Journal, journal_path
    from proagentbench.jsonfile import write_atomic

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    run = shared / "runs" / "run.json"
    write_atomic(run, {"format": "x"})
    journal = Journal(journal_path(run), {"agent": "a"})
    journal.append("c0", "timing", TimingRecord("p1", True, decision=True))
    journal.close()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE(run.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(run.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal_path(run).stat().st_mode) == 0o600
