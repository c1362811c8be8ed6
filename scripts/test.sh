#!/usr/bin/env bash
# Sets up everything (system packages, .venv) and runs the whole test suite with lint and type checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
