"""The feed watcher end to end in one process: real HTTP servers on 127.0.0.1, the real pipeline
(extraction, store, linking), a real webhook receiver. Only the clock is moved by hand, to reach the
re-checks of the schedule without waiting for them."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import BACKENDS, database_for
from walkback.errors import ConfigError
from walkback.report.links import relation_json
from walkback.settings import Settings
from walkback.store import Store
from walkback.watch import Watcher

from .site import (
    COUNCIL,
    MISSPOKE_MONDAY,
    STRIKES_FRIDAY,
    STRIKES_UPDATE,
    Page,
    Site,
    atom,
    news_page,
    rss,
)

FRI = datetime(2024, 2, 2, 18, 0, tzinfo=UTC)
MON = datetime(2024, 2, 5, 17, 0, tzinfo=UTC)
RSS = "application/rss+xml"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 2, 5, 18, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def settings() -> Settings:
    return Settings(
        allow_private_addresses=True,
        fetch_timeout=5.0,
        host_interval=0.0,
        retry_backoff=0.01,
        fetch_retries=2,
    )


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """The watcher's store: a SQLite file, then a database on a PostgreSQL server."""
    with Store.open(database_for(request, tmp_path / "watch.db")) as s:
        yield s


def strikes_site(site: Site, *, monday: bool = False) -> str:
    """The Daily Example: an RSS feed with Friday's story, and Monday's too when ``monday``."""
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.put(
        "/news/strikes",
        news_page("US strikes Iran-linked targets in Iraq and Syria", STRIKES_FRIDAY, "2024-02-02T18:00:00Z"),
    )
    site.put(
        "/news/misspoke",
        news_page("US says Iraq was not told before the strikes", MISSPOKE_MONDAY, "2024-02-05T17:00:00Z"),
    )
    items = [("strikes", f"{site.url}/news/strikes", "US strikes targets", FRI)]
    if monday:
        items.insert(0, ("misspoke", f"{site.url}/news/misspoke", "Iraq was not told", MON))
    version = '"v2"' if monday else '"v1"'
    site.put("/feed.xml", Page(rss("The Daily Example", items).encode(), content_type=RSS, etag=version))
    return f"{site.url}/feed.xml"


def council_site(site: Site) -> str:
    """The City Wire: an Atom feed with one story, served with a Last-Modified date."""
    site.put("/2024/council", news_page("Council approves library budget", COUNCIL, "2024-03-12T09:00:00Z"))
    entries = [("urn:wire:council", f"{site.url}/2024/council", "Council approves budget", MON)]
    feed = atom("The City Wire", entries).encode()
    modified = "Tue, 12 Mar 2024 09:00:00 GMT"
    site.put("/atom.xml", Page(feed, content_type="application/atom+xml", last_modified=modified))
    return f"{site.url}/atom.xml"


def test_rss_and_atom_then_a_walkback_announced_once_with_its_webhook(make_site, settings, store):
    daily, wire, hook = make_site(), make_site(), make_site()
    feeds = [strikes_site(daily), council_site(wire)]
    found = []
    watcher = Watcher(store, settings, feeds, webhook=f"{hook.url}/hook", on_relation=found.append)

    first = watcher.run_round()
    assert (first.feeds_changed, first.entries_new, first.articles["new"]) == (2, 2, 2)
    assert first.relations == {"walkback": 0, "contradicts": 0} and found == []
    assert {a.title for a in store.articles()} == {
        "US strikes Iran-linked targets in Iraq and Syria",
        "Council approves library budget",
    }
    kirby = store.statements(speaker="Kirby")
    assert [s.statement.content.text for s in kirby] == [
        "We did inform the Iraqi government prior to the strikes"
    ]
    assert kirby[0].statement.said_on.value == "2024-02-02"

    strikes_site(daily, monday=True)  # Monday: the feed has a new entry
    second = watcher.run_round()
    assert (second.feeds_changed, second.feeds_not_modified, second.entries_new) == (1, 1, 1)
    assert second.articles["new"] == 1 and second.relations["walkback"] == 1
    walkback = next(r for r in found if r.type == "walkback")
    assert walkback.source.statement.speaker.name == "John Kirby"
    assert walkback.target.statement.content.text == "We did inform the Iraqi government prior to the strikes"
    assert (
        walkback.target.url == f"{daily.url}/news/strikes"
        and walkback.source.url == f"{daily.url}/news/misspoke"
    )
    assert "misspoke" in walkback.evidence
    # the webhook got each relation, in the shape of `walkback walkbacks --format json`
    posts = [h.json() for h in hook.requests("/hook", method="POST")]
    assert len(posts) == len(found) and posts[0]["type"] in {"walkback", "contradicts"}
    sent = next(p for p in posts if p["type"] == "walkback")
    assert sent == relation_json(walkback)
    assert sent["speaker"]["name"] == "John Kirby" and sent["to"]["said_on"] == "2024-02-02"
    assert hook.requests("/hook", method="POST")[0].headers["content-type"].startswith("application/json")

    daily.clear()
    third = watcher.run_round()
    assert third.feeds_not_modified == 2 and third.entries_new == 0
    assert sum(third.articles.values()) == 0 and sum(third.relations.values()) == 0
    assert [(h.path, h.status) for h in daily.hits] == [("/feed.xml", 304)]
    assert daily.hits[0].headers["if-none-match"] == '"v2"'
    assert wire.hits[-1].headers["if-modified-since"] == "Tue, 12 Mar 2024 09:00:00 GMT"
    assert wire.hits[-1].status == 304
    assert len(found) == len(posts) == len(hook.requests("/hook", method="POST"))
    total = watcher.summary
    assert total.rounds == 3 and total.relations["walkback"] == 1


