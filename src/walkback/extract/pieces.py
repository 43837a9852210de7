"""Texts longer than the parser takes at once, parsed in pieces and joined back into one doc.

spaCy refuses a text over ``nlp.max_length`` characters (1,000,000: error E088), and one such article
used to stop a whole batch. Such a text is cut into pieces of at most :data:`PIECE_CHARS` characters,
at a paragraph break where there is one, else after a sentence's full stop, else at a space (a
single line of a megabyte); the pieces are parsed in the same ``nlp.pipe`` call as the other texts,
and their docs are joined with ``Doc.from_docs`` into one doc whose text is the whole text, so
every character offset is that of the article and the rules read one doc as before. A parse is
sentence by sentence, so a cut at a paragraph break changes nothing; pronouns are resolved over the
joined doc, across the cuts. Texts within the limit are parsed whole, as always.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc

__all__ = ["PIECE_CHARS", "cut_points", "pipe_texts"]

#: the longest piece of a long text parsed at once (a worker's parse memory follows it)
PIECE_CHARS = 100_000

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _last_cut(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int | None:
    """The end of the last match of ``pattern`` in ``text[start:stop]`` past its middle, if any."""
    best = None
    for m in pattern.finditer(text, start + (stop - start) // 2, stop):
        best = m.end()
    return best if best is not None and best < stop else None


def cut_points(text: str, size: int = PIECE_CHARS) -> list[int]:
    """Offsets at which to cut ``text`` into pieces of at most ``size`` characters (none for a text
    within ``size``): each after a paragraph break, a full stop or a space in the second half of its
    piece when there is one there, else at ``size`` exactly."""
    cuts: list[int] = []
    start = 0
    while len(text) - start > size:
        stop = start + size
        cut = (
            _last_cut(_PARAGRAPH_BREAK, text, start, stop)
            or _last_cut(_SENTENCE_END, text, start, stop)
            or _last_cut(_SPACE, text, start, stop)
            or stop
        )
        cuts.append(cut)
        start = cut
    return cuts


def _pieces(text: str, size: int) -> list[str]:
    bounds = [0, *cut_points(text, size), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def pipe_texts(nlp, texts: Sequence[str], *, max_length: int | None = None) -> Iterator[Doc]:  # type: ignore[no-untyped-def]
    """One doc per text, in order, from one ``nlp.pipe`` call; a text over ``max_length`` (default
    ``nlp.max_length``) characters is parsed in pieces of at most ``min(max_length, PIECE_CHARS)``
    and its doc joined from theirs, with ``doc.text == text``."""
    limit = nlp.max_length if max_length is None else max_length
    size = min(limit, PIECE_CHARS)
    split = [_pieces(t, size) if len(t) > limit else [t] for t in texts]
    flat: Iterable[str] = (piece for pieces in split for piece in pieces)
    docs = nlp.pipe(flat, batch_size=max(1, len(texts)))
    for pieces in split:
        if len(pieces) == 1:
            yield next(docs)
            continue
        yield Doc.from_docs([next(docs) for _ in pieces], ensure_whitespace=False)
