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
from .schema import SCHEMA_VERSION
from .sqlite import ArticleRow, SaveResult, StatementRow, Store

__all__ = [
    "MAX_INT",
    "SCHEMA_VERSION",
    "ArticleRow",
    "FeedState",
    "LinkedStatement",
    "RelationRow",
    "SaveResult",
    "SpeakerRow",
    "StatementRow",
    "Store",
    "WatchedArticle",
]
