"""The web app over a PostgreSQL database answers what it answers over SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import build_db
from walkback.web import WebConfig, create_app

PATHS = [
    "/api/articles",
    "/api/statements?limit=100",
    "/api/search?q=notify",
    "/api/speakers",
    "/api/speakers/Kirby",
    "/api/claims",
    "/api/relations?type=contradicts",
    "/api/relations?min_confidence=0&limit=2&offset=1",
    "/api/relations?min_confidence=0.3&speaker=kirby",
    "/api/speakers?limit=3&offset=2",
    "/api/speakers?name=john",
    "/api/statements?speaker=kirby&limit=3&offset=1",
    "/api/contradictions?min_confidence=0&limit=1&offset=1",
    "/speakers",
    "/api/walkbacks",
    "/api/contradictions",
    "/api/contradictions?min_confidence=0&sort=newest&outlet=cnn&since=2024-02&speaker=patel",
    "/api/walkbacks?min_confidence=0&review=unreviewed",
    "/",
    "/search?q=iraqi+government",
    "/walkbacks",
    "/contradictions?min_confidence=0&until=2024-02-05",
]


@pytest.fixture(scope="module")
def pg_client(pg_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    dsn = pg_server.create_database()
    build_db(dsn, tmp_path_factory.mktemp("web-pg"))  # type: ignore[arg-type]
    with TestClient(create_app(WebConfig(db=dsn)), raise_server_exceptions=False) as c:
        yield c


def _same(value: object) -> object:
    """The answer without what differs between two ingests: when, and from which temporary file."""
    if isinstance(value, dict):
        return {k: _same(v) for k, v in value.items() if k not in ("ingested_at", "source")}
    if isinstance(value, list):
        return [_same(v) for v in value]
    return value


@pytest.mark.parametrize("path", PATHS)
def test_same_answers_as_sqlite(client: TestClient, pg_client: TestClient, path: str) -> None:
    want, got = client.get(path), pg_client.get(path)
    assert got.status_code == want.status_code == 200, got.text
    if path.startswith("/api/"):
        assert _same(got.json()) == _same(want.json())
        assert got.headers.get("x-total-count") == want.headers.get("x-total-count")
    else:
        assert got.text == want.text


def test_no_stale_answers_from_a_cache(pg_client: TestClient, tmp_path: Path) -> None:
    first = pg_client.get("/api/articles")
    assert first.status_code == 200 and "etag" not in first.headers  # no cache: nothing to go stale


def test_a_connection_the_server_dropped_is_replaced(pg_server, pg_client: TestClient) -> None:  # type: ignore[no-untyped-def]
    assert pg_client.get("/api/articles").status_code == 200
    pg_server.admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'walkback' AND pid != pg_backend_pid()"
    )
    first = pg_client.get("/api/articles")
    # the first may meet the dropped connection: 503 and one line, not a trace; the next a new one
    assert first.status_code == 200 or (first.status_code == 503 and "StoreError" in first.text)
    assert pg_client.get("/api/articles").status_code == 200
