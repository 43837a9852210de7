"""The feed watcher: poll feeds, fetch new and due articles politely, store and link them, announce.

One round of :class:`Watcher`:

1. polls every feed conditionally (:func:`~walkback.ingest.feeds.poll_feed`); the entries not seen
   before put their articles on the schedule, due at once;
2. fetches every article that is due (new ones, and known ones whose re-check has come: see
   :class:`~walkback.ingest.schedule.RecheckSchedule`) through one
   :class:`~walkback.ingest.polite.PoliteFetcher`, then extracts and stores them with the pipeline
   (a changed text becomes a new version);
3. links the new statements and announces each walk-back and contradiction not announced before:
   to ``on_relation`` and, when given, as a JSON POST to a webhook.

Everything it needs to go on after a restart is in the store (:mod:`walkback.store.feeds`). A feed
that is down or sends garbage, and an article that cannot be read, get one warning (logged) and the
round goes on. :meth:`Watcher.run` repeats rounds on a fixed period.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from itertools import islice
from urllib.parse import urlsplit

from .errors import ConfigError, FetchError, InputError, RobotsDisallowedError
from .ingest import read_document
from .ingest.feeds import poll_feed
from .ingest.fetch import TEXT_TYPES, Fetched, page_document
from .ingest.polite import PoliteFetcher, is_transient
from .ingest.schedule import RecheckSchedule
from .model import Article
from .pipeline import Outcome, ingest_articles
from .settings import Settings
from .store import Store, WatchedArticle
from .store.ledger import RelationRow

__all__ = ["Watcher", "WatchSummary"]

log = logging.getLogger(__name__)

_ARTICLES_PER_BATCH = 16  # fetched, then stored together: an interrupted round keeps what it stored


def _counts(*keys: str) -> Callable[[], dict[str, int]]:
    return lambda: dict.fromkeys(keys, 0)


@dataclass(slots=True)
class WatchSummary:
    rounds: int = 0
    feeds_polled: int = 0
    feeds_changed: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    entries_new: int = 0
    articles: dict[str, int] = field(
        default_factory=_counts("new", "new_version", "unchanged", "not_modified", "failed", "disallowed")
    )
    statements: int = 0
    relations: dict[str, int] = field(default_factory=_counts("walkback", "contradicts"))

    def __add__(self, other: WatchSummary) -> WatchSummary:
        out = WatchSummary()
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            setattr(out, f.name, {k: a[k] + b[k] for k in a} if isinstance(a, dict) else a + b)
        return out

    def line(self) -> str:
        a, r = self.articles, self.relations
        return (
            f"{self.rounds} round(s); feeds: {self.feeds_polled} polled, {self.feeds_changed} changed, "
            f"{self.feeds_not_modified} not modified, {self.feeds_failed} failed; {self.entries_new} new "
            f"entries; articles: {a['new']} new, {a['new_version']} new version, {a['unchanged']} unchanged, "
            f"{a['not_modified']} not modified, {a['failed']} failed, {a['disallowed']} disallowed by "
            f"robots.txt; statements found: {self.statements}; {r['walkback']} walk-backs, "
            f"{r['contradicts']} contradictions"
        )


def _check_feed_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"a feed must be an http(s) URL with a host; got {url!r}")
    return url.strip()


def _interleave(items: Sequence[WatchedArticle]) -> list[WatchedArticle]:
    """Due articles taking turns by host, each host's in order: while one host's pace makes it wait,
    the others are asked."""
    hosts: dict[str, list[WatchedArticle]] = {}
    for it in items:
        hosts.setdefault(urlsplit(it.url).netloc.lower(), []).append(it)
    queues = [iter(q) for q in hosts.values()]
    out: list[WatchedArticle] = []
    while queues:
        for q in list(queues):
            nxt = next(q, None)
            if nxt is None:
                queues.remove(q)
            else:
                out.append(nxt)
    return out


def _batches(items: list[WatchedArticle], size: int) -> Iterator[list[WatchedArticle]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Watcher:
    """Watches ``feeds`` into ``store``. ``clock`` (aware UTC datetimes) and ``fetcher`` can be replaced
    in tests; ``on_relation`` is called with each walk-back or contradiction as it is found."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        feeds: Sequence[str],
        *,
        webhook: str | None = None,
        on_relation: Callable[[RelationRow], None] | None = None,
        fetcher: PoliteFetcher | None = None,
        clock: Callable[[], datetime] | None = None,
        encoder: object | None = None,
    ) -> None:
        if not feeds:
            raise ConfigError("no feeds to watch: give one or more RSS or Atom feed URLs")
        self.store = store
        self.settings = settings
        self.feeds = list(dict.fromkeys(_check_feed_url(f) for f in feeds))
        self.schedule = RecheckSchedule.from_settings(settings)
        self.fetcher = fetcher or PoliteFetcher(settings)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.on_relation = on_relation
        self.encoder = encoder
        from .report.webhook import Webhook

        self.webhook = Webhook(webhook, settings=settings) if webhook else None
        self.total = WatchSummary()
        self.current = WatchSummary()
        store.watch_mark()  # relations found from now on are announced

    @property
    def summary(self) -> WatchSummary:
        """Every round so far, the one under way included."""
        return self.total + self.current

    # -- rounds --------------------------------------------------------------------------------------

    def run(
        self,
        *,
        every: float,
        rounds: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_round: Callable[[WatchSummary], None] | None = None,
    ) -> WatchSummary:
        """Run a round every ``every`` seconds (``rounds`` of them, or until interrupted)."""
        done = 0
        while True:
            started = time.monotonic()
            finished = self.run_round()
            if on_round is not None:
                on_round(finished)
            done += 1
            if rounds is not None and done >= rounds:
                return self.total
            wait = every - (time.monotonic() - started)
            if wait > 0:
                sleep(wait)

    def run_round(self) -> WatchSummary:
        """Poll every feed, fetch what is due, store, link and announce; return this round's counts."""
        self.current = WatchSummary(rounds=1)
        for url in self.feeds:
            self._poll(url)
        self._fetch_due()
        self._announce()
        finished, self.current = self.current, WatchSummary()
        self.total = self.total + finished
        return finished

    # -- 1: feeds ------------------------------------------------------------------------------------

    def _poll(self, url: str) -> None:
        state = self.store.feed_state(url)
        cur = self.current
        cur.feeds_polled += 1
        try:
            poll = poll_feed(
                url,
                fetcher=self.fetcher,
                etag=state.etag if state else None,
                last_modified=state.last_modified if state else None,
            )
        except (FetchError, InputError) as e:
            cur.feeds_failed += 1
            failures = (state.failures if state else 0) + 1
            log.warning("feed %s: %s (%d failed poll(s) in a row)", url, e.message, failures)
            self.store.record_feed_poll(url, now=self.clock(), status="failed", error=e.message)
            return
        if poll.feed is None:
            cur.feeds_not_modified += 1
            self.store.record_feed_poll(
                url, now=self.clock(), status="not_modified", etag=poll.etag, last_modified=poll.last_modified
            )
            return
        cur.feeds_changed += 1
        new = self.store.record_feed_poll(
            url,
            now=self.clock(),
            status="changed",
            title=poll.feed.title,
            kind=poll.feed.kind,
            etag=poll.etag,
            last_modified=poll.last_modified,
            entries=poll.feed.entries,
        )
        cur.entries_new += len(new)
        log.info("feed %s: %d entries, %d new", url, len(poll.feed.entries), len(new))

    # -- 2: articles ---------------------------------------------------------------------------------

    def _fetch_due(self) -> None:
        due = _interleave(self.store.due_articles(self.clock()))
        for batch in _batches(due, _ARTICLES_PER_BATCH):
            read: list[Article] = []
            pending: dict[str, tuple[WatchedArticle, Fetched]] = {}
            for item in batch:
                got = self._fetch(item)
                if got is not None:
                    article, fetched = got
                    read.append(article)
                    pending[item.url] = (item, fetched)

            def stored(o: Outcome, pending: dict[str, tuple[WatchedArticle, Fetched]] = pending) -> None:
                item, fetched = pending[o.source]
                if o.status == "failed" or o.article is None:
                    self._failed(item, o.error or "failed", transient=True)
                    return
                self.current.articles[o.status] += 1
                if o.note:
                    log.warning("%s", o.note)
                if o.status != "unchanged":
                    self.current.statements += len(o.statements)
                self._checked(item, o.status, fetched, article_id=o.article.id)

            if read:
                ingest_articles(read, store=self.store, settings=self.settings, on_outcome=stored)

    def _fetch(self, item: WatchedArticle) -> tuple[Article, Fetched] | None:
        headers: dict[str, str] = {}
        if item.article_id is not None:  # only what was read may be "not modified"
            if item.etag:
                headers["If-None-Match"] = item.etag
            if item.last_modified:
                headers["If-Modified-Since"] = item.last_modified
        try:
            fetched = self.fetcher.get(item.url, headers=headers, types=TEXT_TYPES)
            if fetched.not_modified:
                self.current.articles["not_modified"] += 1
                self._checked(item, "not_modified", fetched)
                return None
            doc = page_document(fetched)
            article = read_document(doc, published=item.published, outlets=self.settings.outlets)
        except RobotsDisallowedError as e:
            self.current.articles["disallowed"] += 1
            log.info("article %s: %s; not fetched", item.url, e.message)
            self.store.record_article_failure(
                item.url, now=self.clock(), status="disallowed", error=e.message, next_check=None
            )
            return None
        except FetchError as e:
            self._failed(item, e.message, transient=is_transient(e))
            return None
        except InputError as e:
            self._failed(item, e.message, transient=False)
            return None
        return article, fetched

    def _checked(
        self, item: WatchedArticle, status: str, fetched: Fetched, article_id: str | None = None
    ) -> None:
        now = self.clock()
        self.store.record_article_check(
            item.url,
            now=now,
            status=status,
            next_check=self.schedule.next_check(item.first_seen, item.checks + 1, now),
            article_id=article_id,
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
        )

    def _failed(self, item: WatchedArticle, message: str, *, transient: bool) -> None:
        self.current.articles["failed"] += 1
        failures = item.failures + 1
        again = transient and failures < self.settings.article_max_failures
        if again:
            log.warning("article %s: %s (failure %d; tried again next round)", item.url, message, failures)
        else:
            log.warning("article %s: %s; given up", item.url, message)
        now = self.clock()
        self.store.record_article_failure(
            item.url,
            now=now,
            status="failed" if again else "given_up",
            error=message,
            next_check=now if again else None,
        )

    # -- 3: links and announcements ------------------------------------------------------------------

    def _announce(self) -> None:
        since = datetime.now(UTC).isoformat(timespec="microseconds")
        if self.settings.link and self.store.unlinked():
            from .link import link_store

            link_store(self.store, self.settings, encoder=self.encoder)
        from .report.links import relation_json

        rows = self.store.unreported_relations()
        for r in rows:
            self.current.relations[r.type] = self.current.relations.get(r.type, 0) + 1
            if self.on_relation is not None:
                self.on_relation(r)
            if self.webhook is not None:
                self.webhook.send(relation_json(r))
        self.store.mark_reported(rows, since=since)
