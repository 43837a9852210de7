"""The pages in-process: what a reader sees, and that hostile article text stays inert."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from walkback.web import WebConfig, create_app

from .conftest import HOSTILE_URL, TOKEN, copy_db


class _Page(HTMLParser):
    """Collects tags with their attributes, and the text inside <script> (there must be none)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts += 1


def parse(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


def links(html: str) -> list[str]:
    return [a["href"] or "" for tag, a in parse(html).tags if tag == "a" and "href" in a]


def test_home_lists_the_walkback_with_both_quotes(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    first = html.index('class="rel rel-')
    assert html[first:].startswith('class="rel rel-walkback"') or "rel-walkback" in html
    card = html[html.index("rel-walkback") :]
    card = card[: card.index("</article>")]
    assert "did inform the Iraqi government prior to the strikes" in card  # the earlier quote
    assert "misspoke" in card  # the later one, with its evidence
    assert "2024-02-02" in card and "2024-02-05" in card and "John Kirby" in card
    hrefs = links(card)
    assert any(h.startswith("/claims/") for h in hrefs)
    assert any(h.startswith("/articles/") for h in hrefs)
    assert "https://lite.cnn.com/2024/02/05/politics/us-did-not-notify-iraq-strikes/index.html" in hrefs


def test_home_puts_walkbacks_before_contradictions_with_counts(client: TestClient) -> None:
    html = client.get("/").text
    assert html.index('class="flags flags-walkback"') < html.index('class="flags flags-contradicts"')
    walkbacks = client.get("/api/walkbacks").json()
    contradictions = client.get("/api/contradictions").json()  # at the flag_threshold (0.7)
    assert f"<strong>{len(walkbacks)}</strong> walk-back{'' if len(walkbacks) == 1 else 's'}<" in html
    n = len(contradictions)
    assert f"<strong>{n}</strong> contradiction{'' if n == 1 else 's'}<" in html
    every = client.get("/api/contradictions?min_confidence=0").json()
    assert len(every) > len(contradictions)  # the seed's contradictions are less sure than 0.7 ...
    assert f"{len(every) - len(contradictions)} more below the threshold" in html  # ... and said so
    assert "/contradictions?min_confidence=0&amp;review=all" in html


def test_lists_are_newest_first(client: TestClient) -> None:
    html = client.get("/contradictions?min_confidence=0").text
    dates = re.findall(r'Later · <time datetime="([^"]+)">', html)
    assert len(dates) == 3 and dates == sorted(dates, reverse=True)


def test_claim_timeline_has_svg_lanes_and_arcs(client: TestClient) -> None:
    wb = client.get("/api/walkbacks").json()[0]
    html = client.get(f"/claims/{wb['to']['claim']}").text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") >= 3
    assert 'class="wb-arc wb-walkback"' in svg and 'class="wb-arc wb-contradicts"' in svg
    # every dot leads to its statement on the page, grouped by stance in date order
    for anchor in re.findall(r'href="#(s-\d+)"', svg):
        assert f'id="{anchor}"' in html
    affirms = html[html.index("lane-affirms") : html.index("lane-neither")]
    denies = html[html.index("lane-denies") :]
    assert "did inform the Iraqi government" in affirms and "pre-notification" in denies
    said = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})">', denies[: denies.index("</section>")])
    assert said == sorted(said)


def test_speaker_page_has_roles_statements_and_walkbacks(client: TestClient) -> None:
    kirby = client.get("/api/speakers/Kirby").json()
    html = client.get(f"/speakers/{kirby['id']}").text
    assert "<h1>John Kirby" in html
    assert "Roles over time" in html and "spokesman" in html.lower()
    assert "Walk-backs (1)" in html and "misspoke" in html
    assert html.count('class="stmt"') >= kirby["statements"]


