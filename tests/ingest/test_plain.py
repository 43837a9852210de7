"""Plain text files: headline, then the body."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from walkback.ingest import read_article

from .helpers import SHARED

POLNEAR = SHARED / "data" / "polnear" / "dev" / "text"
GGT = SHARED / "data" / "ggt-dev" / "text"


def _check_offsets(article):
    assert [article.text[s:e] for s, e in article.paragraphs] == article.text.split("\n\n")


def test_blank_line_paragraphs(settings, write):
    path = write("a.txt", "\n\n  The Headline  \n\nFirst  paragraph.\n\n\nSecond\tparagraph.\n")
    article = read_article(str(path), settings=settings)
    assert article.title == "The Headline"
    assert article.text == "First paragraph.\n\nSecond paragraph."
    assert article.paragraphs == ((0, 16), (18, 35))
    assert article.url is None and article.outlet is None and article.published is None
    assert article.authors == () and article.updated is None


def test_single_newline_paragraphs(settings, write):
    body = [
        "WASHINGTON ― The first paragraph is long enough that nobody would wrap a line this way, "
        "since it runs on well past any terminal width.",
        "“Quote,” she said.",
        "Stop lying",
        "Show humility",
    ]
    path = write("b.txt", "Headline\n\n" + "\n".join(body) + "\n")
    article = read_article(str(path), settings=settings)
    assert article.text.split("\n\n") == body
    _check_offsets(article)


def test_hard_wrapped_paragraphs_are_joined_with_spaces(settings, write):
    para = (
        "This paragraph was wrapped at a fixed width by an editor, as plain text\n"
        "often is, so its lines belong together and are joined with single\n"
        "spaces, never with anything else."
    )
    path = write("c.txt", f"Headline\n\n{para}\n\nNext.\n")
    article = read_article(str(path), settings=settings)
    assert article.text == " ".join(para.split("\n")) + "\n\nNext."


def test_crlf_and_bom(settings, write):
    path = write("d.txt", "\ufeffHeadline\r\n\r\nBody one.\r\n\r\nBody two.\r\n".encode())
    article = read_article(str(path), settings=settings)
    assert article.title == "Headline"
    assert article.text == "Body one.\n\nBody two."


def test_arguments_fill_in_date_and_outlet(settings, write):
    path = write("e.txt", "Headline\n\nBody.\n")
    when = datetime(2016, 9, 12, tzinfo=UTC)
    article = read_article(str(path), settings=settings, published=when, outlet="Breitbart")
    assert article.published == when and article.outlet == "Breitbart"
    naive = read_article(str(path), settings=settings, published=datetime(2016, 9, 12))
    assert naive.published == when


def test_id_depends_on_outlet_title_and_day(settings, write):
    one = write("f.txt", "Headline\n\nBody.\n")
    two = write("g.txt", "headline!\n\nAnother body.\n")
    day = datetime(2016, 9, 12, 8, tzinfo=UTC)
    a = read_article(str(one), settings=settings, outlet="X", published=day)
    b = read_article(str(two), settings=settings, outlet="X", published=day.replace(hour=20))
    c = read_article(str(two), settings=settings, outlet="Y", published=day)
    assert a.id == b.id != c.id


def test_headline_only(settings, write):
    article = read_article(str(write("h.txt", "Just a headline\n")), settings=settings)
    assert article.title == "Just a headline" and article.text == "" and article.paragraphs == ()


@pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"PolNeAR is not at {POLNEAR}")
def test_polnear_file(settings):
    path = POLNEAR / "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt"
    article = read_article(str(path), settings=settings, published=datetime(2016, 9, 12, tzinfo=UTC))
    assert article.title == (
        "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics."
    )
    assert article.text.startswith("The New York Post reports that Hillary Clinton’s team avoided")
    assert article.text.endswith("Read the rest here.")
    assert len(article.paragraphs) == 7
    assert "\xa0" not in article.text
    _check_offsets(article)


@pytest.mark.skipif(not POLNEAR.is_dir(), reason=f"PolNeAR is not at {POLNEAR}")
def test_polnear_single_newline_file(settings):
    path = POLNEAR / "huff-post_2016-09-16_black-lawmakers-rip-donald-trump.txt"
    raw_lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    article = read_article(str(path), settings=settings)
    assert article.title == "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’"
    # one paragraph per non-empty line of the body
    assert len(article.paragraphs) == sum(1 for line in raw_lines if line.strip(" \xa0"))
    assert article.text.startswith("WASHINGTON ― Donald Trump’s yearslong obsession")
    _check_offsets(article)


@pytest.mark.skipif(not GGT.is_dir(), reason=f"the GenderGapTracker set is not at {GGT}")
def test_every_ggt_file_reads(settings):
    for path in sorted(GGT.glob("*.txt")):
        article = read_article(str(path), settings=settings)
        assert article.title
        _check_offsets(article)
