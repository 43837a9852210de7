"""The reader registry and what every reader shares.

A reader turns one decoded :class:`Document` into an :class:`~walkback.model.Article`. Readers
register themselves with :func:`register_reader`, giving a ``sniff`` test and a priority;
:func:`pick_reader` asks them in priority order and the first whose test passes reads the document.
The plain-text reader sniffs every document, so it is the fallback.

Registering a reader for another format is a matter of importing a module that does::

    @register_reader("feed", priority=30, sniff=lambda doc: doc.text.lstrip().startswith("<rss"))
    def read_feed(doc: Document, *, published: datetime | None, outlet: str | None) -> Article: ...
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..errors import InputError, NoArticleError
from ..model import Article
from .dates import usable_date
from .ids import article_id
from .language import detect_language

__all__ = [
    "Document",
    "Reader",
    "ReadFunction",
    "register_reader",
    "registered_readers",
    "pick_reader",
    "clean_paragraph",
    "paragraphs_from_lines",
    "build_article",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A source after loading and decoding, before any reader has looked at it."""

    text: str
    source: str  # the path or URL as the user gave it
    url: str | None = None  # the URL it was fetched from (after redirects), for fetched pages
    content_type: str | None = None  # the MIME type the server declared, for fetched pages
    suffix: str = ""  # the file name's extension, lower case, for local files
    fetched_at: datetime | None = None
    # set for a record read from a WARC archive: its WARC-Date, the publication date of last resort
    # (the page's own date comes first); such a document keeps ``url``, the record's target URI
    archive_date: datetime | None = None

    def head(self, size: int = 2048) -> str:
        """The first ``size`` characters, for sniffing."""
        return self.text[:size]


class ReadFunction(Protocol):
    def __call__(self, doc: Document, *, published: datetime | None, outlet: str | None) -> Article: ...


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    priority: int
    sniff: Callable[[Document], bool]
    read: ReadFunction


_READERS: dict[str, Reader] = {}


def register_reader(
    name: str, *, priority: int, sniff: Callable[[Document], bool]
) -> Callable[[ReadFunction], ReadFunction]:
    """Decorator: register ``read`` under ``name``; higher ``priority`` is asked first."""

    def decorate(read: ReadFunction) -> ReadFunction:
        if name in _READERS:
            raise ValueError(f"a reader named {name!r} is already registered")
        _READERS[name] = Reader(name=name, priority=priority, sniff=sniff, read=read)
        return read

    return decorate


def registered_readers() -> list[Reader]:
    """The readers in the order they are asked."""
    return sorted(_READERS.values(), key=lambda r: (-r.priority, r.name))


def pick_reader(doc: Document) -> Reader:
    for reader in registered_readers():
        if reader.sniff(doc):
            log.debug("%s: read as %s", doc.source, reader.name)
            return reader
    raise InputError(
        f"no reader recognises this input; known: {', '.join(r.name for r in registered_readers())}",
        source=doc.source,
    )


# -- text shared by the readers ------------------------------------------------------------------

# any run of horizontal white space, tabs and no-break spaces included, becomes one plain space, so
# that a phrase typed with ordinary spaces is found in a page that used U+00A0 between its words
_SPACE_RUN = re.compile(r"[^\S\n]+")
_NEWLINE_RUN = re.compile(r"[^\S\n]*\n\s*")
_WORD = re.compile(r"\S+")
_HARD_WRAP_MAX = 100  # hard-wrapped text rarely runs wider than this


def clean_paragraph(text: str) -> str:
    """Strip, join inner lines with a space, collapse runs of white space (U+00A0 too) to one space."""
    return _SPACE_RUN.sub(" ", _NEWLINE_RUN.sub(" ", text)).strip()


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether a block's lines are one paragraph wrapped at a fixed width.

    It is when every line but the last is short and the next line's first word would not have fit on
    it; a list of short items ("Stop lying" / "Show humility") fails the second test.
    """
    if len(lines) < 2:
        return False
    width = max(len(line) for line in lines)
    if width > _HARD_WRAP_MAX:
        return False
    for line, following in zip(lines, lines[1:], strict=False):
        first_word = _WORD.search(following)
        if first_word is None or len(line) + 1 + len(first_word.group()) <= width:
            return False
    return True


def paragraphs_from_lines(lines: Iterable[str]) -> list[str]:
    """Paragraphs from lines of text: blank lines separate paragraphs.

    Inside a block of consecutive lines, a hard-wrapped paragraph is joined with spaces; otherwise every
    line is its own paragraph (files that put single newlines between paragraphs).
    """
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        if _is_hard_wrapped(block):
            out.append(clean_paragraph(" ".join(block)))
        else:
            out.extend(clean_paragraph(line) for line in block)
        block.clear()

    for line in lines:
        stripped = line.strip()
        if stripped:
            block.append(stripped)
        else:
            flush()
    flush()
    return [p for p in out if p]


def build_article(
    *,
    paragraphs: Iterable[str],
    title: str,
    url: str | None,
    outlet: str | None,
    authors: Iterable[str] = (),
    published: datetime | None = None,
    updated: datetime | None = None,
    language: str | None = None,
    doc: Document,
) -> Article:
    """Join cleaned paragraphs with blank lines, record their offsets and build the record.

    ``language`` is found from the headline and the body (:func:`~walkback.ingest.language.
    detect_language`) unless the reader knows it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for raw in paragraphs:
        para = clean_paragraph(raw)
        if not para:
            continue
        if parts:
            pos += 2  # the "\n\n" before this paragraph
        parts.append(para)
        offsets.append((pos, pos + len(para)))
        pos += len(para)
    title = clean_paragraph(title)
    if not parts and not title:  # a page of headers only ("Source: URL" and nothing else)
        raise NoArticleError("neither a headline nor any text", source=doc.source)
    text = "\n\n".join(parts)
    outlet = clean_paragraph(outlet) if outlet else None
    published = usable_date(published, what="publication date", source=doc.source)
    updated = usable_date(updated, what="update date", source=doc.source)
    names: list[str] = []
    for name in authors:
        name = clean_paragraph(name)
        if name and name not in names:
            names.append(name)
    return Article(
        id=article_id(url, outlet, title, published),
        url=url,
        outlet=outlet or None,
        title=title,
        authors=tuple(names),
        published=published,
        updated=updated,
        text=text,
        paragraphs=tuple(offsets),
        source=doc.source,
        fetched_at=doc.fetched_at,
        language=language or detect_language(title, text),
    )
