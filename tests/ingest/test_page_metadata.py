"""Headline, byline and outlet of HTML pages: small pages built on the patterns of real ones (issue 15).

Each page is the one HTML shell below with the parts that matter changed: its <head> (metadata),
the headings and byline at the top of the article, and its URL.
"""

from __future__ import annotations

import html
import json

import pytest

from walkback.ingest import read_document
from walkback.ingest.bylines import split_names
from walkback.ingest.html import read_html
from walkback.ingest.readers import Document

from .helpers import PARAGRAPHS

BODY = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in PARAGRAPHS)


def page(*, head: str = "", top: str = "", url: str = "https://www.example.com/news/story", before: str = ""):
    text = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head><body>
<header>{before}<nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article>{top}
{BODY}
</article></main><footer><p>Copyright 2024. All rights reserved.</p></footer></body></html>"""
    return read_html(Document(text=text, source="page.html", url=url, content_type="text/html"),
                     published=None, outlet=None)  # fmt: skip


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# -- headline --------------------------------------------------------------------------------------


def test_the_visible_headline_wins_when_it_agrees_with_the_metadata() -> None:
    art = page(
        head="<title>Disney+ glitches blamed on heavy demand - Los Angeles Times</title>"
        '<meta property="og:title" content="\'We had some issues,\' exec says on Disney+ glitches">',
        top="<h1>‘We had some issues,’ exec says on Disney+ glitches</h1>",
    )
    assert art.title == "‘We had some issues,’ exec says on Disney+ glitches"


def test_a_masthead_or_sign_in_heading_is_not_the_headline() -> None:
    art = page(
        head="<title>Daily Deals: Black Friday Deals Are Live - IGN</title>"
        '<meta property="og:site_name" content="IGN">',
        before="<h1>IGN Entertainment</h1><h1>Sign In</h1>",
        top="<h1>Daily Deals: Black Friday Deals Are Live</h1>",
    )
    assert art.title == "Daily Deals: Black Friday Deals Are Live"


def test_without_an_agreeing_heading_the_title_loses_the_site_name() -> None:
    art = page(
        head="<title>엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유 - Entermedia</title>",
        before="<h1>엔터 미디어</h1>",
        url="http://entermedia.co.kr/news/news_view.html?idx=8576",
    )
    assert art.title == "엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유"


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Apple plans a keyboard | TechCrunch", "TechCrunch", "https://techcrunch.com/x",
         "Apple plans a keyboard"),
        ("Flu season starts early - National | Globalnews.ca", "Global News", "https://globalnews.ca/news/1",
         "Flu season starts early - National"),
        ("LinkNaija | Nigeria's popular news platform: Kate Henshaw Is Looking Stunning",
         "LinkNaija | Nigeria's popular news platform", "https://www.linknaija.com/2018/10/x.html",
         "Kate Henshaw Is Looking Stunning"),
    ],
)  # fmt: skip
def test_the_site_name_is_cut_from_a_declared_title(title: str, site: str, url: str, expected: str) -> None:
    head = f'<meta property="og:title" content="{html.escape(title)}">'
    head += f'<meta property="og:site_name" content="{site}">'
    assert page(head=head, url=url).title == expected


def test_a_bar_inside_the_headline_stays() -> None:
    art = page(
        head='<meta property="og:title" content="Milan Design Week 2018 | Anastassiades\' light | Inexhibit">'
        '<meta property="og:site_name" content="Inexhibit">',
        top="<h1>Milan Design Week 2018 | Michael Anastassiades’ light installation for FLOS</h1>",
        url="https://www.inexhibit.com/marker/x/",
    )
    assert art.title == "Milan Design Week 2018 | Michael Anastassiades’ light installation for FLOS"


def test_the_headline_is_not_repeated_at_the_start_of_the_body_whatever_its_quotes() -> None:
    art = page(
        head='<meta property="og:title" content="Browns player on Rudolph\'s role: \'He asked for it\'">',
        top="<h1>Browns player on Rudolph’s role: ‘He asked for it’</h1>",
    )
    assert art.title == "Browns player on Rudolph’s role: ‘He asked for it’"
    assert art.text.split("\n\n") == PARAGRAPHS


# -- byline ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Sophie Foster", ["Sophie Foster"]),
        ("sophie-foster", []),
        ("Kinnard, Meg", ["Meg Kinnard"]),
        ("By MEG KINNARD and ERRIN HAINES, Associated Press", ["Meg Kinnard", "Errin Haines"]),
        ("By Troy L. Smith, Cleveland.com", ["Troy L. Smith"]),
        ("Rachael Link, MS, RD", ["Rachael Link"]),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", ["Chris Cillizza"]),
        ("By Tariq Malik, Mike Wall 2019-11-18T22:05:36Z Spaceflight", ["Tariq Malik", "Mike Wall"]),
        ("by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET • 2 min read", ["Bryan DeArdo"]),
        ("Tom Davies Associated Press Published 11:34 PM EST Nov 19, 2019", ["Tom Davies"]),
        ("Carrie Arnold Contributing Writer", ["Carrie Arnold"]),
        ("Текст: Венера Ерофеева", ["Венера Ерофеева"]),
        ("By Justine Coleman - 11/18/19 11:04 PM EST", ["Justine Coleman"]),
        ("Associated Press", ["Associated Press"]),
        ("Detroit News wire services", ["Detroit News wire services"]),
        ("By admin - 2018-09-16", []),
        ("rmb8090", []),
        ("https://www.washingtontimes.com/staff/jane-doe/", []),
        ("By signing up, you agree to our Privacy Policy", []),
    ],
)
def test_a_byline_is_read_into_names(text: str, names: list[str]) -> None:
    assert split_names(text, ["clevelandcom", "cleveland"])[0] == names


def test_the_metadata_authors_win_over_the_publisher_and_url_slugs() -> None:
    art = page(
        head='<meta name="author" content="Condé Nast">'
        '<meta property="article:author" content="sophie-foster">'
        + ld({"@type": "NewsArticle", "headline": "Council approves library budget",
              "author": [{"@type": "Person", "name": "Sophie Foster"}],
              "publisher": {"@type": "Organization", "name": "Condé Nast"}}),
        top='<h1>Council approves library budget</h1>'
        '<p class="byline">By <a rel="author">Sophie Foster</a></p>',
    )  # fmt: skip
    assert art.authors == ("Sophie Foster",)


def test_the_byline_block_adds_a_co_author_the_metadata_left_out() -> None:
    art = page(
        head=ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "Tariq Malik"}}),
        top='<p class="byline">By <span class="by-author">Tariq Malik,</span> '
        '<span class="by-author">Mike Wall</span> 2019-11-18T22:05:36Z</p>',
    )
    assert art.authors == ("Tariq Malik", "Mike Wall")


def test_a_byline_naming_people_wins_over_metadata_that_credits_the_site() -> None:
    art = page(
        head='<meta property="og:site_name" content="AppleInsider">'
        + ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "AppleInsider"}}),
        top='<p class="gray small byline">By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019</p>',
        url="https://appleinsider.com/articles/19/11/18/x",
    )
    assert art.authors == ("Mike Wuerthele", "Malcolm Owen")


def test_the_site_s_own_editorial_staff_byline_stays_whole() -> None:
    art = page(
        head='<meta name="author" content="Practical Horseman Editorial Staff">',
        url="https://practicalhorsemanmag.com/news/4-things-to-do-in-october",
    )
    assert art.authors == ("Practical Horseman Editorial Staff",)


def test_an_organisational_byline_is_kept() -> None:
    head = ld({"@type": "ReportageNewsArticle", "headline": "Sweden drops Assange rape investigation",
               "author": {"@type": "NewsMediaOrganization", "name": "BBC News"}})  # fmt: skip
    assert page(head=head).authors == ("BBC News",)


def test_a_yoast_author_reference_is_looked_up() -> None:
    head = ld({"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "x", "author": {"@id": "https://example.com/#/schema/person/1"}},
        {"@type": ["Person"], "@id": "https://example.com/#/schema/person/1", "name": "Yoav Schumacher"},
    ]})  # fmt: skip
    assert page(head=head).authors == ("Yoav Schumacher",)


def test_a_page_that_names_no_author_has_none() -> None:
    assert page(top='<p class="byline">By admin</p>').authors == ()


@pytest.mark.parametrize(
    "tag", ["The Washington Times", "Www Washingtontimes Com", "https://www.washingtontimes.com/"]
)
def test_an_author_tag_naming_the_publisher_is_no_author(tag: str) -> None:
    head = (
        f'<meta name="author" content="{tag}"><meta property="og:site_name" content="The Washington Times">'
    )
    assert page(head=head, url="https://www.washingtontimes.com/news/2019/nov/19/x/").authors == ()


# -- outlet ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "url", "outlet"),
    [
        ('<title>Republicans Are Following Trump - The New York Times</title>'
         '<meta name="twitter:site" content="@nytimes">',
         "https://www.nytimes.com/2019/11/19/opinion/x.html", "The New York Times"),
        ('<title>Oil drags lower - Reuters</title><meta property="og:site_name" content="U.S.">',
         "https://www.reuters.com/article/x", "Reuters"),
        ('<meta property="og:site_name" content="SFGate">'
         + ld({"@type": "NewsArticle", "publisher": {"name": "Associated Press"}}),
         "https://www.sfgate.com/news/article/x.php", "SFGate"),
        ('<meta property="og:site_name" content="WSJ">'
         + ld({"@type": "NewsArticle", "publisher": {"name": "Wall Street Journal"}}),
         "https://www.wsj.com/articles/x", "Wall Street Journal"),
        ('<meta property="og:site_name" content="Connecticut Post">'
         + ld({"@type": "NewsArticle", "publisher": {"name": "Associated Press"}}),
         "https://www.ctpost.com/news/article/x.php", "Connecticut Post"),
        ('<meta property="og:site_name" content="Expert how-to for English Riders">',
         "https://practicalhorsemanmag.com/news/x", "practicalhorsemanmag.com"),
        ('<meta property="og:site_name" content="@politifact">'
         '<title>A fact check | PolitiFact West Virginia</title>',
         "https://www.politifact.com/west-virginia/x/", "PolitiFact"),
        ('<meta property="og:site_name" content="AP News">' + ld({"@type": "NewsArticle",
         "publisher": {"name": "Associated Press"}}), "https://apnews.com/article/x", "AP News"),
        ('<title>Cat rescued - Metro.co.uk</title><meta property="og:site_name" content="Metro">',
         "https://metro.co.uk/2019/11/19/x/", "Metro"),
    ],
    ids=["spelt-out", "not-a-section", "not-the-wire", "abbreviation", "declared", "no-tagline", "cased",
         "ap-news", "metro"],
)  # fmt: skip
def test_the_outlet_is_the_name_that_fits_the_domain(head: str, url: str, outlet: str) -> None:
    assert page(head=head, url=url).outlet == outlet


def test_the_outlets_setting_names_a_site_and_its_subdomains() -> None:
    text = (
        f"<html><head><title>Story - WSJ</title></head><body><article><h1>Story</h1>{BODY}</article></body>"
    )
    doc = Document(text=text, source="x", url="https://blogs.wsj.com/x", content_type="text/html")
    assert read_document(doc).outlet == "WSJ"
    named = read_document(doc, outlets={"wsj.com": "The Wall Street Journal"})
    assert named.outlet == "The Wall Street Journal"
    assert read_document(doc, outlet="Mine", outlets={"wsj.com": "The Wall Street Journal"}).outlet == "Mine"
