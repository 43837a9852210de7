"""`walkback` on a PostgreSQL server: two ingests at once, and one-line errors for a server it cannot use.

(Every store test, the linking tests and the link commands run on both backends; see
tests/store/conftest.py, tests/link/test_linking.py and tests/link/test_cli_links.py.)
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.test_cli import COMMAND, SEED, no_traceback, walkback
from walkback.store import Store

pytestmark = pytest.mark.timeout(600)


def _article(n: int) -> str:
    return (
        f"Harbour plan {n} divides the council\n"
        f"“Harbour plan number {n} will create {n * 10 + 7} jobs,” Mayor Ann Lee said on Monday.\n"
        f"Councillor Tom Reyes said that plan number {n} was far too expensive for the city.\n"
        f"“We cannot afford harbour plan {n} this year,” Reyes told reporters.\n"
    )


def _contents(db: str) -> list[tuple[str, str, str]]:
    with Store.open(db, readonly=True) as store:
        return sorted(
            (r.article_id, r.statement.speaker.name or "", r.statement.content.text)
            for r in store.statements()
        )


def test_two_ingests_at_once_store_every_article_and_statement_once(tmp_path: Path, pg_database: str) -> None:
    files = []
    for n in range(1, 13):
        path = tmp_path / f"plan-{n:02d}.txt"
        path.write_text(_article(n), encoding="utf-8")
        files.append(path)
    shares = [files[:8], files[4:][::-1]]  # 5..8 in both, met from either end
    runs = [
        subprocess.Popen(
            [*COMMAND, "ingest", *map(str, share), "--db", pg_database, "--published", "2024-03-04"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for share in shares
    ]
    outs = [run.communicate(timeout=500) for run in runs]
    for run, (_, err) in zip(runs, outs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err, err
    # the same files ingested one after the other into SQLite: the statements to expect
    sequential = str(tmp_path / "one.db")
    r = walkback("ingest", *files, "--db", sequential, "--published", "2024-03-04", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    expected = _contents(sequential)
    assert len(expected) >= 24
    assert _contents(pg_database) == expected  # each statement exactly once, none lost
    with Store.open(pg_database, readonly=True) as store:
        assert store.stats()["articles"] == store.stats()["versions"] == 12
        assert store.unlinked() == []  # every statement linked ...
        links = store._query("SELECT count(*), count(claim_id), count(speaker_id) FROM statement_links")[0]
        assert links[0] == len(expected)
        # ... once: the running counts agree with the links (a second linking would count twice)
        assert sum(c.statement_count for c in store.claims()) == links[1]
        roles = store._query("SELECT coalesce(sum(statements), 0) FROM speaker_roles")[0][0]
        assert int(roles) == links[2]


@pytest.mark.parametrize(
    ("dsn", "message"),
    [
        ("postgresql://walkback@127.0.0.1:1/none", "cannot connect to the PostgreSQL server"),
        ("postgresql://walkback@127.0.0.1:1/none?sslmode=bogus", "cannot connect to the PostgreSQL server"),
        ("postgres://walkback:secret@127.0.0.1:1/none", "cannot connect to the PostgreSQL server"),
        ("postgresql://walkback@127.0.0.1:1/none?password=secret", "cannot connect to the PostgreSQL server"),
        ("postgresql://walkback@127.0.0.1:1/none?nosuchoption=1", "cannot read the PostgreSQL URL"),
    ],
)
def test_a_server_it_cannot_use_is_one_line(tmp_path: Path, dsn: str, message: str) -> None:
    r = walkback("statements", "--db", dsn, cwd=tmp_path)
    assert r.returncode == 4, r.stderr
    no_traceback(r)
    assert message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "secret" not in r.stderr


def test_a_database_of_someone_else_is_refused(tmp_path: Path, pg_database: str) -> None:
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    for args in (["ingest", SEED], ["statements"]):
        r = walkback(*args, "--db", pg_database, cwd=tmp_path)
        assert r.returncode == 4, r.stderr
        no_traceback(r)
        assert "not a walkback one (tables: invoices)" in r.stderr


def test_without_psycopg_the_error_says_what_to_install(tmp_path: Path) -> None:
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "psycopg.py").write_text("raise ImportError('psycopg is blocked in this test')\n")
    r = walkback(
        "statements", "--db", "postgresql://walkback@127.0.0.1:1/none", cwd=tmp_path,
        env={"PYTHONPATH": str(blocker)},
    )  # fmt: skip
    assert r.returncode == 4, r.stderr
    no_traceback(r)
    assert "pip install 'walkback[postgres]'" in r.stderr


def test_walkback_db_may_name_the_server(tmp_path: Path, pg_database: str) -> None:
    env = {"WALKBACK_DB": pg_database.replace("postgresql://", "postgres://")}
    r = walkback("ingest", SEED, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    r = walkback("walkbacks", "--format", "json", cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert '"John Kirby"' in r.stdout
    assert not (tmp_path / "walkback.db").exists()  # no SQLite file on the side
