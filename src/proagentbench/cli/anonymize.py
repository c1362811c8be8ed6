"""`proagent scrub`, `proagent anonymize` and `proagent verify`: thin commands over the anonymizer API."""

import gc
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # the anonymizer (Presidio, spaCy) is imported only when a command runs
    from proagentbench.anonymizer import TextScrubber

from proagentbench import paths
from proagentbench.cli.errors import naming
from proagentbench.cli.executor_options import RayAddressOption, executor_option, executor_spec_for
from proagentbench.cli.options import DataDirOption, JsonOption, resolve_db
from proagentbench.cli.progress import RichProgress
from proagentbench.errors import ProagentError

PolicyOption = typer.Option(
    None,
    "--policy",
    help="Policy file (TOML): entities, operators, image mode. Default: built-in policy.",
    dir_okay=False,
)


ImageOption = typer.Option(None, "--image", help="Redact this image instead of reading text.", dir_okay=False)
OutputOption = typer.Option(None, "-o", "--out", help="Where to write the redacted image.", dir_okay=False)
KeyDbOption = typer.Option(
    None,
    "--db",
    help="Raw store whose pseudonym key to use (default: raw.sqlite in the data directory).",
    dir_okay=False,
)
ScrubJsonOption = typer.Option(False, "--json", help="Print one JSON object per line with the spans found.")
RawDbOption = typer.Option(
    None,
    "--db",
    help="Raw store to read (opened read-only; default: raw.sqlite in the data directory).",
    dir_okay=False,
)
OutOption = typer.Option(
    ..., "-o", "--out", help="Clean store to write (created if missing).", dir_okay=False
)
WorkersOption = typer.Option(
    2, "--workers", min=1, help="Processes for screenshot OCR (1 = in this process)."
)
ExecutorOption = executor_option("screenshot OCR chunks", "inline for 1 worker, process for more")
AllowRemoteRawOption = typer.Option(
    False,
    "--allow-remote-raw",
    help="Allow an executor on other machines (--ray-address): raw frames, text and the pseudonym key "
    "then cross the network to its workers.",
)
CleanDbOption = typer.Option(..., "--db", help="Clean store to re-scan (opened read-only).", dir_okay=False)
ImagesOption = typer.Option(True, "--images/--no-images", help="Also OCR and scan every screenshot.")
VerifyRawOption = typer.Option(
    None,
    "--raw",
    help="The raw store the clean one was made from (read-only): every value the anonymizer replaced there "
    "is searched for in the clean store too.",
    dir_okay=False,
)
ExplainOption = typer.Option(
    False, "--explain", help="Say which method (and which OCR read) found each finding."
)


class ScrubInputError(ProagentError):
    """Input text that cannot be decoded."""


def scrub(
    image: Path | None = ImageOption,
    output: Path | None = OutputOption,
    policy_file: Path | None = PolicyOption,
    db: Path | None = KeyDbOption,
    data_dir: Path | None = DataDirOption,
    as_json: bool = ScrubJsonOption,
) -> None:
    """Scrub text lines from stdin to stdout, or one image with --image IN -o OUT (the anonymize policy)."""
    from proagentbench.anonymizer import ScrubSetup, key_path, load_or_create_key, load_policy, make_scrubber

    policy = load_policy(policy_file)
    raw_db = resolve_db(db, data_dir)
    if not raw_db.parent.exists():
        paths.make_private_dir(raw_db.parent)  # where the key will live; an existing folder is left as is
    scrubber = make_scrubber(ScrubSetup(policy, load_or_create_key(key_path(raw_db))))
    # The analyzer and the modules behind it live until exit: frozen, they are no longer walked by each
    # collection nor by the one at exit (a tenth of a second of every call).
    gc.freeze()
    if image is not None:
        _scrub_image(image, output, scrubber)
        return
    if output is not None:
        raise ProagentError("-o/--out is only for --image; text goes to stdout")
    for number, raw_line in enumerate(sys.stdin.buffer, 1):
        try:
            line = raw_line.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            raise ScrubInputError(f"stdin line {number} is not valid UTF-8 (byte {exc.start})") from None
        result = scrubber.scrub(line)
        if as_json:
            record = {"text": result.text, "spans": [span.to_json() for span in result.spans]}
            sys.stdout.write(json.dumps(record) + "\n")
        else:
            sys.stdout.write(result.text + "\n")
        sys.stdout.flush()


