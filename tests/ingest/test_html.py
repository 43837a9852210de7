"""HTML pages, read with trafilatura."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from walkback.errors import NoArticleError
from walkback.ingest import read_article
from walkback.ingest.fetch import decode_page
from walkback.ingest.html import read_html
from walkback.ingest.readers import Document

from .helpers import PARAGRAPHS, SHARED, article_html

ZYTE = SHARED / "data" / "zyte-article-benchmark"

JSON_LD = """<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "The Daily Example"},
  {"@type": "NewsArticle", "headline": "Council approves library budget",
   "datePublished": "2024-03-05T09:30:00-05:00", "dateModified": "2024-03-05T12:00:00-05:00",
   "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}]}
]}
</script>
<link rel="canonical" href="https://www.example.com/news/library-budget?utm_source=feed">"""


def test_html_article(settings, write):
    path = write("page.html", article_html(head=JSON_LD))
    article = read_article(str(path), settings=settings)
    assert article.title == "Council approves library budget"
    assert article.outlet == "The Daily Example"
    assert article.text.split("\n\n") == PARAGRAPHS
    assert [article.text[s:e] for s, e in article.paragraphs] == PARAGRAPHS
    for junk in ("Home", "Sport", "Copyright", "Privacy"):
        assert junk not in article.text
    est = timezone(timedelta(hours=-5))
    assert article.published == datetime(2024, 3, 5, 9, 30, tzinfo=est)
    assert article.updated == datetime(2024, 3, 5, 12, 0, tzinfo=est)
    assert article.url is not None and article.url.startswith("https://www.example.com/news/library-budget")
    assert set(article.authors) >= {"Jane Doe"}
    assert article.source == str(path)


def test_html_meta_published_time_wins_over_argument(settings, write):
    head = '<meta property="article:published_time" content="2024-03-05T14:30:00Z">'
    path = write("page.html", article_html(head=head))
    article = read_article(str(path), settings=settings, published=datetime(2000, 1, 1, tzinfo=UTC))
    assert article.published == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "unset", ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59Z"]
)
def test_html_date_out_of_range_is_ignored_with_a_warning(settings, write, caplog, unset):
    """Issue 14: "0001-01-01T00:00:00Z" (the unset date of site generators) led to OverflowError."""
    head = (
        f'<meta property="article:published_time" content="{unset}">'
        f'<meta property="article:modified_time" content="{unset}">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-03-05T14:30:00Z"}</script>'
    )
    path = write("page.html", article_html(head=head))
    with caplog.at_level("WARNING", logger="walkback"):
        article = read_article(str(path), settings=settings)
    assert article.published == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)  # the next date the page gives
    assert article.updated is None
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f"{path}: ignoring the page's modification date {unset[:10]}")
    head = f'<meta property="article:published_time" content="{unset}">'
    path = write("alone.html", article_html(head=head))
    when = datetime(2024, 3, 1, tzinfo=UTC)
    assert read_article(str(path), settings=settings, published=when).published == when


def test_html_without_date_takes_the_argument(settings, write):
    path = write("page.htm", article_html())
    when = datetime(2024, 3, 5, tzinfo=UTC)
    article = read_article(str(path), settings=settings, published=when, outlet="Daily")
    assert article.published == when
    assert article.outlet == "Daily"
    assert article.url is None  # no canonical link and not fetched


def test_html_declared_charset_in_a_local_file(settings, write):
    page = article_html(title="Café council approves budget", charset="iso-8859-1")
    article = read_article(str(write("latin1.html", page.encode("iso-8859-1"))), settings=settings)
    assert article.title == "Café council approves budget"


def test_html_is_sniffed_without_an_html_suffix(settings, write):
    article = read_article(str(write("page.txt", article_html())), settings=settings)
    assert article.text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        article_html(paragraphs=["Too short to be an article."]),
    ],
)
def test_html_without_article_is_refused(settings, write, page):
    path = write("nothing.html", page)
    with pytest.raises(NoArticleError, match="no article") as info:
        read_article(str(path), settings=settings)
    assert info.value.source == str(path)


ZYTE_PAGES = [
    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856",  # WSJ
    "05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f",  # Connecticut Post
    "85439e26c41c75901820d01a13e8cea7836abb58635ea3986f71a163ab0311d3",  # Japanese, no spaces
]


@pytest.mark.skipif(not ZYTE.is_dir(), reason=f"the Zyte benchmark is not at {ZYTE}")
@pytest.mark.parametrize("key", ZYTE_PAGES)
def test_zyte_pages(key):
    truth = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))[key]
    data = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes())
    text = decode_page(data, "text/html")
    doc = Document(text=text, source=key, url=truth["url"], content_type="text/html")
    article = read_html(doc, published=None, outlet=None)
    assert article.title and article.title not in article.text.split("\n\n")[0]
    assert article.published is not None and article.published.tzinfo is not None
    expected_start = truth["articleBody"].split("\n")[0][:40]
    assert expected_start in article.text
    assert [article.text[s:e] for s, e in article.paragraphs] == article.text.split("\n\n")
