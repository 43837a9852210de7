#!/usr/bin/env bash
# Install walkback into .venv and run the main job on the bundled example article.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# Python 3.11's own pip (23.2) cannot resolve lxml[html_clean] and lxml[html-clean] asked for by two
# packages (jusText, readability-lxml); pip 24 can
.venv/bin/python -m pip install --quiet --disable-pip-version-check "pip>=24" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[names]' 2>&1 | grep -v "^WARNING: Location" || true
exec .venv/bin/walkback demo --db "${WALKBACK_DB:-demo.db}" "$@"
