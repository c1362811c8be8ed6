#!/usr/bin/env bash
# Installs everything proagentbench needs on a fresh Debian/Ubuntu machine, idempotently:
# system packages (X server, input injection, window manager, OCR, fonts) through apt-get when missing,
# and the Python packages into the project-local virtual environment .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${PROAGENT_EXTRAS:-all,dev}"

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need Xvfb xvfb
need xdotool xdotool
need openbox openbox
need xprop x11-utils
need tesseract tesseract-ocr
# The review page's test drives Debian's chromium through Playwright (which never downloads a browser here).
need chromium chromium
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
# The recorder's tests open real Tk windows; Debian's python3 ships tkinter separately.
python3 -c 'import tkinter' >/dev/null 2>&1 || missing+=(python3-tk)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "bootstrap: installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python="${PYTHON:-}"
if [ -z "$python" ]; then
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            python="$candidate"
            break
        fi
    done
fi
[ -n "$python" ] || { echo "bootstrap: Python 3.11 or newer is required" >&2; exit 1; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.proagent-installed"
want="$(cat pyproject.toml scripts/bootstrap.sh | sha256sum | cut -d' ' -f1) $extras"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "bootstrap: installing Python packages into .venv (extras: $extras)"
    .venv/bin/python -m pip install -q --upgrade pip
    # The CPU build of torch lies on this kind of machine's disk; asking for it by version keeps pip from
    # fetching a multi-GB CUDA build for the embedding extra.
    .venv/bin/python -m pip install -q "torch==2.13.0" || true
    .venv/bin/python -m pip install -q -e ".[$extras]"
    echo "$want" > "$stamp"
fi
