"""Text-only ("lite") news pages saved as text, such as lite.cnn.com.

The shape, line by line (blank lines anywhere in the header)::

    Source: https://lite.cnn.com/2024/02/05/politics/.../index.html
    US corrects earlier claim and confirms ...            <- headline
    By Haley Britzky, Natasha Bertrand and Jennifer Hansler, CNN   <- optional byline
    Updated: 5:01 PM EST, Mon February 5, 2024            <- optional; value may sit on the next line
    Published: ...                                        <- optional
    Source: CNN                                           <- optional outlet label
    body paragraphs ...
    See Full Web Article                                  <- site boilerplate from here on

The byline's last comma part is the outlet when it looks like one (``CNN``, ``Reuters``, the
``Source:`` label); the rest are author names, split on commas and "and".
"""

from __future__ import annotations

import re
from datetime import datetime

from ..errors import DateError
from ..model import Article
from .dates import ACCEPTED_FORMS, parse_date, usable_date
from .readers import Document, build_article, paragraphs_from_lines, register_reader

__all__ = ["read_lite_page", "parse_byline"]

_SOURCE_URL = re.compile(r"^\s*source\s*:\s*(https?://\S+)\s*$", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^source\s*:\s*(\S.*)$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^(updated|published)\s*:\s*(.*)$", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+(\S.*)$", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)

# the body ends at the first of these lines; the others are dropped wherever they stand alone
_STOP = re.compile(
    r"^(see full web article|go to the full .{1,40} experience"
    r"|©.*|\(c\)\s*\d{4}.*|copyright\s+(©\s*)?\d{4}.*)$",
    re.IGNORECASE,
)
_DROP = re.compile(
    r"^(terms of use|privacy policy|ad choices|cookie settings|\||accessibility & cc|about us|contact us)$",
    re.IGNORECASE,
)
_OUTLET_WORDS = frozenset(
    "news press times post journal network media agency wire reuters bloomberg associated tribune "
    "herald guardian telegraph radio tv magazine npr bbc cnn afp".split()
)


def _first_line(doc: Document) -> str:
    for line in doc.head().splitlines():
        if line.strip():
            return line
    return ""


def _sniff(doc: Document) -> bool:
    return bool(_SOURCE_URL.match(_first_line(doc)))


def _looks_like_outlet(part: str, label: str | None) -> bool:
    if label and part.casefold() == label.casefold():
        return True
    if _AND.search(part):
        return False
    words = part.split()
    return len(words) == 1 or part.isupper() or any(w.casefold() in _OUTLET_WORDS for w in words)


def parse_byline(line: str, *, label: str | None = None) -> tuple[list[str], str | None] | None:
    """``By A, B and C, CNN`` -> (["A", "B", "C"], "CNN"); ``None`` when the line is no byline."""
    match = _BYLINE.match(line.strip())
    if not match or len(line) > 300:
        return None
    parts = [p.strip() for p in match.group(1).split(",") if p.strip()]
    outlet = parts.pop() if len(parts) > 1 and _looks_like_outlet(parts[-1], label) else None
    names = [name.strip() for part in parts for name in _AND.split(part) if name.strip()]
    # "By the time the vote came..." is the body, not a byline: names are capitalised and short
    if not names or not all(n[0].isupper() and len(n.split()) <= 6 for n in names):
        return None
    return names, outlet


def _read_date(label: str, value: str, source: str) -> datetime | None:
    try:
        when = parse_date(value)
    except DateError:
        raise DateError(
            f"cannot read the {label}: date {value!r}; expected {ACCEPTED_FORMS}", source=source
        ) from None
    return usable_date(when, what=f"{label}: date", source=source)


@register_reader("lite-page", priority=20, sniff=_sniff)
def read_lite_page(doc: Document, *, published: datetime | None, outlet: str | None) -> Article:
    lines = doc.text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.strip())
    url_match = _SOURCE_URL.match(lines[i])
    assert url_match is not None  # sniffed
    url = url_match.group(1)

    header: dict[str, str] = {}
    title = ""
    i += 1
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        date_match = _DATE_LINE.match(line)
        if date_match:
            key, value = date_match.group(1).lower(), date_match.group(2).strip()
            if not value:  # "Updated:" with the value on the next non-blank line
                i += 1
                while i < len(lines) and not lines[i].strip():
                    i += 1
                value = lines[i].strip() if i < len(lines) else ""
            header[key] = value
        elif (label := _SOURCE_LABEL.match(line)) and "label" not in header:
            header["label"] = label.group(1).strip()
        elif title and not header and parse_byline(line) is not None:  # right under the headline
            header["byline"] = line
        elif not title and not header:
            title = line
        else:
            break  # the first body line
        i += 1

    body: list[str] = []
    for line in lines[i:]:
        stripped = line.strip()
        if _STOP.match(stripped):
            break
        if not _DROP.match(stripped):
            body.append(line)

    label = header.get("label")
    authors: list[str] = []
    byline_outlet = None
    if "byline" in header:
        authors, byline_outlet = parse_byline(header["byline"], label=label) or ([], None)
    if "published" in header:  # the page's own date wins over the caller's
        published = _read_date("Published", header["published"], doc.source) or published
    updated = _read_date("Updated", header["updated"], doc.source) if "updated" in header else None
    return build_article(
        title=title,
        paragraphs=paragraphs_from_lines(body),
        url=url,
        outlet=outlet or byline_outlet or label,
        authors=authors,
        published=published,
        updated=updated,
        doc=doc,
    )
