"""Lite text pages: the bundled CNN seed and variants of the format."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from walkback.errors import DateError, NoArticleError
from walkback.ingest import read_article
from walkback.ingest.lite import parse_byline

from .helpers import SEED, SHARED

EXPECTED = SHARED / "seed" / "expected.json"
BOILERPLATE = [
    "See Full Web Article",
    "Go to the full CNN experience",
    "Cable News Network",
    "Terms of Use",
    "Privacy Policy",
    "Ad Choices",
    "Cookie Settings",
]


def test_seed_article_record(settings):
    article = read_article(str(SEED), settings=settings)
    assert article.url == "https://lite.cnn.com/2024/02/05/politics/us-did-not-notify-iraq-strikes/index.html"
    assert article.outlet == "CNN"
    assert article.title == (
        "US corrects earlier claim and confirms it did not give Iraq advance notice of Friday’s strikes"
    )
    assert article.authors == ("Haley Britzky", "Natasha Bertrand", "Jennifer Hansler")
    assert article.updated is not None
    assert article.updated.isoformat() == "2024-02-05T17:01:00-05:00"
    assert article.published is None
    assert article.date == article.updated
    assert article.source == str(SEED)
    assert article.id.startswith("a") and len(article.id) == 17


def test_seed_body(settings):
    article = read_article(str(SEED), settings=settings)
    text = article.text
    for junk in BOILERPLATE:
        assert junk not in text
    assert article.title not in text
    assert "Haley Britzky" not in text and "Updated:" not in text and "Source:" not in text
    assert text.startswith("US officials said Monday that Iraq was not notified ahead of a series of strikes")
    assert text.endswith("which is what you saw on Friday.”")
    assert len(article.paragraphs) == 15
    pieces = text.split("\n\n")
    assert [text[s:e] for s, e in article.paragraphs] == pieces
    for piece in pieces:
        assert piece == piece.strip() and "  " not in piece and "\n" not in piece and "\xa0" not in piece


@pytest.mark.skipif(not EXPECTED.exists(), reason=f"the shared seed expectations are not at {EXPECTED}")
def test_seed_matches_expected_json(settings):
    want = json.loads(EXPECTED.read_text(encoding="utf-8"))["article"]
    article = read_article(str(SEED), settings=settings)
    assert article.url == want["url"]
    assert article.outlet == want["outlet"]
    assert article.title == want["title"]
    assert list(article.authors) == want["authors"]
    assert article.updated is not None and article.updated.isoformat() == want["updated"]
    for junk in want["body_excludes"]:
        assert junk not in article.text


def test_shared_seed_copy_reads_the_same(settings):
    shared_seed = SHARED / "seed" / SEED.name
    if not shared_seed.exists():
        pytest.skip(f"no shared seed at {shared_seed}")
    shared = read_article(str(shared_seed), settings=settings)
    assert shared.text == read_article(str(SEED), settings=settings).text


def test_outlet_argument_wins_and_published_fills_in(settings):
    published = datetime(2024, 2, 5, tzinfo=UTC)
    article = read_article(str(SEED), settings=settings, outlet="CNN International", published=published)
    assert article.outlet == "CNN International"
    assert article.published == published


LITE = """Source: https://lite.example.com/2023/05/01/world/thing/index.html

A headline about a thing

By Jane Doe, Reuters

Published: 9:15 AM EDT, Mon May 1, 2023

First paragraph of the body, with a   double space and a\ttab.

Second paragraph of the body.
 See Full Web Article
© 2023 Example Network. All Rights Reserved.
"""


def test_lite_variant_with_published_line_and_other_outlet(settings, write):
    article = read_article(str(write("lite.txt", LITE)), settings=settings)
    assert article.title == "A headline about a thing"
    assert article.authors == ("Jane Doe",)
    assert article.outlet == "Reuters"
    assert article.published == datetime(2023, 5, 1, 9, 15, tzinfo=timezone(timedelta(hours=-4)))
    assert article.updated is None
    assert article.text == (
        "First paragraph of the body, with a double space and a tab.\n\nSecond paragraph of the body."
    )


def test_lite_page_date_wins_over_the_argument(settings, write):
    article = read_article(
        str(write("lite.txt", LITE)), settings=settings, published=datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert article.published is not None and article.published.year == 2023


def test_lite_without_byline_or_dates(settings, write):
    text = "Source: https://lite.example.com/a\nHeadline only\n\nBy the time the vote came, it was late.\n"
    article = read_article(str(write("lite.txt", text)), settings=settings)
    assert article.title == "Headline only"
    assert article.authors == ()
    assert article.outlet is None
    assert article.updated is None and article.published is None
    assert article.text == "By the time the vote came, it was late."


def test_lite_body_is_cut_at_boilerplate_only(settings, write):
    text = (
        "Source: https://lite.example.com/d\nHeadline\n\n"
        "Copyright lawyers said the case was weak.\n\nSee Full Web Article\n\n"
        "Terms of Use\n\nCopyright 2024 Example. All rights reserved.\n"
    )
    article = read_article(str(write("lite.txt", text)), settings=settings)
    assert article.text == "Copyright lawyers said the case was weak."


def test_lite_byline_without_outlet_uses_source_label(settings, write):
    text = (
        "Source: https://lite.example.com/b\nHeadline\nBy Jane Doe\nUpdated:\n  "
        "10:00 AM PST, Tue January 2, 2024\nSource: Example News\n\nBody text here.\n"
    )
    article = read_article(str(write("lite.txt", text)), settings=settings)
    assert article.authors == ("Jane Doe",)
    assert article.outlet == "Example News"
    assert article.updated == datetime(2024, 1, 2, 18, 0, tzinfo=UTC)
    assert article.text == "Body text here."


def test_lite_unreadable_updated_line_is_a_date_error(settings, write):
    path = write("lite.txt", "Source: https://lite.example.com/c\nHeadline\nUpdated: not a date\n\nBody.\n")
    with pytest.raises(DateError, match="Updated") as info:
        read_article(str(path), settings=settings)
    assert info.value.source == str(path)


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("By Haley Britzky, Natasha Bertrand and Jennifer Hansler, CNN",
         ["Haley Britzky", "Natasha Bertrand", "Jennifer Hansler"], "CNN"),
        ("By Jane Doe, Reuters", ["Jane Doe"], "Reuters"),
        ("By Jane Doe", ["Jane Doe"], None),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], None),
        ("By Jane Doe, John Roe", ["Jane Doe", "John Roe"], None),
        ("By Jane Doe, The Associated Press", ["Jane Doe"], "The Associated Press"),
    ],
)  # fmt: skip
def test_parse_byline(line, authors, outlet):
    assert parse_byline(line) == (authors, outlet)


def test_parse_byline_refuses_sentences():
    assert parse_byline("By the time the vote came, it was late.") is None
    assert parse_byline("Bystanders said so") is None


def test_a_page_of_headers_only_is_no_article(settings, write):
    """Found by the fuzzing harness: "Source: URL" and nothing else was stored as an empty article."""
    path = write("empty.txt", "Source: https://lite.example.com/a/index.html\n\n\n")
    with pytest.raises(NoArticleError, match="neither a headline nor any text"):
        read_article(str(path), settings=settings)
