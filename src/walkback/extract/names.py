"""The gender a first name usually has, from a name lexicon, for when the article itself does not say.

The article is read first (:mod:`walkback.extract.entities`: honorifics, gendered role nouns, pronouns
bound to the name); this lexicon is the fallback. It is the dictionary of ``gender-guesser`` (Jörg
Michael's ``gender.c`` list of about 45,000 first names from many countries), chosen by measurement in
``benchmarks/name_gender.md``. It is an optional extra (``pip install 'walkback[names]'``): without it,
names the article says nothing about have no gender, and pronouns are resolved on salience alone.

The package's data file is read on the first question (about 0.5 s), run of lines by run of lines,
into a name -> ``m``/``f`` table (about 6 MB in the process), with the answer
``gender_guesser.detector.Detector(case_sensitive=False).get_gender`` gives: its own detector keeps
every country's column of every name (22 MB), and so would a table of every line, freed or not.
``tests/extract/test_names.py`` checks the two agree on every name of the file.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["first_name_gender", "first_name_sure", "lexicon"]

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
    """Lower-cased first name -> ``m`` or ``f``, for the names the dictionary gives a gender to
    (``M`` or ``F`` when it gives no other, see :func:`first_name_sure`); empty when
    ``gender-guesser`` is not installed."""
    try:
        data = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        data.open(encoding="utf-8").close()
    except (ModuleNotFoundError, FileNotFoundError):
        log.debug("gender-guesser is not installed: first names have no gender")
        return {}
    # The file lists most names' lines together: a name is decided when the next begins, so that no
    # table of every line is built (freed, it would stay in the process as fragmented memory). A first
    # reading finds the few names whose lines are apart; their weights are kept until the end.
    apart = {
        form for form, n in Counter(f for _, forms in _groups(data) for f in set(forms)).items() if n > 1
    }
    out: dict[str, str] = {}
    kept: dict[str, dict[str, tuple[int, int]]] = {}
    for lines, forms in _groups(data):
        for form in forms:
            by_gender = kept.setdefault(form, {}) if form in apart else {}
            for code, w in lines:
                by_gender[code] = w
            _decide(form, by_gender, out)
    return out


def _groups(data: Traversable) -> Iterator[tuple[list[tuple[str, tuple[int, int]]], list[str]]]:
    """The file's runs of lines of one name: (gender code, weight) of each line, and the name's forms
    (lower case; ``+`` read as nothing, a space or a hyphen, as gender-guesser reads it)."""
    lines: list[tuple[str, tuple[int, int]]] = []
    current = ""
    with data.open(encoding="utf-8") as fh:
        for raw in fh:
            if raw[0] in "#=":
                continue
            line = raw.strip()
            code, name = line.split(None, 2)[:2]
            name = name.lower()
            if name != current and lines:
                yield lines, _forms(current)
                lines = []
            current = name
            lines.append((_CODES[code], _weight(line[30:-1])))
    if lines:
        yield lines, _forms(current)


def _forms(name: str) -> list[str]:
    return [name.replace("+", r) for r in ("", " ", "-")] if "+" in name else [name]


def _decide(name: str, by_gender: dict[str, tuple[int, int]], out: dict[str, str]) -> None:
    """gender-guesser's choice: the gender of the line counted in most countries (then the higher
    sum); none when no country counts. Upper case (``M``, ``F``) when every line of the name that
    counts anywhere says ``male`` (or every one ``female``): no country gives it to the other sex, to
    either, or "mostly" to its own."""
    best, top = next(iter(by_gender)), (0, 0)
    for gender, w in by_gender.items():
        if w[0] > top[0] or (w[0] == top[0] and w[1] > top[1]):
            top, best = w, gender
    if top[0] > 0 and best in _SEX:
        sex = _SEX[best]
        sure = best in {"male", "female"} and all(g == best for g, w in by_gender.items() if w[0] > 0)
        out[name] = sex.upper() if sure else sex
    else:
        out.pop(name, None)


@lru_cache(maxsize=4096)
def _entry(name: str) -> str | None:
    word = name.strip(" .,'’").split("-")[0]
    if len(word) < 2 or not word[0].isalpha():
        return None
    return lexicon().get(word.lower())


def first_name_gender(name: str) -> str | None:
    """``m`` or ``f`` for a first name the lexicon knows with a clear majority, else ``None``."""
    got = _entry(name)
    return got.lower() if got else None


def first_name_sure(name: str) -> bool:
    """Whether the lexicon knows the first name as one sex's only (``Alan``, ``Lolita``; not ``Jan``,
    ``Kim`` or ``Jordan``, which some countries give to the other)."""
    got = _entry(name)
    return got is not None and got.isupper()
