"""ProactiveBench through `proagent import` and every offline agent with default flags; demo CI widths.

    python benchmarks/public_data_defaults.py --source ../shared/data/proactivebench/reward_test.jsonl \
        --out-dir /tmp/pb-defaults
    python benchmarks/public_data_defaults.py --widths DEMO_DIR [DEMO_DIR ...]

The first form runs exactly what a user types, in one process: `proagent import proactivebench
SOURCE --out DIR/corpus`, then `proagent bench --corpus DIR/corpus --agent A --out DIR/runs/A.json` for
every built-in agent that needs no model server, with no other flag; it prints the timing metrics with
their 95% bootstrap CIs and each run's time. The second reads the run logs of finished `proagent demo`
folders (`runs/*.json`, `runs/proactivebench/*.json`) and prints, per corpus and agent, the test points
and the widths of the balanced-accuracy and AUROC intervals.
"""

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

OFFLINE_AGENTS = ("always", "never", "random", "periodic", "app-prior", "learned")
COLUMNS = ("accuracy", "balanced_accuracy", "auroc", "f1")


def _cli(argv: list[str]) -> None:
    import typer.main

    from proagentbench.cli.main import app

    code = typer.main.get_command(app).main(argv, prog_name="proagent", standalone_mode=False)
    if isinstance(code, int) and code:
        raise SystemExit(f"proagent {' '.join(argv)} exited with {code}")


def _cell(metric: dict[str, Any] | None) -> str:
    if not metric or metric.get("value") is None:
        return "–"
    ci = metric.get("ci")
    return f"{metric['value']:.3f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")


def _timing(log: Path) -> dict[str, Any]:
    data = json.loads(log.read_text())
    (condition,) = data["conditions"]
    return {"tasks": data["tasks"], "n": len(condition["timing"]), **condition["metrics"]["timing"]["agent"]}


def run_defaults(source: Path, out_dir: Path) -> None:
    corpus, runs = out_dir / "corpus", out_dir / "runs"
    started = time.perf_counter()
    _cli(["import", "proactivebench", str(source), "--out", str(corpus)])
    print(f"import: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print("| agent | tasks run | test points | " + " | ".join(COLUMNS) + " | time |")
    print("|---" * (len(COLUMNS) + 4) + "|")
    for agent in OFFLINE_AGENTS:
        started = time.perf_counter()
        _cli(["bench", "--corpus", str(corpus), "--agent", agent, "--out", str(runs / f"{agent}.json")])
        seconds = time.perf_counter() - started
        row = _timing(runs / f"{agent}.json")
        cells = " | ".join(_cell(row.get(name)) for name in COLUMNS)
        print(f"| {agent} | {', '.join(row['tasks'])} | {row['n']} | {cells} | {seconds:.1f} s |")


def _width(metric: dict[str, Any] | None) -> str:
    ci = (metric or {}).get("ci")
    return f"{ci[1] - ci[0]:.2f}" if ci else "–"


def print_widths(demos: list[Path]) -> None:
    print("| demo | corpus | agent | test points | BalAcc | BalAcc CI width | AUROC | AUROC CI width |")
    print("|---|---|---|---|---|---|---|---|")
    for demo in demos:
        for name, runs in (
            ("sample (synthetic)", demo / "runs"),
            ("ProactiveBench", demo / "runs" / "proactivebench"),
        ):
            for agent in OFFLINE_AGENTS:
                log = runs / f"{agent}.json"
                if not log.is_file():
                    continue
                row = _timing(log)
                balanced, auroc = row.get("balanced_accuracy"), row.get("auroc")
                cells = [_cell(balanced), _width(balanced), _cell(auroc), _width(auroc)]
                print(f"| {demo.name} | {name} | {agent} | {row['n']} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path)
    parser.add_argument("--out-dir", type=Path)
    parser.add_argument("--widths", type=Path, nargs="+")
    args = parser.parse_args()
    if args.widths:
        print_widths(args.widths)
    elif args.source and args.out_dir:
        run_defaults(args.source, args.out_dir)
    else:
        parser.error("give --source and --out-dir, or --widths DEMO_DIR")


if __name__ == "__main__":
    main()
