"""What an HTML page says about itself, read from its tree before any extractor prunes it.

:func:`read_page_meta` collects, in page order: the ``<meta>`` tags, the JSON-LD objects (the
article ones apart, with their headline, authors, publisher and ``articleBody``), the names the
site gives itself (``og:site_name``, JSON-LD organisations and web sites, ``application-name``,
the logo that links home), the ``<title>``, the visible headings, the byline blocks, and the full
timestamps the page declares. The choices made from them live in :mod:`.headline`,
:mod:`.bylines` and :mod:`.outlets`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from courlan import extract_domain
from lxml.etree import _Element

from ..textnorm import normalise_text
from .dates import in_range, parse_iso_timestamp

__all__ = [
    "PageMeta",
    "read_page_meta",
    "json_ld_objects",
    "host_of",
    "fold",
    "name_key",
    "domain_label",
    "SEPARATOR",
]

#: what stands between a title and the site's name: " | ", " - ", " – ", " — ", " · ", " :: "
SEPARATOR = r"\s*(?:\s[|–—·•»\-]\s|::|｜|\|)\s*"
_WORD = re.compile(r"\w+")

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
_ORG_TYPES = {"Organization", "NewsMediaOrganization", "WebSite", "Corporation", "OnlineBusiness"}
# class, id, itemprop or rel words that mark a byline block, and those that mark something else
_BYLINE_MARK = re.compile(r"byline|author|\bby\b|contributor|writer", re.IGNORECASE)
_NOT_BYLINE = re.compile(
    r"comment|bio\b|bio[-_]|description|about|avatar|image|img|photo|social|share|follow|related|"
    r"recirc|\bmore\b|more-|promo|gear|excerpt|box|flyout|date|time|card|tooltip",
    re.IGNORECASE,
)
# the areas of a page whose bylines are other articles' or readers' ones
_OTHER_AREA = re.compile(
    r"comment|related|recirc|promo|sidebar|footer|trending|popular|newsletter|recommend|outbrain|taboola",
    re.IGNORECASE,
)
_BYLINE_MAX = 160  # characters: a longer block holds more than names
_BY = re.compile(r"\s*(?:by|von|por|par)\s+\S", re.IGNORECASE)
_BY_OWN = re.compile(r"\s*(?:by|von|por|par)\b", re.IGNORECASE)  # the element's own text starts so
_BY_TAGS = {"p", "div", "span", "li", "address", "section", "header", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "meta", "link", "head", "title", "svg"}


def fold(text: str) -> str:
    """Text as names and titles are compared: encoding, quotes, dashes, case, white space folded."""
    return normalise_text(text).casefold()


def name_key(text: str) -> str:
    """The letters and digits of :func:`fold`: "The Wall Street Journal" → ``thewallstreetjournal``."""
    return "".join(_WORD.findall(fold(text))).replace("_", "")


def domain_label(url_or_host: str) -> str:
    """The name part of the registered domain: ``nytimes`` for https://www.nytimes.com/…,
    ``express`` for express.co.uk, ``ap`` for hosted.ap.org."""
    if not url_or_host:
        return ""
    target = url_or_host if "://" in url_or_host else f"https://{url_or_host}/"
    domain = extract_domain(target) or ""
    return domain.split(".")[0].lower()


def host_of(url: str | None) -> str:
    """The host name of ``url`` without a leading ``www.``, lower case ("" when there is none)."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _text(element: _Element, joiner: str = "") -> str:
    return " ".join(joiner.join(element.itertext()).split())


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMeta:
    host: str = ""  # the page's host name, without "www."
    title: str = ""  # the <title>
    metas: dict[str, list[str]] = field(default_factory=dict)  # name/property/itemprop -> contents
    articles: list[dict[str, Any]] = field(default_factory=list)  # JSON-LD article objects, page order
    ld_objects: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD object, page order
    site_names: list[tuple[str, str]] = field(default_factory=list)  # (where, name), most formal first
    headings: list[str] = field(default_factory=list)  # visible <h1> texts, page order
    bylines: list[str] = field(default_factory=list)  # text of the byline blocks, page order
    by_lines: list[str] = field(default_factory=list)  # unmarked blocks that start with "By ", page order
    published: datetime | None = None  # full timestamps the page declares
    modified: datetime | None = None

    def meta(self, *names: str) -> list[str]:
        """The contents of the named ``<meta>`` tags, in the order of ``names``."""
        return [value for name in names for value in self.metas.get(name, [])]

    def article_values(self, key: str) -> list[Any]:
        return [obj[key] for obj in self.articles if obj.get(key)]


