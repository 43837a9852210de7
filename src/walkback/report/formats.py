"""One JSON shape for articles and statements, and the flat rows and tables made from it."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from ..model import Article, Statement

__all__ = [
    "article_json",
    "statement_json",
    "extraction_json",
    "statement_csv_row",
    "STATEMENT_CSV_FIELDS",
    "write_csv",
]


def article_json(article: Article, *, with_text: bool = True) -> dict[str, Any]:
    d = article.to_dict()
    if not with_text:
        d.pop("text", None)
        d.pop("paragraphs", None)
    return d


def statement_json(statement: Statement, *, article: dict[str, Any] | None = None) -> dict[str, Any]:
    """The evaluation contract's statement object, plus the source article when given."""
    d = statement.to_dict()
    if article is not None:
        d["article"] = article
    return d


def extraction_json(source: str, article: Article, statements: Iterable[Statement]) -> dict[str, Any]:
    """`walkback extract`'s object for one input: ``{"path", "article", "statements"}``."""
    return {
        "path": source,
        "article": article_json(article),
        "statements": [statement_json(s) for s in statements],
    }


STATEMENT_CSV_FIELDS = [
    "id",
    "said_on",
    "said_on_precision",
    "speaker",
    "speaker_mention",
    "role",
    "affiliation",
    "anonymous",
    "kind",
    "cue",
    "content",
    "medium",
    "confidence",
    "article_id",
    "url",
    "outlet",
    "title",
]


def statement_csv_row(statement: Statement, *, article: dict[str, Any] | None = None) -> dict[str, Any]:
    sp = statement.speaker
    art = article or {}
    return {
        "id": statement.id,
        "said_on": statement.said_on.value or "",
        "said_on_precision": statement.said_on.precision or "",
        "speaker": sp.name or "",
        "speaker_mention": sp.mention.text if sp.mention else "",
        "role": sp.role or "",
        "affiliation": sp.affiliation or "",
        "anonymous": "yes" if sp.anonymous else "no",
        "kind": statement.kind,
        "cue": statement.cue.text if statement.cue else "",
        "content": statement.content.text,
        "medium": statement.medium or "",
        "confidence": f"{statement.confidence:.2f}",
        "article_id": statement.article_id,
        "url": art.get("url") or "",
        "outlet": art.get("outlet") or "",
        "title": art.get("title") or "",
    }


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], fields: list[str]) -> None:
    w = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(r)
