"""Helpers shared by the extraction tests: articles around short texts, span checks."""

from __future__ import annotations

from datetime import UTC, datetime

from walkback.extract import Extractor
from walkback.model import Article, Span, Statement

MONDAY = datetime(2024, 2, 5, 17, 1, tzinfo=UTC)  # the seed article's date


def make_article(text: str, date: datetime | None = MONDAY, *, id: str = "t1") -> Article:
    paras, pos = [], 0
    for part in text.split("\n"):
        if part.strip():
            paras.append((pos, pos + len(part)))
        pos += len(part) + 1
    return Article(
        id=id,
        url=None,
        outlet=None,
        title="",
        authors=(),
        published=date,
        updated=None,
        text=text,
        paragraphs=tuple(paras),
    )


def assert_spans_point_into(text: str, s: Statement) -> None:
    """Every span of a statement is the text at its offsets; content is never empty."""
    spans: dict[str, Span | None] = {
        "content": s.content,
        "cue": s.cue,
        "speaker.mention": s.speaker.mention,
        "speaker.resolved_from": s.speaker.resolved_from,
        "said_on.evidence": s.said_on.evidence,
        "medium_span": s.medium_span,
        "sentence": s.sentence,
        **{f"segments[{i}]": seg for i, seg in enumerate(s.segments)},
    }
    for name, span in spans.items():
        if span is not None:
            assert text[span.start : span.end] == span.text, f"{name} of {s.id} does not match the text"
    assert s.content.text.strip(), f"{s.id} has empty content"
    assert 0.0 <= s.confidence <= 1.0


def run(extractor: Extractor, text: str, date: datetime | None = MONDAY) -> list[Statement]:
    art = make_article(text, date)
    got = extractor.extract(art)
    for s in got:
        assert_spans_point_into(art.text, s)
    return got


def one(statements: list[Statement], phrase: str) -> Statement:
    """The one statement whose content holds ``phrase``."""
    hits = [s for s in statements if phrase in s.content.text]
    assert len(hits) == 1, (
        f"{len(hits)} statements contain {phrase!r}: {[s.content.text for s in statements]}"
    )
    return hits[0]
