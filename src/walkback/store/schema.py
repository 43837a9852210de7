"""The database schema, built by an ordered list of migrations.

``PRAGMA user_version`` records how many migrations a database has had. Opening a database runs
the missing ones, each in its own ``BEGIN IMMEDIATE`` transaction together with the bump of
``user_version``, so an upgrade is all or nothing and two processes opening the same new file do
not both apply it. A database whose ``user_version`` is newer than :data:`SCHEMA_VERSION` was
written by a newer walkback and is refused.

Tables (version 2)::

    articles           one row per article identity: id, canonical url, outlet, first_seen,
                       latest_version
    article_versions   one row per distinct body (content_hash) of an article, numbered 1, 2, ...
                       UNIQUE(article_id, version), UNIQUE(article_id, content_hash)
    statements         one row per statement of one version; the extractor's id is unique
                       within a version: UNIQUE(article_id, version, id)
    statements_fts     FTS5 index over content, speaker name and mention (external content,
                       kept in sync by triggers)

Version 4 adds the links across articles: ``speakers`` (one identity per person, organisation
or anonymous source, with ``speaker_aliases`` and dated ``speaker_roles``), ``claims``,
``statement_links`` (each latest-version statement's speaker, claim, stance and embedding) and
``relations`` (contradicts / walkback / supports, with evidence and confidence); ``meta`` records
the encoder the embeddings were made with.

Version 6 adds what ``walkback watch`` keeps between runs: ``feeds`` (ETag, Last-Modified, last
poll, failures in a row), ``feed_entries`` (the entries already seen), ``watched_articles`` (each
article's re-check schedule and its ETag) and ``reported_relations`` (walk-backs and contradictions
already announced).
Version 7 adds ``article_versions.norm_hash``, the hash of the body without white-space,
encoding or date-line differences (:mod:`walkback.textnorm`): a body whose ``norm_hash`` is stored
is no new version. Rows written before it get theirs computed from their text when upgrading.
Version 8 rebuilds ``relations`` (each with its ``rule``; ``to_pk`` NULL with ``target_text`` for
words disputed or taken back that were never quoted) and adds ``statement_links.proposition``; the
links of an older linker are dropped, to be made again by the next ``walkback link``;
``claims.anchor_pk`` is the statement a claim was founded on (every member stays close to it).

Version 9 adds ``article_versions.language``, the ISO 639-1 code of the language the version is
written in (NULL when unknown, and for versions stored before it): an article in a language
statements are not extracted from is stored with it, and with no statements.

Version 10 adds ``reviews``: the marks people put on flags (confirmed or dismissed, with a note, who
and when), every mark kept in order. A mark names its flag by :func:`walkback.store.reviews.review_key`
(the type and each side's article and words), not by relation id, so it survives relinking and new
versions of the articles.

Version 11 indexes relations in the order they are listed (most confident first, of one type or of
all), so a page of them is read without reading the whole list. Version 12 indexes each statement's
article version with the speaker's name and mention and the dates said, so counting the statements
a filter keeps reads no statement row, and adds the name and mention to the index in listing order.
Version 13 keeps each speaker's count of statements. Version 14 adds ``statements_speakers``, an FTS5
index of the three-letter pieces (``trigram`` tokenizer) of each statement's speaker name and mention:
a speaker filter ("contains this") reads the statements it keeps instead of testing every one.

Datetimes are ISO-8601 text with their UTC offset; ``sort_date`` and ``ingested_at`` are UTC
with a fixed width so that text order is time order. ``said_on_start``/``said_on_end`` hold the
first and last day of the period a statement's ``said_on`` names, for range filters.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import StoreError
from ..model import stable_id
from ..textnorm import body_key

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "check_current",
    "check_version",
    "migrate",
    "refuse_tables",
    "split_sql",
]

log = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of a walkback database ("wbk1").
APPLICATION_ID = 0x77626B31


@dataclass(frozen=True, slots=True, kw_only=True)
class Migration:
    """One step: ``sql`` (a script) or ``apply`` (a function of the connection), or both."""

    version: int
    description: str
    sql: str = ""
    apply: Callable[[sqlite3.Connection], None] | None = None


_CORE = """
CREATE TABLE articles (
    id              TEXT PRIMARY KEY,
    url             TEXT,
    outlet          TEXT COLLATE NOCASE,
    first_seen      TEXT NOT NULL,
    latest_version  INTEGER NOT NULL CHECK (latest_version >= 1)
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_url ON articles (url);

CREATE TABLE article_versions (
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version         INTEGER NOT NULL CHECK (version >= 1),
    content_hash    TEXT NOT NULL,
    url             TEXT,
    outlet          TEXT,
    title           TEXT NOT NULL,
    authors         TEXT NOT NULL,          -- JSON array of strings
    published       TEXT,
    updated         TEXT,
    sort_date       TEXT,                   -- published, else updated, in UTC (fixed width)
    text            TEXT NOT NULL,
    paragraphs      TEXT NOT NULL,          -- JSON array of [start, end]
    source          TEXT,
    fetched_at      TEXT,
    ingested_at     TEXT NOT NULL,
    statement_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, version),
    UNIQUE (article_id, content_hash)
);
CREATE INDEX article_versions_sort ON article_versions (sort_date, ingested_at);

