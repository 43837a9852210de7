"""parse_date, canonical_url and article_id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from walkback.errors import DateError
from walkback.ingest import article_id, canonical_url, parse_date
from walkback.model import stable_id

EST = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-09-12", datetime(2016, 9, 12, tzinfo=UTC)),
        ("Sept 12, 2016", datetime(2016, 9, 12, tzinfo=UTC)),
        ("12 September 2016", datetime(2016, 9, 12, tzinfo=UTC)),
        ("2024-02-05T17:01-05:00", datetime(2024, 2, 5, 17, 1, tzinfo=EST)),
        ("2024-02-05T22:01:00Z", datetime(2024, 2, 5, 22, 1, tzinfo=UTC)),
        ("2024-02-05 17:01", datetime(2024, 2, 5, 17, 1, tzinfo=UTC)),
        ("5:01 PM EST, Mon February 5, 2024", datetime(2024, 2, 5, 17, 1, tzinfo=EST)),
        ("5:01 PM EDT, Mon June 3, 2024", datetime(2024, 6, 3, 17, 1, tzinfo=timezone(timedelta(hours=-4)))),
        ("9:00 AM PST, Tue January 2, 2024", datetime(2024, 1, 2, 17, 0, tzinfo=UTC)),
        ("9:00 AM CDT, Tue June 4, 2024", datetime(2024, 6, 4, 14, 0, tzinfo=UTC)),
        ("9:00 AM MST, Tue January 2, 2024", datetime(2024, 1, 2, 16, 0, tzinfo=UTC)),
        ("9:00 AM GMT, Tue January 2, 2024", datetime(2024, 1, 2, 9, 0, tzinfo=UTC)),
    ],
)
def test_parse_date(value, expected):
    parsed = parse_date(value)
    assert parsed == expected
    assert parsed.tzinfo is not None


def test_parse_date_keeps_the_offset():
    assert parse_date("5:01 PM EST, Mon February 5, 2024").isoformat() == "2024-02-05T17:01:00-05:00"
    assert parse_date("2016-09-12").isoformat() == "2016-09-12T00:00:00+00:00"


@pytest.mark.parametrize("value", ["", "soon", "Monday", "2016", "September 2016", "yesterday", "2016-13-45"])
def test_parse_date_refuses(value):
    with pytest.raises(DateError) as info:
        parse_date(value)
    assert repr(value) in str(info.value) and "2016-09-12" in str(info.value)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://WWW.Example.COM:443/News/Story.html?utm_source=x&id=7&fbclid=y#top",
         "https://www.example.com/News/Story.html?id=7"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/a?gclid=1&UTM_Medium=m", "http://example.com:8080/a"),
        ("https://example.com/a?q=a%20b&utm_campaign=c", "https://example.com/a?q=a%20b"),
    ],
)  # fmt: skip
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_article_id_from_url():
    a = article_id("https://Example.com/a?utm_source=rss#x", "X", "Title", None)
    assert a == article_id("https://example.com/a", None, "Other title", None)
    assert a == stable_id("https://example.com/a", prefix="a")


def test_article_id_without_url():
    day = datetime(2016, 9, 12, 10, tzinfo=UTC)
    a = article_id(None, "CNN", "Hello,  World!", day)
    assert a == article_id(None, "cnn", "hello world", day.replace(hour=23))
    assert a != article_id(None, "CNN", "Hello World", day + timedelta(days=1))
    assert a != article_id(None, "BBC", "Hello World", day)
    assert a.startswith("a") and len(a) == 17
