"""HTML pages: trafilatura finds the article body and most of the metadata.

trafilatura runs with ``favor_precision=True`` and without comments. On the Zyte article benchmark
(``benchmarks/html_extraction.py``, headline dropped from the body) that measured precision .961,
recall .971, F1 .966 at ~21 pages/s, against .943/.978/.960 for the defaults, .950/.979/.965 for
fast mode without comments, and .959/.958/.958 without tables; stray boilerplate costs statement
extraction more than a missed line. The date search stays off the article text (see
:data:`EXTRACTION_OPTIONS`). trafilatura gives the date as a day only, so a full timestamp is looked
up first in the page's own metadata (``article:published_time``, JSON-LD ``datePublished``,
``<time datetime>``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml.etree import _Element

from ..errors import NoArticleError
from ..model import Article
from .dates import in_range, parse_iso_timestamp, usable_date
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
_HAS_TIME = re.compile(r"\d[T ]\d{1,2}:\d{2}")

_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
)
_MODIFIED_META = ("article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time")


def _sniff(doc: Document) -> bool:
    if doc.content_type in _HTML_TYPES:
        return True
    head = doc.head()
    return bool(_MARKUP_START.match(head)) or (doc.suffix in _HTML_SUFFIXES and "<" in head)


# -- timestamps from the page's own metadata -----------------------------------------------------


def _timestamp(value: object) -> datetime | None:
    """A full ISO timestamp (date and time); a bare date is left to trafilatura."""
    if not isinstance(value, str) or not _HAS_TIME.search(value):
        return None
    return parse_iso_timestamp(value)


def _meta_values(tree: _Element, names: tuple[str, ...]) -> Iterator[str]:
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in names and meta.get("content"):
            yield meta.get("content", "")


def _json_ld_objects(tree: _Element) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, list | dict))


def _is_article_type(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and ("Article" in k or "Posting" in k) for k in kinds)


def _first_timestamp(candidates: Iterator[object]) -> datetime | None:
    """The first timestamp that can be a date (``in_range``), else the first one read (the caller
    warns that it ignores it), else ``None``."""
    first = None
    for value in candidates:
        found = _timestamp(value)
        if found is not None and in_range(found):
            return found
        first = first or found
    return first


def _page_timestamps(tree: _Element) -> tuple[datetime | None, datetime | None]:
    """(published, modified) full timestamps the page declares, if any."""
    ld = [obj for obj in _json_ld_objects(tree) if _is_article_type(obj)]
    published = _first_timestamp(
        iter(
            [
                *_meta_values(tree, _PUBLISHED_META),
                *(obj.get("datePublished") for obj in ld),
                *(
                    t.get("datetime")
                    for t in tree.iterfind(".//time")
                    if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None
                ),
            ]
        )
    )
    modified = _first_timestamp(
        iter([*_meta_values(tree, _MODIFIED_META), *(obj.get("dateModified") for obj in ld)])
    )
    return published, modified


def _time_elements(tree: _Element) -> list[datetime]:
    """Every ``<time datetime>`` that holds a full timestamp, in page order."""
    found = (_timestamp(t.get("datetime")) for t in tree.iterfind(".//time"))
    return [value for value in found if value is not None and in_range(value)]


# -- the reader ----------------------------------------------------------------------------------


def _body_lines(text: str, title: str) -> list[str]:
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]  # trafilatura repeats the headline as the first line
    return lines


@register_reader("html", priority=30, sniff=_sniff)
def read_html(doc: Document, *, published: datetime | None, outlet: str | None) -> Article:
    tree = trafilatura.load_html(doc.text)
    if tree is None:
        raise NoArticleError("cannot parse this HTML page", source=doc.source)
    page_published, page_modified = _page_timestamps(tree)
    page_published = usable_date(page_published, what="page's publication date", source=doc.source)
    page_modified = usable_date(page_modified, what="page's modification date", source=doc.source)
    time_elements = _time_elements(tree)
    # bare_extraction prunes the tree it is given, so the page metadata above is read first
    result = trafilatura.bare_extraction(tree, url=doc.url, with_metadata=True, **EXTRACTION_OPTIONS)
    title = (result.title or "") if result is not None else ""
    lines = _body_lines(result.text or "", title) if result is not None else []
    words = sum(len(_WORDS.findall(line)) for line in lines)
    if result is None or words < MIN_WORDS:
        raise NoArticleError(
            f"no article found in this HTML page ({words} words of body text after removing boilerplate, "
            f"at least {MIN_WORDS} needed)",
            source=doc.source,
        )

    day = result.date or ""
    if page_published is None and day:  # a <time> on the day trafilatura settled on
        page_published = next((t for t in time_elements if t.date().isoformat() == day), None)
    if page_published is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        page_published = datetime.fromisoformat(day).replace(tzinfo=UTC)

    url = result.url or doc.url
    if url and doc.url and not re.match(r"https?://", url, re.IGNORECASE):
        url = urljoin(doc.url, url)  # a relative canonical link
    if url and not re.match(r"https?://", url, re.IGNORECASE):
        url = None
    authors = [name.strip() for name in (result.author or "").split(";") if name.strip()]
    return build_article(
        title=title,
        paragraphs=lines,
        url=url,
        outlet=outlet or result.sitename,
        authors=authors,
        published=page_published or published,
        updated=page_modified,
        doc=doc,
    )