CREATE TABLE statements (
    pk                      INTEGER PRIMARY KEY,
    id                      TEXT NOT NULL,
    article_id              TEXT NOT NULL,
    version                 INTEGER NOT NULL,
    kind                    TEXT NOT NULL CHECK (kind IN ('direct', 'partial', 'mixed', 'indirect')),
    content_start           INTEGER NOT NULL,
    content_end             INTEGER NOT NULL,
    content_text            TEXT NOT NULL,
    cue_start               INTEGER,
    cue_end                 INTEGER,
    cue_text                TEXT,
    sentence_start          INTEGER,
    sentence_end            INTEGER,
    sentence_text           TEXT,
    speaker_name            TEXT,
    speaker_mention_start   INTEGER,
    speaker_mention_end     INTEGER,
    speaker_mention_text    TEXT,
    speaker_role            TEXT,
    speaker_affiliation     TEXT,
    speaker_anonymous       INTEGER NOT NULL DEFAULT 0 CHECK (speaker_anonymous IN (0, 1)),
    speaker_kind            TEXT NOT NULL DEFAULT 'unknown',
    speaker_resolved_start  INTEGER,
    speaker_resolved_end    INTEGER,
    speaker_resolved_text   TEXT,
    said_on                 TEXT,           -- "YYYY-MM-DD", "YYYY-MM", "YYYY" or NULL
    said_on_precision       TEXT CHECK (said_on_precision IN ('day', 'month', 'year')),
    said_on_source          TEXT NOT NULL,
    said_on_evidence_start  INTEGER,
    said_on_evidence_end    INTEGER,
    said_on_evidence_text   TEXT,
    said_on_start           TEXT,           -- first day of the said_on period
    said_on_end             TEXT,           -- last day of the said_on period
    medium                  TEXT,
    medium_start            INTEGER,
    medium_end              INTEGER,
    medium_text             TEXT,
    confidence              REAL NOT NULL,
    UNIQUE (article_id, version, id),
    FOREIGN KEY (article_id, version) REFERENCES article_versions (article_id, version) ON DELETE CASCADE
);
CREATE INDEX statements_order ON statements (said_on_start, said_on_end, article_id, version, content_start);
CREATE INDEX statements_article ON statements (article_id, version, content_start);
CREATE INDEX statements_speaker ON statements (speaker_name COLLATE NOCASE);
CREATE INDEX statements_id ON statements (id);
"""

_SEARCH = """
CREATE VIRTUAL TABLE statements_fts USING fts5 (
    content_text, speaker_name, speaker_mention_text,
    content = 'statements', content_rowid = 'pk',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, content_text, speaker_name, speaker_mention_text)
    VALUES (new.pk, new.content_text, new.speaker_name, new.speaker_mention_text);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, content_text, speaker_name, speaker_mention_text)
    VALUES ('delete', old.pk, old.content_text, old.speaker_name, old.speaker_mention_text);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, content_text, speaker_name, speaker_mention_text)
    VALUES ('delete', old.pk, old.content_text, old.speaker_name, old.speaker_mention_text);
    INSERT INTO statements_fts (rowid, content_text, speaker_name, speaker_mention_text)
    VALUES (new.pk, new.content_text, new.speaker_name, new.speaker_mention_text);
END;
-- index the statements a version-1 database already holds
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');
"""

#: Every migration, in order; ``version`` is the ``user_version`` a database has after it.
_RULES = """
ALTER TABLE statements ADD COLUMN rule TEXT NOT NULL DEFAULT '';
ALTER TABLE statements ADD COLUMN segments TEXT NOT NULL DEFAULT '[]';
"""

_LINKS = """
CREATE TABLE meta (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);

