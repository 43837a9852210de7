"""Readers alongside a writer, a second writer waiting its turn, two writers saving the same articles at
once (on both backends), and a writer killed with SIGKILL (SQLite)."""

from __future__ import annotations

import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from walkback.model import Article, SaidOn, Span, Speaker, Statement
from walkback.store import Store

pytestmark = pytest.mark.timeout(120)


def big_article(n: int, *, quotes: int = 40) -> tuple[Article, list[Statement]]:
    """An article with ``quotes`` quoted sentences, each one a statement."""
    parts: list[str] = []
    statements: list[Statement] = []
    pos = 0
    for q in range(quotes):
        quote = f"Point {q} of article {n} is that the ceasefire needs patience and {q * n} more days."
        sentence = f'Official {q} said: "{quote}" '
        start, cue = pos + sentence.index(quote), pos + sentence.index("said")
        name = f"Official {q}"
        statements.append(
            Statement(
                id=f"s{n}-{q}",
                article_id=f"art{n:04d}",
                kind="direct",
                content=Span(start=start, end=start + len(quote), text=quote),
                cue=Span(start=cue, end=cue + 4, text="said"),
                speaker=Speaker(name=name, mention=Span(start=pos, end=pos + len(name), text=name)),
                said_on=SaidOn(value=f"2024-{1 + q % 12:02d}", precision="month", source="article_date"),
                confidence=0.9,
            )
        )
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts)
    for st in statements:
        assert text[st.content.start : st.content.end] == st.content.text
        assert text[st.cue.start : st.cue.end] == "said"  # type: ignore[union-attr]
        assert text[st.speaker.mention.start : st.speaker.mention.end] == st.speaker.name  # type: ignore[union-attr]
    article = Article(
        id=f"art{n:04d}",
        url=f"https://news.example/{n}",
        outlet="Example Times",
        title=f"Article {n}",
        authors=("A. Writer",),
        published=None,
        updated=None,
        text=text,
        paragraphs=((0, len(text)),),
    )
    return article, statements


