"""Recorder CPU overhead as % of one core: idle (no input) for 60 s, then typing at 10 keys/s for 60 s with
screenshots on, measured from the recorder process's own CPU time (`proagent record` as a subprocess).

    PYTHONPATH=src .venv/bin/python -m benchmarks.recorder_overhead --seconds 60
"""

import argparse
import json
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.xsession import PROAGENT, activate, open_window, wait_for_recorder, x_session, xdotool


def _cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with x_session(), tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        _, window_id = open_window("Overhead", "1200x900+0+0")
        activate(window_id)
        recorder = subprocess.Popen([*PROAGENT, "record", "--data-dir", str(data)], stderr=subprocess.PIPE)
        wait_for_recorder(data)
        process = psutil.Process(recorder.pid)
        time.sleep(2.0)  # start-up work (imports, first frame) is not overhead

        idle_cpu, idle_wall = _cpu(process), time.monotonic()
        time.sleep(args.seconds)
        idle_percent = 100 * (_cpu(process) - idle_cpu) / (time.monotonic() - idle_wall)

        keys = int(args.seconds * 10)
        sentence = "measuring the recorder while typing at ten keys per second "
        text = (sentence * (keys // len(sentence) + 1))[:keys]
        typing_cpu, typing_wall = _cpu(process), time.monotonic()
        xdotool("type", "--delay", "100", text)
        typing_percent = 100 * (_cpu(process) - typing_cpu) / (time.monotonic() - typing_wall)
        rss_mb = process.memory_info().rss / 2**20

        recorder.send_signal(signal.SIGINT)
        recorder.wait(60)
        sessions = json.loads(
            subprocess.run(
                [*PROAGENT, "sessions", "--db", str(data / "raw.sqlite"), "--json"],
                capture_output=True,
                text=True,
            ).stdout
        )
        print(
            json.dumps(
                {
                    "seconds_per_phase": args.seconds,
                    "idle_cpu_percent_of_one_core": round(idle_percent, 2),
                    "typing_cpu_percent_of_one_core": round(typing_percent, 2),
                    "keys_typed": keys,
                    "key_press_recorded": sessions[0]["counts"].get("key_press", 0),
                    "screenshots": sessions[0]["screenshots"],
                    "rss_mb_at_end": round(rss_mb, 1),
                    "load_average": [round(value, 2) for value in psutil.getloadavg()],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
