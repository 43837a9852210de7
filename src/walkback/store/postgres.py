"""The store on a PostgreSQL server: a connection that speaks the SQLite store's SQL.

:class:`~walkback.store.Store` writes its queries once, in SQLite's dialect. :func:`connect` opens
a psycopg 3 connection wrapped in :class:`PgConnection`, which takes the same calls as a
``sqlite3.Connection`` (``execute``, ``executemany``, rows read by name or position, ``lastrowid``)
and translates each query on its way (cached per query text):

==============================  ===================================================================
SQLite                          PostgreSQL
==============================  ===================================================================
``?``                           ``%s`` (and a literal ``%`` doubled)
``BEGIN IMMEDIATE``             ``BEGIN`` and a transaction-scoped advisory lock: one writer at a
                                time, as in SQLite, so two ingests never store an article twice
``INSERT OR IGNORE``            ``ON CONFLICT DO NOTHING``
``INSERT OR REPLACE``           ``ON CONFLICT (key) DO UPDATE`` of every column given
``max(a, b)``, ``min(a, b)``    ``greatest``, ``least``
``instr(a, b)``                 ``strpos(a, b)``
``LIMIT ?`` (``-1``: none)      ``LIMIT nullif(%s, -1)``
``ORDER BY x [DESC]``           ``NULLS FIRST`` [``NULLS LAST``]: NULL sorts as SQLite sorts it
``CROSS JOIN t ON``             ``JOIN t ON`` (in SQLite it only fixes the order of the join loops)
``INSERT`` into a table with    ``RETURNING`` its key, read back as ``lastrowid``
an integer key
==============================  ===================================================================

The schema is the SQLite one with its types translated (:func:`migration_sql`): ``INTEGER PRIMARY
KEY`` becomes an identity column, ``REAL`` double precision, ``BLOB`` bytea, ``TEXT`` is compared
bytewise (``COLLATE "C"``, as SQLite's ``BINARY``) and ``COLLATE NOCASE`` a case-insensitive ICU
collation. Full-text search is ``statements_fts``: each statement's ``wb_search_doc(content,
speaker, mention)``, an English-stemmed and a plain ``tsvector`` of the accent-stripped text, kept
by a trigger, under a GIN index, and queried by :func:`search_clause`. The schema version lives
in the table ``walkback_schema``; the migrations are the same numbered steps, each in one
transaction under an advisory lock.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from . import schema
from .query import search_terms

__all__ = [
    "PgConnection",
    "connect",
    "is_server_url",
    "migrate",
    "migration_sql",
    "redact",
    "search_clause",
]

log = logging.getLogger(__name__)

SCHEMES = ("postgresql://", "postgres://")

#: The advisory lock every write transaction takes ("wbk1"), and the one migrations take.
WRITE_LOCK = 0x77626B31
MIGRATE_LOCK = 0x77626B32

# tables whose integer key the database assigns: an INSERT returns it as ``lastrowid``
_KEYS = {"statements": "pk", "speakers": "id", "claims": "id", "relations": "id"}
# the conflict target of each table written with INSERT OR REPLACE
_REPLACE_KEYS = {"meta": "key", "statement_links": "statement_pk"}


def is_server_url(name: str) -> bool:
    """True for ``postgresql://…`` and ``postgres://…``: a database on a server, not a file."""
    return name.lower().startswith(SCHEMES)


def redact(dsn: str) -> str:
    """The DSN without its password, for messages."""
    dsn = re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", dsn)
    return re.sub(r"(password=)[^&\s]*", r"\1***", dsn, flags=re.IGNORECASE)


# -- translating queries ---------------------------------------------------------------------------


