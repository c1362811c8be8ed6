"""What deriving `timing.context` costs: a synthetic corpus written, then the context pass timed alone.

python benchmarks/timing_context.py --out /tmp/ctx [--users 10 --sessions 10 --events 3000 --points 30]
"""

import argparse
import time
from pathlib import Path

import pyarrow.parquet as pq

from proagentbench.corpus.context import _sorted_events, event_windows
from proagentbench.corpus.layout import table_path, written_splits
from proagentbench.devtools.synthetic_corpus import SyntheticSpec, write_synthetic_corpus


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument("--points", type=int, default=30)
    args = parser.parse_args()
    spec = SyntheticSpec(
        users=args.users,
        sessions_per_user=args.sessions,
        events_per_session=args.events,
        points_per_session=args.points,
    )
    started = time.perf_counter()
    write_synthetic_corpus(args.out, spec)
    written = time.perf_counter() - started
    started = time.perf_counter()
    points = 0
    for split in written_splits(args.out, "timing"):
        timing = pq.read_table(table_path(args.out, "timing", split)).drop_columns(["context"])
        windows = event_windows(timing, _sorted_events(args.out, split))
        points += len(windows)
    print(
        f"{args.users * args.sessions * args.events} events, {points} points: corpus written in "
        f"{written:.1f} s (context included); the context pass alone {time.perf_counter() - started:.2f} s"
    )


if __name__ == "__main__":
    main()
