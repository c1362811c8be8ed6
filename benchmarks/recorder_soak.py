"""Recorder soak: a scripted active session (typing ~10 keys/s in bursts, window switches, clicks, scrolls)
under Xvfb at 1920x1080 with screenshots on. Reports peak memory over time, CPU and disk bytes per hour.

    PYTHONPATH=src .venv/bin/python benchmarks/recorder_soak.py --minutes 10
"""

import argparse
import json
import random
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.xsession import (
    PROAGENT,
    activate,
    folder_bytes,
    open_window,
    wait_for_recorder,
    x_session,
    xdotool,
)

VOCABULARY = (
    "the quick brown fox jumps over a lazy dog while the build runs and tests fail on a flaky "
    "network call so we retry with backoff then write the report for the team meeting tomorrow"
)
WORDS = VOCABULARY.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--sample-seconds", type=float, default=10.0)
    args = parser.parse_args()
    rng = random.Random(7)
    with x_session(), tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        windows = [open_window(f"Soak {n}", f"900x1000+{n * 960}+20") for n in range(2)]
        recorder = subprocess.Popen([*PROAGENT, "record", "--data-dir", str(data)], stderr=subprocess.PIPE)
        wait_for_recorder(data)
        process = psutil.Process(recorder.pid)
        cpu_start = process.cpu_times()
        started = time.monotonic()
        deadline = started + args.minutes * 60
        samples: list[tuple[float, int]] = []
        next_sample = started
        next_switch = started
        current = 0
        keys = 0
        while time.monotonic() < deadline:
            now = time.monotonic()
            if now >= next_sample:
                samples.append((round(now - started, 1), process.memory_info().rss))
                next_sample += args.sample_seconds
            if now >= next_switch:
                current = 1 - current
                activate(windows[current][1])
                xdotool("mousemove", "--window", windows[current][1], "300", "300", "click", "1")
                next_switch = now + rng.uniform(15, 40)
            sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))
            xdotool("type", "--delay", "100", sentence)  # 10 keys per second
            xdotool("key", "Return")
            keys += len(sentence) + 1
            if rng.random() < 0.3:
                xdotool("click", "--repeat", "3", "--delay", "80", "5")  # scroll down
            time.sleep(rng.uniform(0.5, 4.0))  # think between bursts
        elapsed = time.monotonic() - started
        cpu_end = process.cpu_times()
        samples.append((round(elapsed, 1), process.memory_info().rss))
        recorder.send_signal(signal.SIGINT)
        recorder.wait(60)
        db = data / "raw.sqlite"
        store_bytes = sum(p.stat().st_size for p in data.glob("raw.sqlite*"))
        shots_bytes = folder_bytes(data / "raw-screenshots")
        sessions = json.loads(
            subprocess.run(
                [*PROAGENT, "sessions", "--db", str(db), "--json"], capture_output=True, text=True
            ).stdout
        )
        cpu_seconds = (cpu_end.user + cpu_end.system) - (cpu_start.user + cpu_start.system)
        rss_mb = [rss / 2**20 for _, rss in samples]
        third = max(1, len(rss_mb) // 3)
        report = {
            "minutes": round(elapsed / 60, 2),
            "keys_typed": keys,
            "cpu_percent_of_one_core": round(100 * cpu_seconds / elapsed, 2),
            "rss_mb_first_third_peak": round(max(rss_mb[:third]), 1),
            "rss_mb_last_third_peak": round(max(rss_mb[-third:]), 1),
            "rss_mb_peak": round(max(rss_mb), 1),
            "rss_samples_mb": [round(value, 1) for value in rss_mb],
            "store_bytes": store_bytes,
            "screenshot_bytes": shots_bytes,
            "screenshots": sessions[0]["screenshots"],
            "events": sum(sessions[0]["counts"].values()),
            "counts": sessions[0]["counts"],
            "bytes_per_hour_mb": round((store_bytes + shots_bytes) / elapsed * 3600 / 1e6, 1),
            "load_average": [round(value, 2) for value in psutil.getloadavg()],
        }
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