def _split_top(text: str) -> tuple[list[str], int]:
    """Split ``text`` at commas outside parentheses, up to a closing parenthesis or LIMIT/OFFSET;
    return the parts and where they end."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        elif depth == 0 and re.match(r"\s(LIMIT|OFFSET)\b", text[i:]):
            break
        i += 1
    parts.append(text[start:i])
    return parts, i


def _null_order(sql: str) -> str:
    """Every ORDER BY term sorts NULL first ascending and last descending, as SQLite does."""
    out, pos = [], 0
    for m in re.finditer(r"\bORDER BY\b", sql):
        if m.start() < pos:
            continue
        out.append(sql[pos : m.end()])
        parts, end = _split_top(sql[m.end() :])
        terms = []
        for part in parts:
            bare = part.rstrip()
            tail = part[len(bare) :]
            nulls = " NULLS LAST" if re.search(r"\bDESC$", bare) else " NULLS FIRST"
            terms.append(bare + nulls + tail)
        out.append(",".join(terms))
        pos = m.end() + end
    out.append(sql[pos:])
    return "".join(out)


def _upsert(sql: str) -> str:
    m = re.match(r"\s*INSERT OR REPLACE INTO (\w+) \(([^)]*)\)", sql)
    if m is None:
        raise ValueError(f"cannot translate {sql[:60]!r}")
    table, columns = m[1], [c.strip() for c in m[2].split(",")]
    key = _REPLACE_KEYS[table]
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    return f"INSERT INTO {sql[m.start(1) :]} ON CONFLICT ({key}) DO UPDATE SET {sets}"


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> tuple[str, str | None]:
    """The PostgreSQL text of one SQLite-dialect query, and the key column it returns (INSERTs)."""
    sql = sql.replace("%", "%%")
    if re.match(r"\s*INSERT OR REPLACE\b", sql):
        sql = _upsert(sql)
    elif re.match(r"\s*INSERT OR IGNORE\b", sql):
        sql = re.sub(r"INSERT OR IGNORE", "INSERT", sql, count=1) + " ON CONFLICT DO NOTHING"
    sql = re.sub(r"\b(max|min)\(([^(),]+),([^(),]+)\)", lambda m: f"{_PAIR[m[1]]}({m[2]},{m[3]})", sql)
    sql = re.sub(r"\binstr\(", "strpos(", sql)
    sql = re.sub(r"\bLIMIT \?", "LIMIT nullif(?, -1)", sql)
    sql = re.sub(r"\bCROSS JOIN (\w+ \w+ ON)\b", r"JOIN \1", sql)
    sql = _null_order(sql)
    returning = None
    m = re.match(r"\s*INSERT INTO (\w+)\b", sql)
    if m is not None and m[1] in _KEYS and "RETURNING" not in sql:
        returning = _KEYS[m[1]]
        sql += f" RETURNING {returning}"
    return sql.replace("?", "%s"), returning


_PAIR = {"max": "greatest", "min": "least"}


# -- rows and cursors --------------------------------------------------------------------------------


class Row(tuple):  # type: ignore[type-arg]
    """A row read by position or by column name, like ``sqlite3.Row``."""

    __slots__ = ()
    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    return _row_class(tuple(col.name for col in cursor.description))


@functools.lru_cache(maxsize=512)
def _row_class(columns: tuple[str, ...]) -> type[Row]:
    """The row class for one list of result columns, made once (a query runs many times)."""
    names: dict[str, int] = {}
    for i, name in enumerate(columns):
        names.setdefault(name, i)
    return type("Row", (Row,), {"__slots__": (), "_names": names})


class _Cursor:
    def __init__(self, cursor: Any, returning: str | None) -> None:
        self._cursor = cursor
        self.lastrowid: int | None = None
        if returning is not None:
            row = cursor.fetchone() if cursor.description is not None else None
            self.lastrowid = int(row[0]) if row is not None else None

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def fetchone(self) -> Row | None:
        return self._cursor.fetchone()  # type: ignore[no-any-return]

    def fetchall(self) -> list[Row]:
        return self._cursor.fetchall()  # type: ignore[no-any-return]


class PgConnection:
    """A psycopg connection with the calls :class:`~walkback.store.Store` makes of ``sqlite3``."""

    def __init__(self, conn: Any) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        if sql == "BEGIN IMMEDIATE":  # one writer at a time, as in SQLite
            self.raw.execute("BEGIN")
            self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return _Cursor(self.raw.cursor(), None)
        text, returning = translate(sql)
        cur = self.raw.cursor(row_factory=_row_factory)
        cur.execute(text, tuple(params))  # a tuple even when empty: "%%" is then read as "%"
        return _Cursor(cur, returning)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        text, returning = translate(sql)
        if returning is not None:  # no key to read back from a batch
            text = text.removesuffix(f" RETURNING {returning}")
        with self.raw.cursor() as cur:
            cur.executemany(text, [tuple(r) for r in rows])

    @property
    def usable(self) -> bool:
        return not (self.raw.closed or self.raw.broken)

    def close(self) -> None:
        self.raw.close()


# -- opening ---------------------------------------------------------------------------------------


def errors() -> tuple[type[BaseException], ...]:
    """The driver's error classes (none when psycopg is not installed)."""
    try:
        import psycopg
    except ImportError:
        return ()
    return (psycopg.Error,)


