"""An article's text as HTML with each statement's content, cue and speaker mention marked.

Spans may nest or overlap (a cue between two quoted segments, a speaker named inside a mixed
quote), so the text is cut at every span boundary and each piece gets the union of the marks that
cover it. Every piece of article text is HTML-escaped here; the result is safe to inline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

__all__ = ["highlight_paragraphs", "highlight_terms", "Mark"]

_ORDER = ("content", "cue", "speaker")


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    role: str  # "content", "cue" or "speaker"
    statement: int  # the statement's number on the page (1-based)


def marks_of(statements: Iterable[Any]) -> list[Mark]:
    """The marks of statements (``Statement`` objects), numbered in the order given."""
    out: list[Mark] = []
    for i, st in enumerate(statements, 1):
        for seg in st.segments or (st.content,):
            out.append(Mark(seg.start, seg.end, "content", i))
        if st.cue is not None:
            out.append(Mark(st.cue.start, st.cue.end, "cue", i))
        if st.speaker.mention is not None:
            out.append(Mark(st.speaker.mention.start, st.speaker.mention.end, "speaker", i))
    return out


def _piece(text: str, covering: Sequence[Mark]) -> str:
    body = escape(text, quote=False)
    if not covering:
        return body
    roles = [r for r in _ORDER if any(m.role == r for m in covering)]
    nums = sorted({m.statement for m in covering})
    cls = " ".join(f"hl-{r}" for r in roles)
    data = " ".join(f"st{n}" for n in nums)
    title = f"statement {', '.join(map(str, nums))}: {', '.join(roles)}"
    return f'<mark class="{cls}" data-statements="{data}" title="{escape(title)}">{body}</mark>'


def highlight_paragraphs(
    text: str, paragraphs: Sequence[tuple[int, int]], statements: Sequence[Any]
) -> list[str]:
    """Each paragraph of ``text`` as escaped HTML with the statements' spans marked."""
    marks = marks_of(statements)
    spans = list(paragraphs) or [(0, len(text))]
    out: list[str] = []
    for p_start, p_end in spans:
        inside = [m for m in marks if m.start < p_end and m.end > p_start]
        cuts = sorted(
            {p_start, p_end, *(max(p_start, min(p_end, x)) for m in inside for x in (m.start, m.end))}
        )
        html = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            if a < b:
                html.append(_piece(text[a:b], [m for m in inside if m.start <= a and m.end >= b]))
        out.append("".join(html))
    return out


_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s")


def _stem(word: str) -> str:
    """A crude English stem, enough to find what a stemmed search matched (``holds`` -> ``hold``)."""
    w = word.casefold()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def _term_pattern(words: str, prefix: bool) -> str | None:
    parts = re.findall(r"\w+", words)
    if not parts:
        return None
    # each word by its stem, any ending: a search for "holds" finds "holding", as full-text search does
    pieces = [re.escape(_stem(p) if not (prefix and i == len(parts) - 1) else p.casefold()) + r"\w*"
              for i, p in enumerate(parts)]  # fmt: skip
    return r"(?<!\w)" + r"\W+".join(pieces)


def highlight_terms(text: str, query: str) -> str:
    """``text`` as HTML (escaped) with the words a search for ``query`` matched in ``<mark class="hit">``."""
    from ..store.query import search_terms

    patterns = [p for words, prefix in search_terms(query) if (p := _term_pattern(words, prefix))]
    if not patterns:
        return escape(text, quote=False)
    found = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    out, pos = [], 0
    for m in found.finditer(text):
        if m.end() == m.start():
            continue
        out.append(escape(text[pos : m.start()], quote=False))
        out.append(f'<mark class="hit">{escape(m.group(), quote=False)}</mark>')
        pos = m.end()
    out.append(escape(text[pos:], quote=False))
    return "".join(out)
