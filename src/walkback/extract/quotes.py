"""Quotation spans in article text.

Finds the spans between opening and closing quotation marks, curly (“…”) or straight ("…"), with the
newspaper convention for quotes that run over several paragraphs: a paragraph that opens a quote and
does not close it continues into the next paragraph when that one opens with a quotation mark.
Single quotes (‘…’) are nested quotes or apostrophes and are not treated as quotations.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes", "QuoteIndex"]

_OPEN = {"“", "„", "«"}
_CLOSE = {"”", "»"}
_STRAIGHT = '"'
_MAX_UNCLOSED = 1200  # an opening mark with no close within this many characters is a stray mark


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the end of the paragraph run when unclosed)
    closed: bool = True
    open_len: int = 1  # width of the marks: 2 for ''doubled apostrophes''
    close_len: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return (self.start + self.open_len, self.end - self.close_len if self.closed else self.end)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in text.split("\n"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            spans.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 1
    return spans


def _marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Quotation marks in text[start:end] as (offset, 'open'|'close'|'straight')."""
    out = []
    for i in range(start, end):
        c = text[i]
        if c in _OPEN:
            # an opening mark right after the words and before a space closes them: a typo ("“Apparently
            # not,“ he said") or the German „…“
            after = text[i + 1] if i + 1 < end else " "
            shut = (
                c == "“"
                and i > start
                and not text[i - 1].isspace()
                and (after.isspace() or after in ",.;:!?)")
            )
            out.append((i, "close" if shut else "open"))
        elif c in _CLOSE:
            out.append((i, "close"))
        elif c == _STRAIGHT:
            out.append((i, "straight"))
    return out


def _straight_role(text: str, i: int) -> str:
    """Guess whether a straight quote opens or closes from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/" or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "open" if not before.isalnum() else "close"


def find_quotes(text: str) -> list[Quote]:
    original = text
    # ''doubled apostrophes'' (a newswire habit) act as straight double quotes; same length kept
    text = text.replace("''", '" ')
    quotes = _find(text)
    if text is original or "''" not in original:
        return quotes
    out = []
    for q in quotes:
        open_len = 2 if original.startswith("''", q.start) else 1
        wide_close = q.closed and original.startswith("''", q.end - 1)
        out.append(
            Quote(q.start, q.end + (1 if wide_close else 0), q.closed, open_len, 2 if wide_close else 1)
        )
    return out


def _find(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    pending: int | None = None  # offset of an unclosed opening mark carried over paragraphs
    paras = _paragraph_spans(text)
    for p_index, (p_start, p_end) in enumerate(paras):
        opened: int | None = None
        for i, role in _marks(text, p_start, p_end):
            if role == "straight":
                role = (
                    "close"
                    if opened is not None and _straight_role(text, i) == "close"
                    else ("open" if opened is None else "close")
                )
            if role == "open":
                if opened is None:
                    if pending is not None:
                        # the carried quote reopens here: the convention for multi-paragraph quotes
                        opened = pending
                        pending = None
                    else:
                        opened = i
                # a second opener inside an open quote: keep the first
            else:  # close
                if opened is None and pending is not None:
                    opened, pending = pending, None
                if opened is not None:
                    quotes.append(Quote(opened, i + 1))
                    opened = None
                # a stray closing mark with nothing open is ignored
        if pending is not None:
            # a carried quote whose next paragraph did not reopen it: it ended with its paragraph
            prev_end = paras[p_index - 1][1] if p_index else p_start
            quotes.append(Quote(pending, prev_end, closed=False))
            pending = None
        if opened is not None:
            next_start = paras[p_index + 1][0] if p_index + 1 < len(paras) else None
            if (
                next_start is not None
                and text[next_start] in _OPEN | {_STRAIGHT}
                and p_end - opened < _MAX_UNCLOSED * 4
            ):
                pending = opened
            elif p_end - opened <= _MAX_UNCLOSED:
                quotes.append(Quote(opened, p_end, closed=False))
    if pending is not None:
        quotes.append(Quote(pending, paras[-1][1], closed=False))
    quotes.sort(key=lambda q: q.start)
    return quotes


class QuoteIndex:
    """Answers 'is this offset inside a quotation?' in O(log n)."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = list(quotes)
        self._starts = [q.start for q in self.quotes]

    def containing(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def inside(self, offset: int) -> bool:
        return self.containing(offset) is not None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            q = self.quotes[i]
            if q.end > start:
                out.append(q)
            i += 1
        return out