def one_line(e: BaseException) -> str:
    return " ".join(str(e).split()) or type(e).__name__


def connect(dsn: str, *, readonly: bool, busy_timeout: float) -> PgConnection:
    """Connect to the server at ``dsn`` and bring the schema up to date (unless ``readonly``)."""
    source = redact(dsn)
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "a PostgreSQL database needs psycopg; install it with: pip install 'walkback[postgres]'",
            source=source,
        ) from None
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(dsn)
    except psycopg.Error as e:
        raise StoreError(f"cannot read the PostgreSQL URL ({one_line(e)})", source=source) from None
    try:
        options = f"{params.pop('options', '') or ''} -c lock_timeout={int(busy_timeout * 1000)}".strip()
        params.setdefault("connect_timeout", max(2, round(busy_timeout * 2)))
        params.setdefault("application_name", "walkback")
        raw = psycopg.connect(autocommit=True, options=options, **params)
    except psycopg.Error as e:
        raise StoreError(f"cannot connect to the PostgreSQL server ({one_line(e)})", source=source) from None
    conn = PgConnection(raw)
    try:
        version = _version(conn, source)
        if readonly:
            if version == 0:
                _check_empty(conn, source)
            schema.check_current(version, source)
            raw.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        else:
            migrate(conn, source=source)
    except BaseException as e:
        raw.close()
        if isinstance(e, psycopg.Error):
            raise StoreError(f"cannot open the database ({one_line(e)})", source=source) from None
        raise
    return conn


# -- the schema ------------------------------------------------------------------------------------


def _version(conn: PgConnection, source: str) -> int:
    # a query of the catalog, not to_regclass(): under an advisory lock, which takes no lock on a
    # table, a name lookup can miss a table another process created meanwhile
    row = conn.raw.execute(
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
        "AND tablename = 'walkback_schema'"
    ).fetchone()
    if not row[0]:
        return 0
    found = int(conn.raw.execute("SELECT max(version) FROM walkback_schema").fetchone()[0] or 0)
    schema.check_version(found, source)
    return found


def _accent_map() -> tuple[str, str]:
    """Letters with diacritics and their bare forms, for SQL ``translate`` (FTS5's remove_diacritics)."""
    src, dst = [], []
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[:1]
        if base != ch and base.isascii() and base.isalpha():
            src.append(ch)
            dst.append(base)
    return "".join(src), "".join(dst)


