"""The newsroom desk in-process: the lists of walk-backs and contradictions with their filters, marking
a flag from the page and through the API (write token only), the marks wherever the flag is shown, the
downloads, the API docs page, search highlights and human-readable dates."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from walkback.model import Relation
from walkback.store import Store
from walkback.web import WebConfig, create_app

from .conftest import TOKEN, copy_db
from .test_export import check_schema
from .test_pages import links, parse

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def desk(web_db: Path, tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """A writable copy with one more flag: a walk-back of words never quoted."""
    db = copy_db(web_db, tmp_path / "desk.db")
    with Store.open(db) as store:
        misspoke = next(r for r in store.flags("walkback")).source.pk
        with store.linking() as ledger:
            ledger.add_relation(
                Relation(type="walkback", from_statement=misspoke, to_statement=None, evidence=("misspoke",),
                         confidence=0.8, basis="reported", rule="reported.retreat",
                         target_text="that Iraq was told “in advance”", target_speaker="Kirby"),
                None,
            )  # fmt: skip
    with TestClient(create_app(WebConfig(db=str(db), write_token=TOKEN)), follow_redirects=False) as c:
        yield c, db


def _card(html: str, relation_id: int) -> str:
    start = html.index(f'id="r-{relation_id}"')
    return html[start : html.index("</article>", start)]


def test_lists_of_walkbacks_and_contradictions(client: TestClient) -> None:
    assert client.get("/?type=walkback", follow_redirects=False).headers["location"] == "/walkbacks"
    wb = client.get("/walkbacks").text
    assert "1 walk-back at confidence 0.70 or more" in wb and "misspoke" in wb
    sure = [c for c in client.get("/api/contradictions?min_confidence=0").json() if c["confidence"] >= 0.7]
    shown = client.get("/contradictions").text.count('class="rel rel-contradicts')
    assert shown == len(sure) < 3  # at the flag_threshold (0.7) by default: not every one of the seed's
    every = client.get("/contradictions?min_confidence=0").text
    assert every.count('class="rel rel-contradicts') == 3
    assert client.get("/contradictions?min_confidence=0&speaker=patel").text.count("rel rel-contradicts") == 1
    assert client.get("/contradictions?min_confidence=0&outlet=cnn").text.count("rel rel-contradicts") == 3
    assert client.get("/contradictions?min_confidence=0&outlet=Evil").text.count("rel rel-contradicts") == 0
    assert client.get("/contradictions?min_confidence=0&until=2024-02-04").text.count("rel rel-contr") == 0
    assert client.get("/contradictions?min_confidence=0&since=2024-02-05").text.count("rel rel-contr") == 3
    bad = client.get("/contradictions?since=2024-13")
    assert bad.status_code == 200 and "since must be" in bad.text
    assert "min_confidence must be" in client.get("/walkbacks?min_confidence=lots").text
    # no review form without a write token
    assert "/review" not in wb


def test_api_lists_take_the_same_filters(client: TestClient) -> None:
    every = client.get("/api/contradictions?min_confidence=0&sort=newest").json()
    assert len(every) == 3 and all(c["review"] is None and c["key"].startswith("f") for c in every)
    shown = client.get("/api/contradictions").json()
    assert len(shown) < 3 and all(c["confidence"] >= 0.7 for c in shown)
    assert len(client.get("/api/contradictions?min_confidence=0&speaker=Patel").json()) == 1
    assert len(client.get("/api/contradictions?min_confidence=0&until=2024-02-01").json()) == 0
    assert client.get("/api/walkbacks?review=maybe").status_code == 422
    r = client.get("/api/walkbacks?since=never")
    assert r.status_code == 400 and "since must be" in r.json()["error"]["message"]


def test_mark_from_the_page(desk: tuple[TestClient, Path]) -> None:
    c, _ = desk
    page = c.get("/walkbacks").text
    (wb,) = [r for r in c.get("/api/walkbacks").json() if r["to"]]
    card = _card(page, wb["id"])
    assert f'action="/flags/{wb["id"]}/review"' in card and 'name="token"' in card
    assert f'name="key" value="{wb["key"]}"' in card  # the flag as seen, should ids change before it is sent
    form = {"reviewer": "Ann Editor", "note": "Kirby said so on Monday", "state": "confirmed",
            "back": "/walkbacks?speaker=kirby"}  # fmt: skip
    wrong = c.post(f"/flags/{wb['id']}/review", data={**form, "token": "not-the-token"})
    assert wrong.status_code == 403 and c.get(f"/api/flags/{wb['id']}").json()["review"] is None
    r = c.post(f"/flags/{wb['id']}/review", data={**form, "token": TOKEN})
    assert r.status_code == 303 and r.headers["location"] == f"/walkbacks?speaker=kirby#r-{wb['id']}"
    # the mark, wherever the flag is shown
    mark = "<strong>Confirmed</strong> by Ann Editor"
    for path in ["/", "/walkbacks", f"/claims/{wb['to']['claim']}", f"/speakers/{wb['from']['speaker_id']}"]:
        html = c.get(path).text
        assert mark in _card(html, wb["id"]) and "Kirby said so on Monday" in html, path
    flag = c.get(f"/api/flags/{wb['id']}").json()
    assert flag["review"]["state"] == "confirmed" and flag["review"]["reviewer"] == "Ann Editor"
    assert re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", flag["review"]["reviewed_at"])  # ISO in the API
    assert [m["state"] for m in flag["reviews"]] == ["confirmed"]
    # another site's address is never where the form goes back to
    r = c.post(f"/flags/{wb['id']}/review", data={**form, "back": "https://evil.example/", "token": TOKEN})
    assert r.headers["location"] == f"/walkbacks#r-{wb['id']}"
    # a bad mark is an error page, not a trace
    r = c.post(f"/flags/{wb['id']}/review", data={**form, "reviewer": " ", "token": TOKEN})
    assert r.status_code == 422 and "say who marks the flag" in r.text


def test_dismiss_through_the_api_hides_the_flag(desk: tuple[TestClient, Path]) -> None:
    c, _ = desk
    (unquoted,) = [r for r in c.get("/api/walkbacks").json() if r["to"] is None]
    body = {
        "state": "dismissed",
        "reviewer": "Bo",
        "note": "the words are not Kirby's",
        "verdict": "wrong_pairing",
    }
    assert c.post(f"/api/flags/{unquoted['id']}/review", json=body).status_code == 401
    assert c.post(f"/api/flags/{unquoted['id']}/review", json=body,
                  headers={"Authorization": "Bearer nope"}).status_code == 403  # fmt: skip
    r = c.post(f"/api/flags/{unquoted['id']}/review", json=body, headers=AUTH)
    assert r.status_code == 200 and r.json()["review"]["verdict"] == "wrong_pairing"
    assert c.post("/api/flags/99999/review", json=body, headers=AUTH).status_code == 404
    assert c.post(f"/api/flags/{unquoted['id']}/review", json={**body, "state": "maybe"},
                  headers=AUTH).status_code == 422  # fmt: skip
    assert unquoted["id"] not in [r["id"] for r in c.get("/api/walkbacks").json()]  # dismissed: hidden
    assert [r["id"] for r in c.get("/api/walkbacks?review=dismissed").json()] == [unquoted["id"]]
    page = c.get("/walkbacks?review=dismissed").text
    card = _card(page, unquoted["id"])
    assert "<strong>Dismissed</strong> (wrong pairing) by Bo" in card
    # words never quoted: said so, with whom the report names
    assert "not quoted</span> that Iraq was told “in advance”" in card and "— Kirby" in card
    history = c.get("/api/reviews").json()
    assert (
        history[0]["reviewer"] == "Bo"
        and history[0]["flag"]["target_text"] == "that Iraq was told “in advance”"
    )


def test_downloads_from_the_page(desk: tuple[TestClient, Path]) -> None:
    c, _ = desk
    ids = [r["id"] for r in c.get("/api/walkbacks").json()]
    c.post(f"/api/flags/{ids[0]}/review", json={"state": "confirmed", "reviewer": "Ann"}, headers=AUTH)
    c.post(f"/api/flags/{ids[1]}/review", json={"state": "dismissed", "reviewer": "Ann"}, headers=AUTH)
    page = c.get("/walkbacks?review=all").text
    hrefs = [h for h in links(page) if "/export?" in h]
    assert {re.search(r"format=(\w+)", h)[1] for h in hrefs} == {"csv", "markdown", "claimreview", "judged"}  # type: ignore[index]
    got = {}
    for h in hrefs:
        r = c.get(h.replace("&amp;", "&"))
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"], h
        got[re.search(r"format=(\w+)", h)[1]] = r.text  # type: ignore[index]
    rows = list(csv.DictReader(io.StringIO(got["csv"])))
    assert {r["review"] for r in rows} == {"confirmed", "dismissed"}  # the list as shown: review=all
    assert (
        got["markdown"].startswith("# walkback report") and "**Review:** confirmed by Ann" in got["markdown"]
    )
    reviews = json.loads(got["claimreview"])  # only the confirmed flag with quoted, dated words
    for item in reviews:
        check_schema(item)
    assert len(reviews) == (1 if c.get(f"/api/flags/{ids[0]}").json()["to"] else 0)
    judged = [json.loads(x) for x in got["judged"].splitlines()]
    assert sorted(j["verdict"] for j in judged) == ["false", "true"]


def test_api_docs_page_is_served_from_the_package(client: TestClient) -> None:
    assert "/api/docs" in links(client.get("/").text)  # linked from the footer
    r = client.get("/api/docs")
    assert r.status_code == 200
    srcs = [a.get("src") or a.get("href") for t, a in parse(r.text).tags if t in ("script", "link")]
    assert srcs and all(s and s.startswith("/") for s in srcs)  # nothing from another site
    for src in srcs:
        assert client.get(src).status_code == 200, src
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "http" not in csp
    assert client.get("/").headers["content-security-policy"].count("default-src") == 1


def test_search_highlights_and_links(client: TestClient) -> None:
    html = client.get("/search?q=misspoke").text
    assert '<mark class="hit">misspoke</mark>' in html
    item = html[html.index('<li class="stmt"') : html.index("</li>", html.index('<li class="stmt"'))]
    hrefs = links(item)
    assert any(h.startswith("/speakers/") for h in hrefs) and any(h.startswith("/articles/") for h in hrefs)
    linked = client.get("/search?q=pre-notification").text
    assert re.search(
        r'<a class="claim" href="/claims/\d+">claim \d+</a> · <span class="stance denies">', linked
    )
    # a statement on no claim shows no stance (and none runs into a claim link)
    wb = client.get("/api/walkbacks").json()[0]
    article = client.get(f"/api/articles/{wb['from']['article']['id']}").json()
    loose = [st for st in article["statements"] if st["claim"] is None]
    assert loose, "the seed has statements on no claim"
    html = client.get(f"/articles/{article['id']}").text
    for st in loose:
        found = re.search(
            rf'<li id="st-\d+" class="stmt">(?:(?!</li>).)*?{re.escape(st["content"]["text"][:30])}',
            html,
            re.S,
        )
        assert found and 'class="stance' not in found.group(), st["content"]["text"]
    for page in (client.get("/search?q=Iraq").text, client.get(f"/speakers/{wb['from']['speaker_id']}").text):
        assert not re.search(r"</span><a[^>]*>claim", page) and "AFFIRMSclaim" not in page


def test_pages_show_dates_as_people_read_them(client: TestClient) -> None:
    wb = client.get("/api/walkbacks").json()[0]
    html = client.get(f"/articles/{wb['from']['article']['id']}").text
    assert '<time datetime="2024-02-05T17:01:00-05:00">5 Feb 2024, 17:01 UTC-05:00</time>' in html
    assert '<time datetime="2024-02-02">2 Feb 2024</time>' in html
    assert not re.search(r">\d{4}-\d{2}-\d{2}T", html)  # no raw timestamp shown
    assert wb["from"]["said_on"] == "2024-02-05"  # the API keeps ISO


def test_language_note() -> None:
    from types import SimpleNamespace

    from walkback.web.pages import language_note

    assert "in German" in (language_note(SimpleNamespace(language="de"), 0) or "")
    assert language_note(SimpleNamespace(language="de"), 3) is None
    assert language_note(SimpleNamespace(language="en"), 0) is None
    assert language_note(SimpleNamespace(), 0) is None  # articles without the field
