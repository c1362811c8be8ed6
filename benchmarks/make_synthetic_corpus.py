"""Write a synthetic recorder-style corpus (default: 30,000 events) for benchmark figures.

python benchmarks/make_synthetic_corpus.py --out /tmp/corpus30k [--users 6 --sessions 5 --events 1000]
"""

import argparse
import time
from pathlib import Path

from proagentbench.devtools.synthetic_corpus import SyntheticSpec, write_synthetic_corpus


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True, help="corpus directory to create")
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--sessions", type=int, default=5, help="sessions per user (the last one is test)")
    parser.add_argument("--events", type=int, default=1000, help="events per session")
    parser.add_argument("--points", type=int, default=40, help="decision points per session")
    parser.add_argument("--images", action="store_true", help="also write a tiny screenshot per point")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    manifest = write_synthetic_corpus(
        args.out,
        SyntheticSpec(
            users=args.users,
            sessions_per_user=args.sessions,
            events_per_session=args.events,
            points_per_session=args.points,
            images=args.images,
            seed=args.seed,
        ),
    )
    print(f"wrote {args.out} in {time.perf_counter() - started:.1f} s: {manifest.counts}")


if __name__ == "__main__":
    main()
