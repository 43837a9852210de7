"""distributed: extraction spread over an Apache Spark cluster, and its results loaded into the store.

``walkback spark-extract`` runs :func:`extract_to_parquet` (WARC archives in, Parquet out, no
database); ``walkback load`` reads the Parquet back with :class:`ParquetResults` and stores it with
:func:`load_results`, as ``walkback ingest`` would have. pyspark and pyarrow are optional
(``pip install walkback[spark]``); loading needs pyarrow only.

Module map::

    spark_job.py  the job: inputs cut into splits, extracted on the executors, written as Parquet
    daemon.py     PySpark's worker daemon with the spaCy pipeline loaded before it forks
    records.py    one extraction outcome <-> one table row (plain Python, shared by both ends)
    parquet.py    the tables' schema; checking and reading them back; loading them into the store

The names below are imported on first use, so that importing this package (as Spark's daemon
does, before it forks) starts no pyarrow threads.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = [
    "ARTICLES",
    "ParquetResults",
    "load_results",
    "outcome_row",
    "outcome_from_row",
    "Split",
    "SparkRun",
    "plan_splits",
    "spark_session",
    "extract_to_parquet",
]

_HOME = {
    "ARTICLES": "parquet",
    "ParquetResults": "parquet",
    "load_results": "parquet",
    "outcome_row": "records",
    "outcome_from_row": "records",
    "Split": "spark_job",
    "SparkRun": "spark_job",
    "plan_splits": "spark_job",
    "spark_session": "spark_job",
    "extract_to_parquet": "spark_job",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOME[name]}", __name__), name)
