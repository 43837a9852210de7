"""A speaker's role, cleaned: a position or title, not an age, an honorific or a fragment.

The mention readers (:mod:`walkback.extract.speakers`) take a role from the words around a name: the
premodifier (``State Department deputy spokesperson Vedant Patel``) and the appositive (``Rachel Reeves,
the chancellor,``). Those words also hold things that are no role: an age (``John Smith, 33,``), an
honorific (``Sir Keir Starmer``), a determiner, or a preposition left dangling where a place the tagger
took for the name was cut off (``the national government delegate in``). :func:`clean_role` keeps the
position and drops the rest.
"""

from __future__ import annotations

import re

__all__ = ["HONORIFICS", "clean_role"]

#: Forms of address, not positions (a knight is "Sir", a doctor's degree is not a job).
HONORIFICS = frozenset(
    "sir dame lady lord mr mrs ms miss mx madam dr hon honourable honorable excellency his her".split()
)
_AGE = re.compile(r"^(?:aged\s+)?\d{1,3}(?:-year-old)?$|^\d{1,3}-year-old$", re.IGNORECASE)
_DETERMINERS = frozenset({"the", "a", "an"})
_DANGLING = frozenset({"in", "of", "for", "at", "to", "with", "from", "on", "and", "by"})


def clean_role(role: str | None) -> str | None:
    """``'Sir'`` -> None, ``'33'`` -> None, ``'Sir the prime minister'`` -> ``'prime minister'``,
    ``'58, a retired teacher'`` -> ``'retired teacher'``, ``'national government delegate in'`` ->
    ``'national government delegate'``; a real position is returned as it was written."""
    if not role:
        return None
    parts = [p.strip() for p in re.split(r"\s*,\s*", role) if p.strip()]
    kept = []
    for part in parts:
        if _AGE.match(part):
            continue  # "33", "aged 58": an age
        words = part.split()
        while words and (words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() in _DETERMINERS):
            words = words[1:]
        while words and (words[-1].lower() in _DANGLING or _AGE.match(words[-1])):
            words = words[:-1]  # "national government delegate in", "Elementary school teacher 56"
        if words and not (len(words) == 1 and _AGE.match(words[0])):
            kept.append(" ".join(words))
    return ", ".join(kept) or None