CREATE TABLE speakers (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,           -- person:john kirby, org:state department, anon:...
    name        TEXT NOT NULL,                  -- the fullest name seen
    kind        TEXT NOT NULL,
    anonymous   INTEGER NOT NULL CHECK (anonymous IN (0, 1))
);
CREATE TABLE speaker_aliases (
    alias       TEXT NOT NULL,                  -- folded: "kirby", "nsc"
    speaker_id  INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    PRIMARY KEY (alias, speaker_id)
) WITHOUT ROWID;
CREATE TABLE speaker_roles (
    speaker_id  INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,                  -- '' when none
    affiliation TEXT NOT NULL,                  -- '' when none
    org_id      INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    first_said  TEXT,
    last_said   TEXT,
    statements  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, role, affiliation)
);
CREATE INDEX speaker_roles_org ON speaker_roles (org_id);

CREATE TABLE claims (
    id              INTEGER PRIMARY KEY,
    summary         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    statement_count INTEGER NOT NULL DEFAULT 0,
    first_said      TEXT,
    last_said       TEXT
);

CREATE TABLE statement_links (
    statement_pk    INTEGER PRIMARY KEY REFERENCES statements (pk) ON DELETE CASCADE,
    speaker_id      INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    org_id          INTEGER REFERENCES speakers (id) ON DELETE SET NULL,   -- whom they speak for
    claim_id        INTEGER REFERENCES claims (id) ON DELETE SET NULL,
    similarity      REAL,                       -- to the statement that brought it into the claim
    stance          TEXT NOT NULL CHECK (stance IN ('affirms', 'denies', 'neither')),
    stance_evidence TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    claim_text      TEXT NOT NULL,
    vector          BLOB                        -- float32, the encoder in meta.encoder
);
CREATE INDEX statement_links_claim ON statement_links (claim_id);
CREATE INDEX statement_links_speaker ON statement_links (speaker_id);
CREATE INDEX statement_links_org ON statement_links (org_id);

CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    type        TEXT NOT NULL CHECK (type IN ('contradicts', 'walkback', 'supports')),
    from_pk     INTEGER NOT NULL REFERENCES statements (pk) ON DELETE CASCADE,
    to_pk       INTEGER NOT NULL REFERENCES statements (pk) ON DELETE CASCADE,
    speaker_id  INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    claim_id    INTEGER REFERENCES claims (id) ON DELETE SET NULL,
    basis       TEXT NOT NULL CHECK (basis IN ('reported', 'stance', 'inferred')),
    evidence    TEXT NOT NULL,                  -- JSON array of strings, never empty
    confidence  REAL NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (type, from_pk, to_pk),
    CHECK (from_pk != to_pk)
);
CREATE INDEX relations_type ON relations (type, confidence);
CREATE INDEX relations_from ON relations (from_pk);
CREATE INDEX relations_to ON relations (to_pk);
"""

# Listing statements by date said, undated last, is what `walkback statements`, the API and the
# search page do on every call: an index in exactly that order lets SQLite stop after one page.
_ORDER = """
CREATE INDEX statements_said ON statements
    (said_on_start IS NULL, said_on_start, said_on_end, article_id, version, content_start, pk);
CREATE INDEX relations_from_type ON relations (type, from_pk);
"""

_WATCH = """
CREATE TABLE feeds (
    url             TEXT PRIMARY KEY,
    title           TEXT,
    kind            TEXT,                   -- rss20, atom10, ... as feedparser names it
    etag            TEXT,                   -- sent back as If-None-Match
    last_modified   TEXT,                   -- sent back as If-Modified-Since
    last_poll       TEXT,                   -- when it was last asked
    last_ok         TEXT,                   -- when it last answered a feed (or 304)
    last_status     TEXT,                   -- 'changed', 'not_modified' or 'failed'
    last_error      TEXT,
    failures        INTEGER NOT NULL DEFAULT 0,     -- failed polls in a row
    polls           INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE feed_entries (
    feed_url        TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    entry_key       TEXT NOT NULL,          -- the entry's id (guid), else its link
    url             TEXT NOT NULL,          -- the article it links to
    title           TEXT NOT NULL DEFAULT '',
    published       TEXT,                   -- as the feed says
    first_seen      TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry_key)
) WITHOUT ROWID;

