"""ingest: sources -> :class:`~walkback.model.Article`.

:func:`read_article` loads a file or fetches a URL, then hands the text to the first registered
reader whose sniff test accepts it (see :mod:`walkback.ingest.readers`): text-only "lite" news pages,
HTML (trafilatura), and plain text as the fallback. :func:`iter_sources` expands command-line
arguments (folders, ``@LIST`` files) into sources; :func:`iter_documents` turns one source into the
documents it holds (one, or one per page of a WARC archive) and :func:`read_document` reads one;
:func:`parse_date` reads ``--published`` values.

Module map::

    sources.py   arguments -> paths and URLs; a local file -> Document (size, binary, UTF-8 checks)
    fetch.py     a URL -> Document (httpx; redirects, size limit, address check, charsets)
    readers.py   the reader registry, Document, paragraph helpers, build_article
    lite.py      lite text pages ("Source: https://..." first line)
    html.py      HTML pages (trafilatura), with pagemeta.py (what a page says about itself),
                 headline.py, bylines.py and outlets.py (its headline, authors and outlet)
    plain.py     plain text (headline, then the body)
    warc.py      WARC archives (warcio): one document per HTML or text response record, streamed
    dates.py     parse_date and timestamps
    ids.py       article_id and canonical_url
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime

from ..errors import InputError, WalkbackError
from ..model import Article
from ..settings import Settings

# the reader modules register themselves on import; the order here does not matter
from . import html as _html  # noqa: F401
from . import lite as _lite  # noqa: F401
from . import plain as _plain  # noqa: F401
from .dates import parse_date
from .fetch import fetch_document
from .ids import article_id, canonical_url
from .outlets import outlet_override
from .readers import Document, Reader, pick_reader, register_reader, registered_readers
from .sources import is_url, iter_sources, load_file
from .warc import estimate_records, is_warc, iter_warc

__all__ = [
    "read_article",
    "read_document",
    "iter_documents",
    "iter_sources",
    "is_warc",
    "estimate_records",
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


def iter_documents(
    source: str, *, settings: Settings, start: int = 0, stop: int | None = None
) -> Iterator[Document | WalkbackError]:
    """The documents a source holds, in order: one for a file or URL, one per article page of a WARC
    archive (read as a stream).

    A source, or a record of an archive, that cannot be read is yielded as the error saying why
    (its ``source`` names it), so that a batch counts it and goes on; a damaged archive yields its
    :class:`~walkback.errors.ArchiveError` after the pages before the damage.

    ``start`` and ``stop`` select one split of a WARC archive: the records that start at byte
    offsets in ``[start, stop)`` (see :func:`~walkback.ingest.warc.iter_warc`); any other source is
    read whole by the split at 0 and not at all by the others.
    """
    if is_warc(source):
        yield from iter_warc(source, settings=settings, start=start, stop=stop)
        return
    if start > 0:
        return
    try:
        yield load_document(source, settings=settings)
    except WalkbackError as e:
        yield e if e.source else InputError(e.message, source=source)
    except OSError as e:  # a file vanished or cannot be read
        yield InputError(e.strerror or str(e), source=source)


def read_document(
    doc: Document,
    *,
    published: datetime | None = None,
    outlet: str | None = None,
    outlets: Mapping[str, str] | None = None,
) -> Article:
    """Read one loaded document with the first reader that recognises it.

    ``published`` is the date for a document that carries none (after a WARC record's own date);
    ``outlet``, when given, overrides what the document says, and else ``outlets`` (the setting:
    domain → name) names the outlet of a page from one of its domains. A page from a WARC archive
    keeps the record's URL (its ``WARC-Target-URI``), whatever canonical URL the page names.
    """
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    reader = pick_reader(doc)
    try:
        article = reader.read(doc, published=doc.archive_date or published, outlet=outlet)
    except InputError as e:
        if doc.archive_date is None or not doc.url:
            raise
        raise type(e)(f"{e.message} ({doc.url})", source=e.source) from None
    if doc.archive_date is not None and doc.url and article.url != doc.url:
        article = replace(
            article, url=doc.url, id=article_id(doc.url, article.outlet, article.title, article.published)
        )
    named = None if outlet else outlet_override(article.url or doc.url, outlets or {})
    if named and named != article.outlet:
        article = replace(
            article, outlet=named, id=article_id(article.url, named, article.title, article.published)
        )
    log.debug(
        "%s: %s article %s, %d paragraphs", doc.source, reader.name, article.id, len(article.paragraphs)
    )
    return article


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
    return read_document(load_document(source, settings=settings), published=published, outlet=outlet)