def json_ld_objects(tree: _Element, *, nested: bool = True) -> Iterator[dict[str, Any]]:
    """The page's JSON-LD objects in page order: every object at any depth, or (``nested=False``)
    the top-level ones and the members of an ``@graph``."""
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                yield item
                if nested:
                    stack[:0] = [v for v in item.values() if isinstance(v, list | dict)]
                elif isinstance(item.get("@graph"), list | dict):
                    graph = item["@graph"]
                    stack[:0] = graph if isinstance(graph, list) else [graph]


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type") or obj.get("type")
    return [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]


def is_article_type(obj: dict[str, Any]) -> bool:
    """An article, blog post, report or fact check (``ClaimReview``: its author is the checker)."""
    return any(
        "Article" in k or "Posting" in k or k in {"MedicalWebPage", "Report", "ClaimReview"}
        for k in _types(obj)
    )


def _name(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list) and value:
        return _name(value[0])
    return " ".join(value.split()) if isinstance(value, str) else ""


def _meta_items(tree: _Element) -> list[tuple[str, str]]:
    """(name, content) of every ``<meta>`` tag with both, in page order; names lower case."""
    out = []
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        if key and value:
            out.append((key, value))
    return out


def _marks(element: _Element) -> str:
    return " ".join(
        element.get(a) or "" for a in ("class", "id", "itemprop", "rel", "data-testid", "data-component")
    )


# the elements any of whose marks holds a byline word (XPath runs in C, over the whole page)
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_MARKED = "//*[" + " or ".join(
    f"contains({_LOWER.format('@' + attr)}, '{word}')"
    for attr in ("class", "id", "itemprop", "rel", "data-testid", "data-component")
    for word in ("byline", "author", "by", "contributor", "writer")
) + "]"  # fmt: skip


def _bylines(tree: _Element) -> tuple[list[str], list[str]]:
    """The texts of the byline blocks, in page order, each once: the elements marked as bylines or
    authors (not comments, bios, lists of other stories; nested ones too, so that a clean inner
    block is there beside its cluttered parent), and apart, unmarked elements whose text starts with
    "By " (PolitiFact's "By Matthew Digby, Minh Do on Monday, ...")."""
    marked: list[str] = []
    for element in tree.xpath(_MARKED):
        if element.tag in _SKIP_TAGS:
            continue
        marks = _marks(element)
        if not _BYLINE_MARK.search(marks) or _NOT_BYLINE.search(marks):
            continue
        if any(
            _OTHER_AREA.search(_marks(a)) for a in element.iterancestors() if a.tag not in {"body", "html"}
        ):
            continue
        text = _text(element, " ")
        if text and len(text) <= _BYLINE_MAX and text not in marked:
            marked.append(text)
    led: list[str] = []
    for element in tree.iter(*_BY_TAGS):
        own = element.text
        if own and own.lstrip()[:2].lower() in {"by", "vo", "po", "pa"} and _BY_OWN.match(own):
            text = _text(element, " ")
            if _BY.match(text) and len(text) <= _BYLINE_MAX and text not in led and text not in marked:
                led.append(text)
    return marked, led


def _headings(tree: _Element) -> list[str]:
    out = []
    for h in tree.iter("h1"):
        if any(a.tag in _SKIP_TAGS for a in h.iterancestors()):
            continue
        text = _text(h)
        if text and len(text) <= 400:
            out.append(text)
    return out