def test_an_edited_article_becomes_a_new_version_on_its_recheck(make_site, settings, store):
    site = make_site()
    feed = strikes_site(site)
    clock = Clock()
    watcher = Watcher(store, settings, [feed], clock=clock)
    watcher.run_round()
    (article,) = store.articles()
    site.put(
        "/news/strikes",
        news_page(
            "US strikes Iran-linked targets in Iraq and Syria",
            [*STRIKES_FRIDAY, STRIKES_UPDATE],
            "2024-02-02T18:00:00Z",
        ),
    )
    clock.advance(minutes=10)  # not due yet: the first re-check comes after 15 minutes
    assert watcher.run_round().articles["new_version"] == 0
    assert len(site.requests("/news/strikes")) == 1
    clock.advance(minutes=6)
    assert watcher.run_round().articles["new_version"] == 1
    versions = store.versions(article.id)
    assert [v.version for v in versions] == [1, 2]
    assert store.article(article.id).text.endswith("additional reporting from Baghdad.")
    state = store.watched_article(f"{site.url}/news/strikes")
    assert state.checks == 2 and state.next_check == clock.now + timedelta(hours=1)
    # the same page again: fetched, unchanged, no new version
    clock.advance(hours=1, minutes=1)
    assert watcher.run_round().articles["unchanged"] == 1
    # the check that was due before the week was out still happens (late); then no more
    clock.advance(days=8)
    assert watcher.run_round().articles["unchanged"] == 1
    assert store.watched_article(f"{site.url}/news/strikes").next_check is None
    clock.advance(days=1)
    assert sum(watcher.run_round().articles.values()) == 0
    assert len(site.requests("/news/strikes")) == 4


def test_an_article_with_an_etag_is_rechecked_conditionally(make_site, settings, store):
    site = make_site()
    site.put("/s", news_page("Council approves library budget", COUNCIL, "2024-03-12T09:00:00Z"))
    site.put("/s", Page(site._answer("/s").body, etag='"c1"'))
    site.put("/feed.xml", rss("Wire", [("c", f"{site.url}/s", "Council", MON)]), content_type=RSS)
    clock = Clock()
    watcher = Watcher(store, settings, [f"{site.url}/feed.xml"], clock=clock)
    assert watcher.run_round().articles["new"] == 1
    clock.advance(minutes=16)
    assert watcher.run_round().articles["not_modified"] == 1
    hits = site.requests("/s")
    assert [h.status for h in hits] == [200, 304] and hits[1].headers["if-none-match"] == '"c1"'
    assert [v.version for v in store.versions(store.articles()[0].id)] == [1]


def test_robots_txt_keeps_an_article_unfetched(make_site, settings, store):
    site = make_site()
    site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.put("/private/memo", news_page("Memo", COUNCIL, "2024-03-12T09:00:00Z"))
    site.put("/news/ok", news_page("Council approves library budget", COUNCIL, "2024-03-12T09:00:00Z"))
    items = [("m", f"{site.url}/private/memo", "Memo", MON), ("o", f"{site.url}/news/ok", "OK", MON)]
    site.put("/feed.xml", rss("Wire", items), content_type=RSS)
    watcher = Watcher(store, settings, [f"{site.url}/feed.xml"])
    done = watcher.run_round()
    assert (done.articles["disallowed"], done.articles["new"]) == (1, 1)
    assert site.requests("/private/memo") == []
    memo = store.watched_article(f"{site.url}/private/memo")
    assert memo.last_status == "disallowed" and memo.next_check is None
    assert watcher.run_round().articles["disallowed"] == 0  # not asked again


