"""Fixtures for the distributed run: one local SparkSession per test module, skipped without Spark."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def spark_missing() -> str | None:
    """Why Spark cannot run here, or ``None`` when it can (pyspark, pyarrow and a Java)."""
    for module in ("pyspark", "pyarrow"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install -e '.[spark]')"
    home = os.environ.get("JAVA_HOME")
    if not (home and Path(home, "bin", "java").exists()) and shutil.which("java") is None:
        return "no Java found (JAVA_HOME unset and no java on PATH); Spark needs Java 17+"
    return None


needs_spark = pytest.mark.skipif(spark_missing() is not None, reason=spark_missing() or "")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One SparkSession in local mode with two workers, for the whole test module."""
    from walkback.distributed.spark_job import spark_session

    with spark_session("local[2]", app_name="walkback-tests") as session:
        yield session
