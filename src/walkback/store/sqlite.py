"""The SQLite store: articles, their versions and their statements in one file.

One :class:`Store` wraps one connection. The file runs in WAL mode, so readers in other
connections and processes keep reading while a writer ingests; every :meth:`Store.save` is one
``BEGIN IMMEDIATE`` transaction, so an article is stored with all its statements or not at all,
even when the process is killed half way.

An article's identity is ``Article.id``; each body that differs in more than white space,
encoding or date lines (``Article.norm_hash``) is a version (1, 2, ...). Saving a body that is
already stored, or one that differs from a stored one only that way, changes nothing. Statements
belong to a version; the extractor's ``Statement.id`` is unique within it.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ..errors import StoreError
from ..model import Article, SaidOn, Span, Speaker, Statement
from . import postgres, schema
from .feeds import WatchTables
from .ledger import Ledger, LedgerReads
from .query import contains_sql, date_bound, fold, fts_query, period, records
from .reviews import ReviewTables

__all__ = ["ArticleRow", "SaveResult", "StatementRow", "Store"]

log = logging.getLogger(__name__)

Status = Literal["new", "unchanged", "new_version"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveResult:
    status: Status
    article_id: str
    version: int  # 1-based; for "unchanged", the stored version with the same body
    statements_added: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRow:
    """One stored version of an article, without its text."""

    id: str
    version: int
    url: str | None
    outlet: str | None
    title: str
    authors: tuple[str, ...]
    published: datetime | None
    updated: datetime | None
    ingested_at: datetime
    statement_count: int
    source: str | None
    content_hash: str
    language: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatementRow:
    """A stored statement with the article version it was found in."""

    statement: Statement
    article_id: str
    version: int
    url: str | None
    outlet: str | None
    title: str
    published: datetime | None


# -- values in and out ---------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _sort_key(value: datetime | None) -> str | None:
    """UTC, fixed width: text order is time order. Naive datetimes are taken as UTC."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def _span(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (span.start, span.end, span.text) if span is not None else (None, None, None)


def _unspan(row: Mapping[str, Any], prefix: str) -> Span | None:
    start = row[f"{prefix}_start"]
    if start is None:
        return None
    return Span(start=start, end=row[f"{prefix}_end"], text=row[f"{prefix}_text"])


_STATEMENT_COLUMNS = (
    "version, id, article_id, kind, content_start, content_end, content_text, cue_start, cue_end, cue_text, "
    "sentence_start, sentence_end, sentence_text, speaker_name, speaker_mention_start, speaker_mention_end, "
    "speaker_mention_text, speaker_role, speaker_affiliation, speaker_anonymous, speaker_kind, "
    "speaker_resolved_start, speaker_resolved_end, speaker_resolved_text, said_on, said_on_precision, "
    "said_on_source, said_on_evidence_start, said_on_evidence_end, said_on_evidence_text, said_on_start, "
    "said_on_end, medium, medium_start, medium_end, medium_text, confidence, rule, segments"
)
_INSERT_STATEMENT = (
    f"INSERT INTO statements ({_STATEMENT_COLUMNS}) "
    f"VALUES ({', '.join('?' * len(_STATEMENT_COLUMNS.split(',')))})"
)


def _statement_values(st: Statement) -> tuple[Any, ...]:
    """The column values after ``version``, in ``_STATEMENT_COLUMNS`` order."""
    said = st.said_on
    if said.value is None:
        said_start = said_end = None
    else:
        try:
            said_start, said_end = period(said.value)
        except ValueError as e:
            raise StoreError(f"statement {st.id}: said_on {e}") from None
    sp = st.speaker
    return (
        st.id, st.article_id, st.kind,
        *_span(st.content), *_span(st.cue), *_span(st.sentence),
        sp.name, *_span(sp.mention), sp.role, sp.affiliation, int(sp.anonymous), sp.kind,
        *_span(sp.resolved_from),
        said.value, said.precision, said.source, *_span(said.evidence), said_start, said_end,
        st.medium, *_span(st.medium_span), float(st.confidence),
        st.rule, json.dumps([[g.start, g.end, g.text] for g in st.segments], ensure_ascii=False),
    )  # fmt: skip