def _functions() -> list[str]:
    accents, bare = _accent_map()
    return [
        "CREATE COLLATION IF NOT EXISTS wb_nocase "
        "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
        # case-folding beyond ASCII, as the SQLite store's Python function of the same name
        "CREATE OR REPLACE FUNCTION wb_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        'RETURN lower(value COLLATE "und-x-icu")',
        # translate() is slow with a long map: only texts with such a letter pay for it
        "CREATE OR REPLACE FUNCTION wb_unaccent(value text) RETURNS text LANGUAGE sql IMMUTABLE "
        f"PARALLEL SAFE RETURN CASE WHEN value ~ '[{accents[0]}-{chr(0x24F)}]' "
        f"THEN translate(value, '{accents}', '{bare}') ELSE value END",
    ]


# statements_fts: each statement's search document, kept by a trigger (as SQLite's FTS5 table is)
_SEARCH = [
    "CREATE FUNCTION wb_search_doc(content text, name text, mention text) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN (SELECT to_tsvector('english'::regconfig, x) "
    "|| to_tsvector('simple'::regconfig, x) FROM wb_unaccent(concat_ws(' ', content, name, mention)) AS x)",
    "CREATE TABLE statements_fts (pk BIGINT PRIMARY KEY REFERENCES statements (pk) ON DELETE CASCADE, "
    "doc tsvector NOT NULL)",
    "CREATE INDEX statements_fts_doc ON statements_fts USING gin (doc)",
    "CREATE FUNCTION wb_index_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO statements_fts (pk, doc) VALUES "
    "(NEW.pk, wb_search_doc(NEW.content_text, NEW.speaker_name, NEW.speaker_mention_text)) "
    "ON CONFLICT (pk) DO UPDATE SET doc = excluded.doc; RETURN NULL; END $$",
    "CREATE TRIGGER statements_fts_write AFTER INSERT OR UPDATE OF content_text, speaker_name, "
    "speaker_mention_text ON statements FOR EACH ROW EXECUTE FUNCTION wb_index_statement()",
]

# each speaker's statement count, kept by a trigger on its links (as the SQLite schema's three)
_SPEAKER_COUNTS = [
    "ALTER TABLE speakers ADD COLUMN statement_count BIGINT NOT NULL DEFAULT 0",
    "UPDATE speakers SET statement_count = "
    "(SELECT count(*) FROM statement_links l WHERE l.speaker_id = speakers.id)",
    "CREATE INDEX speakers_rank ON speakers "
    "(statement_count DESC NULLS LAST, name NULLS FIRST, id NULLS FIRST)",
    "CREATE FUNCTION wb_count_links() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.speaker_id IS NOT NULL THEN "
    "UPDATE speakers SET statement_count = statement_count - 1 WHERE id = OLD.speaker_id; END IF; "
    "IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.speaker_id IS NOT NULL THEN "
    "UPDATE speakers SET statement_count = statement_count + 1 WHERE id = NEW.speaker_id; END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER statement_links_count AFTER INSERT OR DELETE OR UPDATE OF speaker_id ON statement_links "
    "FOR EACH ROW EXECUTE FUNCTION wb_count_links()",
]

# where the SQLite script does not translate word for word; SQLite's trigram index of speakers (14) has
# no counterpart: a speaker filter here is a strpos over the rows, as before
_OWN_SQL: dict[int, list[str]] = {2: _SEARCH, 13: _SPEAKER_COUNTS, 14: []}
# feeds are listed in the order first polled: SQLite's rowid, an identity column here
_EXTRA = {6: ["ALTER TABLE feeds ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY"]}


