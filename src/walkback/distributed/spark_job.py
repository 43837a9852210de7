"""The Spark job behind ``walkback spark-extract``: WARC archives in, Parquet tables out.

The driver plans the work (:func:`plan_splits`): each WARC archive is cut into byte ranges so that
there are about as many tasks as asked for (Spark's default parallelism unless told), at least one
per input; any other input (a page, a text file, a URL) is one task. Each task runs on an executor
with walkback's own code: :func:`walkback.pipeline.extract_split` reads the records that start in
its range with walkback's WARC reader and extracts their statements with walkback's pipeline, the
spaCy model loaded once per executor, by its Python daemon before it forks the workers
(:mod:`walkback.distributed.daemon`; Spark reuses the workers from task to task). The
rows (:mod:`walkback.distributed.records`) are written by Spark as the ``articles`` table, and the
``statements`` table is derived from it (:mod:`walkback.distributed.parquet` describes both).

The same code runs in local mode (``local[2]``; tests, one machine) and on a cluster, where every
executor needs walkback installed (``pip install walkback[spark]``) and the inputs at the same paths.
Run it as ``walkback spark-extract`` or, under ``spark-submit``, as this file
(``python -m walkback.distributed.spark_job`` takes the same arguments).

Imports are absolute, so that ``spark-submit .../spark_job.py`` can run the file as a script.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from walkback import errors
from walkback.distributed.parquet import ARTICLES, require_pyarrow
from walkback.distributed.records import outcome_row
from walkback.errors import ConfigError, DependencyError, WalkbackError
from walkback.ingest import is_warc
from walkback.pipeline import extract_split
from walkback.settings import Settings

__all__ = ["Split", "SparkRun", "plan_splits", "spark_session", "extract_to_parquet"]

log = logging.getLogger(__name__)

_MAX_ERRORS = 1000  # failed inputs named on the driver; the rest are in the error column


@dataclass(frozen=True, slots=True)
class Split:
    """One task's work: a source, or the records of a WARC archive that start in ``[start, stop)``."""

    source: str
    start: int = 0
    stop: int | None = None  # None: to the end of the file


@dataclass(frozen=True, slots=True, kw_only=True)
class SparkRun:
    """What a run wrote: rows of articles and of failed inputs, statements, and the failures."""

    output: str
    tasks: int
    articles: int
    failed: int
    statements: int
    errors: tuple[str, ...]  # the first failures, in input order, one line each

    def line(self) -> str:
        return (
            f"articles: {self.articles} extracted, {self.failed} failed; statements found: {self.statements} "
            f"(Parquet in {self.output}, {self.tasks} tasks)"
        )


def plan_splits(sources: Sequence[str], tasks: int) -> list[Split]:
    """Cut the inputs into about ``tasks`` splits, in input order.

    A WARC archive gets a share of ``tasks`` in proportion to its size (at least one) and is cut
    into byte ranges of equal size; every other input is one split. A task that starts inside a
    record takes the records from the next one on (see :func:`walkback.ingest.warc.iter_warc`).
    """
    if tasks < 1:
        raise ConfigError(f"the number of tasks must be at least 1, got {tasks}")
    sizes = [_archive_size(s) for s in sources]
    total = sum(sizes)
    splits: list[Split] = []
    for source, size in zip(sources, sizes, strict=True):
        n = min(size, max(1, round(tasks * size / total))) if size else 1
        bounds = [size * k // n for k in range(n)]
        splits += [Split(source, b, bounds[i + 1] if i + 1 < n else None) for i, b in enumerate(bounds)]
    return splits


def _archive_size(source: str) -> int:
    """The size of a WARC archive to cut into splits; 0 for anything else (read in one piece)."""
    if not is_warc(source):
        return 0
    try:
        return Path(source).expanduser().stat().st_size
    except OSError:  # vanished: its task reports it
        return 0


# -- the session -----------------------------------------------------------------------------------


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise DependencyError(
            "the Spark job needs pyspark, which is not installed: pip install 'walkback[spark]'"
        ) from None


def _java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(home and Path(home, "bin", "java").exists()) or shutil.which("java") is not None


_LOG_CONFIG = Path(__file__).with_name("log4j2.properties")


@contextmanager
def spark_session(
    master: str | None = None, *, app_name: str = "walkback", quiet: bool = True
) -> Iterator[Any]:
    """A SparkSession for the job, stopped on exit.

    ``master`` is a Spark master URL (``local[2]``, ``spark://host:7077``, ``yarn``); without one,
    the master ``spark-submit`` was given, else ``local[*]``. In local mode the driver binds to the
    loopback address (no network needed), the web UI is off, and the Python workers run this
    interpreter. ``quiet`` keeps Spark's log to errors (it logs warnings and up otherwise).
    """
    _require_pyspark()
    require_pyarrow()
    from pyspark.sql import SparkSession

    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # launched by spark-submit: its JVM is up
    if not submitted and not _java_found():
        raise DependencyError(
            "Spark needs Java 17 or newer, and none was found (no JAVA_HOME, no java on PATH)"
        )
    if master is None and not submitted:
        master = "local[*]"
    builder = (
        SparkSession.builder.appName(app_name)
        .config("spark.ui.showConsoleProgress", "false")
        # the Python workers are forked with the model loaded (walkback.distributed.daemon)
        .config("spark.python.daemon.module", "walkback.distributed.daemon")
    )
    if master is not None:
        builder = builder.master(master)
    if quiet and not submitted:
        builder = builder.config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_LOG_CONFIG}")
    if master is not None and master.startswith("local"):
        # the Python workers run this interpreter (pyspark reads the variable, not a setting, when it
        # starts them), and nothing listens beyond the loopback address
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (
            builder.config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
        )
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # the JVM did not start: pyspark raises its own runtime errors here
        raise DependencyError(f"Spark did not start: {_cause(e)}") from None
    if quiet:
        spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


