"""org_context: workspaces, channels and repositories in app chrome."""

import pytest

from tests.anonymizer.recognizers.table import Finding, Row, build, findings, ids

ROWS: list[Row] = [
    ("general (Channel) - Acme Corp - Slack", [("Acme Corp", "ORGANIZATION", 0.7)]),
    ("Slack | #shop-dev | Northwind", [("Northwind", "ORGANIZATION", 0.7), ("#shop-dev", "CHANNEL", 0.75)]),
    ("Payments – Nortex Inc – Stripe", [("Nortex Inc", "ORGANIZATION", 0.7)]),
    ("Team Roadmap - Engineering - Confluence", [("Engineering", "ORGANIZATION", 0.7)]),
    ("Pull request #12 · acme/payments · GitHub", [("acme/payments", "REPO", 0.75)]),
    ("acme/payments: Payment service", [("acme/payments", "REPO", 0.75)]),
    ("Merge requests · group / project · GitLab", [("group / project", "REPO", 0.75)]),
    ("git clone https://github.com/utoth/kiss-billing.git", [("utoth/kiss-billing", "REPO", 0.75)]),
    ("@nszabo mentioned you in #deal-varga", [("#deal-varga", "CHANNEL", 0.75)]),
    ("Despacho - Slack", [("Despacho", "ORGANIZATION", 0.7)]),
    ("Royal- Slack", [("Royal", "ORGANIZATION", 0.7)]),  # OCR lost the space before the dash
    ("Threads - Slack", []),
    ("general - Slack", []),
    ("Mentions & reactions - Slack", []),
    ("Dashboard - Stripe", []),
    ("#include <stdio.h>", []),
    ("see docs/cli.md and/or the guide", []),
    ("src/app/main.py - Visual Studio Code", []),
    # a branch named by its kind names no owner; a person's branch prefix still counts
    ("git checkout -b feature/error-alias", []),
    ("git switch -c fix/login-redirect", []),
    ("release/2.4 - Visual Studio Code", []),
    ("git checkout -b utoth/kiss-billing", [("utoth/kiss-billing", "REPO", 0.75)]),
    ("Pull request #7 · feature/login · acme/payments · GitHub", [("acme/payments", "REPO", 0.75)]),
]
RECOGNIZER = build("org_context")


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=ids(ROWS))
def test_org_context(text: str, expected: list[Finding]) -> None:
    assert findings(RECOGNIZER, text) == sorted(expected)
