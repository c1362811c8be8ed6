"""`proagent bench` (evaluate an agent on a corpus) and `proagent bench report` (compare run logs)."""

from pathlib import Path
from typing import Annotated, Any

import typer

from proagentbench import plugins
from proagentbench.cli.executor_options import RAY_ADDRESS_HELP, executor_help, executor_spec_for
from proagentbench.cli.options import JSON_HELP, parse_plugin_args
from proagentbench.errors import ProagentError
from proagentbench.models import DEFAULT_KEY_ENV, ModelSettings

DEFAULT_MIN_COVERAGE = 0.9  # below it a run exits 5: mostly failed samples are not a result

bench_app = typer.Typer(
    help=(
        "Evaluate an agent on a corpus: timing (when to help) and content (what to offer). Run "
        "`proagent bench --corpus DIR --agent NAME --out RUN.json`; "
        "compare runs with `proagent bench report`."
    ),
    invoke_without_command=True,
    no_args_is_help=True,
    rich_markup_mode=None,
)


def parse_contexts(value: str) -> tuple[float, ...]:
    try:
        windows = tuple(float(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise ProagentError(f"--context {value!r}: expected seconds, e.g. 300 or 30,60,300,600") from None
    if not windows or any(not w > 0 for w in windows):
        raise ProagentError(f"--context {value!r}: windows must be positive seconds")
    return windows


@bench_app.callback()
def bench(
    ctx: typer.Context,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Corpus directory (from export or import).")
    ] = None,
    agent: Annotated[
        str | None,
        typer.Option(
            "--agent",
            help=f"{', '.join(plugins.BUILTINS['agents'])}, an entry-point name "
            "(group proagentbench.agents) or module:attr.",
        ),
    ] = None,
    arg: Annotated[
        list[str] | None, typer.Option("--arg", help="Agent argument KEY=VALUE (JSON values); repeatable.")
    ] = None,
    task: Annotated[str, typer.Option("--task", help="timing, content or all.")] = "all",
    context: Annotated[
        str, typer.Option("--context", help="Context window in seconds; a list sweeps: 30,60,300,600.")
    ] = "300",
    memory: Annotated[str, typer.Option("--memory", help="Long-term memory: none, kg or rag.")] = "none",
    screenshots: Annotated[
        int, typer.Option("--screenshots", help="Screenshots per context (vlm uses 2 by default).")
    ] = 0,
    embeddings: Annotated[
        bool,
        typer.Option(
            "--embeddings/--no-embeddings",
            help="Semantic similarity and rag retrieval with the bundled embedding model "
            "(off: no similarity, TF-IDF retrieval).",
        ),
    ] = True,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="OpenAI-compatible endpoint for llm, vlm and the judge.")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="Model name for the llm and vlm agents.")
    ] = None,
    api_key_env: Annotated[
        str, typer.Option("--api-key-env", help="Environment variable that holds the API key.")
    ] = DEFAULT_KEY_ENV,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds per model request.")] = None,
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", help="Decision points evaluated at once (per worker with --executor)."),
    ] = None,
    executor: Annotated[
        str | None,
        typer.Option(
            "--executor",
            help=executor_help(
                "shards of decision points", "none: each point on one of --concurrency threads here"
            ),
        ),
    ] = None,
    ray_address: Annotated[str | None, typer.Option("--ray-address", help=RAY_ADDRESS_HELP)] = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Model reply cache (default: in the data directory).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the reply cache.")
    ] = False,
    judge_model: Annotated[
        str | None, typer.Option("--judge-model", help="Also score content with this model as an LLM judge.")
    ] = None,
    resamples: Annotated[
        int, typer.Option("--resamples", help="Bootstrap resamples for the 95% CIs.")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
    min_coverage: Annotated[
        float,
        typer.Option(
            "--min-coverage",
            min=0.0,
            max=1.0,
            help="Exit 5 when a smaller share of the samples was answered (a run that answered none always "
            "exits 5).",
        ),
    ] = DEFAULT_MIN_COVERAGE,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="Run log to write; an existing log of the same run resumes."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Evaluate an agent on a corpus and write a run log (rerun with the same --out to resume)."""
    if ctx.invoked_subcommand is not None:
        return
    if corpus is None or agent is None or out is None:
        raise ProagentError("--corpus, --agent and --out are required (see proagent bench --help)")
    from proagentbench.benchmark import BenchSettings, Spec, require_coverage, run_benchmark, run_coverage
    from proagentbench.cli.bench_table import print_runs, runs_json
    from proagentbench.cli.errors import naming
    from proagentbench.cli.progress import RichProgress

    executor_spec = executor_spec_for(executor, None, ray_address)
    tasks = {"timing": ("timing",), "content": ("content",), "all": ("timing", "content")}.get(task)
    if tasks is None:
        raise ProagentError(f"--task {task!r}: use timing, content or all")
    shared: dict[str, Any] = {
        "base_url": base_url,
        "model": model,
        "api_key_env": api_key_env if api_key_env != DEFAULT_KEY_ENV else None,
        "timeout_s": timeout,
        "concurrency": concurrency,
        "cache_dir": str(cache_dir) if cache_dir else None,
        "use_cache": False if no_cache else None,
    }
    given = {key: value for key, value in shared.items() if value is not None}
    args = {**plugins.accepted(plugins.load("agents", agent), given), **parse_plugin_args(arg or [])}
    judge = None
    if judge_model:
        judge = ModelSettings(
            model=judge_model, base_url=base_url, api_key_env=api_key_env, timeout_s=timeout or 60.0
        )
    settings = BenchSettings(
        tasks=tasks,
        contexts_s=parse_contexts(context),
        memory=memory,
        screenshots=screenshots,
        embeddings=embeddings,
        judge=judge,
        resamples=resamples,
        seed=seed,
        concurrency=concurrency,
        executor=executor_spec,
    )
    with naming(output=out), RichProgress() as progress:
        log = run_benchmark(corpus, Spec(agent, args), settings, out, progress=progress)
    for note in log.notes:
        typer.echo(f"note: {note}", err=True)
    coverage = run_coverage(log)
    if as_json:
        typer.echo(runs_json([log], run_log=str(out), **_run_summary(log, coverage)))
    else:
        print_runs([log])
        typer.echo(f"run log: {out} ({log.created_at} to {log.finished_at or 'unfinished'})")
    require_coverage(coverage, min_coverage)
    if coverage.errors:
        typer.echo(
            f"note: {coverage.samples - coverage.answered} sample(s) failed; "
            f"commonest error: {coverage.commonest_error()}",
            err=True,
        )


def _run_summary(log: Any, coverage: Any) -> dict[str, Any]:
    return {
        "created_at": log.created_at,
        "finished_at": log.finished_at,
        "samples": coverage.samples,
        "answered": coverage.answered,
    }


@bench_app.command("report")
def report(
    runs: Annotated[list[Path], typer.Argument(help="Run logs (RUN.json) to compare.", metavar="RUN.json")],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="table|md|json|html",
            help="table (terminal), md (pipe tables), json (machine-readable) or html. Default: table, or "
            "what --out's suffix names (.md, .json, .html).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write the chosen format to this file (html when it ends .html).",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            metavar="DIR",
            help="Also write report.md, report.html, report.json and the PNG plots into this folder "
            "(replacing what an earlier report wrote there).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
) -> None:
    """Compare run logs: print a table (or Markdown or JSON), or write a self-contained HTML page."""
    from proagentbench.benchmark import Report, read_runlog, write_report
    from proagentbench.cli.errors import naming

    if as_json and fmt not in (None, "json"):
        raise ProagentError(f"--json and --format {fmt}: choose one")
    chosen = _report_format("json" if as_json else fmt, out)
    if chosen not in Report.formats:
        raise ProagentError(f"--format {chosen!r}: use one of {', '.join(Report.formats)}")
    if out is not None and chosen == "table":
        raise ProagentError(f"--out {out}: a file takes md, json or html (the table is for the terminal)")
    if out is not None and (out.is_dir() or not out.parent.is_dir()):
        raise ProagentError(f"--out {out}: is a folder" if out.is_dir() else f"--out {out}: no such folder")
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise ProagentError(f"--out-dir {out_dir}: exists and is not a folder")
    logs = [read_runlog(path) for path in runs]
    report_ = Report.of(logs)
    if out is not None:
        with naming(output=out):
            out.write_text(report_.render(chosen), encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)
    elif chosen == "table":
        report_.print_table()
    else:
        typer.echo(report_.render(chosen), nl=False)
    if out_dir is not None:
        with naming(output=out_dir):
            written = write_report(logs, out_dir)
        for path in written:
            typer.echo(f"wrote {path}", err=True)


def _report_format(fmt: str | None, out: Path | None) -> str:
    if out is not None and out.suffix.lower() in (".html", ".htm"):
        return "html"
    if fmt is not None:
        return fmt
    if out is not None:
        return {".md": "md", ".markdown": "md", ".json": "json"}.get(out.suffix.lower(), "md")
    return "table"


@bench_app.command("export-inspect")
def export_inspect(
    run: Annotated[Path, typer.Argument(help="Run log (RUN.json) to convert.")],
    out_dir: Annotated[
        Path,
        typer.Option("--out-dir", help="Where the inspect logs go: one .eval file per condition and task."),
    ] = Path("inspect-logs"),
) -> None:
    """Write a run log as inspect_ai eval logs (`inspect view --log-dir DIR` shows them)."""
    from proagentbench.benchmark import read_runlog
    from proagentbench.errors import MissingDependencyError

    log = read_runlog(run)
    try:
        from proagentbench.interop.inspect_log import export_inspect as write_logs
    except ModuleNotFoundError as exc:
        if exc.name != "inspect_ai" and not (exc.name or "").startswith("inspect_ai."):
            raise
        raise MissingDependencyError("inspect_ai", "inspect") from None
    for path in write_logs(log, out_dir):
        typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")
