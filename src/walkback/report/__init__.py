"""Views and exports of what walkback found: one JSON shape shared by the CLI and the API,
CSV rows, and terminal tables."""

from __future__ import annotations

from .formats import (
    STATEMENT_CSV_FIELDS,
    article_json,
    extraction_json,
    statement_csv_row,
    statement_json,
    write_csv,
)

__all__ = [
    "STATEMENT_CSV_FIELDS",
    "article_json",
    "extraction_json",
    "statement_csv_row",
    "statement_json",
    "write_csv",
]
