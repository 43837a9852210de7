"""Opening files: migrations, version checks, refusals, and the connection settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from walkback.errors import StoreError
from walkback.store import SCHEMA_VERSION, Store, schema


def _pragma(path: Path, name: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        conn.close()


def test_a_new_file_gets_the_whole_schema(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION == schema.MIGRATIONS[-1].version
    assert _pragma(db_path, "application_id") == schema.APPLICATION_ID
    conn = sqlite3.connect(db_path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {"articles", "article_versions", "statements", "statements_fts", "statements_fts_insert"} <= names


def test_an_empty_file_is_migrated(db_path: Path, make) -> None:
    db_path.touch()
    with Store.open(db_path) as store:
        assert store.save(make.article(), []).status == "new"
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in schema.MIGRATIONS] == list(range(1, len(schema.MIGRATIONS) + 1))
    for m in schema.MIGRATIONS:
        assert m.description and (m.sql or m.apply)
        assert all(sqlite3.complete_statement(s) for s in schema.split_sql(m.sql))


def test_split_sql_keeps_trigger_bodies_whole() -> None:
    script = (
        "-- a comment\nCREATE TABLE t (x);\n\n"
        "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    )
    assert schema.split_sql(script) == [
        "CREATE TABLE t (x);",
        "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;",
    ]
    with pytest.raises(ValueError, match="incomplete SQL statement"):
        schema.split_sql("CREATE TABLE t (x)")


def test_an_older_database_is_upgraded_with_its_data(db_path: Path, make) -> None:
    # a version-1 database (no search index) that already holds statements
    conn = sqlite3.connect(db_path, isolation_level=None)
    schema.migrate(conn, source=str(db_path), target=1)
    conn.close()
    assert _pragma(db_path, "user_version") == 1
    article = make.article()
    with pytest.raises(
        StoreError,
        match=f"schema version 1 is older than {schema.SCHEMA_VERSION}; open it once without read-only",
    ):
        Store.open(db_path, readonly=True)
    # rows written by a version-1 walkback, before there was a search index
    raw = sqlite3.connect(db_path, isolation_level=None)
    raw.execute(
        "INSERT INTO articles (id, url, outlet, first_seen, latest_version) "
        "VALUES ('a1', NULL, 'X', '2024-01-01', 1)"
    )
    raw.execute(
        "INSERT INTO article_versions (article_id, version, content_hash, title, authors, text, paragraphs, "
        "ingested_at, statement_count) "
        "VALUES ('a1', 1, ?, 't', '[]', ?, '[]', '2024-01-01T00:00:00.000000+00:00', 1)",
        (article.content_hash, article.text),
    )
    raw.execute(
        "INSERT INTO statements (id, article_id, version, kind, content_start, content_end, content_text, "
        "said_on_source, confidence, speaker_name) "
        "VALUES ('s1', 'a1', 1, 'direct', 0, 4, 'the ceasefire held', 'none', 0.5, 'Ann Lee')"
    )
    raw.close()

    with Store.open(db_path) as store:
        assert _pragma(db_path, "user_version") == SCHEMA_VERSION
        assert [r.statement.id for r in store.statements(search="ceasefire")] == ["s1"]  # indexed on upgrade
        assert [r.statement.id for r in store.statements(speaker="ann lee")] == ["s1"]  # its speaker too
        assert store.article_status(article) == "unchanged"
        stored = store.article("a1")
        assert stored is not None and stored.language is None  # stored before languages were
        assert [r.language for r in store.articles()] == [None]


def test_a_newer_database_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(StoreError) as info:
            Store.open(db_path, readonly=readonly)
        message = str(info.value)
        assert f"schema version {SCHEMA_VERSION + 5} is newer" in message
        assert f"known versions: 1..{SCHEMA_VERSION}" in message
        assert str(db_path) in message


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 20)
    for readonly in (False, True):
        with pytest.raises(StoreError) as info:
            Store.open(path, readonly=readonly)
        assert str(info.value) == f"{path}: not a SQLite database (or a damaged one)"
        assert "\n" not in str(info.value)
    assert path.read_text().startswith("These are my notes")  # untouched


def test_another_applications_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"not a walkback one \(user_version 0 with tables: recipes\)"):
        Store.open(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 42")
    conn.close()
    with pytest.raises(StoreError, match="another application"):
        Store.open(path)


def test_readonly_needs_an_existing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(
        StoreError, match="database not found; a read-only store needs an existing database file"
    ):
        Store.open(missing, readonly=True)
    assert not missing.exists()
    with pytest.raises(StoreError, match="read-only"):
        Store.open(":memory:", readonly=True)


def test_a_missing_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory .*nowhere does not exist"):
        Store.open(tmp_path / "nowhere" / "w.db")
    with pytest.raises(StoreError, match="cannot open the database"):
        Store.open(tmp_path)  # a directory


def test_connection_settings(db_path: Path) -> None:
    with Store.open(db_path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert _pragma(db_path, "journal_mode") == "wal"  # persistent, seen by every connection
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_readonly_store_reads(db_path: Path, make) -> None:
    with Store.open(db_path) as store:
        a = make.article()
        store.save(a, make.statements(a))
    with Store.open(db_path, readonly=True) as ro:
        assert ro.article("a1") == a
        assert ro.count_statements() == 3
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.conn.execute("DELETE FROM articles")


def test_a_failing_migration_leaves_the_database_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db_path).close()
    broken = schema.Migration(
        version=SCHEMA_VERSION + 1,
        description="broken",
        sql="CREATE TABLE extra (x);\nINSERT INTO nowhere VALUES (1);\n",
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="no such table: nowhere"):
        Store.open(db_path)
    assert _pragma(db_path, "user_version") == SCHEMA_VERSION
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").fetchone()[0] == 0
    conn.close()
