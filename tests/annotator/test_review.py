"""`proagent review`'s server: clean stores only, 127.0.0.1 only, frames from the clean store's folder only,
and nothing written but rows of source human; bad requests get one clear error and change nothing."""

import http.client
import json
import re
import sqlite3
import subprocess
import urllib.request
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from proagentbench.annotator.review.server import ReviewServer
from proagentbench.store import NotAnonymizedError
from tests.annotator.review_fixtures import human_rows, labelled_clean_store
from tests.helpers import PROAGENT


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return labelled_clean_store(tmp_path_factory.mktemp("review"))


@pytest.fixture
def clean(pristine: Path, tmp_path: Path) -> Path:
    import shutil

    from proagentbench import paths

    copy = tmp_path / "clean.sqlite"
    shutil.copyfile(pristine, copy)
    shutil.copytree(paths.screenshots_dir(pristine), paths.screenshots_dir(copy))
    return copy


def _get(server: ReviewServer, path: str) -> Any:
    with urllib.request.urlopen(server.url + path.lstrip("/")) as response:
        return json.load(response)


def _post(server: ReviewServer, path: str, body: Any, *, kind: str = "application/json",
          host: str | None = None) -> tuple[int, dict[str, Any]]:  # fmt: skip
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Content-Type": kind, **({"Host": host} if host else {})}
    connection.request("POST", path, body=json.dumps(body), headers=headers)
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def _others(db: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute("SELECT * FROM annotations WHERE source != 'human' ORDER BY id").fetchall()


def _first_point(server: ReviewServer) -> dict[str, Any]:
    session = _get(server, f"/api/sessions/{_get(server, '/api/sessions')[0]['id']}")
    return session["points"][0]


def test_accept_reject_edit_write_human_rows_only(clean: Path) -> None:
    before = _others(clean)
    with ReviewServer(clean) as server:
        assert server.httpd.server_address[0] == "127.0.0.1"
        point = _first_point(server)
        heuristic = next(label for label in point["labels"] if label["source"] == "heuristic")
        assert (
            _post(server, "/api/decision", {"annotation_id": heuristic["id"], "action": "accept"})[0] == 200
        )
        assert human_rows(clean)[-1][2:6] == (
            heuristic["label"], heuristic["kind"] if heuristic["label"] else "negative",
            heuristic["intent"], heuristic["content"],
        )  # fmt: skip
        assert (
            _post(server, "/api/decision", {"annotation_id": heuristic["id"], "action": "reject"})[0] == 200
        )
        (row,) = human_rows(clean)  # the same moment's human label is replaced, not added to
        assert row[2] is (not heuristic["label"]) and row[6]["action"] == "reject"
        assert row[6]["reviewed"] == {
            "id": heuristic["id"],
            "source": "heuristic",
            "label": heuristic["label"],
        }
        body = {
            "annotation_id": heuristic["id"],
            "action": "edit",
            "intent": "writing",
            "content": " tidy it ",
        }
        assert _post(server, "/api/decision", body)[0] == 200
        (row,) = human_rows(clean)
        assert row[1] == point["t"] and row[2:6] == (True, "positive", "writing", "tidy it")
        assert row[6]["annotator"] == {"name": "human", "args": {}}
        labels = _first_point(server)["labels"]
        assert [label["source"] for label in labels].count("human") == 1
    assert _others(clean) == before


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"annotation_id": 10**6, "action": "accept"}, "no annotation 1000000"),
        ({"annotation_id": 1, "action": "approve"}, "unknown action 'approve'"),
        ({"annotation_id": 1, "action": "edit", "intent": "gardening"}, "unknown intent 'gardening'"),
        ({"annotation_id": 1, "action": "edit"}, "edit needs an intent"),
        ({"annotation_id": "1", "action": "accept"}, "annotation_id must be an integer"),
        (
            {"annotation_id": 1, "action": "edit", "intent": "coding", "content": 5},
            "content must be a string",
        ),
        ([1, 2], "the body must be a JSON object"),
    ],
)
def test_bad_decisions_get_one_error_and_write_nothing(clean: Path, body: Any, error: str) -> None:
    before = _others(clean)
    with ReviewServer(clean) as server:
        status, reply = _post(server, "/api/decision", body)
    assert status == 400 and error in reply["error"] and "\n" not in reply["error"]
    assert human_rows(clean) == [] and _others(clean) == before


