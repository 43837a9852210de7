"""What ``walkback watch`` keeps between runs (mixed into :class:`~walkback.store.Store`).

Each feed's ETag, Last-Modified, last poll and failures in a row (``feeds``); the entries already seen
(``feed_entries``), so a restarted watcher takes up only what is new; every article linked from a feed
with its re-check schedule (``watched_articles``: ``next_check`` is NULL once it is checked no more);
and the relations already announced (``reported_relations``), so none is announced twice, not even
when a new version of an article links it again. Times are UTC text of a fixed width (text order is
time order).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from ..model import stable_id
from .ledger import RelationRow

__all__ = ["FeedState", "WatchedArticle", "WatchTables", "relation_key"]

_MARK = "watch_reported_since"


def _utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


class EntryLike(Protocol):
    key: str
    url: str
    title: str
    published: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    url: str
    title: str | None
    kind: str | None
    etag: str | None
    last_modified: str | None
    last_poll: datetime | None
    last_ok: datetime | None
    last_status: str | None
    last_error: str | None
    failures: int
    polls: int
    entries: int


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchedArticle:
    url: str
    feed_url: str | None
    published: datetime | None
    first_seen: datetime
    next_check: datetime | None
    checks: int
    failures: int
    last_status: str | None
    last_error: str | None
    article_id: str | None
    etag: str | None
    last_modified: str | None


def _article(r: sqlite3.Row) -> WatchedArticle:
    return WatchedArticle(
        url=r["url"], feed_url=r["feed_url"], published=_dt(r["published"]),
        first_seen=_dt(r["first_seen"]), next_check=_dt(r["next_check"]),  # type: ignore[arg-type]
        checks=r["checks"], failures=r["failures"], last_status=r["last_status"],
        last_error=r["last_error"], article_id=r["article_id"], etag=r["etag"],
        last_modified=r["last_modified"],
    )  # fmt: skip


def relation_key(r: RelationRow) -> str:
    """What makes a relation the same one again: its type, and each side's article, speaker and words."""
    a, b = r.source, r.target
    if b is None:  # the words answered were never quoted: the report's words for them
        other = ("", r.target_speaker or "", r.target_text or "")
    else:
        who = b.speaker_key or b.statement.speaker.name or ""
        other = (b.statement.article_id, who, b.statement.content.text)
    return stable_id(
        r.type,
        a.statement.article_id, a.speaker_key or a.statement.speaker.name or "", a.statement.content.text,
        *other,
        prefix="r",
    )  # fmt: skip


