"""Fixtures for the whole test suite."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared evaluation folder beside the repository (``../shared``: data, scorers, seed)."""
    if not SHARED.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED} (expected beside the repository)")
    return SHARED


# -- a real PostgreSQL server, for the store's tests on both backends --------------------------------


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """One PostgreSQL server for the session (see tests/pgserver.py); skipped when PostgreSQL is not
    installed, except under CI=true, where that fails."""
    from tests import pgserver

    try:
        import psycopg  # noqa: F401
    except ImportError as e:
        _missing(f"psycopg is not installed ({e}); pip install -e '.[test]'")
    if pgserver.binaries() is None:
        _missing("PostgreSQL binaries (initdb, pg_ctl) not found; apt-get install postgresql")
    server = pgserver.start()
    yield server
    server.stop()


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def pg_database(pg_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The DSN of a fresh, empty database on the session's server, dropped after the test."""
    dsn = pg_server.create_database()
    yield dsn
    pg_server.drop_database(dsn)


BACKENDS = ["sqlite", "postgres"]


def database_for(request: pytest.FixtureRequest, path: Path) -> str:
    """For a fixture parametrized over :data:`BACKENDS`: the SQLite file ``path``, or a fresh database
    on the session's PostgreSQL server, dropped when the fixture is torn down (any scope)."""
    if request.param == "sqlite":
        return str(path)
    server = request.getfixturevalue("pg_server")
    dsn = server.create_database()
    request.addfinalizer(lambda: server.drop_database(dsn))
    return str(dsn)
