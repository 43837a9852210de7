#!/usr/bin/env bash
# Install walkback with its test extras into .venv and run the whole test suite
# (unit, store, ingest over loopback HTTP, CLI end to end, golden files, quality gate).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# Python 3.11's own pip (23.2) cannot resolve lxml[html_clean] and lxml[html-clean] asked for by two
# packages (jusText, readability-lxml); pip 24 can
.venv/bin/python -m pip install --quiet --disable-pip-version-check "pip>=24" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
# apt_install PACKAGE WHAT: install a Debian package when we may (root, apt-get), else say what is skipped
apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        (apt-get install -y -q "$1" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$1" >/dev/null 2>&1; }) \
            && return 0
    fi
    echo "scripts/test.sh: could not install $1; $2" >&2
}
# the browser tests drive Debian's chromium (no browser download)
command -v chromium >/dev/null 2>&1 || apt_install chromium "the browser tests will be skipped"
# the store tests run on PostgreSQL too: their fixture starts a server from these binaries
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
    apt_install postgresql "the PostgreSQL tests will be skipped (and fail under CI=true)"
fi
# the Spark tests run pyspark in local mode, which needs Java 17+ (Debian's default-jre-headless)
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    apt_install default-jre-headless "the Spark tests will be skipped"
fi
exec .venv/bin/python -m pytest -q "$@"
