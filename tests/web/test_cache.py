"""The response cache while the database is written: exact when it is unchanged, then answers at most
``stale_seconds`` old, renewed by one request, and never stale for whoever asks for fresh or wrote."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from walkback.web import WebConfig, create_app
from walkback.web import cache as cache_module

from .conftest import TOKEN, copy_db


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(cache_module.time, "monotonic", c)
    return c


def retitle(db: Path, name: str) -> None:
    """A write by another process (an ingest, say): the list of articles shows the headlines."""
    with sqlite3.connect(db) as con:
        con.execute("UPDATE article_versions SET title = ?", (name,))


def test_stale_answers_are_bounded_and_renewed_by_one_request(
    web_db: Path, tmp_path: Path, clock: Clock
) -> None:
    db = copy_db(web_db, tmp_path / "copy.db")
    retitle(db, "Headline One")
    with TestClient(create_app(WebConfig(db=str(db), cache_stale_seconds=4))) as c:
        first = c.get("/articles")
        assert "Headline One" in first.text and "age" not in first.headers
        retitle(db, "Headline Two")
        clock.now += 1  # younger than half the window: the answer made before the write, saying how old
        stale = c.get("/articles")
        assert "Headline One" in stale.text and stale.headers["age"] == "1"
        assert stale.headers["etag"] == first.headers["etag"]
        assert "Headline Two" in c.get("/articles", headers={"Cache-Control": "no-cache"}).text
        clock.now += 2.5  # past four fifths of the window: the next request renders it again
        renewed = c.get("/articles")
        assert "Headline Two" in renewed.text and "age" not in renewed.headers
        retitle(db, "Headline Three")
        clock.now += 4  # the answer is now as old as the window: never served
        assert "Headline Three" in c.get("/articles").text


def test_while_one_request_renders_the_others_get_the_stale_answer(
    web_db: Path, tmp_path: Path, clock: Clock
) -> None:
    db = copy_db(web_db, tmp_path / "copy.db")
    app = create_app(WebConfig(db=str(db), cache_stale_seconds=4))
    with TestClient(app) as c:
        c.get("/articles")
        retitle(db, "Headline Two")
        clock.now += 3.5  # due to be rendered again
        cache = app.middleware_stack
        while not isinstance(cache, cache_module.ResponseCache):
            cache = cache.app
        cache._renewing.add(("/articles", b""))  # as if another request were rendering it now
        r = c.get("/articles")
        assert "Headline Two" not in r.text and r.headers["age"] == "3"
        cache._renewing.clear()
        assert "Headline Two" in c.get("/articles").text


def test_a_write_through_the_server_is_seen_at_once(web_db: Path, tmp_path: Path, clock: Clock) -> None:
    from tests.test_cli import OTHER

    db = copy_db(web_db, tmp_path / "copy.db")
    with TestClient(create_app(WebConfig(db=str(db), write_token=TOKEN, cache_stale_seconds=30))) as c:
        before = c.get("/articles").text.count("<tr>")
        files = {"file": (OTHER.name, OTHER.read_bytes(), "text/plain")}
        r = c.post("/api/ingest", files=files, data={"published": "2024-03-12"},
                   headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert r.status_code == 201 and cache_module.WROTE_COOKIE in r.headers["set-cookie"]
        assert c.get("/articles").text.count("<tr>") == before + 1
    # another process of the server: the client's cookie is what makes its answer exact
    with TestClient(create_app(WebConfig(db=str(db), cache_stale_seconds=30))) as other:
        other.get("/articles")
        retitle(db, "Headline Two")
        assert "Headline Two" not in other.get("/articles").text
        other.cookies.set(cache_module.WROTE_COOKIE, "1")
        assert "Headline Two" in other.get("/articles").text


def test_stale_seconds_zero_is_the_exact_cache(web_db: Path, tmp_path: Path, clock: Clock) -> None:
    db = copy_db(web_db, tmp_path / "copy.db")
    with TestClient(create_app(WebConfig(db=str(db), cache_stale_seconds=0))) as c:
        c.get("/articles")
        retitle(db, "Headline Two")
        assert "Headline Two" in c.get("/articles").text
