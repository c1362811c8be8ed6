"""How much of a run was answered, and the commonest reason a sample failed.

A run whose samples mostly failed (an agent that raises, an endpoint that went away mid-run) must not look
like a result: `proagent bench` exits non-zero below `--min-coverage` and prints the commonest error.
"""

from collections import Counter
from dataclasses import dataclass

from proagentbench.benchmark.records import RunLog
from proagentbench.errors import ExitCode, ProagentError


class CoverageError(ProagentError):
    """Fewer decision points were answered than the run asked for (the run log is written all the same)."""

    exit_code = ExitCode.BELOW_COVERAGE


@dataclass(frozen=True)
class Coverage:
    samples: int
    answered: int
    errors: Counter[str]

    @property
    def share(self) -> float:
        return self.answered / self.samples if self.samples else 0.0

    def commonest_error(self) -> str | None:
        """The commonest per-sample error with its count, e.g. "agent raised X: y (16 of 16 samples)"."""
        if not self.errors:
            return None
        error, count = self.errors.most_common(1)[0]
        return f"{error} ({count} of {self.samples} samples)"


def run_coverage(log: RunLog) -> Coverage:
    """Over every condition and task of the run: samples, answered ones, and the failed ones' errors."""
    records = [r for c in log.conditions for task in log.tasks for r in getattr(c, task)]
    errors = Counter(r.error for r in records if r.error is not None)
    return Coverage(len(records), sum(1 for r in records if r.answered), errors)


def require_coverage(coverage: Coverage, minimum: float) -> None:
    """Raise `CoverageError` below ``minimum``, and always when not one sample was answered."""
    if coverage.samples and coverage.answered and coverage.share >= minimum:
        return
    line = f"{coverage.answered} of {coverage.samples} samples answered ({coverage.share:.0%})"
    if coverage.answered:
        line += f", below --min-coverage {minimum:g}"
    commonest = coverage.commonest_error()
    raise CoverageError(line + (f"; commonest error: {commonest}" if commonest else ""))