CREATE TABLE watched_articles (
    url             TEXT PRIMARY KEY,       -- as linked from a feed
    feed_url        TEXT,                   -- the feed it was first seen in
    published       TEXT,                   -- the feed entry's date, for pages that carry none
    first_seen      TEXT NOT NULL,
    next_check      TEXT,                   -- UTC, fixed width; NULL: checked no more
    checks          INTEGER NOT NULL DEFAULT 0,     -- fetches that worked (304 included)
    failures        INTEGER NOT NULL DEFAULT 0,     -- failed fetches in a row
    last_check      TEXT,
    last_status     TEXT,                   -- new, unchanged, new_version, not_modified, failed, ...
    last_error      TEXT,
    article_id      TEXT,                   -- the stored article, once read
    etag            TEXT,
    last_modified   TEXT
);
CREATE INDEX watched_articles_due ON watched_articles (next_check) WHERE next_check IS NOT NULL;

CREATE TABLE reported_relations (
    key             TEXT PRIMARY KEY,       -- type and the two statements' articles, speakers and words
    relation_id     INTEGER,
    reported_at     TEXT NOT NULL
) WITHOUT ROWID;
"""

_NORM_HASH = """
ALTER TABLE article_versions ADD COLUMN norm_hash TEXT;
CREATE INDEX article_versions_norm ON article_versions (article_id, norm_hash);
"""
_BACKFILL_BATCH = 500


def _backfill_norm_hash(conn: sqlite3.Connection) -> None:
    """Compute ``norm_hash`` for the versions already stored, a batch of texts in memory at a time."""
    last = 0
    while True:
        rows = conn.execute(
            "SELECT rowid, text FROM article_versions WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last, _BACKFILL_BATCH),
        ).fetchall()
        if not rows:
            return
        conn.executemany(
            "UPDATE article_versions SET norm_hash = ? WHERE rowid = ?",
            [(stable_id(body_key(text), length=32), rowid) for rowid, text in rows],
        )
        last = rows[-1][0]


# The linker reads propositions and resolves what a report disputes or takes back: relations carry
# the rule that made them and may point at words never quoted as a statement (to_pk NULL, with the
# words the report gives); links keep each statement's proposition. Links made by the older linker
# are forgotten here, and the next `walkback link` (or ingest) makes them again.
_PROPOSITIONS = """
DROP TABLE relations;
CREATE TABLE relations (
    id              INTEGER PRIMARY KEY,
    type            TEXT NOT NULL CHECK (type IN ('contradicts', 'walkback', 'supports')),
    from_pk         INTEGER NOT NULL REFERENCES statements (pk) ON DELETE CASCADE,
    to_pk           INTEGER REFERENCES statements (pk) ON DELETE CASCADE,  -- NULL: not quoted
    speaker_id      INTEGER REFERENCES speakers (id) ON DELETE SET NULL,
    claim_id        INTEGER REFERENCES claims (id) ON DELETE SET NULL,
    basis           TEXT NOT NULL CHECK (basis IN ('reported', 'stance', 'inferred')),
    rule            TEXT NOT NULL DEFAULT '',
    target_text     TEXT,                   -- what the report says was disputed or taken back
    target_speaker  TEXT,                   -- whose words they were, as the report names them
    evidence        TEXT NOT NULL,          -- JSON array of strings, never empty
    confidence      REAL NOT NULL,          -- calibrated: the judged precision of the rule
    score           REAL,                   -- the rule's own score, before calibration
    created_at      TEXT NOT NULL,
    CHECK (from_pk != to_pk),
    CHECK (to_pk IS NOT NULL OR target_text IS NOT NULL)
);
CREATE UNIQUE INDEX relations_key ON relations (type, from_pk, coalesce(to_pk, 0));
CREATE INDEX relations_type ON relations (type, confidence);
CREATE INDEX relations_from ON relations (from_pk);
CREATE INDEX relations_to ON relations (to_pk);
CREATE INDEX relations_from_type ON relations (type, from_pk);
ALTER TABLE statement_links ADD COLUMN proposition TEXT;
ALTER TABLE claims ADD COLUMN anchor_pk INTEGER;      -- the statement the claim was founded on
DELETE FROM statement_links;
DELETE FROM claims;
DELETE FROM speaker_roles;
DELETE FROM speaker_aliases;
DELETE FROM speakers;
DELETE FROM meta WHERE key = 'encoder';
"""

_LANGUAGE = """
ALTER TABLE article_versions ADD COLUMN language TEXT;
"""

# Marks on flags, newest last: the current mark of a flag is its row with the largest id. ``key`` is
# what survives relinking and new article versions (relation and statement ids do not).
_REVIEWS = """
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL,          -- the flag: its type, each side's article and words
    type            TEXT NOT NULL CHECK (type IN ('contradicts', 'walkback')),
    state           TEXT NOT NULL CHECK (state IN ('confirmed', 'dismissed', 'open')),
    verdict         TEXT CHECK (verdict IN ('true', 'false', 'wrong_pairing')),
    note            TEXT NOT NULL DEFAULT '',
    reviewer        TEXT NOT NULL,
    reviewed_at     TEXT NOT NULL,          -- UTC, fixed width
    relation_id     INTEGER,                -- the relation marked, then (ids change when relinked)
    flag            TEXT NOT NULL           -- JSON: the flag as it was when marked
);
CREATE INDEX reviews_key ON reviews (key, id);
"""

# A list of relations reads one page, not the whole list: relations are listed most confident first
# (then by id), of one type or of all, and an index in that order lets LIMIT/OFFSET and the count stop
# at the confidence threshold. It replaces (type, confidence), a prefix of it.
_RANKED = """
DROP INDEX relations_type;
CREATE INDEX relations_rank ON relations (type, confidence DESC, id);
CREATE INDEX relations_rank_all ON relations (confidence DESC, id);
"""

# Counting the statements the filters of a list keep (speaker, dates) reads an index, article by
# article, not every statement row; the index in listing order carries the speaker's name and
# mention, so a speaker filter reads the statement rows it keeps, not every one it passes over.
_FILTERS = """
CREATE INDEX statements_filters ON statements
    (article_id, version, speaker_name, speaker_mention_text, said_on_start, said_on_end);
