#!/usr/bin/env bash
# Install walkback with its test extras into .venv and run the whole test suite
# (unit, store, ingest over loopback HTTP, CLI end to end, golden files, quality gate).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
# the browser tests drive Debian's chromium (no browser download); install it when we may
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }) \
        || echo "scripts/test.sh: could not install chromium; the browser tests will be skipped" >&2
fi
# the Spark tests run pyspark in local mode, which needs Java 17+ (Debian's default-jre-headless)
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -q default-jre-headless >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q default-jre-headless >/dev/null 2>&1; }) \
        || echo "scripts/test.sh: could not install Java; the Spark tests will be skipped" >&2
fi
exec .venv/bin/python -m pytest -q "$@"
