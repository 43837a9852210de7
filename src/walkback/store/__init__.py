"""The store stage: articles, their versions and their statements in SQLite (or on a PostgreSQL
server: ``Store.open("postgresql://user@host/dbname")``, see :mod:`walkback.store.postgres`).

This is the only module that writes SQL. :class:`Store` is the way in::

    with Store.open("walkback.db") as store:
        if store.article_status(article) != "unchanged":
            store.save(article, statements)
        rows = store.statements(speaker="kirby", since="2024-01", search="ceasefire")

The schema and its migrations live in :mod:`walkback.store.schema`.
"""

from __future__ import annotations

from .feeds import FeedState, WatchedArticle
from .ledger import LinkedStatement, RelationRow, SpeakerRow
from .query import MAX_INT
from .reviews import REVIEW_FILTERS, REVIEW_STATES, FlagFilter, Review, review_key
from .schema import SCHEMA_VERSION
from .sqlite import ArticleRow, SaveResult, StatementRow, Store

__all__ = [
    "MAX_INT",
    "REVIEW_FILTERS",
    "REVIEW_STATES",
    "SCHEMA_VERSION",
    "ArticleRow",
    "FeedState",
    "FlagFilter",
    "LinkedStatement",
    "RelationRow",
    "Review",
    "SaveResult",
    "SpeakerRow",
    "StatementRow",
    "Store",
    "WatchedArticle",
    "review_key",
]