DROP INDEX statements_said;
CREATE INDEX statements_said ON statements (said_on_start IS NULL, said_on_start, said_on_end, article_id,
    version, content_start, pk, speaker_name, speaker_mention_text);
"""

# A list of speakers ranks them by how many statements they have: each keeps that count, kept by
# triggers on its links (a link written, moved to another speaker, or gone with its statement), so a
# page of speakers is read along an index instead of counting every link per request.
_SPEAKER_COUNTS = """
ALTER TABLE speakers ADD COLUMN statement_count INTEGER NOT NULL DEFAULT 0;
UPDATE speakers SET statement_count =
    (SELECT count(*) FROM statement_links l WHERE l.speaker_id = speakers.id);
CREATE INDEX speakers_rank ON speakers (statement_count DESC, name, id);
CREATE TRIGGER statement_links_count_insert AFTER INSERT ON statement_links WHEN new.speaker_id IS NOT NULL
BEGIN
    UPDATE speakers SET statement_count = statement_count + 1 WHERE id = new.speaker_id;
END;
CREATE TRIGGER statement_links_count_delete AFTER DELETE ON statement_links WHEN old.speaker_id IS NOT NULL
BEGIN
    UPDATE speakers SET statement_count = statement_count - 1 WHERE id = old.speaker_id;
END;
CREATE TRIGGER statement_links_count_update AFTER UPDATE OF speaker_id ON statement_links
BEGIN
    UPDATE speakers SET statement_count = statement_count - 1 WHERE id = old.speaker_id;
    UPDATE speakers SET statement_count = statement_count + 1 WHERE id = new.speaker_id;
END;
"""

# A speaker filter keeps the statements whose speaker name or mention contains the words given, in any
# case: the trigram index finds them (every three letters of the words, in a row) instead of a LIKE
# over every statement (PolNeAR train, the 300 most quoted speakers' surnames: 3.5 -> 0.6 ms a query).
_SPEAKER_TRIGRAMS = """
CREATE VIRTUAL TABLE statements_speakers USING fts5 (
    speaker_name, speaker_mention_text,
    content = 'statements', content_rowid = 'pk',
    tokenize = 'trigram'
);
CREATE TRIGGER statements_speakers_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_speakers (rowid, speaker_name, speaker_mention_text)
    VALUES (new.pk, new.speaker_name, new.speaker_mention_text);
END;
CREATE TRIGGER statements_speakers_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_speakers (statements_speakers, rowid, speaker_name, speaker_mention_text)
    VALUES ('delete', old.pk, old.speaker_name, old.speaker_mention_text);
END;
CREATE TRIGGER statements_speakers_update AFTER UPDATE OF speaker_name, speaker_mention_text ON statements
BEGIN
    INSERT INTO statements_speakers (statements_speakers, rowid, speaker_name, speaker_mention_text)
    VALUES ('delete', old.pk, old.speaker_name, old.speaker_mention_text);
    INSERT INTO statements_speakers (rowid, speaker_name, speaker_mention_text)
    VALUES (new.pk, new.speaker_name, new.speaker_mention_text);
