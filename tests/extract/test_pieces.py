"""Long texts parsed in pieces: the same statements at the same offsets as a whole parse (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from walkback.extract import Extractor
from walkback.extract.core import build_statements
from walkback.extract.pieces import PIECE_CHARS, cut_points, pipe_texts
from walkback.extract.select import mask_unneeded
from walkback.ingest import read_article
from walkback.settings import Settings

SEED = Path(__file__).resolve().parents[2] / "examples" / "cnn-lite-2024-02-05-us-did-not-notify-iraq.txt"


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("one\n\ntwo\n\nthree\n\n" * 50, 40),
        ("A sentence ends here. Another one follows it. " * 40, 100),
        ("word " * 1000, 64),
        ("x" * 1000, 64),  # nowhere to cut but at the size
        ("short", 64),
    ],
)
def test_cut_points_make_pieces_within_the_size(text: str, size: int) -> None:
    cuts = cut_points(text, size)
    bounds = [0, *cuts, len(text)]
    assert all(0 < b - a <= size for a, b in zip(bounds, bounds[1:], strict=False))
    if "\n\n" in text:  # paragraph breaks are preferred: every piece ends after one
        assert all(text[c - 2 : c] == "\n\n" for c in cuts)
    elif ". " in text:
        assert all(text[c - 2 : c] == ". " for c in cuts)


def test_a_text_over_the_limit_gives_the_statements_of_a_whole_parse(extractor: Extractor) -> None:
    article = read_article(str(SEED), settings=Settings())
    text = mask_unneeded(article.text)
    whole = next(pipe_texts(extractor.nlp, [text]))
    for limit in (1500, 2000):
        cut = next(pipe_texts(extractor.nlp, [text], max_length=limit))
        assert cut.text == text and len(cut) >= len(whole) - 2  # joined: one doc over the whole text

        def spans(doc):  # type: ignore[no-untyped-def]
            return [
                (s.content.start, s.content.end, s.content.text, s.speaker.name, s.cue and s.cue.start)
                for s in build_statements(article, doc)
            ]

        assert spans(cut) == spans(whole), limit


def test_text_over_spacy_limit_is_parsed(extractor: Extractor) -> None:
    """One paragraph over spaCy's 1,000,000 characters (error E088 before), with a statement after it."""
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 18_000  # 1.03 MB, one line
    # the three paragraphs before a statement are parsed too (pronouns), so four keep the filler out
    text = (
        filler
        + "\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\n“We will keep every branch open,” Mayor Jane Roe said.\n"
    )
    assert len(text) > extractor.nlp.max_length > PIECE_CHARS
    text = mask_unneeded(text)  # as extraction parses it: the filler, without a cue, is blanked
    doc = next(pipe_texts(extractor.nlp, [text, "Short text."]))
    assert doc.text == text
    quote = doc.char_span(text.index("We will"), text.index("open,") + 4)
    assert quote is not None and quote.text == "We will keep every branch open"