def _scrub_image(source: Path, output: Path | None, scrubber: "TextScrubber") -> None:
    from proagentbench.anonymizer import redact_image

    if output is None:
        raise ProagentError("--image needs -o/--out for the redacted image")
    if output.resolve() == source.resolve():
        raise ProagentError("-o must differ from --image; the input is never overwritten")
    redacted = redact_image(source, output, scrubber)
    typer.echo(json.dumps({"output": str(output), "redacted": redacted}), err=True)


def anonymize(
    db: Path | None = RawDbOption,
    out: Path = OutOption,
    policy_file: Path | None = PolicyOption,
    data_dir: Path | None = DataDirOption,
    workers: int = WorkersOption,
    executor: str | None = ExecutorOption,
    ray_address: str | None = RayAddressOption,
    allow_remote_raw: bool = AllowRemoteRawOption,
    as_json: bool = JsonOption,
) -> None:
    """Anonymize every finished session of a raw store into a clean store (resumable, parallel)."""
    from proagentbench.anonymizer import anonymize_store, load_policy

    policy = load_policy(policy_file)
    executor_spec = executor_spec_for(executor, workers, ray_address)
    with naming(store=out), RichProgress() as bar:
        report = anonymize_store(
            resolve_db(db, data_dir),
            out,
            policy,
            workers=workers,
            executor=executor_spec,
            allow_remote_raw=allow_remote_raw,
            progress=bar,
        )
    typer.echo(
        f"anonymized {len(report.done)}, already done {len(report.skipped)}, still recording "
        f"{len(report.unfinished)}, failed {len(report.failed)}",
        err=True,
    )
    for failure in report.failed:
        typer.echo(f"  failed {failure.uid}: {failure.error} (left in the raw store; not written)", err=True)
    if as_json:
        summary = {
            "clean_store": str(out),
            "anonymized": report.done,
            "already_done": report.skipped,
            "still_recording": report.unfinished,
            "failed": [{"uid": failure.uid, "error": failure.error} for failure in report.failed],
        }
        typer.echo(json.dumps(summary, indent=2))
    if report.failed:
        raise typer.Exit(1)


def verify(
    db: Path = CleanDbOption,
    policy_file: Path | None = PolicyOption,
    images: bool = ImagesOption,
    as_json: bool = JsonOption,
    raw: Path | None = VerifyRawOption,
    explain: bool = ExplainOption,
) -> None:
    """Re-scan a clean store for residual PII in text and screenshots; exit 1 with a report if found."""
    from proagentbench.anonymizer import load_policy, verify_store

    policy = load_policy(policy_file)
    with naming(store=db), RichProgress() as bar:
        report = verify_store(db, policy, images=images, progress=bar, raw_db=raw)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "clean": report.clean,
                    "texts_checked": report.texts_checked,
                    "images_checked": report.images_checked,
                    "known_values": report.known_values,
                    "findings": [finding.to_json() for finding in report.findings],
                },
                indent=2,
            )
        )
    else:
        for finding in report.findings:
            typer.echo(f"{finding.where}: {finding.entity} {finding.excerpt}")
            if explain:
                typer.echo(f"  {finding.explain()}")
        typer.echo(
            f"checked {report.texts_checked} texts and {report.images_checked} images: "
            + ("no residual PII found" if report.clean else f"{len(report.findings)} finding(s)")
        )
    if not report.clean:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(scrub)
    app.command()(anonymize)
    app.command()(verify)
