"""`verify` and the export's residual check find PII planted straight into a clean store (bypassing the
anonymizer), each with the method that should find it: known values, shape checks, the stronger OCR read."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from proagentbench import paths
from proagentbench.anonymizer.policy import Policy
from proagentbench.anonymizer.residual.shapes import shape_findings
from proagentbench.anonymizer.run import anonymize_store
from proagentbench.anonymizer.verify import VerifyFinding, verify_store
from tests.anonymizer.rawstore import RawStoreBuilder, render_screen

NAME = "Priya Raghunathan"
POLICY = Policy(machine_identity=False, names=(NAME,))
MAILED = "kowalczyk.anna@example.org"


@pytest.fixture(scope="module")
def clean_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("verify")
    raw = RawStoreBuilder(root / "raw.sqlite")
    session = raw.add_session("planted", user="jdoe", host="devbox")
    window = raw.add_window(session, 0, "thunderbird", "Inbox - Mozilla Thunderbird")
    raw.type_text(session, window, 1_000, f"please forward it to {MAILED} today")
    raw.add_screenshot(session, 2_000, ["Quarterly planning notes", "Agenda for the weekly meeting"])
    raw.close()
    clean = root / "clean.sqlite"
    assert anonymize_store(raw.db_path, clean, POLICY, workers=1).done == ["planted"]
    return raw.db_path, clean


def _copy(clean: Path, tmp_path: Path) -> Path:
    target = tmp_path / "clean.sqlite"
    with sqlite3.connect(clean) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    shots = paths.screenshots_dir(clean)
    for shot in shots.rglob("*"):
        if shot.is_file():
            destination = paths.screenshots_dir(target) / shot.relative_to(shots)
            paths.make_private_dir(destination.parent)
            destination.write_bytes(shot.read_bytes())
    return target


def _set_title(clean: Path, title: str) -> None:
    with sqlite3.connect(clean) as connection:
        connection.execute("UPDATE windows SET title = ?", (title,))


def _methods(findings: list[VerifyFinding]) -> set[tuple[str, str]]:
    return {(f.method, f.entity) for f in findings}


def test_the_anonymized_store_passes(clean_store: tuple[Path, Path]) -> None:
    raw, clean = clean_store
    report = verify_store(clean, POLICY, raw_db=raw)
    assert report.clean, report.findings
    assert report.images_checked == 1 and report.known_values >= 3  # jdoe, devbox, the name, the mail


@pytest.mark.parametrize(
    ("title", "method", "entity"),
    [
        (f"Call with {NAME} - Zoom", "known-value", "IDENTITY"),
        ("Re: invoice from priya.raghunathan", "known-value", "IDENTITY"),
        ("Zbigniew Wojtaszek - Slack", "shape", "NAME_SHAPE"),
        ("deploy ghp_a8Bc9dE0fG1hI2jK3lM4nO5p", "shape", "SECRET_SHAPE"),
        ("Customer 4417 1234 5678 - Dashboard", "shape", "ID_SHAPE"),
        ("DM with @quietfox", "shape", "HANDLE_SHAPE"),
        ("jdoe@buildhost: ~/src", "shape", "EMAIL_SHAPE"),
    ],
)
def test_a_title_planted_in_the_clean_store_is_found(
    clean_store: tuple[Path, Path], tmp_path: Path, title: str, method: str, entity: str
) -> None:
    clean = _copy(clean_store[1], tmp_path)
    _set_title(clean, title)
    findings = verify_store(clean, POLICY, images=False).findings
    assert (method, entity) in _methods(findings)
    assert all(f.where.startswith("window ") and f.read == "text" for f in findings)
    assert not any(NAME in f.excerpt or "quietfox" in f.excerpt for f in findings), "excerpts are masked"


def test_event_data_planted_in_the_clean_store_is_found(
    clean_store: tuple[Path, Path], tmp_path: Path
) -> None:
    clean = _copy(clean_store[1], tmp_path)
    with sqlite3.connect(clean) as connection:
        connection.execute(
            "UPDATE events SET data = ? WHERE id = (SELECT MIN(id) FROM events)",
            ('{"note": "mail zofia.nowak@example.com"}',),
        )
    findings = verify_store(clean, POLICY, images=False).findings
    assert ("shape", "EMAIL_SHAPE") in _methods(findings)
    assert any(f.where.endswith(" data") for f in findings)


def test_a_value_replaced_in_the_raw_store_is_found_only_with_the_raw_store(
    clean_store: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, original = clean_store
    clean = _copy(original, tmp_path)
    # A mail address turned file name, and the raw session's user: no shape, no recognizer, only the raw
    # store says they are personal.
    _set_title(clean, "kowalczyk-anna-example-org.pdf - jdoe")
    assert verify_store(clean, POLICY, images=False).clean
    findings = verify_store(clean, POLICY, images=False, raw_db=raw).findings
    assert {f.method for f in findings} == {"known-value"}
    entities = {f.entity for f in findings}
    assert "IDENTITY" in entities and len(entities) == 2, entities  # jdoe, and the mail as the raw span's


def test_a_name_in_a_frame_replacing_a_clean_frame_is_found(
    clean_store: tuple[Path, Path], tmp_path: Path
) -> None:
    clean = _copy(clean_store[1], tmp_path)
    with sqlite3.connect(clean) as connection:
        (relative,) = connection.execute("SELECT path FROM screenshots").fetchone()
    render_screen(["Quarterly planning notes", f"Organiser: {NAME}"], paths.screenshots_dir(clean) / relative)
    findings = verify_store(clean, POLICY).findings
    image = [f for f in findings if f.where.endswith(relative)]
    assert ("known-value", "IDENTITY") in _methods(image)
    assert {f.read for f in image} <= {"ocr", "ocr-2x", "ocr-inverted"}


def test_light_text_on_a_dark_band_is_read_by_the_inverted_pass(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    from proagentbench.anonymizer.residual.reads import strong_reads
    from tests.anonymizer.rawstore import FONT

    image = Image.new("RGB", (1280, 720), "#f4f4f4")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1280, 60), fill="#202020")
    draw.text((20, 15), "Zbigniew Wojtaszek", fill="#e0e0e0", font=ImageFont.truetype(FONT, 22))
    reads = dict(strong_reads(image, "tesseract"))
    assert list(reads) == ["ocr", "ocr-2x", "ocr-inverted"]
    assert "Wojtaszek" in {word.text for word in reads["ocr-inverted"]}


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Inbox - Luka van Bergen - Mozilla Thunderbird", "NAME_SHAPE"),
        ("Ing. Heinz-Günter Renner | Jira", "NAME_SHAPE"),
        ("Alice Smith", "NAME_SHAPE"),
        ("Meeting with Vicente Guerrero", "NAME_SHAPE"),  # a town's name, and a listed first and last name
        ("Thứ Hai: call Nguyễn Thành", "NAME_SHAPE"),
        ("Flights to Ostrów, Maria Keller", "NAME_SHAPE"),
        ("Re: PL29241549909514547527720405 - Outlook", "ID_SHAPE"),
        ("(608)770-9163 | Jira", "ID_SHAPE"),
        ("459.638.2421x9489 - Slack", "ID_SHAPE"),
        ("alice@<HOSTNAME_b7c53308>: ~/src", "HANDLE_SHAPE"),
        ("clone https://<HOSTNAME_b7c53308>/team/app.git", "URL_SHAPE"),
        ("token=Zx81QmPq20LsVb7TnW4e", "SECRET_SHAPE"),
    ],
)
def test_shapes_found_in_text(text: str, entity: str) -> None:
    assert entity in {found for found, _ in shape_findings(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Hi <PERSON_2b02759d>, see <URL_4acc9af8>",
        "<USERNAME_4acc9af8>@<HOSTNAME_b7c53308>: ~/projects/shop",
        "conftest.py - shop - Visual Studio Code",
        "@pytest.fixture",
        "12  @pytest.fixture",
        "@pytest. fixture",
        "2026-12-01 12:33:51",
        # calendar and place names (CLDR, GeoNames), which the anonymizer keeps too
        "Invoice 4983, Tháng Mười Hai - Stripe Dashboard",
        "Events on Thứ Sáu - Calendar",
        "Weather in Ostrów Wielkopolski - piątek",
        "Language: North Ndebele - Preferences",
        "Hong Kong - Wikipedia",
        # words that start with a lower-case letter outside a-z are not capitalised
        "Từ để đã - Google Docs",
    ],
)
def test_placeholders_and_everyday_text_have_no_shape(text: str) -> None:
    assert list(shape_findings(text)) == []


def test_verify_explain_and_export_refuse_a_planted_store(
    clean_store: tuple[Path, Path], tmp_path: Path
) -> None:
    clean = _copy(clean_store[1], tmp_path)
    _set_title(clean, "Zbigniew Wojtaszek - Slack")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    command = [sys.executable, "-c", "from proagentbench.cli.main import run; run()"]
    verify = subprocess.run(
        [*command, "verify", "--db", str(clean), "--no-images", "--explain"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert verify.returncode == 1
    assert "NAME_SHAPE" in verify.stdout and "found by shape in the text" in verify.stdout
    out = tmp_path / "corpus"
    export = subprocess.run(
        [*command, "export", "--db", str(clean), "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert export.returncode != 0
    assert "residual personal data" in export.stderr + export.stdout
    assert not out.exists()
