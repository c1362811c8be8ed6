"""Time and peak memory of `export` on synthetic clean stores, and of importing the ProactiveBench reward set.

    PYTHONPATH=src python benchmarks/bench_export.py [--events 30000 300000] [--work /tmp/pab-bench]

Each export runs in a fresh child process that reports its own peak RSS (getrusage RUSAGE_SELF).
The residual-PII check uses a regular-expression scanner: the anonymizer's scanner (Presidio, OCR) is timed by
the anonymizer's own benchmark, and would add its per-text and per-image cost here.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REWARD = Path(os.environ.get("PROACTIVEBENCH_DATA", "/work/shared/data/proactivebench")) / "reward_test.jsonl"

CHILD_EXPORT = """
import json, resource, sys, time
from pathlib import Path
from proagentbench.export import ExportOptions, PatternScanner, export_corpus
scanner = PatternScanner({"EMAIL_ADDRESS": r"[\\w.+-]+@[\\w-]+\\.[\\w.]+", "PHONE": r"\\+?\\d[\\d -]{8,}\\d"})
start = time.perf_counter()
result = export_corpus(Path(sys.argv[1]), Path(sys.argv[2]), ExportOptions(), scanner=scanner)
elapsed = time.perf_counter() - start
s = result.stats
print(json.dumps({"seconds": elapsed, "hours": s.hours, "events": s.events, "points": s.decision_points,
                  "positives": s.positives, "B": s.inter_event.burstiness, "M": s.inter_event.memory,
                  "screenshots": result.manifest.counts["screenshots"],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

CHILD_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from proagentbench.importers import import_proactivebench
start = time.perf_counter()
result = import_proactivebench(Path(sys.argv[1]), Path(sys.argv[2]))
elapsed = time.perf_counter() - start
s = result.stats
print(json.dumps({"seconds": elapsed, "points": s.decision_points, "positives": s.positives,
                  "positive_rate": s.positive_rate, "events": s.events, "B": s.inter_event.burstiness,
                  "M": s.inter_event.memory, "adjusted_steps": result.adjusted_steps,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, env=os.environ
    )
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[30_000, 300_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/pab-bench-export"))
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synthetic_store import build_synthetic_store

    args.work.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {os.getloadavg()}")
    for n in sorted(args.events):
        db = args.work / f"store-{n}" / "clean.sqlite"
        if not db.exists():
            start = time.perf_counter()
            build_synthetic_store(db, events=n, users=4, sessions_per_user=max(3, n // 10_000))
            print(f"built {n}-event store in {time.perf_counter() - start:.1f} s")
        out = args.work / f"corpus-{n}-{time.time_ns()}"
        print(f"export {n} events: {json.dumps(_child(CHILD_EXPORT, str(db), str(out)))}")
    if REWARD.is_file():
        out = args.work / f"reward-{time.time_ns()}"
        print(f"import reward set: {json.dumps(_child(CHILD_IMPORT, str(REWARD), str(out)))}")
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
