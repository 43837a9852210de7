"""The gender a first name usually has, from a name lexicon, for when the article itself does not say.

The article is read first (:mod:`walkback.extract.entities`: honorifics, gendered role nouns, pronouns
bound to the name); this lexicon is the fallback. It is ``gender-guesser`` (Jörg Michael's ``gender.c``
dictionary of about 45,000 first names from many countries), chosen by measurement in
``benchmarks/name_gender.md``. It is an optional extra (``pip install 'walkback[names]'``): without it,
names the article says nothing about have no gender, and pronouns are resolved on salience alone.
The dictionary is read on the first question (about 1.5 s), not at import.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

__all__ = ["first_name_gender", "lexicon_available"]

log = logging.getLogger(__name__)

_MALE = {"male", "mostly_male"}
_FEMALE = {"female", "mostly_female"}


@lru_cache(maxsize=1)
def _detector() -> Any:
    try:
        import gender_guesser.detector as gd  # type: ignore[import-untyped]
    except ImportError:
        log.debug("gender-guesser is not installed: first names have no gender")
        return None
    return gd.Detector(case_sensitive=False)


def lexicon_available() -> bool:
    return _detector() is not None


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """``m`` or ``f`` for a first name the lexicon knows with a clear majority, else ``None``."""
    word = name.strip(" .,'’").split("-")[0]
    if len(word) < 2 or not word[0].isalpha():
        return None
    det = _detector()
    if det is None:
        return None
    got = det.get_gender(word)
    return "m" if got in _MALE else "f" if got in _FEMALE else None
