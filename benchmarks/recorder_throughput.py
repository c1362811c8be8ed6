"""Recorder throughput: 5,000 keystrokes with `xdotool type --delay 0` plus 500 clicks as fast as xdotool
sends them, under Xvfb with screenshots on. Checks that every injected press, release and click is in the
store and reports the sustained events/s and the writer's callback-to-commit latency.

    PYTHONPATH=src .venv/bin/python -m benchmarks.recorder_throughput
"""

import argparse
import json
import sqlite3
import string
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.xsession import activate, open_window, x_session, xdotool
from proagentbench.recorder import Recording, load_settings
from proagentbench.recorder.text import TextChunk, apply_chunks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keys", type=int, default=5000)
    parser.add_argument("--clicks", type=int, default=500)
    parser.add_argument(
        "--flush-interval", type=float, default=None, help="writer batch window in s (default: the setting's)"
    )
    args = parser.parse_args()
    alphabet = string.ascii_lowercase + " "  # no shifted characters: one press and one release per key
    text = "".join(alphabet[(index * 7) % len(alphabet)] for index in range(args.keys))
    with x_session(), tempfile.TemporaryDirectory() as tmp:
        _, window_id = open_window("Throughput", "1200x900+0+0")
        activate(window_id)
        db = Path(tmp) / "data" / "raw.sqlite"
        settings = load_settings({}, flush_interval_seconds=args.flush_interval)
        recording = Recording.start(settings, db, db.parent)
        time.sleep(1.0)
        injected_at = time.monotonic()
        xdotool("type", "--delay", "0", text)
        xdotool("mousemove", "--window", window_id, "600", "450")
        xdotool("click", "--repeat", str(args.clicks), "--delay", "0", "1")
        injection_seconds = time.monotonic() - injected_at
        expected = {"key_press": args.keys, "key_release": args.keys, "mouse_click": 2 * args.clicks}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _counts(db, expected) != expected:
            time.sleep(0.2)
        result = recording.stop("stopped")
        counts = _counts(db, expected)
        with sqlite3.connect(db) as connection:
            first, last = connection.execute(
                "SELECT MIN(t), MAX(t) FROM events WHERE kind IN ('key_press', 'key_release', 'mouse_click')"
            ).fetchone()
            chunks = [
                TextChunk(body, json.loads(data).get("erased_before", 0))
                for body, data in connection.execute("SELECT text, data FROM events WHERE kind = 'text'")
            ]
        injected = sum(expected.values())
        report = {
            "injected_events": injected,
            "recorded": counts,
            "lost": injected - sum(counts.values()),
            "text_matches": apply_chunks(chunks) == text,
            "injection_seconds": round(injection_seconds, 2),
            "recorded_span_seconds": round((last - first) / 1e6, 2),
            "sustained_events_per_second": round(injected / ((last - first) / 1e6)),
            "writer_latency_ms": {
                "p50": round(result.latency.p50_ms, 1),
                "p99": round(result.latency.p99_ms, 1),
            },
            "writer_latency_rows": result.latency.count,
            "flush_interval_seconds": settings.recorder.flush_interval_seconds,
            "screenshots": result.screenshots.captured,
            "load_average": [round(value, 2) for value in psutil.getloadavg()],
        }
        print(json.dumps(report, indent=2))


def _counts(db: Path, expected: dict[str, int]) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT kind, COUNT(*) FROM events GROUP BY kind").fetchall()
    return {kind: count for kind, count in rows if kind in expected}


if __name__ == "__main__":
    main()
