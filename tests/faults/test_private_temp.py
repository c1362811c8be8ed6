"""Raw pixels never leave the store's owner-only tree: OCR reads crops and answers through pipes, writing no
file; a job's temporary folder is private and inside the tree (issue 10, defect 1), a killed run's leftovers
are swept by the next run, and the toolkit never changes the mode of a folder it did not create (defect 3)."""

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from proagentbench import paths
from proagentbench.anonymizer.tempdir import OCR_TEMP_DIR
from tests.anonymizer.rawstore import RawStoreBuilder
from tests.helpers import PROAGENT, run_proagent


def _raw_store(tmp_path: Path, sessions: int = 2, frames: int = 4) -> Path:
    raw = RawStoreBuilder(tmp_path / "raw" / "raw.sqlite")
    for number in range(sessions):
        session = raw.add_session(f"s{number}")
        window = raw.add_window(session, 0, "xterm", f"jdoe@devbox: ~/job{number}")
        for frame in range(frames):
            lines = [f"job {number} frame {frame}", "AWS_SECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]
            raw.add_screenshot(session, frame, lines * 6, window_id=window, size=(1200, 500))
    raw.close()
    return raw.db_path


def _anonymize(raw_db: Path, clean: Path, system_tmp: Path, workers: int) -> subprocess.Popen[str]:
    env = dict(os.environ, TMPDIR=str(system_tmp))
    command = [*PROAGENT, "anonymize", "--db", str(raw_db), "--out", str(clean), "--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _watch(
    process: subprocess.Popen[str], system_tmp: Path, private: Path, until: float
) -> tuple[set[str], set[str]]:
    """Names seen in the system temp dir and in the store's private temp folder while the process runs."""
    outside: set[str] = set()
    inside: set[str] = set()
    while process.poll() is None and time.monotonic() < until:
        outside.update(_files(system_tmp))
        inside.update(_files(private))
        time.sleep(0.005)
    return outside, inside


def _files(folder: Path) -> set[str]:
    """Names of the files under ``folder`` now; the run may remove a folder in the middle of the scan (its
    private temp folder at the end), which ends that scan, not the watch."""
    names: set[str] = set()
    try:
        for path in folder.rglob("*"):
            if path.is_file():
                names.add(path.name)
    except FileNotFoundError:
        pass
    return names


@pytest.mark.parametrize("workers", [1, 2])
def test_ocr_writes_no_file_and_the_private_temp_folder_is_removed(tmp_path: Path, workers: int) -> None:
    """Tesseract reads the crops and answers through pipes: raw pixels and their text touch no disk."""
    raw_db = _raw_store(tmp_path)
    clean = tmp_path / "out" / "clean.sqlite"
    system_tmp = tmp_path / "systmp"
    system_tmp.mkdir()
    private = paths.screenshots_dir(clean) / OCR_TEMP_DIR
    process = _anonymize(raw_db, clean, system_tmp, workers)
    outside, inside = _watch(process, system_tmp, private, time.monotonic() + 240)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert "anonymized 2" in stderr, stderr
    assert not [name for name in outside | inside if name.startswith("tess_")], (outside, inside)
    assert not private.exists(), "the private temp folder is removed at the end"


def test_a_killed_run_leaves_nothing_outside_and_the_rerun_sweeps_its_leftovers(tmp_path: Path) -> None:
    raw_db = _raw_store(tmp_path, sessions=3, frames=6)
    clean = tmp_path / "out" / "clean.sqlite"
    system_tmp = tmp_path / "systmp"
    system_tmp.mkdir()
    private = paths.screenshots_dir(clean) / OCR_TEMP_DIR
    process = _anonymize(raw_db, clean, system_tmp, workers=1)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None and not any(private.glob("*")):
        time.sleep(0.005)
    time.sleep(0.5)  # into the OCR of the first frames
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert not [p for p in system_tmp.rglob("*") if p.name.startswith("tess_")]
    assert private.exists(), "kill -9 during the job leaves the private folder (inside the 0700 tree)"
    for folder in [private, *private.iterdir()]:
        assert folder.is_dir() and stat.S_IMODE(folder.stat().st_mode) == 0o700, folder

    rerun = run_proagent("anonymize", "--db", str(raw_db), "--out", str(clean), "--workers", "1", timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert not private.exists(), "the next run sweeps what the killed one left"


def test_scrub_image_and_verify_use_a_private_temp_folder(tmp_path: Path) -> None:
    raw_db = _raw_store(tmp_path, sessions=1, frames=2)
    clean = tmp_path / "out" / "clean.sqlite"
    done = run_proagent("anonymize", "--db", str(raw_db), "--out", str(clean), timeout=300)
    assert done.returncode == 0, done.stderr
    system_tmp = tmp_path / "systmp"
    system_tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(system_tmp))
    for args in (
        ["verify", "--db", str(clean)],
        [
            "scrub",
            "--db",
            str(raw_db),
            "--image",
            str(next((tmp_path / "raw").rglob("*.png"))),
            "-o",
            str(tmp_path / "r.png"),
        ],
    ):
        process = subprocess.Popen(
            [*PROAGENT, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        # A fresh 0700 folder of the system temp may hold them while the command runs, never the temp dir
        # itself, where any user could read them.
        loose: set[str] = set()
        while process.poll() is None:
            for entry in system_tmp.iterdir():
                if entry.is_file():
                    loose.add(entry.name)
                elif any(p.name.startswith("tess_") for p in entry.rglob("*")):
                    assert stat.S_IMODE(entry.stat().st_mode) == 0o700, entry
            time.sleep(0.005)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode in (0, 1), stderr
        assert not [name for name in loose if name.startswith("tess_")], loose
        # Libraries may leave their own caches (torch's torchinductor_root, via spaCy); no OCR file remains.
        assert not [p for p in system_tmp.rglob("*") if p.name.startswith("tess_")]
        assert not [p for p in system_tmp.iterdir() if p.name.startswith("proagent-ocr-")], (
            "removed at the end"
        )


@pytest.mark.parametrize("mode", [0o755, 0o1777, 0o775])
def test_an_existing_output_folder_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, mode)
    raw_db = _raw_store(tmp_path, sessions=1, frames=1)
    done = run_proagent("anonymize", "--db", str(raw_db), "--out", str(shared / "clean.sqlite"), timeout=300)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == mode, "only folders the toolkit creates are its to set"
    assert stat.S_IMODE((shared / "clean.sqlite").stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.screenshots_dir(shared / "clean.sqlite").stat().st_mode) == 0o700


def test_make_private_dir_sets_only_what_it_creates(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    target = tmp_path / "a" / "b" / "c"
    paths.make_private_dir(target)
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755
    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    os.chmod(target, 0o750)
    paths.make_private_dir(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o750
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        paths.make_private_dir(tmp_path / "file")
