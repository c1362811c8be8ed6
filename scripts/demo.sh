#!/usr/bin/env bash
# Sets up everything (system packages, .venv) and runs the bundled sample sessions through the whole pipeline:
# raw store -> anonymize -> annotate -> export -> verify -> stats -> benchmark. No key, no network.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/proagent demo "$@"
