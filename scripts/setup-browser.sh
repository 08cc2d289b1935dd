#!/usr/bin/env bash
# Install what the real-browser tests (tests/test_browser.py) need on a Debian machine:
# Debian's chromium, the Noto CJK fonts (so Chinese labels render), and Playwright for Python.
# Idempotent: each step runs only when its result is missing. Run as root (or with sudo).
# Never runs `playwright install`: the tests drive Debian's /usr/bin/chromium.
#   PYTHON=/path/to/venv/bin/python scripts/setup-browser.sh
set -euo pipefail

PYTHON="${PYTHON:-python3}"
CHROMIUM=/usr/bin/chromium

have_cjk_font() {
    command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family | grep -qi 'Noto Sans CJK'
}

if [[ ! -x "$CHROMIUM" ]] || ! have_cjk_font; then
    if [[ "$(id -u)" -ne 0 ]]; then
        SUDO=sudo
    else
        SUDO=
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update
    $SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk fontconfig
else
    echo "chromium and Noto CJK fonts already installed"
fi

if ! "$PYTHON" -c 'import playwright.sync_api' >/dev/null 2>&1; then
    "$PYTHON" -m pip install 'playwright>=1.45'
else
    echo "playwright already installed for $PYTHON"
fi

"$CHROMIUM" --version
"$PYTHON" -c 'import importlib.metadata as m; print("playwright", m.version("playwright"))'
