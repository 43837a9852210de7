"""What must change in an article body for the edit to count: the normalised comparison key.

Outlets re-publish pages with edits nobody would call a change: the same words with other white
space, another encoding of the same characters, or a new "Updated:" line. Two bodies are the same
version when they differ only in

- white space: runs of spaces, line breaks, no-break and other Unicode spaces, paragraph breaks;
- encoding: HTML entities (``&amp;``, ``&#8217;``), Unicode compatibility forms (NFKC: ligatures,
  full-width letters, ``…``), curly and straight quotation marks and apostrophes, dashes, soft
  hyphens and zero-width characters;
- date lines: paragraphs that only say when the article was published, updated or posted
  (``Updated: 5:01 PM EST, Mon February 5, 2024``, a timestamp paragraph at the top or the bottom).

Case and punctuation otherwise count: ``did inform`` → ``did not inform`` is an edit, and so is a
corrected comma. :func:`body_key` is the key; ``Article.norm_hash`` is its hash.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["normalise_text", "is_date_line", "body_paragraphs", "body_key"]

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)
_SPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_DAYS = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
_ZONES = "utc gmt est edt cst cdt mst mdt pst pdt bst cet cest et ct mt pt z"
_DATE_WORDS = frozenset(
    [
        *_MONTHS,
        *_DAYS.split(),
        *_ZONES.split(),
        *"updated update published posted modified last originally first on at am pm a.m p.m by".split(),
    ]
)
_DATE_TOKEN = re.compile(r"[a-z.]+|\d+(?:st|nd|rd|th)\b|\d[\d:/.\-+tz]*|[|,·•:()\-–—/]+", re.IGNORECASE)
_MAX_DATE_LINE = 80  # characters


def normalise_text(text: str) -> str:
    """Text with encoding and white-space differences folded away (case and words kept)."""
    text = unicodedata.normalize("NFKC", html.unescape(text)).translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip()


def is_date_line(paragraph: str) -> bool:
    """Whether a paragraph only dates the article (``Updated 9:30 a.m. ET, Feb. 5, 2024``)."""
    text = normalise_text(paragraph)
    if not text or len(text) > _MAX_DATE_LINE or not any(ch.isdigit() for ch in text):
        return False
    pos = 0
    for match in _DATE_TOKEN.finditer(text):
        if text[pos : match.start()].strip():
            return False  # something the pattern does not know
        token = match.group().lower()
        if token[0].isalpha() and token.strip(".") not in _DATE_WORDS:
            return False
        pos = match.end()
    return not text[pos:].strip()


def body_paragraphs(text: str) -> list[str]:
    """The normalised paragraphs of a body that count, date lines left out."""
    paragraphs = (normalise_text(p) for p in _PARAGRAPH_BREAK.split(text))
    return [p for p in paragraphs if p and not is_date_line(p)]


def body_key(text: str) -> str:
    """The comparison key of a body: its normalised paragraphs, joined by one space (so that a
    paragraph split differently is the same body, as it was before normalisation)."""
    return " ".join(body_paragraphs(text))
