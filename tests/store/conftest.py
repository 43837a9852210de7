"""A small factory of hand-built articles and statements, and store fixtures on both backends: a real
SQLite file and a database on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from walkback.model import Article, SaidOn, Span, Speaker, Statement, stable_id
from walkback.store import Store

EST = timezone(timedelta(hours=-5), "EST")


def make_article(
    article_id: str = "a1",
    *,
    body: str | None = None,
    outlet: str | None = "Example Times",
    title: str = "Officials weigh in",
    published: datetime | None = datetime(2024, 1, 15, 9, 30, tzinfo=EST),
    updated: datetime | None = None,
    url: str | None = None,
    authors: tuple[str, ...] = ("Jane Reporter", "Ole Ørsted"),
    source: str | None = None,
    fetched_at: datetime | None = None,
    language: str | None = None,
) -> Article:
    text = (
        body
        if body is not None
        else (
            'John Kirby said on Friday that "the ceasefire is holding." '
            "A senior defense official, who asked not to be named, "
            "said the U.S. pre-notification rule stands.\n\n"
            'José Martínez told reporters: "We are not there yet."'
        )
    )
    paragraphs = tuple((start, start + len(p)) for start, p in _paragraphs(text))
    return Article(
        id=article_id,
        url=url if url is not None else f"https://news.example/{article_id}",
        outlet=outlet,
        title=title,
        authors=authors,
        published=published,
        updated=updated,
        text=text,
        paragraphs=paragraphs,
        source=source,
        fetched_at=fetched_at,
        language=language,
    )


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in text.split("\n\n"):
        out.append((pos, part))
        pos += len(part) + 2
    return out


def span_of(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


def make_statement(
    article: Article,
    content: str,
    *,
    speaker: str | None = "John Kirby",
    mention: str | None = None,
    said_on: str | None = "2024-01-12",
    precision: str | None = None,
    kind: str = "direct",
    confidence: float = 0.8,
    statement_id: str | None = None,
    cue: str | None = None,
    **speaker_fields: object,
) -> Statement:
    text = article.text
    content_span = span_of(text, content)
    if precision is None and said_on is not None:
        precision = {10: "day", 7: "month", 4: "year"}[len(said_on)]
    return Statement(
        id=statement_id or stable_id(article.id, str(content_span.start), content, prefix="s"),
        article_id=article.id,
        kind=kind,  # type: ignore[arg-type]
        content=content_span,
        cue=span_of(text, cue) if cue else None,
        speaker=Speaker(
            name=speaker,
            mention=span_of(text, mention) if mention else None,
            **speaker_fields,  # type: ignore[arg-type]
        ),
        said_on=SaidOn(
            value=said_on,
            precision=precision,  # type: ignore[arg-type]
            source="text" if said_on else "none",
        ),
        confidence=confidence,
    )


def default_statements(article: Article) -> list[Statement]:
    """Three statements over the default body: dated by day, by month, and undated."""
    return [
        make_statement(
            article, "the ceasefire is holding.", mention="John Kirby", cue="said", said_on="2024-01-12"
        ),
        make_statement(
            article,
            "the U.S. pre-notification rule stands",
            speaker="a senior defense official",
            mention="A senior defense official",
            anonymous=True,
            kind="indirect",
            said_on="2024-01",
        ),
        make_statement(
            article, "We are not there yet.", speaker="José Martínez", mention="José Martínez", said_on=None
        ),
    ]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "walkback.db"


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where a test's database lives: a SQLite file, then a fresh database on a PostgreSQL server."""
    if request.param == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("pg_database"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        yield s


@pytest.fixture
def make() -> SimpleNamespace:
    """The factory: ``make.article()``, ``make.statement(article, content)``, ``make.statements(article)``."""
    return SimpleNamespace(
        article=make_article,
        statement=make_statement,
        statements=default_statements,
        span=span_of,
        EST=EST,
        UTC=UTC,
    )
