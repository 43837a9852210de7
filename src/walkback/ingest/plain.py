"""Plain text: the first non-blank line is the headline, the rest the body.

Paragraphs are separated by blank lines; a file with single newlines between paragraphs gets one
paragraph per line (see :func:`~walkback.ingest.readers.paragraphs_from_lines`). Plain text carries
no date, outlet or URL: those come from the caller (``published``, ``outlet``) or, for a fetched
page, from the URL it was fetched from.
"""

from __future__ import annotations

from datetime import datetime

from ..model import Article
from .readers import Document, build_article, paragraphs_from_lines, register_reader

__all__ = ["read_plain_text"]


@register_reader("plain-text", priority=0, sniff=lambda doc: True)
def read_plain_text(doc: Document, *, published: datetime | None, outlet: str | None) -> Article:
    lines = doc.text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip())  # the loader refuses blank input
    return build_article(
        title=lines[start],
        paragraphs=paragraphs_from_lines(lines[start + 1 :]),
        url=doc.url,
        outlet=outlet,
        published=published,
        doc=doc,
    )