def test_a_feed_that_500s_is_retried_and_recovers(make_site, settings, store):
    site = make_site()
    strikes_site(site)
    good = site._answer("/feed.xml")
    site.put("/feed.xml", Page(b"down", status=500), Page(b"down", status=503), good)
    done = Watcher(store, replace(settings, fetch_retries=3), [f"{site.url}/feed.xml"]).run_round()
    assert done.feeds_failed == 0 and done.articles["new"] == 1
    assert [h.status for h in site.requests("/feed.xml")] == [500, 503, 200]


def test_a_feed_down_or_sending_garbage_is_a_warning_and_the_others_go_on(make_site, settings, store, caplog):
    down, garbage, wire = make_site(), make_site(), make_site()
    down.put("/feed.xml", Page(b"maintenance", status=503))
    garbage.put("/feed.xml", b"\x00\x13\x37 this is not a feed \xff", content_type="application/rss+xml")
    feeds = [f"{down.url}/feed.xml", f"{garbage.url}/feed.xml", council_site(wire)]
    caplog.set_level(logging.WARNING, logger="walkback")
    watcher = Watcher(store, settings, feeds)
    done = watcher.run_round()
    assert (done.feeds_failed, done.feeds_changed, done.articles["new"]) == (2, 1, 1)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("\n" not in w for w in warnings)
    assert warnings[0].startswith(f"feed {down.url}/feed.xml: the server answered HTTP 503")
    assert warnings[1].startswith(f"feed {garbage.url}/feed.xml: not an RSS or Atom feed")
    assert len(down.requests("/feed.xml")) == 1 + settings.fetch_retries
    state = store.feed_state(f"{down.url}/feed.xml")
    assert state.failures == 1 and state.last_status == "failed" and "503" in state.last_error
    strikes_site(down)  # back up
    again = watcher.run_round()
    assert again.feeds_failed == 1 and again.articles["new"] == 1
    assert store.feed_state(f"{down.url}/feed.xml").failures == 0
    assert store.feed_state(f"{garbage.url}/feed.xml").failures == 2


def test_an_article_that_fails_is_retried_next_round_then_given_up(make_site, settings, store, caplog):
    site = make_site()
    site.put("/news/x", Page(b"busy", status=503))
    site.put("/feed.xml", rss("Wire", [("x", f"{site.url}/news/x", "X", MON)]), content_type=RSS)
    watcher = Watcher(
        store, replace(settings, fetch_retries=0, article_max_failures=2), [f"{site.url}/feed.xml"]
    )
    caplog.set_level(logging.WARNING, logger="walkback")
    assert watcher.run_round().articles["failed"] == 1
    assert watcher.run_round().articles["failed"] == 1
    assert watcher.run_round().articles["failed"] == 0
    assert len(site.requests("/news/x")) == 2
    state = store.watched_article(f"{site.url}/news/x")
    assert state.last_status == "given_up" and state.next_check is None
    messages = [r.getMessage() for r in caplog.records]
    assert (
        messages[-1]
        == f"article {site.url}/news/x: the server answered HTTP 503 Service Unavailable; given up"
    )


def test_a_webhook_that_fails_is_logged_and_not_fatal(make_site, settings, store, caplog):
    daily, hook = make_site(), make_site()
    hook.put("/hook", Page(b"no", status=500))
    found = []
    watcher = Watcher(
        store, settings, [strikes_site(daily)], webhook=f"{hook.url}/hook", on_relation=found.append
    )
    watcher.run_round()
    strikes_site(daily, monday=True)
    caplog.set_level(logging.WARNING, logger="walkback")
    done = watcher.run_round()
    assert done.relations["walkback"] == 1 and found
    assert len(hook.requests("/hook", method="POST")) == len(found)
    failures = [r.getMessage() for r in caplog.records if "webhook" in r.getMessage()]
    assert len(failures) == len(found)
    assert failures[0] == f"webhook {hook.url}/hook: not delivered (HTTP 500 Internal Server Error)"


def test_private_addresses_are_refused_unless_allowed(make_site, settings, store, caplog):
    site = make_site()
    feed = strikes_site(site)
    caplog.set_level(logging.WARNING, logger="walkback")
    done = Watcher(store, replace(settings, allow_private_addresses=False), [feed]).run_round()
    assert done.feeds_failed == 1 and site.hits == []
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f"feed {feed}: the host '127.0.0.1' resolves to 127.0.0.1, a private")


def test_feed_urls_and_durations_are_checked_first(store, settings):
    with pytest.raises(ConfigError, match="a feed must be an http"):
        Watcher(store, settings, ["file:///etc/passwd"])
    with pytest.raises(ConfigError, match="no feeds"):
        Watcher(store, settings, [])
    with pytest.raises(ConfigError, match="recheck_until must be a duration"):
        Watcher(store, replace(settings, recheck_until="a week"), ["http://news.example/feed"])
