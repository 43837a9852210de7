"""ingest: sources -> :class:`~walkback.model.Article`.

:func:`read_article` loads a file or fetches a URL, then hands the text to the first registered
reader whose sniff test accepts it (see :mod:`walkback.ingest.readers`): text-only "lite" news pages,
HTML (trafilatura), and plain text as the fallback. :func:`iter_sources` expands command-line
arguments (folders, ``@LIST`` files) into sources; :func:`parse_date` reads ``--published`` values.

Module map::

    sources.py   arguments -> paths and URLs; a local file -> Document (size, binary, UTF-8 checks)
    fetch.py     a URL -> Document (httpx; redirects, size limit, address check, charsets)
    readers.py   the reader registry, Document, paragraph helpers, build_article
    lite.py      lite text pages ("Source: https://..." first line)
    html.py      HTML pages (trafilatura)
    plain.py     plain text (headline, then the body)
    dates.py     parse_date and timestamps
    ids.py       article_id and canonical_url
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from ..model import Article
from ..settings import Settings

# the reader modules register themselves on import; the order here does not matter
from . import html as _html  # noqa: F401
from . import lite as _lite  # noqa: F401
from . import plain as _plain  # noqa: F401
from .dates import parse_date
from .fetch import fetch_document
from .ids import article_id, canonical_url
from .readers import Document, Reader, pick_reader, register_reader, registered_readers
from .sources import is_url, iter_sources, load_file

__all__ = [
    "read_article",
    "iter_sources",
    "parse_date",
    "article_id",
    "canonical_url",
    "load_document",
    "Document",
    "Reader",
    "register_reader",
    "registered_readers",
]

log = logging.getLogger(__name__)


def load_document(source: str, *, settings: Settings) -> Document:
    """The decoded text of a file or URL, before any reader has looked at it."""
    if is_url(source):
        return fetch_document(source.strip(), settings=settings)
    return load_file(source, settings=settings)


def read_article(
    source: str,
    *,
    settings: Settings,
    published: datetime | None = None,
    outlet: str | None = None,
) -> Article:
    """Read one article from a file path or an http(s) URL.

    ``published`` is used when the source carries no publication date of its own; ``outlet``, when
    given, overrides what the source says. Raises :class:`~walkback.errors.InputError` or
    :class:`~walkback.errors.FetchError` subclasses with a one-line message naming the source.
    """
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    doc = load_document(source, settings=settings)
    reader = pick_reader(doc)
    article = reader.read(doc, published=published, outlet=outlet)
    log.debug("%s: %s article %s, %d paragraphs", source, reader.name, article.id, len(article.paragraphs))
    return article