class WatchTables:
    """The feed watcher's tables; :class:`~walkback.store.Store` provides the connection."""

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:  # provided by Store
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # provided by Store
        raise NotImplementedError

    def relations(self, type: str | None = None, **filters: Any) -> list[RelationRow]:  # by LedgerReads
        raise NotImplementedError

    # -- feeds ---------------------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState | None:
        found = self.feed_states([url])
        return found[0] if found else None

    def feed_states(self, urls: Sequence[str] | None = None) -> list[FeedState]:
        """The feeds watched (those in ``urls`` when given), in the order first polled."""
        sql = "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed_url = f.url) AS n FROM feeds f"
        params: list[Any] = []
        if urls is not None:
            sql += f" WHERE f.url IN ({','.join('?' * len(urls))})"
            params = list(urls)
        rows = self._query(sql + " ORDER BY f.rowid", params)
        return [
            FeedState(
                url=r["url"],
                title=r["title"],
                kind=r["kind"],
                etag=r["etag"],
                last_modified=r["last_modified"],
                last_poll=_dt(r["last_poll"]),
                last_ok=_dt(r["last_ok"]),
                last_status=r["last_status"],
                last_error=r["last_error"],
                failures=r["failures"],
                polls=r["polls"],
                entries=r["n"],
            )  # fmt: skip
            for r in rows
        ]

    def record_feed_poll(
        self,
        url: str,
        *,
        now: datetime,
        status: str,
        title: str | None = None,
        kind: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        entries: Sequence[EntryLike] = (),
        error: str | None = None,
    ) -> list[EntryLike]:
        """Record one poll (``changed``, ``not_modified`` or ``failed``) and the entries it found, in one
        transaction; return the entries not seen before, whose articles are now due for a first fetch."""
        when = _utc(now)
        new: list[EntryLike] = []
        with self._transaction() as conn:
            conn.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT (url) DO NOTHING", (url,))
            if status == "failed":
                conn.execute(
                    "UPDATE feeds SET last_poll = ?, last_status = ?, last_error = ?, "
                    "failures = failures + 1, polls = polls + 1 WHERE url = ?",
                    (when, status, error, url),
                )
                return new
            conn.execute(
                "UPDATE feeds SET last_poll = ?, last_ok = ?, last_status = ?, last_error = NULL, "
                "failures = 0, polls = polls + 1, title = coalesce(?, title), kind = coalesce(?, kind), "
                "etag = ?, last_modified = ? WHERE url = ?",
                (when, when, status, title, kind, etag, last_modified, url),
            )
            for e in entries:
                cur = conn.execute(
                    "INSERT INTO feed_entries (feed_url, entry_key, url, title, published, first_seen) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (url, e.key, e.url, e.title, _utc(e.published), when),
                )
                if cur.rowcount:
                    new.append(e)
                    conn.execute(
                        "INSERT INTO watched_articles (url, feed_url, published, first_seen, next_check) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                        (e.url, url, _utc(e.published), when, when),
                    )
        return new

    # -- articles ------------------------------------------------------------------------------------

    def watched_article(self, url: str) -> WatchedArticle | None:
        rows = self._query("SELECT * FROM watched_articles WHERE url = ?", [url])
        return _article(rows[0]) if rows else None

    def due_articles(self, now: datetime, *, limit: int | None = None) -> list[WatchedArticle]:
        """Articles whose next check is due at ``now``, the longest overdue first."""
        rows = self._query(
            "SELECT * FROM watched_articles WHERE next_check IS NOT NULL AND next_check <= ? "
            "ORDER BY next_check, first_seen, url LIMIT ?",
            [_utc(now), -1 if limit is None else limit],
        )
        return [_article(r) for r in rows]

    def record_article_check(
        self,
        url: str,
        *,
        now: datetime,
        status: str,
        next_check: datetime | None,
        article_id: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """A fetch that worked (``status``: new, unchanged, new_version, not_modified)."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE watched_articles SET checks = checks + 1, failures = 0, last_check = ?, "
                "last_status = ?, last_error = NULL, next_check = ?, article_id = coalesce(?, article_id), "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
                (_utc(now), status, _utc(next_check), article_id, etag, last_modified, url),
            )

    def record_article_failure(
        self, url: str, *, now: datetime, status: str, error: str, next_check: datetime | None
    ) -> None:
        """A fetch or read that failed (``status``: failed, disallowed, given_up); ``next_check`` None
        stops the checks."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE watched_articles SET failures = failures + 1, last_check = ?, last_status = ?, "
                "last_error = ?, next_check = ? WHERE url = ?",
                (_utc(now), status, error, _utc(next_check), url),
            )

    # -- relations announced -------------------------------------------------------------------------

    def watch_mark(self) -> str:
        """Relations created at or after this time may still be unannounced; set on the first call."""
        rows = self._query("SELECT value FROM meta WHERE key = ?", [_MARK])
        if rows:
            return str(rows[0][0])
        mark = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", (_MARK, mark))
        return str(self._query("SELECT value FROM meta WHERE key = ?", [_MARK])[0][0])

    def unreported_relations(self, types: Sequence[str] = ("walkback", "contradicts")) -> list[RelationRow]:
        """Relations of ``types`` created since :meth:`watch_mark` and not announced yet, oldest first."""
        since = self.watch_mark()
        rows = [r for t in types for r in self.relations(t, created_since=since)]
        rows.sort(key=lambda r: r.id)
        keys = [relation_key(r) for r in rows]
        known = set()
        for chunk in _chunks(keys, 500):
            found = self._query(
                f"SELECT key FROM reported_relations WHERE key IN ({','.join('?' * len(chunk))})", chunk
            )
            known.update(r[0] for r in found)
        out, fresh = [], set()
        for r, key in zip(rows, keys, strict=True):
            if key not in known and key not in fresh:
                fresh.add(key)
                out.append(r)
        return out

    def mark_reported(self, rows: Sequence[RelationRow], *, since: str | None = None) -> None:
        """Remember ``rows`` as announced; ``since`` moves the mark on (to when their linking began)."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._transaction() as conn:
            conn.executemany(
                "INSERT INTO reported_relations (key, relation_id, reported_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                [(relation_key(r), r.id, now) for r in rows],
            )
            if since is not None:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                    "max(meta.value, excluded.value)",
                    (_MARK, since),
                )


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