def test_other_sites_cannot_write(clean: Path) -> None:
    with ReviewServer(clean) as server:
        body = {"annotation_id": 1, "action": "accept"}
        assert _post(server, "/api/decision", body, kind="text/plain")[0] == 415  # a cross-site form post
        assert _post(server, "/api/decision", body, host="evil.example:80")[0] == 403  # DNS rebinding
    assert human_rows(clean) == []


def test_privacy_flags_are_cleared_or_confirmed(clean: Path) -> None:
    with ReviewServer(clean) as server:
        session = _get(server, f"/api/sessions/{_get(server, '/api/sessions')[0]['id']}")
        (flag,) = session["privacy"]
        assert flag["status"] == "flagged" and flag["reason"] == "a name"
        assert _post(server, "/api/privacy", {"annotation_id": flag["id"], "action": "clear"})[0] == 200
        assert _post(server, "/api/privacy", {"annotation_id": flag["id"], "action": "confirm"})[0] == 200
        status, reply = _post(server, "/api/decision", {"annotation_id": flag["id"], "action": "accept"})
        assert status == 400 and "privacy flag" in reply["error"]
        not_a_flag = session["points"][0]["labels"][0]["id"]
        assert _post(server, "/api/privacy", {"annotation_id": not_a_flag, "action": "clear"})[0] == 400
        again = _get(server, f"/api/sessions/{session['id']}")
    assert again["privacy"][0]["status"] == "confirmed"
    (row,) = human_rows(clean)
    assert row[3] == "privacy" and row[2] is True and row[6]["end"] == flag["end"]
    assert all(point["t"] != flag["t"] for point in again["points"])  # a flag is not a decision point


def test_frames_come_from_the_clean_store_folder_only(clean: Path) -> None:
    with ReviewServer(clean) as server:
        session = _get(server, f"/api/sessions/{_get(server, '/api/sessions')[0]['id']}")
        first, second = session["frames"][0]["id"], session["frames"][1]["id"]
        with urllib.request.urlopen(f"{server.url}frames/{first}") as response:
            assert (
                response.headers["Content-Type"] == "image/png" and response.read(8) == b"\x89PNG\r\n\x1a\n"
            )
        with closing(sqlite3.connect(clean)) as connection, connection:
            connection.execute("UPDATE screenshots SET path = '../raw.sqlite' WHERE id = ?", (second,))
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{server.url}frames/{second}")
        assert refused.value.code == 404


def test_a_store_that_is_not_anonymized_is_refused(clean: Path) -> None:
    with closing(sqlite3.connect(clean)) as connection, connection:
        connection.execute("UPDATE sessions SET state = 'raw' WHERE id = 2")
    with pytest.raises(NotAnonymizedError, match="not anonymized"):
        ReviewServer(clean)


def test_the_page_has_no_hosted_assets(clean: Path) -> None:
    with ReviewServer(clean) as server, urllib.request.urlopen(server.url) as response:
        page = response.read().decode()
    assert "<script>" in page and not re.search(r"(src|href)=\"(https?:)?//", page)


def test_proagent_review_prints_its_address_and_serves(clean: Path) -> None:
    process = subprocess.Popen(
        [*PROAGENT, "review", "--db", str(clean), "--no-browser"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        with urllib.request.urlopen(url.group(0) + "api/sessions") as response:
            assert len(json.load(response)) == 4
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_proagent_review_refuses_a_raw_store_in_one_line(clean: Path) -> None:
    from proagentbench.demo.sample import build_sample_store

    raw = clean.parent / "raw.sqlite"
    build_sample_store(raw)
    result = subprocess.run(
        [*PROAGENT, "review", "--db", str(raw), "--no-browser"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1
    assert "not anonymized" in result.stderr and "review only shows a clean store" in result.stderr


def test_a_busy_port_is_one_clear_line(clean: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*PROAGENT, "review", "--db", str(clean), "--no-browser", "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1
    assert f"127.0.0.1:{port}: cannot serve there" in result.stderr and "another --port" in result.stderr
