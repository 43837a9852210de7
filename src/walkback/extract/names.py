"""The gender a first name usually has, from a name lexicon, for when the article itself does not say.

The article is read first (:mod:`walkback.extract.entities`: honorifics, gendered role nouns, pronouns
bound to the name); this lexicon is the fallback. It is the dictionary of ``gender-guesser`` (Jörg
Michael's ``gender.c`` list of about 45,000 first names from many countries), chosen by measurement in
``benchmarks/name_gender.md``. It is an optional extra (``pip install 'walkback[names]'``): without it,
names the article says nothing about have no gender, and pronouns are resolved on salience alone.

The package's data file is read on the first question, line by line, into a name -> ``m``/``f`` table
(3 MB kept), with the answer ``gender_guesser.detector.Detector(case_sensitive=False).get_gender`` gives:
its own detector keeps every country's column of every name (22 MB), once in each worker.
``tests/extract/test_names.py`` checks the two agree on every name of the file.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources

__all__ = ["first_name_gender", "lexicon"]

log = logging.getLogger(__name__)

# gender.c's codes, as gender-guesser reads them: M male, 1M ?M mostly male, F female, 1F ?F mostly
# female, ? either; the first two count as "m", the next two as "f"
_CODES = {"M": "male", "1M": "mostly_male", "?M": "mostly_male", "F": "female", "1F": "mostly_female",
          "?F": "mostly_female", "?": "andy"}  # fmt: skip
_SEX = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


def _weight(values: str) -> tuple[int, int]:
    """gender-guesser's count of a line's country columns (how many countries, then their sum)."""
    cols = [ord(c) for c in values.replace(" ", "")]
    return len(cols), sum(c - 55 if c > 64 else c - 48 for c in cols)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Lower-cased first name -> ``m`` or ``f``, for the names the dictionary gives a gender to;
    empty when ``gender-guesser`` is not installed."""
    try:
        data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        fh = data.open(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        log.debug("gender-guesser is not installed: first names have no gender")
        return {}
    weights: dict[str, dict[str, tuple[int, int]]] = {}  # name -> its genders' weights (the last line's)
    with fh:
        for raw in fh:
            if raw[0] in "#=":
                continue
            line = raw.strip()
            code, name = line.split(None, 2)[:2]
            w = _weight(line[30:-1])
            name = name.lower()
            for form in (name.replace("+", r) for r in ("", " ", "-")) if "+" in name else (name,):
                weights.setdefault(form, {})[_CODES[code]] = w
    out: dict[str, str] = {}
    for name, by_gender in weights.items():
        best, top = next(iter(by_gender)), (0, 0)
        for gender, w in by_gender.items():
            if w[0] > top[0] or (w[0] == top[0] and w[1] > top[1]):
                top, best = w, gender
        if top[0] > 0 and best in _SEX:
            out[name] = _SEX[best]
    return out


@lru_cache(maxsize=4096)
def first_name_gender(name: str) -> str | None:
    """``m`` or ``f`` for a first name the lexicon knows with a clear majority, else ``None``."""
    word = name.strip(" .,'’").split("-")[0]
    if len(word) < 2 or not word[0].isalpha():
        return None
    return lexicon().get(word.lower())