END;
INSERT INTO statements_speakers (statements_speakers) VALUES ('rebuild');
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(version=1, description="articles, versions and statements", sql=_CORE),
    Migration(version=2, description="full-text search over statements", sql=_SEARCH),
    Migration(version=3, description="statements keep their extraction rule and quoted segments", sql=_RULES),
    Migration(version=4, description="speakers, claims, stances and relations across articles", sql=_LINKS),
    Migration(
        version=5, description="statements indexed in listing order (date said, undated last)", sql=_ORDER
    ),
    Migration(version=6, description="feeds watched, their entries, article re-checks", sql=_WATCH),
    Migration(
        version=7,
        description="versions compared without white-space, encoding and date-line differences",
        sql=_NORM_HASH,
        apply=_backfill_norm_hash,
    ),
    Migration(
        version=8,
        description="relations from propositions: their rule, and targets never quoted; links made again",
        sql=_PROPOSITIONS,
    ),
    Migration(version=9, description="versions keep the language their text is written in", sql=_LANGUAGE),
    Migration(version=10, description="marks people put on flags: confirmed or dismissed", sql=_REVIEWS),
    Migration(
        version=11, description="relations indexed in listing order (most confident first)", sql=_RANKED
    ),
    Migration(
        version=12,
        description="statements indexed with what the filters of a list read (speaker, dates)",
        sql=_FILTERS,
    ),
    Migration(
        version=13,
        description="speakers keep the count of their statements (lists rank by it)",
        sql=_SPEAKER_COUNTS,
    ),
    Migration(
        version=14,
        description="statements' speaker names and mentions indexed by trigram (speaker filters)",
        sql=_SPEAKER_TRIGRAMS,
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (trigger bodies stay whole).

    ``Connection.executescript`` would commit the open transaction first, so migrations run their
    statements one by one inside the transaction instead.
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(
            f"incomplete SQL statement at the end of a migration script: {buffer.strip()[:60]!r}"
        )
    return statements


def _known() -> str:
    return f"1..{SCHEMA_VERSION}" if SCHEMA_VERSION > 1 else "1"


def check_version(found: int, source: str) -> None:
    """Refuse a database written by a newer walkback."""
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {found} is newer than this walkback knows "
            f"(known versions: {_known()}); upgrade walkback to open it",
            source=source,
        )


def migrate(conn: sqlite3.Connection, *, source: str, target: int | None = None) -> int:
    """Bring the database up to ``target`` (default: :data:`SCHEMA_VERSION`); return its version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) with no open transaction.
    """
    target = SCHEMA_VERSION if target is None else target
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"target schema version must be within 0..{SCHEMA_VERSION}, got {target}")
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    check_version(current, source)
    if current >= target:
        return current
    for step in MIGRATIONS:
        if step.version > target:
            break
        conn.execute("BEGIN IMMEDIATE")
        try:
            # another process may have migrated while we waited for the write lock
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            check_version(current, source)
            if step.version <= current:
                conn.execute("COMMIT")
                continue
            if step.version != current + 1:
                raise StoreError(
                    f"database schema version {current} cannot be upgraded by migration {step.version}; "
                    f"migrations must run in order",
                    source=source,
                )
            if current == 0:
                _check_empty(conn, source)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for statement in split_sql(step.sql):
                conn.execute(statement)
            if step.apply is not None:
                step.apply(conn)
            conn.execute(f"PRAGMA user_version = {step.version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("migrated %s to schema version %d (%s)", source, step.version, step.description)
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _check_empty(conn: sqlite3.Connection, source: str) -> None:
    """A version-0 database must hold no tables: walkback does not move into someone else's file."""
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    refuse_tables(names, source, found="a SQLite database", detail="user_version 0 with ", allowed="file")


def refuse_tables(names: Sequence[str], source: str, *, found: str, detail: str, allowed: str) -> None:
    """Refuse a database without walkback's schema that holds tables (``names``) all the same."""
    if names:
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        raise StoreError(
            f"is {found} but not a walkback one ({detail}tables: {shown}); "
            f"allowed: an empty {allowed} or a walkback database",
            source=source,
        )


def check_current(version: int, source: str) -> None:
    """A read-only store needs the schema up to date: it cannot migrate."""
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {version} is older than {SCHEMA_VERSION}; "
            f"open it once without read-only to upgrade it",
            source=source,
        )