def _logo_names(tree: _Element, host: str) -> list[str]:
    """The alt text of the image that links to the site's home page (its logo), if any."""
    homes = {"/", "./"}
    if host:
        for scheme in ("https://", "http://", "//"):
            for www in ("", "www."):
                homes |= {f"{scheme}{www}{host}", f"{scheme}{www}{host}/"}
    out = []
    for img in tree.xpath("//a[@href]//img"):
        link = next(a for a in img.iterancestors("a"))
        if (link.get("href") or "").strip() not in homes:
            continue
        alt = " ".join((img.get("alt") or img.get("title") or "").split())
        if alt and alt not in out:
            out.append(alt)
    return out[:3]


def _site_names(metas: dict[str, list[str]], objects: list[dict[str, Any]], articles: list[dict[str, Any]],
                logos: list[str]) -> list[tuple[str, str]]:  # fmt: skip
    names: list[tuple[str, str]] = []
    for art in articles:
        if name := _name(art.get("publisher")):
            names.append(("publisher", name))
    for obj in objects:
        if set(_types(obj)) & _ORG_TYPES and (name := _name(obj)):
            names.append(("organization", name))
    for key in ("og:site_name", "application-name", "publisher", "al:ios:app_name", "copyright"):
        names.extend((key, value) for value in metas.get(key, []))
    names.extend(("logo", name) for name in logos)
    for key in ("twitter:site", "twitter:creator"):
        names.extend((key, value.lstrip("@")) for value in metas.get(key, []) if value.startswith("@"))
    return names


def _timestamp(value: object) -> datetime | None:
    """A full ISO timestamp (date and time); a bare date is left to trafilatura."""
    if not isinstance(value, str) or not _HAS_TIME.search(value):
        return None
    return parse_iso_timestamp(value)


def _first_timestamp(candidates: list[Any]) -> datetime | None:
    """The first timestamp that can be a date (``in_range``), else the first one read (the reader
    warns that it ignores it), else ``None``."""
    first = None
    for value in candidates:
        found = _timestamp(value)
        if found is not None and in_range(found):
            return found
        first = first or found
    return first


def time_elements(tree: _Element) -> list[datetime]:
    """Every ``<time datetime>`` that holds a full timestamp that can be a date, in page order."""
    found = (_timestamp(t.get("datetime")) for t in tree.iterfind(".//time"))
    return [value for value in found if value is not None and in_range(value)]


def read_page_meta(tree: _Element, url: str | None) -> PageMeta:
    """Everything :class:`PageMeta` holds, from a page's parsed tree (which is not changed)."""
    host = host_of(url)
    items = _meta_items(tree)
    metas: dict[str, list[str]] = {}
    for key, value in items:
        metas.setdefault(key, []).append(value)
    objects = list(json_ld_objects(tree))
    ld_articles = [obj for obj in objects if is_article_type(obj)]
    top = [obj for obj in json_ld_objects(tree, nested=False) if is_article_type(obj)]
    title = tree.find(".//title")
    bylines, by_lines = _bylines(tree)
    published = _first_timestamp(
        [
            *[v for k, v in items if k in _PUBLISHED_META],
            *(obj.get("datePublished") for obj in ld_articles),
            *(
                t.get("datetime")
                for t in tree.iterfind(".//time")
                if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None
            ),
        ]
    )
    modified = _first_timestamp(
        [*[v for k, v in items if k in _MODIFIED_META], *(obj.get("dateModified") for obj in ld_articles)]
    )
    return PageMeta(
        host=host,
        title=_text(title) if title is not None else "",
        metas=metas,
        articles=top,
        ld_objects=objects,
        site_names=_site_names(metas, objects, top, _logo_names(tree, host)),
        headings=_headings(tree),
        bylines=bylines,
        by_lines=by_lines,
        published=published,
        modified=modified,
    )
