"""Shared parts of the linking benchmarks: ingest files with their dates into a store, then link."""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from _common import SHARED

from walkback.ingest import parse_date
from walkback.pipeline import ingest_sources
from walkback.settings import load_settings

POLNEAR = SHARED / "data" / "polnear"


def polnear_dates() -> dict[str, str]:
    """file stem -> publication date, from PolNeAR's metadata.tsv."""
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as fh:
        return {r["filename"]: r["publication_date"] for r in csv.DictReader(fh, delimiter="\t")}


def ingest_dated(store, files: Sequence[Path], dates: dict[str, str] | None = None) -> float:  # type: ignore[no-untyped-def]
    """Ingest ``files`` without linking, each dated by PolNeAR's metadata (when it has one); seconds taken."""
    settings = load_settings(link=False)
    dates = polnear_dates() if dates is None else dates
    groups: dict[str | None, list[str]] = defaultdict(list)
    for f in files:
        groups[dates.get(Path(f).stem)].append(str(f))
    t = time.perf_counter()
    for date, paths in groups.items():
        ingest_sources(paths, store=store, settings=settings, published=parse_date(date) if date else None)
    return time.perf_counter() - t
