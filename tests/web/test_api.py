"""The JSON API in-process: the CLI's JSON shapes, paging, filters, errors, and the token-guarded ingest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.test_cli import OTHER, server, walkback  # noqa: F401  (server is a fixture)
from walkback.report.links import relation_json
from walkback.settings import load_settings
from walkback.store import Store
from walkback.web import WebConfig, create_app

from .conftest import TOKEN, copy_db


def cli_json(db: Path, *args: str) -> object:
    r = walkback(*args, "--db", db, "--format", "json", cwd=db.parent)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize(
    ("path", "cli"),
    [
        ("/api/walkbacks", ("walkbacks",)),
        ("/api/contradictions", ("contradictions",)),
        ("/api/statements?speaker=kirby", ("statements", "--speaker", "kirby")),
        ("/api/statements?search=pre-notification", ("statements", "--search", "pre-notification")),
        ("/api/search?q=pre-notification", ("statements", "--search", "pre-notification")),
        ("/api/statements?since=2024-02-05&until=2024-02-05",
         ("statements", "--since", "2024-02-05", "--until", "2024-02-05")),
        ("/api/claims?min_statements=2", ("claims", "--min-statements", "2")),
        ("/api/speakers", ("speakers",)),
        ("/api/speakers/Kirby", ("speaker", "Kirby")),
    ],
)  # fmt: skip
def test_api_json_is_the_cli_json(client: TestClient, web_db: Path, path: str, cli: tuple[str, ...]) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.json() == cli_json(web_db, *cli)


def test_claim_and_article_by_id(client: TestClient, web_db: Path) -> None:
    wb = client.get("/api/walkbacks").json()[0]
    claim_id = wb["to"]["claim"]
    assert claim_id is not None
    assert client.get(f"/api/claims/{claim_id}").json() == cli_json(web_db, "claim", str(claim_id))
    art = client.get(f"/api/articles/{wb['to']['article']['id']}").json()
    assert art["title"].startswith("US corrects earlier claim")
    assert (
        art["versions"] == [1]
        and art["text"][wb["to"]["content"]["start"] : wb["to"]["content"]["end"]]
        == (wb["to"]["content"]["text"])
    )
    assert {s["id"] for s in art["statements"]} >= {wb["to"]["id"], wb["from"]["id"]}


def test_paging_headers(client: TestClient) -> None:
    first = client.get("/api/statements?limit=5")
    total = int(first.headers["x-total-count"])
    assert total > 10 and len(first.json()) == 5
    assert 'rel="next"' in first.headers["link"] and 'rel="prev"' not in first.headers["link"]
    second = client.get("/api/statements?limit=5&offset=5")
    assert 'rel="prev"' in second.headers["link"]
    assert {s["id"] for s in first.json()}.isdisjoint(s["id"] for s in second.json())
    last = client.get(f"/api/statements?limit=5&offset={total - 2}")
    assert len(last.json()) == 2 and 'rel="next"' not in last.headers.get("link", "")


def test_a_speakers_timeline_comes_in_pages(client: TestClient) -> None:
    """A speaker's answer held every statement (880 KB for the most quoted speaker of PolNeAR train,
    and 20 clients asking for such answers waited 0.3 s at p95, cached or not): now a page of them,
    with the count of all and links to the next page."""
    whole = client.get("/api/speakers/Kirby").json()
    n = whole["statements"]
    assert n >= 3 and len(whole["timeline"]) == n  # under the default page of 100: all of them
    first = client.get("/api/speakers/Kirby?limit=2")
    assert [s["id"] for s in first.json()["timeline"]] == [s["id"] for s in whole["timeline"][:2]]
    assert first.headers["x-total-count"] == str(n) and 'rel="next"' in first.headers["link"]
    rest = client.get(f"/api/speakers/Kirby?limit=2&offset={n - 1}").json()["timeline"]
    assert [s["id"] for s in rest] == [whole["timeline"][-1]["id"]]
    assert client.get("/api/speakers/Kirby?limit=0").status_code == 422


def test_a_page_of_relations_is_the_slice_of_all_of_them(client: TestClient, web_db: Path) -> None:
    """Cut in SQL, a page of /api/relations holds what slicing every relation gave, with the same
    total and links, at the edges of pages, at each relation's own confidence and for each type."""
    with Store.open(web_db, readonly=True) as db:
        every = db.relations()
        thresholds = sorted({0.0, 1.0, *(r.confidence for r in every)})
        cases = [(t, c, sp) for t in (None, "contradicts", "supports", "walkback") for c in thresholds
                 for sp in (None, "kirby")]  # fmt: skip
        for type, threshold, speaker in cases:
            rows = db.relations(type, speaker=speaker, min_confidence=threshold)
            n = len(rows)
            for limit, offset in [(1, 0), (1, max(0, n - 1)), (2, 1), (100, 0), (3, n), (1, n + 1)]:
                query = {"min_confidence": repr(threshold), "limit": limit, "offset": offset}
                query |= {k: v for k, v in (("type", type), ("speaker", speaker)) if v is not None}
                r = client.get("/api/relations", params=query)
                assert r.status_code == 200, r.text
                page = rows[offset : offset + limit]
                assert r.json() == [relation_json(x) for x in page], query
                assert r.headers["x-total-count"] == str(n)
                links = r.headers.get("link", "")
                assert ('rel="next"' in links) == (offset + len(page) < n)
                assert ('rel="prev"' in links) == (offset > 0)
        default = client.get("/api/relations")  # the flag_threshold setting: 0.7
        assert default.json() == [relation_json(x) for x in db.relations(min_confidence=0.7)]
    assert len(every) == 6 and {x.type for x in every} == {"contradicts", "supports", "walkback"}


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/claims/999999", 404, "no claim 999999"),
        ("/api/speakers/Nobody%20Atall", 404, "no speaker matches"),
        ("/api/articles/nope", 404, "no article"),
        ("/api/statements?limit=0", 422, "limit"),
        ("/api/statements?since=2024-13", 400, "since must be"),
        ("/api/relations?type=hates", 422, "type"),
        ("/api/claims/abc", 422, "claim_id"),
        ("/api/nothing-here", 404, "Not Found"),
        # numbers past the store's 64-bit integers (issue 14: HTTP 500, "Python int too large")
        ("/api/statements?offset=99999999999999999999", 422, "offset"),
        ("/api/claims?min_statements=99999999999999999999", 422, "min_statements"),
        ("/api/claims/99999999999999999999999", 422, "claim_id"),
        ("/api/claims/-99999999999999999999999", 422, "claim_id"),
        ("/api/articles/x?version=99999999999999999999", 422, "version"),
        ("/api/speakers/99999999999999999999", 404, "no speaker matches"),
        ("/api/speakers/%C2%B2", 404, "no speaker matches"),  # "²" is a digit int() cannot read
    ],
)
def test_errors_are_json_one_liners(client: TestClient, path: str, status: int, words: str) -> None:
    r = client.get(path)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert words in err["message"] and "\n" not in err["message"]
    assert "Traceback" not in r.text and 'File "' not in r.text


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "walkback"
    paths = set(spec["paths"])
    assert {"/api/statements", "/api/search", "/api/claims/{claim_id}", "/api/speakers/{name}",
            "/api/relations", "/api/articles", "/api/ingest"} <= paths  # fmt: skip
    assert "post" in spec["paths"]["/api/ingest"]
    assert not any(p.startswith("/claims") for p in paths)  # pages stay out of the API description


