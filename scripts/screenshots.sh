#!/usr/bin/env bash
# Screenshots of every page, for a person to look at: runs the browser tests (Debian's chromium,
# driven by Playwright) at desktop (1280 px) and phone (390 px) width and lists the PNG files they
# write under test-output/browser/. Set-up first with ./scripts/test.sh (it installs chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || { echo "scripts/screenshots.sh: run ./scripts/test.sh first (it makes .venv)" >&2; exit 2; }
rm -rf test-output/browser
.venv/bin/python -m pytest -q -p no:cacheprovider tests/web/test_browser.py "$@"
echo "screenshots:"
ls -1 "$PWD"/test-output/browser/*.png
