"""`proagent export`, `stats` and `import`: thin layers over `proagentbench.export`, `corpus`, `importers`."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from proagentbench.cli.errors import naming
from proagentbench.cli.options import JsonOption, legacy_out_option, out_dir_from

if TYPE_CHECKING:
    from proagentbench.corpus import CorpusStats
    from proagentbench.export import ResidualPIIError

OUT_HELP = "Corpus directory to create (must not exist or be empty)."
SEED_HELP = "Seed of the hash-based split assignment."
SPLIT_BY_HELP = "Keep each user (default) or each session on one side of the train/test split."
import_app = typer.Typer(
    help="Convert public data into a corpus directory.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def export(
    db: Annotated[
        Path, typer.Option("--db", help="Clean store (SQLite) written by the anonymizer.", dir_okay=False)
    ],
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help=OUT_HELP, file_okay=False)] = None,
    legacy_out: Annotated[Path | None, legacy_out_option("--out-dir")] = None,
    split_by: Annotated[str, typer.Option("--split-by", help=SPLIT_BY_HELP)] = "user",
    test_fraction: Annotated[
        float, typer.Option("--test-fraction", help="Share of users/sessions put in test.")
    ] = 0.2,
    seed: Annotated[int, typer.Option("--seed", help=SEED_HELP)] = 0,
    license_id: Annotated[
        str, typer.Option("--license", help="License named in the dataset card.")
    ] = "cc-by-4.0",
    language: Annotated[
        list[str] | None,
        typer.Option("--language", help="Language of the recorded text for the card (BCP-47); repeatable."),
    ] = None,
    screenshots: Annotated[
        Path | None,
        typer.Option(
            "--screenshots",
            help="Folder of the clean store's redacted screenshots (default: <db stem>-screenshots).",
            file_okay=False,
        ),
    ] = None,
    scanner: Annotated[
        str | None,
        typer.Option(
            "--scanner",
            help="Residual-PII scanner: presidio (the anonymizer's, the default), an entry-point name "
            "(group proagentbench.scanners) or module:attr.",
        ),
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Export a clean store as a corpus directory (Parquet, redacted images, manifest, dataset card)."""
    from rich.console import Console

    from proagentbench.cli.progress import RichProgress
    from proagentbench.export import (
        ExportOptions,
        ResidualPIIError,
        default_scanner,
        export_corpus,
        load_scanner,
    )

    options = ExportOptions(
        split_by=split_by,
        test_fraction=test_fraction,
        seed=seed,
        license=license_id,
        screenshots_dir=screenshots.expanduser() if screenshots else None,
        language=tuple(language) if language else ExportOptions.language,
    )
    out = out_dir_from(out_dir, legacy_out)
    residual = load_scanner(scanner) if scanner else default_scanner()
    console = Console(stderr=True)
    try:
        with naming(store=db, output=out), RichProgress(transient=True) as progress:
            result = export_corpus(db.expanduser(), out, options, scanner=residual, progress=progress)
    except ResidualPIIError as exc:
        _print_findings(console, exc)
        raise
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    counts = result.manifest.counts
    if as_json:
        summary = {"out": str(result.out), "counts": counts, "warnings": result.warnings}
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(f"wrote {result.out} ({', '.join(f'{table} {n}' for table, n in counts.items())})")


def _print_findings(console: Any, exc: "ResidualPIIError") -> None:
    from proagentbench.cli.tables import print_table

    title = f"residual personal data ({exc.total} finding(s), first shown)"
    rows = [[finding.location, finding.entity] for finding in exc.findings]
    print_table(["where", "entity"], rows, title=title, console=console)


