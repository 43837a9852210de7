"""Quotation marks as a reader expects them: one pair around a quote, never two.

Statements often carry their own quotation marks (``the US “did inform the Iraqi government…``),
and evidence quotes a sentence that itself opens with one (``““It was not as specific…``).
:func:`quoted` puts one pair of curly double quotes around words, turning the double quotes inside
into single ones (and closing one left open); :func:`tidy_quotes` folds a doubled mark into one.
"""

from __future__ import annotations

import re

__all__ = ["quoted", "tidy_quotes"]

_OPEN, _CLOSE = "“„‟«", "”»"
_DOUBLED_OPEN = re.compile(r"[“\"]{2,}|“\"|\"“")
_DOUBLED_CLOSE = re.compile(r"[”\"]{2,}|”\"|\"”")


def tidy_quotes(text: str) -> str:
    """``text`` with runs of double quotation marks (``““``, ``“"``, ``”"``) folded into one mark."""
    text = _DOUBLED_OPEN.sub("“", text)
    return _DOUBLED_CLOSE.sub("”", text)


def quoted(text: str | None) -> str:
    """``text`` between one pair of curly double quotes; double quotes inside become single ones."""
    t = " ".join((text or "").split())
    inner = t
    if len(t) >= 2 and t[0] in _OPEN + '"' and t[-1] in _CLOSE + '"':
        marks = [ch for ch in t[1:-1] if ch in _OPEN + _CLOSE]
        if not marks or marks[0] in _OPEN:  # not “A,” he said. “B”: two quotes, not one wrapped
            inner = t[1:-1]
    out: list[str] = []
    opened = 0
    for ch in inner:
        if ch in _OPEN or (ch == '"' and opened == 0):
            out.append("‘")
            opened += 1
        elif ch in _CLOSE or ch == '"':
            if opened:
                opened -= 1
            out.append("’")
        else:
            out.append(ch)
    body = "".join(out).strip()
    if opened > 0:  # a quote left open inside (a partial quote cut at its end): close it
        body = body.rstrip() + "’" * opened
    return f"“{body}”"
