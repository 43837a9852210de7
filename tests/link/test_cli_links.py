"""The link commands end to end, as a journalist runs them: `walkback ingest` of the seed, then the views."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.conftest import BACKENDS, database_for
from tests.test_cli import SEED, no_traceback, walkback

HERE = Path(__file__).parent


@pytest.fixture(scope="module", params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed ingested into a SQLite file, then into a database on a PostgreSQL server."""
    where = tmp_path_factory.mktemp("links")
    path = database_for(request, where / "seed.db")
    r = walkback("ingest", SEED, "--db", path, cwd=where)
    assert r.returncode == 0, r.stderr
    no_traceback(r)
    assert "1 walk-backs" in r.stdout, r.stdout  # the link summary line
    return path


def test_walkbacks_json_is_the_documented_shape(db: str) -> None:
    r = walkback("walkbacks", "--db", db, "--format", "json", cwd=HERE)
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert len(items) == 1
    wb = items[0]
    assert wb["type"] == "walkback" and wb["speaker"]["name"] == "John Kirby"
    assert isinstance(wb["evidence"], list) and "misspoke" in wb["evidence"]
    assert 0 < wb["confidence"] <= 1
    for side in ("from", "to"):
        st = wb[side]
        assert st["content"]["text"] and st["speaker"]["name"] == "John Kirby"
        assert (
            st["url"] == "https://lite.cnn.com/2024/02/05/politics/us-did-not-notify-iraq-strikes/index.html"
        )
    assert wb["to"]["said_on"] == "2024-02-02" and wb["from"]["said_on"] == "2024-02-05"


def test_contradictions_table_and_csv(db: str) -> None:
    r = walkback("contradictions", "--db", db, "--min-confidence", "0", cwd=HERE)
    assert r.returncode == 0, r.stderr
    assert "contradiction(s)" in r.stdout and "Vedant Patel" in r.stdout
    # by default, only flags as sure as the flag_threshold setting (0.7): not every one of the seed's
    every = json.loads(walkback("contradictions", "--db", db, "--format", "json", "--min-confidence", "0",
                                cwd=HERE).stdout)  # fmt: skip
    r = walkback("contradictions", "--db", db, "--format", "json", cwd=HERE)
    shown = json.loads(r.stdout)
    assert r.returncode == 0 and len(shown) < len(every)
    assert [f["id"] for f in shown] == [f["id"] for f in every if f["confidence"] >= 0.7]
    r = walkback("contradictions", "--db", db, "--format", "csv", "--speaker", "patel",
                 "--min-confidence", "0", cwd=HERE)  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and all("Patel" in row["from_speaker"] or "Patel" in row["to_speaker"] for row in rows)
    assert all(row["evidence"] for row in rows)


def test_claims_and_one_claims_timeline(db: str) -> None:
    r = walkback("claims", "--db", db, "--format", "json", cwd=HERE)
    claims = json.loads(r.stdout)
    notify = next(c for c in claims if "inform the Iraqi government" in c["summary"])
    assert notify["statement_count"] >= 4 and notify["first_said"] == "2024-02-02"
    r = walkback("claim", str(notify["id"]), "--db", db, "--format", "json", cwd=HERE)
    timeline = json.loads(r.stdout)["statements"]
    dates = [s["said_on"] for s in timeline]
    assert dates == sorted(dates) and dates[0] == "2024-02-02"
    assert {s["stance"] for s in timeline} >= {"affirms", "denies"}
    r = walkback("claim", str(notify["id"]), "--db", db, cwd=HERE)
    assert "claim " in r.stdout and "affirms" in r.stdout and "denies" in r.stdout


def test_speakers_and_one_speaker(db: str) -> None:
    r = walkback("speakers", "--db", db, cwd=HERE)
    assert "John Kirby" in r.stdout and "[anonymous]" in r.stdout
    r = walkback("speaker", "Kirby", "--db", db, "--format", "json", cwd=HERE)
    kirby = json.loads(r.stdout)
    assert kirby["name"] == "John Kirby" and len(kirby["timeline"]) == 4
    assert kirby["roles"][0]["role"] == "National Security Council spokesman"
    # "he misspoke" is too short to be a proposition of its own; the others each sit in a claim
    assert [s["claim"] is None for s in kirby["timeline"]].count(True) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claim", "99999"], "no claim 99999"),
        (["speaker", "Nobody Atall"], "no speaker matches"),
        (["walkbacks", "--min-confidence", "2"], "Invalid value"),
    ],
)
def test_bad_requests_get_one_line(db: str, args: list[str], message: str) -> None:
    r = walkback(*args, "--db", db, cwd=HERE)
    assert r.returncode != 0
    no_traceback(r)
    assert message in r.stderr


HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["statements", "--offset", HUGE], 2),
        (["statements", "--limit", HUGE], 2),
        (["articles", "--offset", HUGE], 2),
        (["claims", "--min-statements", HUGE], 2),
        (["claims", "--offset", HUGE], 2),
        (["speakers", "--limit", HUGE], 2),
        (["claim", HUGE], 2),
        (["claim", "-" + HUGE], 2),
        (["diff", "https://example.com/a", HUGE], 2),
        (["speaker", HUGE], 1),  # a name of digits only: no such speaker
    ],
)
def test_numbers_out_of_range_are_bad_usage(db: str, args: list[str], code: int) -> None:
    """Issue 14: these were exit 70, "Python int too large to convert to SQLite INTEGER"."""
    r = walkback(*args, "--db", db, cwd=HERE)
    assert r.returncode == code, r.stderr
    no_traceback(r)
    assert "internal error" not in r.stderr and len(r.stderr.strip().splitlines()) <= 6


def test_views_of_a_missing_database_fail_cleanly(tmp_path: Path) -> None:
    r = walkback("walkbacks", "--db", tmp_path / "none.db", cwd=tmp_path)
    assert r.returncode == 4
    no_traceback(r)
    assert "database not found" in r.stderr


def test_postgres_gives_what_sqlite_gives(tmp_path: Path, pg_database: str) -> None:
    """`walkback ingest` then the views, once into a SQLite file and once into PostgreSQL: the same
    answers (ids and database keys aside)."""
    outputs = []
    for db in (str(tmp_path / "seed.db"), pg_database):
        r = walkback("ingest", SEED, "--db", db, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        views = [
            walkback(*view, "--db", db, "--format", "json", cwd=tmp_path)
            for view in (
                ["walkbacks"],
                ["contradictions", "--min-confidence", "0"],
                ["statements"],
                ["speakers"],
                ["claims"],
            )  # fmt: skip
        ]
        assert all(v.returncode == 0 for v in views), [v.stderr for v in views]
        outputs.append([json.loads(v.stdout) for v in views])
    assert outputs[0] == outputs[1]
    assert len(outputs[0][0]) == 1 and outputs[0][0][0]["speaker"]["name"] == "John Kirby"
