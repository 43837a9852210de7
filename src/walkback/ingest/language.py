"""The language an article is written in: CLD2 (``pycld2``) over its headline and the start of its body.

CLD2 was chosen by measurement (``benchmarks/language_backends.md``): right on all 181 Zyte pages
(8 languages) and on hand-written Zulu and Xhosa news sentences, ~0.2 ms a page, 0.1 s and 11 MB to
start; its tables are compiled into the wheel, so nothing is downloaded at run time. The codes are
ISO 639-1 (``en``, ``zu``, ``xh``; Chinese as ``zh``), or ``None`` when the text is too short or
too mixed to tell.
"""

from __future__ import annotations

import re

import pycld2

__all__ = ["detect_language", "SAMPLE_CHARS"]

SAMPLE_CHARS = 2000  # the headline and the body's first characters: enough, and the cost stays flat
_MIN_LETTERS = 12  # fewer letters than this is no evidence of a language
_LETTER = re.compile(r"[^\W\d_]")
# CLD2 rejects control characters (and cannot encode lone surrogates): they carry no language
_UNSPEAKABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# CLD2's codes that are not today's ISO 639-1 ones
_CODES = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi", "mo": "ro"}


def detect_language(title: str, text: str) -> str | None:
    """The ISO 639-1 code of the language of ``title`` and ``text``, or ``None`` when unsure.

    Table rows (lines starting with ``|``, as trafilatura writes tables) are left out: names and
    figures say little about the language, and a long table of them can outweigh the prose."""
    prose = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("|"))
    sample = _UNSPEAKABLE.sub(" ", f"{title}\n{prose[:SAMPLE_CHARS]}")
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return None
    try:
        _reliable, _bytes, found = pycld2.detect(sample, isPlainText=True, bestEffort=True)
    except pycld2.error:  # invalid UTF-8 that the clean-up above missed: no answer
        return None
    code = found[0][1] if found else "un"
    if code in {"un", "xx"} or code.startswith("xx-"):
        return None
    base = code.split("-")[0]
    return _CODES.get(base, base)
