#!/usr/bin/env bash
# Install walkback into .venv and run the main job on the bundled example article.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e . 2>&1 | grep -v "^WARNING: Location" || true
exec .venv/bin/walkback demo --db "${WALKBACK_DB:-demo.db}" "$@"
