"""HTML pages: what the page says about itself, then its body, checked against several readings.

The steps, each in its own module:

1. :mod:`.pagemeta` reads the page's own metadata from its tree (``<meta>``, JSON-LD, ``<title>``,
   headings, byline blocks, logo, full timestamps) before anything prunes it;
2. :mod:`.body` removes pop-ups, then trafilatura (``favor_precision=True``, no comments; see
   :data:`EXTRACTION_OPTIONS`) reads the body, checked against Resiliparse, the JSON-LD
   ``articleBody`` and the ``<article>`` element, and replaced by readability-lxml's reading when
   none of them agrees with it; page furniture ("Read more:", newsletter calls) is dropped by rule;
3. :mod:`.headline`, :mod:`.bylines` and :mod:`.outlets` choose the headline (never left at the
   start of the body), the authors and the outlet.

Measured in ``benchmarks/html_extraction.py`` (the Zyte pages and the hand-written metadata dev set
of ``benchmarks/metadata/``; the choices in ``benchmarks/body_backends.md``). The date search stays
off the article text; trafilatura gives the date as a day only, so a full timestamp is looked up
first in the page's own metadata (``article:published_time``, JSON-LD ``datePublished``, ``<time
datetime>``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import trafilatura

from ..errors import NoArticleError
from ..model import Article
from .body import article_element_lines, choose_body, drop_furniture, remove_popups
from .bylines import choose_authors
from .dates import usable_date
from .headline import choose_headline, declared_titles, is_headline, site_keys
from .outlets import choose_outlet
from .pagemeta import read_page_meta, time_elements
from .readers import Document, build_article, register_reader

__all__ = ["read_html", "EXTRACTION_OPTIONS", "MIN_WORDS"]

EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    # htmldate's extensive search falls back to dates in the text, such as the year of a copyright
    # line (a "2024-01-01" for any page saying "© 2024"); a wrong date is worse than none here, since
    # the caller's --published fills a gap. On the Zyte pages it finds 179 of 181 dates without it.
    "date_extraction_params": {"original_date": True, "extensive_search": False},
}
MIN_WORDS = 20  # fewer words than this after boilerplate removal is not an article

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKUP_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
# a word: a run of letters or digits, except that Chinese and Japanese characters count one each
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORDS = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def _sniff(doc: Document) -> bool:
    if doc.content_type in _HTML_TYPES:
        return True
    head = doc.head()
    return bool(_MARKUP_START.match(head)) or (doc.suffix in _HTML_SUFFIXES and "<" in head)


# -- the reader ----------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


@register_reader("html", priority=30, sniff=_sniff)
def read_html(doc: Document, *, published: datetime | None, outlet: str | None) -> Article:
    tree = trafilatura.load_html(doc.text)
    if tree is None:
        raise NoArticleError("cannot parse this HTML page", source=doc.source)
    meta = read_page_meta(tree, doc.url)
    times = time_elements(tree)
    remove_popups(tree)
    article_lines = article_element_lines(tree)
    # bare_extraction prunes the tree it is given, so what the page says is read first
    result = trafilatura.bare_extraction(tree, url=doc.url, with_metadata=True, **EXTRACTION_OPTIONS)
    found_title = (result.title or "") if result is not None else ""
    site = choose_outlet(meta, doc.url)
    title = choose_headline(meta, found_title, [site or ""])
    titles = [title, *meta.headings, *declared_titles(meta), found_title]
    lines, _ = choose_body(
        _lines(result.text or "") if result is not None else [], doc.text, meta, article_lines
    )
    if lines and is_headline(lines[0], titles):
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    lines = drop_furniture(lines)
    words = sum(len(_WORDS.findall(line)) for line in lines)
    if words < MIN_WORDS:
        raise NoArticleError(
            f"no article found in this HTML page ({words} words of body text after removing boilerplate, "
            f"at least {MIN_WORDS} needed)",
            source=doc.source,
        )

    page_published = usable_date(meta.published, what="page's publication date", source=doc.source)
    page_modified = usable_date(meta.modified, what="page's modification date", source=doc.source)
    day = (result.date or "") if result is not None else ""
    if page_published is None and day:  # a <time> on the day trafilatura settled on
        page_published = next((t for t in times if t.date().isoformat() == day), None)
    if page_published is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        page_published = datetime.fromisoformat(day).replace(tzinfo=UTC)

    url = (result.url if result is not None else None) or doc.url
    if url and doc.url and not re.match(r"https?://", url, re.IGNORECASE):
        url = urljoin(doc.url, url)  # a relative canonical link
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        url = None
    authors = choose_authors(meta, site_keys(meta, [site or ""]))
    return build_article(
        title=title,
        paragraphs=lines,
        url=url,
        outlet=outlet or site,
        authors=authors,
        published=page_published or published,
        updated=page_modified,
        doc=doc,
    )