def test_article_page_marks_content_cue_and_speaker(client: TestClient) -> None:
    wb = client.get("/api/walkbacks").json()[0]
    article_id = wb["to"]["article"]["id"]
    html = client.get(f"/articles/{article_id}").text
    assert 'class="hl-content"' in html and 'class="hl-cue"' in html and "hl-speaker" in html
    text = client.get(f"/api/articles/{article_id}").json()["text"]
    visible = re.sub(
        r"<[^>]+>",
        "",
        html[html.index('class="article-text"') : html.index("</div>", html.index('class="article-text"'))],
    )
    assert "Kirby confirmed that he misspoke" in visible
    assert text.split("\n")[0][:40] in visible.replace("&#39;", "'").replace("&quot;", '"')
    assert len(re.findall(r'<li id="st-\d+" class="stmt">', html)) == len(
        client.get(f"/api/articles/{article_id}").json()["statements"]
    )


def test_search_with_filters(client: TestClient) -> None:
    html = client.get("/search?q=pre-notification").text
    assert "statement(s) found" in html and "there was not a pre-notification" in re.sub(r"<[^>]+>", "", html)
    assert 'there was not a <mark class="hit">pre-notification</mark>' in html  # the words searched, marked
    assert "0 statement(s) found" in client.get("/search?q=pre-notification&speaker=Nobody").text
    dated = client.get("/search?q=Iraq&since=2024-02-05&until=2024-02-05").text
    assert "2024-02-02" not in re.sub(r'value="[^"]*"', "", dated)
    assert "statement(s) found" in client.get("/search?q=Iraq&outlet=CNN").text
    bad = client.get("/search?q=Iraq&since=2024-13")
    assert bad.status_code == 200 and "since must be" in bad.text