# -- the job ---------------------------------------------------------------------------------------


def _spark_type(t: Any) -> Any:
    """The Spark SQL type of a pyarrow type of :data:`~walkback.distributed.parquet.ARTICLES`."""
    import pyarrow as pa
    from pyspark.sql import types as T

    if pa.types.is_struct(t):
        return T.StructType([T.StructField(f.name, _spark_type(f.type), True) for f in t])
    if pa.types.is_list(t):
        return T.ArrayType(_spark_type(t.value_type), True)
    simple = {
        pa.string(): T.StringType(),
        pa.int32(): T.IntegerType(),
        pa.int64(): T.LongType(),
        pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(),
    }
    return simple[t]


def spark_schema() -> Any:
    """The ``articles`` table's schema as Spark's ``StructType``."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(f.name, _spark_type(f.type), True) for f in ARTICLES])


def _extract_partition(
    items: Iterable[tuple[int, Split]],
    *,
    settings: Settings,
    published: datetime | None,
    outlet: str | None,
) -> Iterator[dict[str, Any]]:
    """Runs on an executor: the rows of this partition's splits (one each, as planned)."""
    for part, split in items:
        outcomes = extract_split(
            split.source,
            settings=settings,
            start=split.start,
            stop=split.stop,
            published=published,
            outlet=outlet,
        )
        for seq, o in enumerate(outcomes):
            yield outcome_row(o, part=part, seq=seq)


def _output(output: str | Path) -> tuple[str, str]:
    """The output folder (as shown) and its URI for Spark; refuses a folder holding results."""
    text = str(output)
    if "://" in text:  # hdfs://, s3a://, file://: Spark checks it
        return text, text.rstrip("/")
    path = Path(text).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"--output {text} is a file; give a folder (new, or empty)")
    for table in ("articles", "statements"):
        if (path / table).exists():
            raise ConfigError(f"--output {text} already holds results ({table}/); give a new or empty folder")
    return text, path.as_uri()


def _cause(e: BaseException) -> str:
    """The line of a Spark or Python worker failure that says what went wrong."""
    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
    for ln in reversed(lines):  # a Python worker's traceback ends with "SomeError: message"
        head = ln.split(":", 1)[0]
        if head.endswith(("Error", "Exception")) and " " not in head:
            return ln[:500]
    return (lines[0] if lines else type(e).__name__)[:500]


def _job_failed(e: BaseException) -> WalkbackError:
    """A failed job as walkback's error: the executor's own when it raised one (a missing model is
    a :class:`~walkback.errors.PipelineError` there as here), else a plain one saying why."""
    cause = _cause(e)
    head, _, message = cause.partition(": ")
    name = head.rsplit(".", 1)[-1]
    known = getattr(errors, name, None) if head.startswith("walkback.errors.") else None
    if isinstance(known, type) and issubclass(known, WalkbackError) and message:
        return known(f"the Spark job failed on an executor: {message}")
    return WalkbackError(f"the Spark job failed: {cause}")


def extract_to_parquet(
    spark: Any,
    sources: Sequence[str],
    output: str | Path,
    *,
    settings: Settings,
    tasks: int | None = None,
    published: datetime | None = None,
    outlet: str | None = None,
) -> SparkRun:
    """Extract ``sources`` on ``spark``'s executors and write ``output/articles`` and
    ``output/statements`` (Parquet); see the module docstring."""
    if not sources:
        raise WalkbackError("no inputs: give WARC archives, files, folders or @LIST files")
    from pyspark.sql import functions as F

    shown, uri = _output(output)
    sc = spark.sparkContext
    splits = plan_splits(sources, tasks or sc.defaultParallelism)
    log.info("%d input(s) in %d split(s)", len(sources), len(splits))
    work = partial(_extract_partition, settings=settings, published=published, outlet=outlet)
    try:
        rows = sc.parallelize(list(enumerate(splits)), numSlices=len(splits)).mapPartitions(work)
        spark.createDataFrame(rows, schema=spark_schema()).write.parquet(f"{uri}/articles")
        written = spark.read.parquet(f"{uri}/articles")
        statements = written.select("source", "url", "published", F.explode("statements").alias("s"))
        statements.select("s.*", "source", "url", "published").write.parquet(f"{uri}/statements")
        counts = written.agg(
            F.sum(F.when(F.col("error").isNull(), 1).otherwise(0)).alias("articles"),
            F.sum(F.when(F.col("error").isNull(), 0).otherwise(1)).alias("failed"),
            F.sum(F.when(F.col("error").isNull(), F.size("statements")).otherwise(0)).alias("statements"),
        ).first()
        failures = (
            written.where(F.col("error").isNotNull())
            .orderBy("part", "seq")
            .select("error")
            .limit(_MAX_ERRORS)
        )
        errors = tuple(r["error"] for r in failures.collect())
    except WalkbackError:
        raise
    except Exception as e:  # Py4J and PySpark errors: a failed task, a path Spark cannot write
        raise _job_failed(e) from None
    return SparkRun(
        output=shown,
        tasks=len(splits),
        articles=int(counts["articles"] or 0),
        failed=int(counts["failed"] or 0),
        statements=int(counts["statements"] or 0),
        errors=errors,
    )


if __name__ == "__main__":  # spark-submit spark_job.py ARGS, python -m walkback.distributed.spark_job ARGS
    from walkback.cli import main

    main(["spark-extract", *sys.argv[1:]])
