"""The fault matrix's figures (issue 10): runs tests/faults with every check tallied, then prints the table of
docs/benchmarks.md: cases run, tracebacks (goal 0), reruns identical to the reference (goal all), files of
captured content found outside the stores' trees (goal 0).

    PYTHONPATH=src python benchmarks/fault_matrix.py [pytest args, e.g. -k matrix]

Needs root for the tmpfs and read-only bind mounts (without them those cases are skipped, and say so).
"""

import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "tally.jsonl"
        environment = dict(os.environ, PROAGENT_FAULT_REPORT=str(report))
        pytest = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"]
        command = [*pytest, "tests/faults", *sys.argv[1:]]
        done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
        summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]
        rows = [json.loads(line) for line in report.read_text().splitlines()] if report.exists() else []
    commands = [row for row in rows if row["kind"] == "command"]
    reruns = [row for row in rows if row["kind"] == "rerun"]
    outside = [row for row in rows if row["kind"] == "outside"]
    per_command = collections.Counter(str(row["argv"]) for row in commands)
    print(f"pytest: {summary}")
    print()
    print("| figure | value | goal |")
    print("| --- | --- | --- |")
    print(f"| cases (test functions with tallied checks) | {len({row['test'] for row in rows})} | |")
    by_command = ", ".join(f"{name} {count}" for name, count in sorted(per_command.items()))
    print(f"| command runs | {len(commands)} ({by_command}) | |")
    print(f"| tracebacks | {sum(1 for row in commands if row['traceback'])} | 0 |")
    identical = sum(1 for row in reruns if row["identical"])
    print(f"| reruns identical to the reference | {identical} of {len(reruns)} | all |")
    print(f"| files of captured content outside the stores' trees | {sum(int(r['found']) for r in outside)} "
          f"(in {len(outside)} scans) | 0 |")  # fmt: skip
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