def _ddl(statement: str) -> str:
    s = re.sub(r"\bINTEGER PRIMARY KEY\b", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", statement)
    s = re.sub(r"\bINTEGER\b", "BIGINT", s)
    s = re.sub(r"\bREAL\b", "DOUBLE PRECISION", s)
    s = re.sub(r"\bBLOB\b", "BYTEA", s)
    s = re.sub(r"\bCOLLATE NOCASE\b", "COLLATE wb_nocase", s)
    s = re.sub(r"\bTEXT\b(?! COLLATE)", 'TEXT COLLATE "C"', s)
    s = re.sub(r"\((\w+ IS NULL),", r"((\1),", s)  # an expression in an index
    index = re.match(r"CREATE INDEX \w+ ON \w+\s*\(", s)
    if index is not None:  # NULL sorts as in SQLite and in the queries' ORDER BY: first, last when DESC
        parts, end = _split_top(s[index.end() :])
        terms = [
            p.rstrip() + (" NULLS LAST" if re.search(r"\bDESC$", p.rstrip()) else " NULLS FIRST")
            for p in parts
        ]
        s = s[: index.end()] + ",".join(terms) + s[index.end() + end :]
    return s.replace(") WITHOUT ROWID", ")")


def migration_sql(step: schema.Migration) -> list[str]:
    """The PostgreSQL statements of one migration."""
    own = _OWN_SQL.get(step.version)
    if own is not None:
        statements = list(own)
    else:
        statements = [_ddl(s) for s in schema.split_sql(step.sql)]
    if step.version == 1:
        statements = _functions() + statements
    return statements + _EXTRA.get(step.version, [])


def migrate(conn: PgConnection, *, source: str, target: int | None = None) -> int:
    """Bring the database up to ``target`` (default: the newest); each step one transaction.

    A step's ``apply`` function is not run: it fills in what older SQLite databases lack, and no
    PostgreSQL database is older than the schema it was created with.
    """
    target = schema.SCHEMA_VERSION if target is None else target
    raw = conn.raw
    if _version(conn, source) >= target:
        return _version(conn, source)
    for step in schema.MIGRATIONS:
        if step.version > target:
            break
        with raw.transaction():
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            current = _version(conn, source)  # another process may have migrated while we waited
            if step.version <= current:
                continue
            if current == 0:
                _check_empty(conn, source)
                raw.execute("CREATE TABLE walkback_schema (version INTEGER NOT NULL)")
                raw.execute("INSERT INTO walkback_schema VALUES (0)")
            for statement in migration_sql(step):
                raw.execute(statement)
            raw.execute("UPDATE walkback_schema SET version = %s", (step.version,))
        log.info("migrated %s to schema version %d (%s)", source, step.version, step.description)
    return _version(conn, source)


def _check_empty(conn: PgConnection, source: str) -> None:
    """A database without walkback's schema must hold no tables in its schema: walkback does not move
    into someone else's database."""
    rows = conn.raw.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
        "ORDER BY table_name"
    ).fetchall()
    schema.refuse_tables(
        [r[0] for r in rows], source, found="a PostgreSQL database", detail="", allowed="database"
    )


# -- full-text search ------------------------------------------------------------------------------


def _prefix_query(words: str) -> str:
    """A ``to_tsquery('simple', …)`` text: the words as a phrase, the last one a prefix."""
    bare = unicodedata.normalize("NFKD", words.casefold())
    tokens = re.findall(r"\w+", "".join(ch for ch in bare if not unicodedata.combining(ch)))
    return " <-> ".join(f"'{t}'" for t in tokens) + ":*"


def search_clause(text: str) -> tuple[str, list[Any]] | None:
    """A condition on statements ``s`` that holds every term of ``text``; ``None`` when it has no words.

    A term matches its English stem (``holds`` finds ``holding``) or the word as written (stop
    words included); a phrase matches its words in a row; ``word*`` matches as a prefix.
    """
    parts: list[str] = []
    params: list[Any] = []
    for words, prefix in search_terms(text):
        if prefix:
            parts.append("to_tsquery('simple', ?)")
            params.append(_prefix_query(words))
        else:
            parts.append(
                "(phraseto_tsquery('english', wb_unaccent(?)) || phraseto_tsquery('simple', wb_unaccent(?)))"
            )
            params += [words, words]
    if not parts:
        return None
    return f"s.pk IN (SELECT pk FROM statements_fts WHERE doc @@ ({' && '.join(parts)}))", params
