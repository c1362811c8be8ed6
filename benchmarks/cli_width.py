"""The demo's whole output as a pipe at a given width: truncated cells, lines wider than the width, time.

    python benchmarks/cli_width.py --columns 80 --out-dir /tmp/width-demo

Runs `proagent demo` with stdout and stderr piped (not a terminal) and $COLUMNS set, and counts the
ellipses rich leaves in a cut cell or header (`…`) and the lines wider than the width (paths and commands,
which are printed whole, are counted apart from table lines).
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

TABLE_CHARS = set("┃│┏┡└┗━─")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=80)
    parser.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args()
    if args.out_dir.exists():
        shutil.rmtree(args.out_dir)
    env = dict(os.environ, COLUMNS=str(args.columns))
    command = [sys.executable, "-c", "from proagentbench.cli.main import run; run()", "demo"]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--out-dir", str(args.out_dir)], capture_output=True, text=True, env=env, check=False
    )
    elapsed = time.perf_counter() - started
    output = done.stdout + done.stderr
    lines = output.splitlines()
    wide = [line for line in lines if len(line) > args.columns]
    wide_tables = [line for line in wide if TABLE_CHARS & set(line)]
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"proagent demo at COLUMNS={args.columns}, piped: exit {done.returncode} in {elapsed:.0f} s")
    print(f"lines {len(lines)}, truncated cells (…) {output.count('…')}, lines wider than the width "
          f"{len(wide)} (table lines among them {len(wide_tables)})")  # fmt: skip
    for line in wide_tables[:5]:
        print(f"  {line}")


if __name__ == "__main__":
    main()