@pytest.mark.parametrize("path", ["/claims/999999", "/speakers/999999", "/articles/nope", "/nowhere"])
def test_missing_things_are_404_pages(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and "<h1>404</h1>" in r.text and "Traceback" not in r.text


@pytest.mark.parametrize(
    "path",
    ["/claims/99999999999999999999999", "/speakers/99999999999999999999999",
     "/articles/x?version=99999999999999999999", "/walkbacks?page=99999999999999999999"],
)  # fmt: skip
def test_numbers_out_of_range_are_422_pages(client: TestClient, path: str) -> None:
    """Issue 14: these were HTTP 500 ("Python int too large to convert to SQLite INTEGER")."""
    r = client.get(path)
    assert r.status_code == 422 and "<h1>422</h1>" in r.text and "Traceback" not in r.text


def _every_page(client: TestClient) -> dict[str, str]:
    hostile = client.get("/api/search?q=disaster").json()[0]
    pages = ["/", "/claims", "/speakers", "/articles", "/search?q=disaster", "/search?q=%3Cscript%3E",
             "/walkbacks?min_confidence=0", "/contradictions?min_confidence=0&review=all",
             "/search?q=budget", "/search?q=library",
             f"/articles/{hostile['article']['id']}",
             "/search?q=library&outlet=Evil%20%3Cb%3ETimes%3C%2Fb%3E"]  # fmt: skip
    for sp in client.get("/api/speakers?limit=500").json():
        pages.append(f"/speakers/{sp['id']}")
    for c in client.get("/api/claims?min_statements=1&limit=500").json():
        pages.append(f"/claims/{c['id']}")
    return {p: client.get(p).text for p in pages}


def test_hostile_text_renders_inert_everywhere(client: TestClient) -> None:
    pages = _every_page(client)
    assert any("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html for html in pages.values())
    for path, html in pages.items():
        page = parse(html)
        assert page.scripts == 0, path
        assert "<script" not in html.lower(), path
        for tag, attrs in page.tags:
            for name, value in attrs.items():
                assert not name.startswith("on"), (path, tag, name)
                assert "javascript:" not in (value or "").lower(), (path, tag, name, value)
        assert "<b>Times</b>" not in html, path
    assert HOSTILE_URL not in " ".join(pages.values())


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script may run at all
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert client.get("/api/walkbacks").headers["content-security-policy"] == csp


def test_ingest_form_off_without_token(client: TestClient) -> None:
    r = client.get("/ingest")
    assert r.status_code == 403 and "Ingest is off" in r.text
    assert "/ingest" not in links(client.get("/").text)
    assert client.post("/ingest", data={"url": "https://example.com", "token": TOKEN}).status_code == 403


def test_ingest_form_with_token(web_db: Path, tmp_path: Path) -> None:
    from tests.test_cli import OTHER

    db = copy_db(web_db, tmp_path / "copy.db")
    with TestClient(create_app(WebConfig(db=str(db), write_token=TOKEN))) as c:
        assert "/ingest" in links(c.get("/").text)
        form = c.get("/ingest").text
        assert 'name="token"' in form and 'type="file"' in form
        files = {"file": (OTHER.name, OTHER.read_bytes(), "text/plain")}
        wrong = c.post("/ingest", files=files, data={"token": "not-the-token", "published": "2024-03-12"})
        assert wrong.status_code == 403
        r = c.post("/ingest", files=files, data={"token": TOKEN, "published": "2024-03-12"})
        assert r.status_code == 201 and "1 new" in r.text, r.text
        href = next(h for h in links(r.text) if h.startswith("/articles/"))
        assert c.get(href).status_code == 200


def test_cached_pages_follow_the_database(web_db: Path, tmp_path: Path) -> None:
    """A cached answer is never served after the database changed; an ETag gives 304."""
    from tests.test_cli import OTHER

    db = copy_db(web_db, tmp_path / "copy.db")
    with TestClient(create_app(WebConfig(db=str(db), write_token=TOKEN))) as c:
        first = c.get("/articles")
        etag = first.headers["etag"]
        assert c.get("/articles", headers={"If-None-Match": etag}).status_code == 304
        files = {"file": (OTHER.name, OTHER.read_bytes(), "text/plain")}
        assert c.post("/api/ingest", files=files, data={"published": "2024-03-12"},
                      headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201  # fmt: skip
        after = c.get("/articles", headers={"If-None-Match": etag})
        assert after.status_code == 200 and after.text.count("<tr>") == first.text.count("<tr>") + 1


def test_speaker_page_reads_the_first_statements_and_counts_the_rest(web_db: Path) -> None:
    """The speaker page fetches 100 statements, not all of them: the counts and the first ones must be
    what the whole list gives, for every speaker."""
    from collections import Counter

    from walkback.store import Store

    with Store.open(str(web_db), readonly=True) as store:
        speakers = store.speakers(limit=None)
        assert speakers
        for sp in speakers:
            every = store.speaker_statements_view(sp.id)
            assert store.speaker_by_id(sp.id).statement_count == len(every)  # what the page shows
            assert store.speaker_claim_counts(sp.id) == dict(
                Counter(s.claim_id for s in every if s.claim_id is not None)
            )
            assert store.speaker_statements_view(sp.id, limit=2) == every[:2]


def test_an_article_in_a_language_not_handled_says_so_on_its_page(tmp_path: Path) -> None:
    from tests.ingest.test_language import ZULU
    from walkback.model import Article
    from walkback.store import Store

    db = tmp_path / "zulu.db"
    article = Article(
        id="azulu", url="https://izindaba.example/1", outlet="Izindaba", title="Uhulumeni uthembisa izindlu",
        authors=(), published=None, updated=None, text=ZULU, paragraphs=((0, len(ZULU)),), language="zu",
    )  # fmt: skip
    with Store.open(db) as store:
        store.save(article, [])
    with TestClient(create_app(WebConfig(db=str(db))), raise_server_exceptions=False) as c:
        html = c.get("/articles/azulu").text
    assert 'language <span lang="en">zu</span>' in html
    assert re.search(
        r'<p class="note" role="note">Not read for statements: written in &#39;zu&#39;; [^<]+</p>', html
    )
    assert "0 statement(s)" in html
