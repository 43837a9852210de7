"""The Spark job in local mode: the same articles and statements as `walkback ingest`, whatever the split.

The archives are the two crawls of :mod:`tests.distributed.pages` (one gzip, one not; a page that
holds no article; the same URL crawled twice with a changed body). `walkback spark-extract` on two
local workers and `walkback load` must leave exactly the database `walkback ingest` leaves: the same
articles and versions, statements, claims, walk-backs and contradictions, and the same summary.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from walkback.errors import ConfigError, PipelineError
from walkback.pipeline import extract_split
from walkback.settings import Settings

from ..test_cli import no_traceback, summary_line, walkback
from .conftest import needs_spark
from .pages import FRIDAY_URL, write_crawls

pytestmark = [needs_spark, pytest.mark.spark]


def _json(db: Path, *args: str, cwd: Path) -> Any:
    r = walkback(*args, "--db", db, "--format", "json", cwd=cwd)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _ledger(db: Path, cwd: Path) -> dict[str, Any]:
    """Everything a reader sees of a database, minus the moments things were stored."""

    def timeless(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in row.items() if k != "ingested_at"} for row in rows]

    return {
        "articles": timeless(_json(db, "articles", cwd=cwd)),
        "versions": timeless(_json(db, "versions", FRIDAY_URL, cwd=cwd)),
        "statements": _json(db, "statements", "--limit", "1000", cwd=cwd),
        "claims": _json(db, "claims", "--min-statements", "1", cwd=cwd),
        "walkbacks": _json(db, "walkbacks", cwd=cwd),
        "contradictions": _json(db, "contradictions", cwd=cwd),
    }


def test_spark_extract_then_load_is_ingest(tmp_path: Path) -> None:
    crawls = write_crawls(tmp_path)
    ingested = walkback("ingest", *crawls, "--db", tmp_path / "ingest.db", cwd=tmp_path)
    no_traceback(ingested)
    assert ingested.returncode == 1  # the cookie wall holds no article

    # three tasks for two archives: the larger one is cut in two
    run = walkback(
        "spark-extract", *crawls, "--output", "out", "--master", "local[2]", "--partitions", "3",
        cwd=tmp_path, timeout=300,
    )  # fmt: skip
    no_traceback(run)
    assert run.returncode == 1, run.stderr
    assert (
        run.stdout.strip()
        == "articles: 4 extracted, 1 failed; statements found: 19 (Parquet in out, 3 tasks)"
    )
    assert [ln for ln in run.stderr.splitlines() if ln.startswith("walkback:")] == [
        ln for ln in ingested.stderr.splitlines() if ln.startswith("walkback:")
    ]
    loaded = walkback("load", tmp_path / "out", "--db", tmp_path / "spark.db", cwd=tmp_path)
    no_traceback(loaded)
    assert loaded.returncode == 1
    assert (
        loaded.stdout == ingested.stdout
    )  # "articles: 3 new, ..., 1 new version, 1 failed" and the link line
    assert (
        summary_line(loaded) == "articles: 3 new, 0 unchanged, 1 new version, 1 failed; statements found: 19"
    )
    assert loaded.stderr == ingested.stderr

    spark_ledger, ingest_ledger = (
        _ledger(tmp_path / "spark.db", tmp_path),
        _ledger(tmp_path / "ingest.db", tmp_path),
    )
    assert spark_ledger == ingest_ledger
    assert len(spark_ledger["versions"]) == 2 and len(spark_ledger["walkbacks"]) == 1
    kirby = [
        s for s in spark_ledger["statements"] if s["content"]["text"].startswith("We did inform the Iraqi")
    ]
    assert kirby and kirby[0]["speaker"]["name"] == "John Kirby" and kirby[0]["said_on"] == "2024-02-02"

    again = walkback("load", tmp_path / "out", "--db", tmp_path / "spark.db", cwd=tmp_path)
    assert summary_line(again) == "articles: 0 new, 4 unchanged, 0 new version, 1 failed; statements found: 0"
    assert _ledger(tmp_path / "spark.db", tmp_path)["statements"] == spark_ledger["statements"]


def test_any_split_gives_the_rows_of_one_process(spark: Any, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from walkback.distributed import ParquetResults, extract_to_parquet

    crawls = [str(p) for p in write_crawls(tmp_path)]
    here = [o for c in crawls for o in extract_split(c, settings=Settings())]
    for tasks in (1, 5):
        out = tmp_path / f"out-{tasks}"
        run = extract_to_parquet(spark, crawls, out, settings=Settings(), tasks=tasks)
        assert run.tasks == (2 if tasks == 1 else 5)  # at least one task per archive
        assert (run.articles, run.failed, run.statements) == (4, 1, 19)
        assert len(run.errors) == 1 and "no article found" in run.errors[0]
        assert list(ParquetResults(out).outcomes()) == here
        statements = pq.read_table(out / "statements")
        assert statements.num_rows == 19
        assert {"id", "article_id", "speaker", "content", "source", "url", "published"} <= set(
            statements.column_names
        )
    with pytest.raises(ConfigError, match="already holds results"):
        extract_to_parquet(spark, crawls, tmp_path / "out-1", settings=Settings())


def test_a_failure_on_an_executor_is_one_line_of_its_own_kind(spark: Any, tmp_path: Path) -> None:
    from walkback.distributed import extract_to_parquet

    crawls = [str(p) for p in write_crawls(tmp_path)]
    with pytest.raises(PipelineError) as e:
        extract_to_parquet(
            spark, crawls, tmp_path / "out", settings=Settings(spacy_models=("no_such_model",))
        )
    message = str(e.value)
    assert message.startswith("the Spark job failed on an executor: no spaCy English pipeline installed")
    assert "\n" not in message


def test_the_job_runs_as_a_module_for_spark_submit(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "walkback.distributed.spark_job", "--help"],
        capture_output=True, text=True, cwd=tmp_path, timeout=60, check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "--output" in r.stdout and "--partitions" in r.stdout