def test_ingest_refused_without_write_token_configured(client: TestClient) -> None:
    r = client.post(
        "/api/ingest", json={"url": "https://example.com/a"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert r.status_code == 403 and "writing is off" in r.json()["error"]["message"]


@pytest.fixture
def writable(web_db: Path, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = copy_db(web_db, tmp_path / "copy.db")
    settings = load_settings(None, allow_private_addresses=True)
    with TestClient(create_app(WebConfig(db=str(db), settings=settings, write_token=TOKEN))) as c:
        yield c, db


def test_ingest_needs_the_token(writable: tuple[TestClient, Path]) -> None:
    c, _ = writable
    before = c.get("/api/articles").json()
    r = c.post("/api/ingest", json={"url": "https://example.com/a"})
    assert r.status_code == 401 and "Bearer" in r.json()["error"]["message"]
    r = c.post(
        "/api/ingest", json={"url": "https://example.com/a"}, headers={"Authorization": "Bearer wrong-token"}
    )
    assert r.status_code == 403
    assert c.get("/api/articles").json() == before


def test_ingest_upload_then_again_changes_nothing(writable: tuple[TestClient, Path]) -> None:
    c, _ = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    files = {"file": (OTHER.name, OTHER.read_bytes(), "text/plain")}
    r = c.post("/api/ingest", files=files, data={"published": "2024-03-12"}, headers=auth)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["summary"]["new"] == 1 and body["articles"][0]["source"] == OTHER.name
    assert body["articles"][0]["statements"] > 0
    article_id = body["articles"][0]["article_id"]
    listed = c.get("/api/articles").json()
    assert article_id in {a["id"] for a in listed}
    again = c.post("/api/ingest", files=files, data={"published": "2024-03-12"}, headers=auth).json()
    assert again["summary"]["unchanged"] == 1 and again["summary"]["new"] == 0
    assert len(c.get("/api/articles").json()) == len(listed)


def test_ingest_url_from_a_loopback_server(writable: tuple[TestClient, Path], server: str) -> None:  # noqa: F811
    c, _ = writable
    r = c.post("/api/ingest", json={"url": f"{server}/article"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    assert r.json()["articles"][0]["title"] == "Dock workers extend strike as talks stall"
    r = c.post("/api/ingest", json={"url": f"{server}/missing"}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422 and "404" in r.json()["error"]["message"]
    r = c.post(
        "/api/ingest", json={"url": "file:///etc/passwd"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert r.status_code == 422 and "http" in r.json()["error"]["message"]


def test_ingest_refuses_private_addresses_unless_allowed(web_db: Path, tmp_path: Path, server: str) -> None:  # noqa: F811
    db = copy_db(web_db, tmp_path / "copy.db")
    with TestClient(create_app(WebConfig(db=str(db), write_token=TOKEN))) as c:
        r = c.post(
            "/api/ingest", json={"url": f"{server}/article"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert r.status_code == 422 and "address" in r.json()["error"]["message"], r.text
