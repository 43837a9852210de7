"""Turning what a user types into safe query values: FTS5 match expressions and date ranges."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from typing import Any

from ..errors import DateError

__all__ = ["MAX_INT", "contains_sql", "date_bound", "fold", "fts_query", "period", "records", "search_terms"]

#: The largest integer the store can compare with (SQLite's INTEGER, PostgreSQL's bigint): ids,
#: versions, limits and offsets beyond it are refused where they are read (the CLI, the web layer).
MAX_INT = 2**63 - 1

_TERM = re.compile(r'"([^"]*)"(\*?)|(\S+)')
_LIKE_SPECIAL = re.compile(r"[%_\\]")  # LIKE's wildcards and the escape character
_LIKE_MAX = 1000  # SQLite refuses LIKE patterns past 50,000 bytes: longer needles go through instr
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def search_terms(text: str) -> list[tuple[str, bool]]:
    """The terms of a search as (words, prefix): each is a phrase every match must hold.

    Double quotes around several words make a phrase (``"climate change"``); a trailing ``*`` asks
    for a prefix (``immigra*``); any other syntax is text. Terms without a letter or digit are
    dropped: a tokenizer would find nothing in them.
    """
    terms: list[tuple[str, bool]] = []
    for match in _TERM.finditer(text):
        quoted, quoted_star, bare = match.groups()
        if bare is not None:
            words, prefix = bare.rstrip("*"), bare.endswith("*")
            words = words.replace('"', " ")
        else:
            words, prefix = quoted, bool(quoted_star)
        if any(ch.isalnum() for ch in words):
            terms.append((words, prefix))
    return terms


def fts_query(text: str) -> str | None:
    """An FTS5 expression that matches every term of ``text``; ``None`` when it holds no words.

    Each term (:func:`search_terms`) becomes a quoted phrase, so FTS5 syntax typed by a user (``"``,
    ``-``, ``AND``, ``NEAR``, ``(``, ``:``) is searched for as text and never raises.
    """
    phrases = [
        '"' + words.replace('"', '""') + '"' + ("*" if prefix else "") for words, prefix in search_terms(text)
    ]
    return " ".join(phrases) or None


def period(value: str) -> tuple[str, str]:
    """The first and last day (``YYYY-MM-DD``) of ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.

    Raises :class:`ValueError` for anything else, including dates that do not exist.
    """
    match = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year = int(match[1])
    if match[2] is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(match[2])
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 01..12, got {value!r}")
    last = calendar.monthrange(year, month)[1]
    if match[3] is None:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    day = int(match[3])
    if not 1 <= day <= last:
        raise ValueError(f"day must be 01..{last:02d} in {year:04d}-{month:02d}, got {value!r}")
    return (f"{year:04d}-{month:02d}-{day:02d}",) * 2  # type: ignore[return-value]


def date_bound(value: str | None, name: str) -> tuple[str, str] | None:
    """A ``since``/``until`` filter value as a period, or :class:`DateError` naming the option."""
    if value is None:
        return None
    try:
        return period(value)
    except ValueError as e:
        raise DateError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD ({e})") from None


def fold(value: str | None) -> str | None:
    """Case-folded text for case-insensitive matching beyond ASCII (SQL function ``wb_fold``)."""
    return value.casefold() if value is not None else None


def contains_sql(column: str, needle: str, dialect: str = "sqlite") -> tuple[str, str]:
    """A condition that holds when ``column`` contains ``needle`` (already folded), ignoring case, and
    the value of its one parameter.

    An ASCII needle is matched with the database's own functions: on SQLite, ``LIKE '%needle%'``
    (which ignores the case of ASCII letters only, so it keeps what ``instr(lower(column), needle)``
    keeps, without lowering every value first: several times cheaper); on PostgreSQL
    ``strpos(lower(column), needle)``. Other needles go through ``wb_fold`` (Python's casefold).
    Calling back into Python for every row is slow, and much slower when other threads want the
    interpreter too (a server under load), so the built-ins serve the common case. (The two differ
    only where folding changes a letter's count, as ``ß`` -> ``ss``.)
    """
    if not needle.isascii():
        return f"instr(wb_fold({column}), ?) > 0", needle
    if dialect == "sqlite" and len(needle) <= _LIKE_MAX:
        return f"{column} LIKE ? ESCAPE '\\'", "%" + _LIKE_SPECIAL.sub(r"\\\g<0>", needle) + "%"
    return f"instr(lower({column}), ?) > 0", needle


def records(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows (``sqlite3.Row`` or the PostgreSQL store's) as dicts, a name read as the row reads it
    (the first column of that name).

    A column read by name from a dict is several times cheaper than from a ``sqlite3.Row``, which
    compares the name with each column's in turn: a page of 100 statements takes 1.3 -> 1.0 ms to
    turn into objects.
    """
    if not rows:
        return []
    first: dict[str, int] = {}
    for i, name in enumerate(rows[0].keys()):
        first.setdefault(name, i)
    if len(first) == len(rows[0]):  # every name once: the columns in order
        names = list(first)
        return [dict(zip(names, r, strict=True)) for r in rows]
    return [{name: r[i] for name, i in first.items()} for r in rows]