def stats(
    corpus: Annotated[Path, typer.Argument(help="Corpus directory.", file_okay=False)],
    plots: Annotated[
        Path | None, typer.Option("--plots", help="Write PNG plots into this folder.", file_okay=False)
    ] = None,
    as_json: bool = JsonOption,
) -> None:
    """Print (and plot) corpus statistics: hours, users, events, labels, intents, burstiness, memory."""
    from proagentbench.corpus import compute_stats, open_corpus

    opened = open_corpus(corpus.expanduser(), include_images=False)
    result = compute_stats(opened.root)
    written = []
    if plots is not None:
        from proagentbench.corpus import write_plots

        written = write_plots(result, plots.expanduser())
    if as_json:
        data = result.to_json()
        data["plots"] = [str(path) for path in written]
        typer.echo(json.dumps(data, indent=2))
        return
    _print_stats(result)
    for path in written:
        typer.echo(f"plot: {path}")


def _print_stats(result: "CorpusStats") -> None:
    from proagentbench.cli.tables import print_table
    from proagentbench.corpus import fmt_number as _fmt

    inter = result.inter_event
    rows = [
        ("hours", f"{result.hours:.2f}"),
        ("sessions", str(result.sessions)),
        ("users", str(result.users)),
        ("events", str(result.events)),
        *((f"  {kind}", str(n)) for kind, n in result.events_by_kind.items()),
        ("decision points", str(result.decision_points)),
        ("  positive / negative", f"{result.positives} / {result.negatives}"),
        ("  positive rate", _fmt(result.positive_rate)),
        *((f"  kind {kind}", str(n)) for kind, n in result.points_by_kind.items()),
        ("content points", str(result.content_points)),
        *((f"  intent {intent}", str(n)) for intent, n in result.intents.items()),
        ("inter-event times", str(inter.count)),
        ("  mean / sd (s)", f"{_fmt(inter.mean_s, 2)} / {_fmt(inter.std_s, 2)}"),
        ("  burstiness B", _fmt(inter.burstiness)),
        ("  memory M", _fmt(inter.memory)),
        *(
            (f"split {name}", f"{s.sessions} sessions, {s.users} users, {s.decision_points} points")
            for name, s in result.splits.items()
        ),
    ]
    print_table(["statistic", "value"], rows, title="corpus statistics")


@import_app.command("proactivebench")
def import_proactivebench_command(
    source: Annotated[
        Path,
        typer.Argument(help="reward-data .jsonl, an event-stream .json, a splits.json, or a folder of them."),
    ],
    out_dir: Annotated[Path | None, typer.Option("--out-dir", help=OUT_HELP, file_okay=False)] = None,
    legacy_out: Annotated[Path | None, legacy_out_option("--out-dir")] = None,
    test_fraction: Annotated[
        float,
        typer.Option(
            "--test-fraction",
            help="Share of recordings put in test (seeded hash split; 1 keeps all in test, as published).",
        ),
    ] = 0.5,
    seed: Annotated[int, typer.Option("--seed", help=SEED_HELP)] = 0,
    as_json: bool = JsonOption,
) -> None:
    """Convert ProactiveBench data (thunlp/ProactiveAgent) into a text-only corpus for the timing task."""
    from proagentbench.cli.progress import RichProgress
    from proagentbench.importers import ImportOptions, import_proactivebench

    out = out_dir_from(out_dir, legacy_out)
    options = ImportOptions(test_fraction=test_fraction, seed=seed)
    with RichProgress(transient=True) as progress:
        result = import_proactivebench(source.expanduser(), out, options, progress=progress)
    if as_json:
        summary = {
            "out": str(result.out),
            "source_points": result.source_points,
            "source_positives": result.source_positives,
            "files": [str(path) for path in result.files],
            "adjusted_steps": result.adjusted_steps,
        }
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(
        f"wrote {result.out}: {result.source_points} decision points ({result.source_positives} positive) "
        f"from {len(result.files)} file(s); "
        f"{result.adjusted_steps} backward/repeated clock step(s) set to 1 ms"
    )


def register(app: typer.Typer) -> None:
    app.command()(export)
    app.command()(stats)
    app.add_typer(import_app, name="import")