def _child(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


PAUSING_WRITER = """
    import pickle, sys
    from contextlib import contextmanager
    from walkback.store import Store

    class PausingStore(Store):
        @contextmanager
        def _transaction(self):
            with super()._transaction() as conn:
                yield conn
                print("MID", flush=True)        # every row written, not yet committed
                sys.stdin.readline()

    article, statements = pickle.loads(open(sys.argv[1], "rb").read())
    with PausingStore.open(sys.argv[2]) as store:
        if len(sys.argv) > 3:  # a tiny page cache: uncommitted pages spill into the WAL file
            store.conn.execute(f"PRAGMA cache_size = {int(sys.argv[3])}")
        result = store.save(article, statements)
    print("DONE", result.status, flush=True)
"""


def test_readers_in_another_process_read_while_a_writer_is_mid_save(tmp_path: Path, db_url: str) -> None:
    first, first_statements = big_article(1)
    with Store.open(db_url) as store:
        store.save(first, first_statements)
    payload = tmp_path / "item.pickle"
    payload.write_bytes(pickle.dumps(big_article(2)))
    with _child(PAUSING_WRITER, str(payload), str(db_url)) as child:
        try:
            assert child.stdout is not None and child.stdin is not None and child.stderr is not None
            assert child.stdout.readline().strip() == "MID", child.stderr.read()
            # the writer holds the write lock with a whole article uncommitted
            for readonly in (True, False):
                started = time.monotonic()
                with Store.open(db_url, readonly=readonly) as reader:
                    assert [r.id for r in reader.articles()] == ["art0001"]
                    assert reader.count_statements() == 40
                    assert reader.count_statements(search="ceasefire") == 40
                    assert reader.stats()["articles"] == 1
                assert time.monotonic() - started < 2.0  # read at once, without waiting for the lock
            child.stdin.write("go\n")
            child.stdin.flush()
            assert child.stdout.readline().split() == ["DONE", "new"]
            assert child.wait(timeout=30) == 0
        finally:
            if child.poll() is None:
                child.kill()
    with Store.open(db_url, readonly=True) as reader:
        assert sorted(r.id for r in reader.articles()) == ["art0001", "art0002"]
        assert reader.count_statements() == 80


def test_a_second_writer_waits_for_the_first(db_url: str) -> None:
    Store.open(db_url).close()
    mid, resume = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    class PausingStore(Store):
        @contextmanager
        def _transaction(self):  # type: ignore[override]
            with super()._transaction() as conn:
                yield conn
                mid.set()
                resume.wait(10)

    def write_first() -> None:
        try:
            with PausingStore.open(db_url) as s:
                s.save(*big_article(1))
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    thread = threading.Thread(target=write_first)
    thread.start()
    assert mid.wait(10)
    with Store.open(db_url) as reader_writer:
        assert reader_writer.count_statements() == 0  # uncommitted rows are not seen
        threading.Timer(0.3, resume.set).start()
        started = time.monotonic()
        result = reader_writer.save(*big_article(2))  # waits (busy_timeout) until the first commits
        assert result.status == "new"
        assert time.monotonic() - started >= 0.25
        thread.join(10)
        assert not errors
        assert reader_writer.count_statements() == 80


KILLED_WRITER = """
    import pickle, sys
    from walkback.store import Store

    items = pickle.loads(open(sys.argv[1], "rb").read())
    with Store.open(sys.argv[2]) as store:
        for article, statements in items:
            result = store.save(article, statements)
            print(result.article_id, result.status, flush=True)
"""


def test_a_writer_killed_mid_ingest_leaves_whole_articles_only(tmp_path: Path, db_path: Path) -> None:
    items = [big_article(n) for n in range(1, 301)]
    expected = {a.id: {s.id for s in sts} for a, sts in items}
    payload = tmp_path / "items.pickle"
    payload.write_bytes(pickle.dumps(items))
    Store.open(db_path).close()  # schema in place before the child starts

    committed: list[str] = []
    with _child(KILLED_WRITER, str(payload), str(db_path)) as child:
        assert child.stdout is not None and child.stderr is not None
        try:
            while len(committed) < 8:
                line = child.stdout.readline()
                assert line, f"the writer stopped early: {child.stderr.read()}"
                article_id, status = line.split()
                assert status == "new"
                committed.append(article_id)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
    assert child.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO statements_fts (statements_fts) VALUES ('integrity-check')")
    finally:
        conn.close()

    with Store.open(db_path) as store:
        stored = {r.id: r for r in store.articles()}
        assert set(committed) <= set(stored)  # everything reported as saved survived
        assert len(stored) < len(items)  # the kill did stop it part way
        for article_id, row in stored.items():  # ...and nothing is half there
            ids = {r.statement.id for r in store.statements(article_id=article_id)}
            assert ids == expected[article_id]
            assert row.statement_count == len(ids) == 40
            assert row.version == 1
        assert store.stats()["statements_all_versions"] == 40 * len(stored)

        # running the same ingest again finishes the job without duplicates
        statuses = [store.save(a, sts).status for a, sts in items]
        assert statuses.count("unchanged") == len(stored)
        assert statuses.count("new") == len(items) - len(stored)
        stats = store.stats()
        assert (stats["articles"], stats["versions"], stats["statements_all_versions"]) == (300, 300, 12000)
        assert store.count_statements(search="ceasefire") == 12000


def test_a_writer_killed_inside_its_transaction_leaves_no_trace(tmp_path: Path, db_path: Path) -> None:
    first = big_article(1)
    with Store.open(db_path) as store:
        store.save(*first)
    payload = tmp_path / "item.pickle"
    payload.write_bytes(pickle.dumps(big_article(2, quotes=3000)))
    wal = Path(f"{db_path}-wal")
    with _child(PAUSING_WRITER, str(payload), str(db_path), "2") as child:
        assert child.stdout is not None and child.stderr is not None
        try:
            assert child.stdout.readline().strip() == "MID", child.stderr.read()
            wal_size = wal.stat().st_size
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
    assert wal_size > 1_000_000  # the half-written article had reached the disk, without a commit record

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    with Store.open(db_path) as store:
        assert [r.id for r in store.articles()] == ["art0001"]
        assert store.stats()["statements_all_versions"] == 40
        assert store.save(*big_article(2, quotes=3000)).statements_added == 3000
        assert store.save(*first).status == "unchanged"


OVERLAPPING_WRITER = """
    import pickle, sys
    from walkback.store import Store

    items = pickle.loads(open(sys.argv[1], "rb").read())
    with Store.open(sys.argv[2]) as store:
        print("READY", flush=True)
        sys.stdin.readline()
        for article, statements in items:
            print(article.id, store.save(article, statements).status, flush=True)
"""


def test_two_writers_saving_overlapping_articles_at_once_lose_nothing(tmp_path: Path, db_url: str) -> None:
    items = {n: big_article(n, quotes=10) for n in range(1, 121)}
    shares = {"a": list(range(1, 81)), "b": list(range(120, 40, -1))}  # 41..80 both, met head-on
    Store.open(db_url).close()
    children = {}
    for name, numbers in shares.items():
        payload = tmp_path / f"{name}.pickle"
        payload.write_bytes(pickle.dumps([items[n] for n in numbers]))
        children[name] = _child(OVERLAPPING_WRITER, str(payload), db_url)
    try:
        for child in children.values():
            assert child.stdout is not None and child.stdout.readline().strip() == "READY"
        for child in children.values():  # both start writing together
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = {}
        for name, child in children.items():
            out, err = child.communicate(timeout=100)
            assert child.returncode == 0, err
            outcomes[name] = dict(line.split() for line in out.splitlines())
    finally:
        for child in children.values():
            if child.poll() is None:
                child.kill()
    both = [f"art{n:04d}" for n in range(41, 81)]
    assert all(sorted([outcomes["a"][i], outcomes["b"][i]]) == ["new", "unchanged"] for i in both)
    news = [i for o in outcomes.values() for i, status in o.items() if status == "new"]
    assert sorted(news) == sorted(a.id for a, _ in items.values())  # each article stored once
    with Store.open(db_url, readonly=True) as store:
        assert store.stats() | {"speakers": 0} == {
            "articles": 120, "versions": 120, "statements": 1200, "statements_all_versions": 1200,
            "speakers": 0, "outlets": 1, "schema_version": store.stats()["schema_version"],
        }  # fmt: skip
        for article, statements in items.values():
            assert [r.statement for r in store.statements(article_id=article.id)] == sorted(
                statements, key=lambda st: (st.said_on.value or "", st.content.start)
            )


OPENER = """
    import sys
    from walkback.store import Store

    sys.stdin.readline()
    with Store.open(sys.argv[1]) as store:
        print(store.stats()["schema_version"], flush=True)
"""


def test_processes_opening_a_new_database_at_once_create_it_once(db_url: str) -> None:
    children = [_child(OPENER, db_url) for _ in range(4)]
    try:
        for child in children:  # all at once: each waits only for this line
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    assert [c.returncode for c in children] == [0] * 4, [err for _, err in outcomes]
    with Store.open(db_url, readonly=True) as store:
        assert {out.strip() for out, _ in outcomes} == {str(store.stats()["schema_version"])}
