#!/usr/bin/env bash
# Install walkback with its test extras into .venv and run the whole test suite
# (unit, store, ingest over loopback HTTP, CLI end to end, golden files, quality gate).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
exec .venv/bin/python -m pytest -q "$@"