def _statement(row: Mapping[str, Any]) -> Statement:
    return Statement(
        id=row["id"],
        article_id=row["article_id"],
        kind=row["kind"],
        content=Span(start=row["content_start"], end=row["content_end"], text=row["content_text"]),
        cue=_unspan(row, "cue"),
        speaker=Speaker(
            name=row["speaker_name"],
            mention=_unspan(row, "speaker_mention"),
            role=row["speaker_role"],
            affiliation=row["speaker_affiliation"],
            anonymous=bool(row["speaker_anonymous"]),
            kind=row["speaker_kind"],
            resolved_from=_unspan(row, "speaker_resolved"),
        ),
        said_on=SaidOn(
            value=row["said_on"],
            precision=row["said_on_precision"],
            source=row["said_on_source"],
            evidence=_unspan(row, "said_on_evidence"),
        ),
        medium=row["medium"],
        medium_span=_unspan(row, "medium"),
        confidence=row["confidence"],
        sentence=_unspan(row, "sentence"),
        rule=row["rule"],
        segments=tuple(Span(start=a, end=b, text=t) for a, b, t in json.loads(row["segments"])),
    )


def _article_row(row: sqlite3.Row) -> ArticleRow:
    return ArticleRow(
        id=row["article_id"],
        version=row["version"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        authors=tuple(json.loads(row["authors"])),
        published=_dt(row["published"]),
        updated=_dt(row["updated"]),
        ingested_at=datetime.fromisoformat(row["ingested_at"]),
        statement_count=row["statement_count"],
        source=row["source"],
        content_hash=row["content_hash"],
        language=row["language"],
    )


# what identifies a statement of a page: read along the index in listing order, no table row
_KEY = "s.pk, s.article_id, s.version"
# statements a store keeps built in memory (:meth:`Store._rows_of`)
_KEPT = 10_000
# statements read by pk in one query (SQLite takes at most 32,766 parameters)
_PKS_AT_ONCE = 500
# a speaker filter matching at most this many statements reads them from the trigram index of speakers
_INDEX_DRIVES = 300
_STATEMENT_ORDER = (
    "ORDER BY s.said_on_start IS NULL, s.said_on_start, s.said_on_end, s.article_id, s.version, "
    "s.content_start, s.pk"
)


def _page(limit: int | None, offset: int) -> tuple[int, int]:
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0 or None, got {limit}")
    if offset < 0:
        raise ValueError(f"offset must be >= 0, got {offset}")
    return (-1 if limit is None else limit), offset


_VERSION_COLUMNS = (
    "v.article_id, v.version, v.content_hash, v.url, v.outlet, v.title, v.authors, v.published, v.updated, "
    "v.source, v.ingested_at, v.statement_count, v.language"
)


# -- the store -----------------------------------------------------------------------------------


class Store(LedgerReads, WatchTables, ReviewTables):
    """Articles, versions and statements in one SQLite file. Open with :meth:`Store.open`."""

    def __init__(self, conn: sqlite3.Connection, *, path: str, readonly: bool) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self.readonly = readonly
        #: ``"postgresql"`` for a database on a server (``postgresql://…``), else ``"sqlite"``
        self.dialect = "postgresql" if isinstance(conn, postgres.PgConnection) else "sqlite"
        self._source = postgres.redact(path) if self.dialect == "postgresql" else path
        self._db_errors = (
            (sqlite3.Error, *postgres.errors()) if self.dialect == "postgresql" else (sqlite3.Error,)
        )
        # statements read before, by pk: a statement row is never changed once written, so a page of
        # them read again (a list paged through, a speaker asked for twice) is not built again
        self._kept: dict[int, StatementRow] = {}

    @property
    def usable(self) -> bool:
        """Open, and (on a server) its connection not broken."""
        conn = self._conn
        if conn is None:
            return False
        return not isinstance(conn, postgres.PgConnection) or conn.usable

    @property
    def vectors_path(self) -> Path | None:
        """Where the linker keeps its vector index beside the database; ``None``: rebuilt in memory
        (a private in-memory database, or one on a server)."""
        if self.dialect != "sqlite" or self.path in (":memory:", ""):
            return None
        return Path(self.path + ".vectors")

    # -- opening and closing ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        readonly: bool = False,
        busy_timeout: float = 5.0,
        any_thread: bool = False,
    ) -> Store:
        """Open (and create, unless ``readonly``) the database at ``path`` and bring its schema up to date.

        ``":memory:"`` gives a private in-memory database; ``postgresql://…`` (or ``postgres://…``)
        a database on a PostgreSQL server (:mod:`walkback.store.postgres`). ``busy_timeout`` is how
        many seconds a statement waits for another connection's lock before :class:`StoreError` is
        raised. ``any_thread`` lets threads other than the opening one use the store, one at a time
        (a pool).
        """
        name = os.fspath(path)
        if postgres.is_server_url(name):
            pg = postgres.connect(name, readonly=readonly, busy_timeout=busy_timeout)
            log.debug("opened store %s (readonly=%s)", postgres.redact(name), readonly)
            return cls(pg, path=name, readonly=readonly)  # type: ignore[arg-type]
        memory = name in (":memory:", "")
        try:
            if readonly:
                if memory or not os.path.isfile(name):
                    raise StoreError(
                        "database not found; a read-only store needs an existing database file", source=name
                    )
                uri = Path(name).resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(
                    uri,
                    uri=True,
                    timeout=busy_timeout,
                    isolation_level=None,
                    check_same_thread=not any_thread,
                )
            else:
                parent = Path(name).parent
                if not memory and not parent.is_dir():
                    raise StoreError(
                        f"cannot create the database: directory {parent} does not exist", source=name
                    )
                conn = sqlite3.connect(
                    name, timeout=busy_timeout, isolation_level=None, check_same_thread=not any_thread
                )
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the database ({e})", source=name) from None
        try:
            cls._prepare(conn, name=name, readonly=readonly, memory=memory, busy_timeout=busy_timeout)
        except BaseException as e:
            conn.close()
            if isinstance(e, sqlite3.DatabaseError):
                if "not a database" in str(e) or "malformed" in str(e):
                    raise StoreError("not a SQLite database (or a damaged one)", source=name) from None
                raise StoreError(f"cannot open the database ({e})", source=name) from None
            raise
        log.debug("opened store %s (readonly=%s)", name, readonly)
        return cls(conn, path=name, readonly=readonly)

    @staticmethod
    def _prepare(
        conn: sqlite3.Connection, *, name: str, readonly: bool, memory: bool, busy_timeout: float
    ) -> None:
        conn.row_factory = sqlite3.Row
        conn.create_function("wb_fold", 1, fold, deterministic=True)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # raises on a file that is no database
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id not in (0, schema.APPLICATION_ID):
            raise StoreError(
                f"is a SQLite database of another application (application_id {app_id:#x}); "
                f"allowed: an empty file or a walkback database",
                source=name,
            )
        schema.check_version(version, name)
        conn.execute("PRAGMA foreign_keys = ON")
        if readonly:
            schema.check_current(version, name)
            conn.execute("PRAGMA query_only = ON")
            return
        if not memory and conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(
                    f"cannot switch the database to WAL journal mode (got {mode!r})", source=name
                )
        conn.execute("PRAGMA synchronous = NORMAL")
        schema.migrate(conn, source=name)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else ("read-only" if self.readonly else "read-write")
        return f"<Store {self._source} {state}>"

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed", source=self._source)
        return self._conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Database errors become :class:`StoreError`, naming the database."""
        try:
            yield
        except self._db_errors as e:
            text = postgres.one_line(e)
            if "locked" in text or "busy" in text or "lock timeout" in text:
                raise StoreError(
                    f"the database is locked by another writer ({text}); retry when it has finished",
                    source=self._source,
                ) from e
            raise StoreError(f"database error ({text})", source=self._source) from e

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreError(
                "the store was opened read-only; open it without readonly=True to save", source=self._source
            )
        conn = self.conn
        with self._errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._errors():
            return self.conn.execute(sql, params).fetchall()

    @contextmanager
    def linking(self) -> Iterator[Ledger]:
        """One transaction for writing links (speakers, claims, stances, relations): all or nothing."""
        with self._transaction() as conn:
            yield Ledger(conn)

    # -- writing ---------------------------------------------------------------------------------

    def article_status(self, article: Article) -> Status:
        """``"unchanged"`` when this body is stored, ``"new_version"`` when another one is, else ``"new"``.

        Only reads, so callers can skip extracting statements from unchanged articles.
        """
        return self._status(self.conn, article)[0]

    def _status(self, conn: sqlite3.Connection, article: Article) -> tuple[Status, int]:
        with self._errors():
            # the same body, else one that differs only in white space, encoding or date lines
            row = conn.execute(
                "SELECT version FROM article_versions WHERE article_id = ? "
                "AND (content_hash = ? OR norm_hash = ?) "
                "ORDER BY content_hash = ? DESC, version DESC LIMIT 1",
                (article.id, article.content_hash, article.norm_hash, article.content_hash),
            ).fetchone()
            if row is not None:
                return "unchanged", row[0]
            row = conn.execute("SELECT latest_version FROM articles WHERE id = ?", (article.id,)).fetchone()
        return ("new", 1) if row is None else ("new_version", row[0] + 1)

    def save(self, article: Article, statements: Sequence[Statement]) -> SaveResult:
        """Store ``article`` with ``statements`` in one transaction; saving it again changes nothing.

        A body already stored under ``article.id`` gives ``"unchanged"`` and writes nothing (the
        statements passed are ignored); a new body becomes the next version, with its own statements.
        """
        statements = tuple(statements)
        seen: set[str] = set()
        for st in statements:
            if st.article_id != article.id:
                raise StoreError(
                    f"statement {st.id} belongs to article {st.article_id!r}, not to {article.id!r}; "
                    f"save takes the statements of one article"
                )
            if st.id in seen:
                raise StoreError(
                    f"statement id {st.id} appears twice in article {article.id}; ids must be unique"
                )
            seen.add(st.id)
        values = [_statement_values(st) for st in statements]  # validates before taking the write lock
        status, version = self._status(self.conn, article)
        if status == "unchanged":  # the common re-ingest case: no write lock needed
            return SaveResult(status="unchanged", article_id=article.id, version=version, statements_added=0)
        with self._transaction() as conn:
            status, version = self._status(conn, article)  # again, under the write lock
            if status == "unchanged":
                return SaveResult(
                    status="unchanged", article_id=article.id, version=version, statements_added=0
                )
            rows = [(version, *v) for v in values]
            now = datetime.now(UTC).isoformat(timespec="microseconds")
            if status == "new":
                conn.execute(
                    "INSERT INTO articles (id, url, outlet, first_seen, latest_version) "
                    "VALUES (?, ?, ?, ?, 1)",
                    (article.id, article.url, article.outlet, now),
                )
            else:
                conn.execute(
                    "UPDATE articles SET latest_version = ?, url = coalesce(?, url), "
                    "outlet = coalesce(?, outlet) WHERE id = ?",
                    (version, article.url, article.outlet, article.id),
                )
            conn.execute(
                "INSERT INTO article_versions (article_id, version, content_hash, norm_hash, url, outlet, "
                "title, authors, published, updated, sort_date, text, paragraphs, source, fetched_at, "
                "ingested_at, statement_count, language) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, version, article.content_hash, article.norm_hash, article.url, article.outlet,
                    article.title,
                    json.dumps(list(article.authors), ensure_ascii=False),
                    _iso(article.published), _iso(article.updated), _sort_key(article.date),
                    article.text, json.dumps([list(p) for p in article.paragraphs]),
                    article.source, _iso(article.fetched_at), now, len(rows), article.language,
                ),
            )  # fmt: skip
            conn.executemany(_INSERT_STATEMENT, rows)
        log.info("saved article %s version %d (%s, %d statements)", article.id, version, status, len(rows))
        return SaveResult(status=status, article_id=article.id, version=version, statements_added=len(rows))

    # -- reading articles ------------------------------------------------------------------------

    def articles(
        self, *, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[ArticleRow]:
        """The latest version of each article, newest first (published, else updated; then ingested)."""
        lim, off = _page(limit, offset)
        where, params = ("WHERE a.outlet = ?", [outlet]) if outlet is not None else ("", [])
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM articles a "
            "JOIN article_versions v ON v.article_id = a.id AND v.version = a.latest_version "
            f"{where} ORDER BY v.sort_date IS NULL, v.sort_date DESC, v.ingested_at DESC, a.id "
            "LIMIT ? OFFSET ?",
            [*params, lim, off],
        )
        return [_article_row(r) for r in rows]

    def versions(self, article_id: str) -> list[ArticleRow]:
        """Every stored version of an article, oldest first; empty when it is unknown."""
        rows = self._query(
            f"SELECT {_VERSION_COLUMNS} FROM article_versions v WHERE v.article_id = ? ORDER BY v.version",
            [article_id],
        )
        return [_article_row(r) for r in rows]

    def article_ids_at(self, url: str) -> list[str]:
        """Ids of the stored articles one of whose versions has exactly this URL, latest stored first."""
        rows = self._query(
            "SELECT article_id FROM article_versions WHERE url = ? "
            "GROUP BY article_id ORDER BY max(ingested_at) DESC, article_id",
            [url],
        )
        return [r[0] for r in rows]

    def article(self, article_id: str, version: int | None = None) -> Article | None:
        """The stored article (its latest version unless ``version`` is given), or ``None``."""
        if version is None:
            sql = (
                "SELECT v.* FROM article_versions v JOIN articles a "
                "ON v.article_id = a.id AND v.version = a.latest_version WHERE a.id = ?"
            )
            rows = self._query(sql, [article_id])
        else:
            rows = self._query(
                "SELECT * FROM article_versions v WHERE article_id = ? AND version = ?", [article_id, version]
            )
        if not rows:
            return None
        r = rows[0]
        return Article(
            id=r["article_id"],
            url=r["url"],
            outlet=r["outlet"],
            title=r["title"],
            authors=tuple(json.loads(r["authors"])),
            published=_dt(r["published"]),
            updated=_dt(r["updated"]),
            text=r["text"],
            paragraphs=tuple((int(p[0]), int(p[1])) for p in json.loads(r["paragraphs"])),
            source=r["source"],
            fetched_at=_dt(r["fetched_at"]),
            language=r["language"],
        )

    # -- reading statements ----------------------------------------------------------------------

    def _statement_filter(
        self,
        *,
        speaker: str | None,
        since: str | None,
        until: str | None,
        search: str | None,
        article_id: str | None,
        outlet: str | None,
        all_versions: bool,
        by_article: bool = False,
    ) -> tuple[str, list[Any]] | None:
        """FROM/WHERE clauses over ``statements s`` and ``articles a`` and their parameters; ``None``
        when nothing can match.

        ``by_article`` (latest versions only) reads each article's statements from the index on
        (article, version) instead of looking each statement's article up: the same rows, and the
        cheaper way to count them when no full-text search narrows them first.
        """
        if by_article and not all_versions:
            sql = (
                "FROM articles a CROSS JOIN statements s "
                "ON s.article_id = a.id AND s.version = a.latest_version"
            )
            where: list[str] = []
        else:
            sql = "FROM statements s JOIN articles a ON a.id = s.article_id"
            where = [] if all_versions else ["s.version = a.latest_version"]
        params: list[Any] = []
        if speaker is not None:
            needle = fold(speaker) or ""
            name, value = contains_sql("s.speaker_name", needle, self.dialect)
            mention, _ = contains_sql("s.speaker_mention_text", needle, self.dialect)
            where.append(f"({name} OR {mention})")
            params += [value] * 2
            indexed = self._speaker_index(needle)
            if indexed is not None:
                where.append(indexed[0])
                params.append(indexed[1])
        since_period, until_period = date_bound(since, "since"), date_bound(until, "until")
        if since_period is not None:  # the statement's period overlaps [since, until]
            where.append("s.said_on_end >= ?")
            params.append(since_period[0])
        if until_period is not None:
            where.append("s.said_on_start <= ?")
            params.append(until_period[1])
        if search is not None:
            if self.dialect == "postgresql":
                found = postgres.search_clause(search)
                if found is None:
                    return None
                where.append(found[0])
                params += found[1]
            else:
                match = fts_query(search)
                if match is None:
                    return None
                where.append("s.pk IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
                params.append(match)
        if article_id is not None:
            where.append("s.article_id = ?")
            params.append(article_id)
        if outlet is not None:
            where.append("a.outlet = ?")
            params.append(outlet)
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, params

    def _speaker_index(self, needle: str) -> tuple[str, str] | None:
        """A condition on ``s.pk`` from the trigram index of speakers (SQLite, an ASCII needle of three
        letters or more), and its parameter; ``None`` when the index cannot answer.

        The index finds every statement the LIKEs keep (and a few they drop, as a letter that folds
        to an ASCII one). A rare speaker's statements are read from it alone; a frequent speaker's
        (more than ``_INDEX_DRIVES``) are met soon enough along the index in listing order, and the
        index only tells which to keep there: read from it, the most quoted speaker's page was 0.7 ->
        4.9 ms (every match read and sorted), a rare one's 4 -> 0.4 ms (no statement tested in vain).
        """
        if self.dialect != "sqlite" or not needle.isascii() or len(needle) < 3:
            return None
        match = '"' + needle.replace('"', '""') + '"'
        found = self._query(
            "SELECT count(*) FROM "
            "(SELECT 1 FROM statements_speakers WHERE statements_speakers MATCH ? LIMIT ?)",
            (match, _INDEX_DRIVES + 1),
        )
        drives = int(found[0][0]) <= _INDEX_DRIVES
        lookup = "s.pk IN" if drives else "+s.pk IN"  # unary +: not an index to read from, a set to test
        return f"{lookup} (SELECT rowid FROM statements_speakers WHERE statements_speakers MATCH ?)", match

    def statements(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        article_id: str | None = None,
        outlet: str | None = None,
        all_versions: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StatementRow]:
        """Statements matching every filter given, ordered by date said, article and position.

        ``speaker`` matches case-insensitively anywhere in the speaker's name or mention. ``since``
        and ``until`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) keep statements whose ``said_on``
        period overlaps the range; undated statements are left out when either is given.
        ``search`` is full text over content, speaker name and mention; every word must occur
        (``"a phrase"`` and ``prefix*`` work; other syntax is searched for as text). Only the
        latest version of each article is searched unless ``all_versions``. Undated statements
        come last.
        """
        lim, off = _page(limit, offset)
        found = self._statement_filter(
            speaker=speaker, since=since, until=until, search=search, article_id=article_id, outlet=outlet,
            all_versions=all_versions,
        )  # fmt: skip
        if found is None:
            return []
        sql, params = found
        # the page is cut along the index first; only its rows are read whole, with their version's
        # details (skipped rows cost an index step, not a table row and a join: 3.3 -> 0.6 ms at
        # offset 2,900 of the PolNeAR train database)
        page = self._query(f"SELECT {_KEY} {sql} {_STATEMENT_ORDER} LIMIT ? OFFSET ?", [*params, lim, off])
        return self._rows_of(page)

    def statements_counted(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[list[StatementRow], int]:
        """A page of :meth:`statements` (latest versions) and how many match in all.

        With a filter, a page that ends before ``limit`` tells the count (a rare speaker's
        statements are read to the end anyway); only a full page costs a count, which reads the
        index without sorting. (A window count on the page's query, ``count(*) OVER ()``, sorted every
        match: 4.6 -> 3.8 ms for the most quoted speaker of the PolNeAR train database.)
        """
        filters = {"speaker": speaker, "since": since, "until": until, "search": search, "outlet": outlet}
        if all(v is None for v in filters.values()):  # the count walks the articles' index: cheaper
            return self.statements(limit=limit, offset=offset), self.count_statements()
        lim, off = _page(limit, offset)
        found = self._statement_filter(**filters, article_id=None, all_versions=False)
        if found is None:
            return [], 0
        sql, params = found
        page = self._query(f"SELECT {_KEY} {sql} {_STATEMENT_ORDER} LIMIT ? OFFSET ?", [*params, lim, off])
        if page and (len(page) < lim or lim < 0):  # the page reached the end: it tells the count
            total = off + len(page)
        else:
            total = int(self._query(f"SELECT count(*) {sql}", params)[0][0])
        return self._rows_of(page), total

    def _rows_of(self, keys: Sequence[Sequence[Any]]) -> list[StatementRow]:
        """The statements of a page, whole, in its order, from rows of :data:`_KEY` (pk, article,
        version). Those read before come from memory: a page of 100 statements takes about 5 ms to
        build from its rows (PolNeAR train), and a page asked for again (paging back, the same
        speaker, another reader) is most of what a server answers. At most :data:`_KEPT` are kept
        (the oldest half goes when full: about 3 KB each)."""
        want = [(int(k[0]), k[1], int(k[2])) for k in keys]
        kept = self._kept
        got = {
            pk: row for pk, article, version in want
            if (row := kept.get(pk)) is not None and (row.article_id, row.version) == (article, version)
        }  # fmt: skip
        missing = [pk for pk, _, _ in want if pk not in got]
        if missing:
            read = self._statement_rows(missing)
            got.update(read)
            if len(kept) + len(read) > _KEPT:
                for pk in list(itertools.islice(kept, max(len(kept) // 2, len(kept) + len(read) - _KEPT))):
                    del kept[pk]
            kept.update(read)
        return [got[pk] for pk, _, _ in want if pk in got]

    def _statement_rows(self, pks: Sequence[int]) -> dict[int, StatementRow]:
        """The statements of these pks, whole, with their version's details, by pk (read
        :data:`_PKS_AT_ONCE` at a time: a list without a limit may hold more than SQLite takes
        parameters in one statement)."""
        rows = [
            r
            for at in range(0, len(pks), _PKS_AT_ONCE)
            for r in self._query(
                "SELECT s.*, v.url AS v_url, v.outlet AS v_outlet, v.title AS v_title, "
                "v.published AS v_published FROM statements s "
                "JOIN article_versions v ON v.article_id = s.article_id AND v.version = s.version "
                f"WHERE s.pk IN ({', '.join('?' * len(pks[at : at + _PKS_AT_ONCE]))})",
                list(pks[at : at + _PKS_AT_ONCE]),
            )
        ]
        return {
            int(r["pk"]): StatementRow(
                statement=_statement(r),
                article_id=r["article_id"],
                version=r["version"],
                url=r["v_url"],
                outlet=r["v_outlet"],
                title=r["v_title"],
                published=_dt(r["v_published"]),
            )
            for r in records(rows)
        }

    def statements_view(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Any]:
        """What :meth:`statements` finds (latest versions), in its order, as linked statements: each
        with its speaker identity, claim and stance (:class:`~walkback.store.LinkedStatement`)."""
        lim, off = _page(limit, offset)
        found = self._statement_filter(
            speaker=speaker, since=since, until=until, search=search, article_id=None, outlet=outlet,
            all_versions=False,
        )  # fmt: skip
        if found is None:
            return []
        sql, params = found
        rows = self._query(f"SELECT s.pk {sql} {_STATEMENT_ORDER} LIMIT ? OFFSET ?", [*params, lim, off])
        pks = [int(r[0]) for r in rows]
        linked = self.linked_statements(pks)
        return [linked[pk] for pk in pks if pk in linked]

    def count_statements(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        article_id: str | None = None,
        outlet: str | None = None,
        all_versions: bool = False,
    ) -> int:
        """How many statements :meth:`statements` would return with the same filters and no limit."""
        found = self._statement_filter(
            speaker=speaker, since=since, until=until, search=search, article_id=article_id, outlet=outlet,
            all_versions=all_versions, by_article=search is None,
        )  # fmt: skip
        if found is None:
            return 0
        sql, params = found
        return int(self._query(f"SELECT count(*) {sql}", params)[0][0])

    def count_articles(self) -> int:
        return int(self._query("SELECT count(*) FROM articles")[0][0])

    def stats(self) -> dict[str, int]:
        """Counts: articles, versions, statements (latest versions), all statements, speakers, outlets."""
        row = self._query(
            "SELECT "
            "(SELECT count(*) FROM articles) AS articles, "
            "(SELECT count(*) FROM article_versions) AS versions, "
            "(SELECT count(*) FROM statements s JOIN articles a "
            " ON a.id = s.article_id AND s.version = a.latest_version) AS statements, "
            "(SELECT count(*) FROM statements) AS statements_all_versions, "
            "(SELECT count(DISTINCT wb_fold(s.speaker_name)) FROM statements s JOIN articles a "
            " ON a.id = s.article_id AND s.version = a.latest_version) AS speakers, "
            "(SELECT count(DISTINCT outlet) FROM articles) AS outlets"
        )[0]
        return {key: int(row[key]) for key in row.keys()} | {"schema_version": schema.SCHEMA_VERSION}
