"""Feeds, the schedule and polite fetching, against real HTTP servers on 127.0.0.1 (see site.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from walkback.errors import (
    BlockedAddressError,
    ConfigError,
    HTTPStatusError,
    InputError,
    RobotsDisallowedError,
)
from walkback.ingest.feeds import parse_feed, poll_feed
from walkback.ingest.polite import PoliteFetcher
from walkback.ingest.schedule import RecheckSchedule, backoff_delay, parse_duration
from walkback.settings import Settings, load_settings

from .site import Page, atom, rss

FRI = datetime(2024, 2, 2, 18, 0, tzinfo=UTC)
MON = datetime(2024, 2, 5, 17, 0, tzinfo=UTC)


@pytest.fixture
def fast() -> Settings:
    """Loopback allowed, no pace, tiny back-off: tests that are not about those stay quick."""
    return Settings(
        allow_private_addresses=True,
        fetch_timeout=5.0,
        host_interval=0.0,
        retry_backoff=0.01,
        fetch_retries=2,
    )


# -- reading feeds ------------------------------------------------------------------------------------


def test_rss_entries_with_links_resolved_and_dates():
    data = rss(
        "The Daily Example",
        [
            ("s-1", "/news/strikes", "US strikes targets", FRI),
            ("s-2", "https://other.example/x", "Other", MON),
        ],
    ).encode()
    feed = parse_feed(data, url="http://news.example/feed.xml")
    assert feed.kind == "rss20" and feed.title == "The Daily Example"
    assert [(e.key, e.url, e.published) for e in feed.entries] == [
        ("s-1", "http://news.example/news/strikes", FRI),
        ("s-2", "https://other.example/x", MON),
    ]
    assert feed.entries[0].title == "US strikes targets"


def test_an_entry_dated_year_one_has_no_date():
    """Found by the fuzzing harness: a pubDate of year 1 was skipped, then feedparser's fallback from
    ``updated_parsed`` to the same date raised a DeprecationWarning (an error under the tests)."""
    data = rss("The Daily Example", [("s-1", "/news/strikes", "US strikes", datetime(1, 1, 1, tzinfo=UTC))])
    (entry,) = parse_feed(data.encode(), url="http://news.example/feed.xml").entries
    assert entry.published is None


def test_atom_entries_and_max_entries():
    entries = [(f"urn:e:{i}", f"http://news.example/a/{i}", f"Story {i}", MON) for i in range(5)]
    feed = parse_feed(atom("Wire", entries).encode(), url="http://news.example/atom", max_entries=3)
    assert feed.kind == "atom10"
    assert [e.key for e in feed.entries] == ["urn:e:0", "urn:e:1", "urn:e:2"]


def test_entries_without_an_http_link_are_left_out():
    data = rss("Feed", [("m", "mailto:desk@news.example", "Write to us", MON)]).encode()
    assert parse_feed(data, url="http://news.example/feed").entries == ()


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x01\x02 garbage \xff\xfe", b"<html><body><p>Our new site</p></body></html>", b"{}"],
    ids=["empty", "binary", "html", "json"],
)
def test_garbage_is_no_feed(data: bytes):
    with pytest.raises(InputError, match="not an RSS or Atom feed") as info:
        parse_feed(data, url="http://news.example/feed")
    assert info.value.source == "http://news.example/feed"


# -- durations and schedules --------------------------------------------------------------------------


def test_durations():
    assert [parse_duration(t) for t in ("30s", "15m", "1h", "1d", "2.5m", "45")] == [
        30,
        900,
        3600,
        86400,
        150,
        45,
    ]
    with pytest.raises(
        ConfigError, match="--every must be a duration like 30s, 15m, 1h or 1d; got '5 weeks'"
    ):
        parse_duration("5 weeks", name="--every")


def test_recheck_schedule_slows_then_stops_after_a_week():
    schedule = RecheckSchedule.from_settings(Settings())
    first = datetime(2024, 2, 2, 12, 0, tzinfo=UTC)
    now, gaps, checks = first, [], 1
    while (nxt := schedule.next_check(first, checks, now)) is not None:
        gaps.append(nxt - now)
        now, checks = nxt, checks + 1
    assert gaps[:4] == [timedelta(minutes=15), timedelta(hours=1), timedelta(hours=6), timedelta(days=1)]
    assert set(gaps[4:]) == {timedelta(days=1)}
    assert now - first <= timedelta(days=7) < now + timedelta(days=1) - first


def test_recheck_schedule_from_a_settings_file(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[watch]\nrecheck_after = ["1m", "2m"]\nrecheck_until = "3m"\n')
    schedule = RecheckSchedule.from_settings(load_settings(config))
    first = datetime(2024, 1, 1, tzinfo=UTC)
    assert schedule.next_check(first, 1, first) == first + timedelta(minutes=1)
    assert schedule.next_check(first, 2, first + timedelta(minutes=1)) == first + timedelta(minutes=3)
    assert schedule.next_check(first, 3, first + timedelta(minutes=3)) is None
    config.write_text('[watch]\nrecheck_after = ["soon"]\n')
    with pytest.raises(ConfigError, match="recheck_after must be a duration"):
        RecheckSchedule.from_settings(load_settings(config))


def test_backoff_doubles_honours_retry_after_and_is_capped():
    s = Settings(retry_backoff=1.0, retry_backoff_max=5.0)
    assert [backoff_delay(n, settings=s) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    assert backoff_delay(1, settings=s, retry_after=3.0) == 3.0
    assert backoff_delay(1, settings=s, retry_after=600.0) == 5.0


# -- polite fetching ----------------------------------------------------------------------------------


def test_conditional_poll_gets_304_and_nothing_else(make_site, fast):
    site = make_site()
    site.put(
        "/feed.xml",
        Page(
            rss("Daily", [("1", "/a", "A", FRI)]).encode(),
            content_type="application/rss+xml",
            etag='"v1"',
            last_modified="Fri, 02 Feb 2024 18:00:00 GMT",
        ),
    )
    fetcher = PoliteFetcher(fast)
    first = poll_feed(f"{site.url}/feed.xml", fetcher=fetcher)
    assert first.feed is not None and len(first.feed.entries) == 1
    assert (first.etag, first.last_modified) == ('"v1"', "Fri, 02 Feb 2024 18:00:00 GMT")
    again = poll_feed(
        f"{site.url}/feed.xml", fetcher=fetcher, etag=first.etag, last_modified=first.last_modified
    )
    assert again.not_modified and again.etag == '"v1"'
    hits = site.requests("/feed.xml")
    assert [h.status for h in hits] == [200, 304]
    assert hits[1].headers["if-none-match"] == '"v1"'
    assert hits[1].headers["if-modified-since"] == "Fri, 02 Feb 2024 18:00:00 GMT"
    assert site.requests("/robots.txt") == []  # a subscribed feed is polled as a feed reader polls it


def test_robots_txt_disallows_a_path_and_is_read_once_per_host(make_site, fast):
    site = make_site()
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.put("/news/ok", "<html><body><p>fine</p></body></html>")
    site.put("/private/memo", "<html><body><p>secret</p></body></html>")
    fetcher = PoliteFetcher(fast)
    assert fetcher.get(f"{site.url}/news/ok").status == 200
    with pytest.raises(RobotsDisallowedError, match="robots.txt does not allow") as info:
        fetcher.get(f"{site.url}/private/memo")
    assert info.value.source == f"{site.url}/private/memo"
    assert site.requests("/private/memo") == []
    assert len(site.requests("/robots.txt")) == 1


def test_robots_rules_for_walkback_by_name(make_site, fast):
    site = make_site()
    site.put(
        "/robots.txt",
        "User-agent: walkback\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
        content_type="text/plain",
    )
    site.put("/news/ok", "<p>fine</p>")
    with pytest.raises(RobotsDisallowedError):
        PoliteFetcher(fast).get(f"{site.url}/news/ok")
    assert PoliteFetcher(replace(fast, user_agent="otherbot/1.0")).get(f"{site.url}/news/ok").status == 200


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (410, True), (401, False), (403, False)])
def test_robots_txt_answering_an_error(make_site, fast, status, allowed):
    site = make_site()
    site.put("/robots.txt", Page(b"no", status=status))
    site.put("/news/ok", "<p>fine</p>")
    assert PoliteFetcher(fast).allowed(f"{site.url}/news/ok") is allowed


def test_robots_txt_down_means_not_now(make_site, fast):
    site = make_site()
    site.put("/robots.txt", Page(b"down", status=503), "User-agent: *\nAllow: /\n")
    site.put("/news/ok", "<p>fine</p>")
    fetcher = PoliteFetcher(replace(fast, fetch_retries=0))
    with pytest.raises(HTTPStatusError, match="cannot read .*/robots.txt"):
        fetcher.get(f"{site.url}/news/ok")
    assert site.requests("/news/ok") == []
    assert fetcher.get(f"{site.url}/news/ok").status == 200  # asked again, and this time it answers


def test_5xx_is_retried_with_backoff_then_works(make_site, fast):
    site = make_site()
    down = Page(b"busy", status=503)
    site.put("/feed.xml", down, Page(b"oops", status=500), Page(rss("D", []).encode()))
    slept: list[float] = []
    fetcher = PoliteFetcher(replace(fast, fetch_retries=3, retry_backoff=0.05), sleep=slept.append)
    assert fetcher.get(f"{site.url}/feed.xml", robots=False).status == 200
    assert [h.status for h in site.requests("/feed.xml")] == [503, 500, 200]
    assert slept == [0.05, 0.1]


def test_retries_are_bounded_and_4xx_is_not_retried(make_site, fast):
    site = make_site()
    site.put("/down", Page(b"down", status=502))
    site.put("/gone", Page(b"gone", status=404))
    fetcher = PoliteFetcher(replace(fast, fetch_retries=2), sleep=lambda s: None)
    with pytest.raises(HTTPStatusError, match="HTTP 502"):
        fetcher.get(f"{site.url}/down", robots=False)
    assert len(site.requests("/down")) == 3
    with pytest.raises(HTTPStatusError, match="HTTP 404"):
        fetcher.get(f"{site.url}/gone", robots=False)
    assert len(site.requests("/gone")) == 1


def test_retry_after_is_honoured(make_site, fast):
    site = make_site()
    site.put("/busy", Page(b"later", status=429, headers={"Retry-After": "2"}), Page(b"<p>now</p>"))
    slept: list[float] = []
    fetcher = PoliteFetcher(replace(fast, retry_backoff=0.01, retry_backoff_max=3.0), sleep=slept.append)
    assert fetcher.get(f"{site.url}/busy", robots=False).status == 200
    assert slept == [2.0]


def test_connection_refused_is_retried(fast):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    slept: list[float] = []
    fetcher = PoliteFetcher(replace(fast, fetch_retries=2), sleep=slept.append)
    with pytest.raises(Exception, match="cannot fetch it") as info:
        fetcher.get(f"http://127.0.0.1:{port}/feed.xml", robots=False)
    assert type(info.value).__name__ == "FetchConnectionError"
    assert len(slept) == 2


def test_one_request_at_a_time_per_host(make_site, fast):
    a, b = make_site(), make_site()
    for site in (a, b):
        site.put("/p", "<p>x</p>")
    fetcher = PoliteFetcher(replace(fast, host_interval=0.25))
    for _ in range(3):
        fetcher.get(f"{a.url}/p", robots=False)
        fetcher.get(f"{b.url}/p", robots=False)
    for site in (a, b):
        times = [h.at for h in site.requests("/p")]
        # the pace is kept when requests are sent; the server sees them with some jitter on a busy machine
        assert all(later - earlier >= 0.2 for earlier, later in zip(times, times[1:], strict=False)), times
        assert times[-1] - times[0] >= 0.45, times


def test_crawl_delay_slows_the_pace(make_site, fast):
    site = make_site()
    site.put("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", content_type="text/plain")
    site.put("/p", "<p>x</p>")
    now = [100.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    fetcher = PoliteFetcher(replace(fast, host_interval=1.0), sleep=sleep, clock=lambda: now[0])
    fetcher.get(f"{site.url}/p")
    fetcher.get(f"{site.url}/p")
    assert slept == [1.0, 5.0]  # robots.txt itself went at the plain pace; then Crawl-delay


def test_private_addresses_are_refused_unless_allowed(make_site, fast):
    site = make_site()
    site.put("/feed.xml", rss("D", []), content_type="application/rss+xml")
    fetcher = PoliteFetcher(replace(fast, allow_private_addresses=False))
    with pytest.raises(BlockedAddressError, match="127.0.0.1, a private, loopback"):
        poll_feed(f"{site.url}/feed.xml", fetcher=fetcher)
    with pytest.raises(BlockedAddressError):
        fetcher.get(f"{site.url}/news/x")  # robots.txt is refused the same way, before anything is sent
    assert site.hits == []
