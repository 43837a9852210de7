"""distributed: extraction spread over an Apache Spark cluster, and its results loaded into the store.

``walkback spark-extract`` runs :func:`extract_to_parquet` (WARC archives in, Parquet out, no
database); ``walkback load`` reads the Parquet back with :class:`ParquetResults` and stores it with
:func:`load_results`, as ``walkback ingest`` would have. pyspark and pyarrow are optional
(``pip install walkback[spark]``); loading needs pyarrow only.

Module map::

    spark_job.py  the job: inputs cut into splits, extracted on the executors, written as Parquet
    records.py    one extraction outcome <-> one table row (plain Python, shared by both ends)
    parquet.py    the tables' schema; checking and reading them back; loading them into the store
"""

from __future__ import annotations

from .parquet import ARTICLES, ParquetResults, load_results
from .records import outcome_from_row, outcome_row
from .spark_job import SparkRun, Split, extract_to_parquet, plan_splits, spark_session

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
