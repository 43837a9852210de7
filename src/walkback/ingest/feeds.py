"""RSS and Atom feeds: one conditional poll of a feed, and its entries read with feedparser.

:func:`poll_feed` asks a feed for what changed since the last poll (``If-None-Match`` with the ETag,
``If-Modified-Since`` with the ``Last-Modified`` the server sent): a 304 answer costs nothing more.
The feed is fetched through a :class:`~walkback.ingest.polite.PoliteFetcher` (address and redirect
checks, size limit, timeout, per-host pace, retries); its bytes are handed to feedparser, which never
touches the network itself. A feed is polled the way a feed reader polls it: robots.txt governs the
article pages fetched from it, not the feed the user subscribed to.

Bytes that feedparser cannot read as RSS or Atom (an HTML page, garbage) are an :class:`InputError`;
a feed with an XML flaw past which feedparser still found entries is read for those entries.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from ..errors import InputError
from .dates import in_range
from .polite import PoliteFetcher

__all__ = ["FeedEntry", "Feed", "FeedPoll", "parse_feed", "poll_feed", "FEED_ACCEPT"]

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One item of a feed: what identifies it, the article it links to, and when it says it was published."""

    key: str  # the entry's id (RSS guid, Atom id), else its link
    url: str  # the article's absolute http(s) URL
    title: str
    published: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    kind: str  # feedparser's name of the format: rss20, atom10, rss10, ...
    title: str | None
    entries: tuple[FeedEntry, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedPoll:
    """What one poll brought: ``feed`` is ``None`` when the server answered 304 Not Modified."""

    url: str
    feed: Feed | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.feed is None


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        # "in" first: feedparser's get("updated_parsed") falls back on the published date, with a warning
        parsed = entry.get(key) if key in entry else None
        if parsed:
            try:
                when = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            except (OverflowError, ValueError):
                continue
            if in_range(when):
                return when
                continue
    return None


def parse_feed(data: bytes, *, url: str, content_type: str | None = None, max_entries: int = 200) -> Feed:
    """Read RSS or Atom ``data`` fetched from ``url`` (relative links resolve against it).

    Entries without an http(s) link are left out; at most ``max_entries`` are kept, in the feed's order.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({' '.join(str(problem).split())})" if problem else ""
        raise InputError(f"not an RSS or Atom feed{why}", source=url)
    if parsed.get("bozo"):
        log.debug("%s: read past a flaw: %s", url, parsed.get("bozo_exception"))
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link.lower().startswith(("http://", "https://")):
            log.debug("%s: entry %r has no http(s) link; skipped", url, entry.get("title"))
            continue
        key = (entry.get("id") or "").strip() or link
        if key in seen:
            continue
        seen.add(key)
        title = " ".join((entry.get("title") or "").split())
        entries.append(FeedEntry(key=key, url=link, title=title, published=_when(entry)))
        if len(entries) >= max_entries:
            break
    title = " ".join((parsed.feed.get("title") or "").split()) or None
    return Feed(kind=parsed.get("version") or "unknown", title=title, entries=tuple(entries))


def poll_feed(
    url: str,
    *,
    fetcher: PoliteFetcher,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FeedPoll:
    """GET the feed at ``url``, conditionally when ``etag`` or ``last_modified`` is known.

    Raises :class:`~walkback.errors.FetchError` when it cannot be fetched (after the fetcher's retries)
    and :class:`~walkback.errors.InputError` when what came back is no feed.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    fetched = fetcher.get(url, headers=headers, accept=FEED_ACCEPT, robots=False)
    if fetched.not_modified:
        log.debug("%s: not modified", url)
        return FeedPoll(url=url, feed=None, etag=etag, last_modified=last_modified)
    feed = parse_feed(
        fetched.body,
        url=fetched.url,
        content_type=fetched.content_type,
        max_entries=fetcher.settings.feed_max_entries,
    )
    log.debug("%s: %s feed with %d entries", url, feed.kind, len(feed.entries))
    return FeedPoll(
        url=url,
        feed=feed,
        etag=fetched.headers.get("etag"),
        last_modified=fetched.headers.get("last-modified"),
    )
