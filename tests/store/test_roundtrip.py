"""Everything saved comes back exactly: articles, versions, statements and every field in them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from walkback.model import SaidOn, Span, Speaker, Statement
from walkback.store import SCHEMA_VERSION, ArticleRow, SaveResult, StatementRow, Store


def test_article_round_trips_every_field(store: Store, make) -> None:
    article = make.article(
        "a-full",
        title="Ceasefire “holding”, officials say",
        authors=("Jane Reporter", "Ole Ørsted"),
        published=datetime(2024, 1, 15, 9, 30, 5, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        updated=datetime(2024, 1, 16, 1, 0, tzinfo=UTC),
        source="/data/a-full.html",
        fetched_at=datetime(2024, 1, 16, 2, 0, 0, 1, tzinfo=UTC),
        language="en",
    )
    store.save(article, [])
    back = store.article("a-full")
    assert back == article
    assert back is not None and back.published is not None
    assert back.published.utcoffset() == timedelta(
        hours=5, minutes=30
    )  # the offset is kept, not just the instant
    assert back.content_hash == article.content_hash


def test_article_with_nothing_optional_round_trips(store: Store, make) -> None:
    article = replace(
        make.article("a-bare", outlet=None, authors=(), published=None, body="Short."),
        url=None,
        paragraphs=(),
    )
    store.save(article, [])
    assert store.article("a-bare") == article


def test_statement_round_trips_every_field(store: Store, make) -> None:
    article = make.article("a2")
    text = article.text
    full = Statement(
        id="s-full",
        article_id="a2",
        kind="mixed",
        content=make.span(text, "the ceasefire is holding."),
        cue=make.span(text, "said"),
        speaker=Speaker(
            name="John Kirby",
            mention=make.span(text, "John Kirby"),
            role="spokesman",
            affiliation="National Security Council",
            anonymous=False,
            kind="person",
            resolved_from=make.span(text, "Kirby"),
        ),
        said_on=SaidOn(
            value="2024-01-12", precision="day", source="text", evidence=make.span(text, "on Friday")
        ),
        medium="told reporters",
        medium_span=make.span(text, "told reporters"),
        confidence=0.123456789012345,
        sentence=make.span(text, 'John Kirby said on Friday that "the ceasefire is holding."'),
    )
    bare = Statement(
        id="s-bare",
        article_id="a2",
        kind="indirect",
        content=Span(start=0, end=0, text=""),
        cue=None,
        speaker=Speaker(name=None),
        said_on=SaidOn(value=None, precision=None, source="none"),
    )
    anonymous = make.statement(
        article,
        "the U.S. pre-notification rule stands",
        speaker="a senior defense official",
        anonymous=True,
        said_on="2024",
    )
    result = store.save(article, [full, bare, anonymous])
    assert result == SaveResult(status="new", article_id="a2", version=1, statements_added=3)

    rows = store.statements(article_id="a2")
    by_id = {r.statement.id: r for r in rows}
    assert set(by_id) == {"s-full", "s-bare", anonymous.id}
    assert by_id["s-full"].statement == full
    assert by_id["s-bare"].statement == bare
    assert by_id[anonymous.id].statement == anonymous
    assert by_id["s-full"] == StatementRow(
        statement=full,
        article_id="a2",
        version=1,
        url=article.url,
        outlet=article.outlet,
        title=article.title,
        published=article.published,
    )


def test_article_rows(store: Store, make) -> None:
    article = make.article("a3", source="feed.xml", language="zu")
    store.save(article, make.statements(article))
    [row] = store.articles()
    assert isinstance(row, ArticleRow)
    assert (row.id, row.version, row.url, row.outlet, row.title, row.authors) == (
        "a3", 1, article.url, article.outlet, article.title, article.authors
    )  # fmt: skip
    assert (row.published, row.updated, row.source, row.statement_count) == (
        article.published,
        None,
        "feed.xml",
        3,
    )
    assert row.content_hash == article.content_hash
    assert row.language == "zu"
    assert row.ingested_at.tzinfo is not None
    assert abs(datetime.now(UTC) - row.ingested_at) < timedelta(minutes=5)
    assert store.versions("a3") == [row]


def test_unknown_article(store: Store) -> None:
    assert store.article("nope") is None
    assert store.article("nope", version=1) is None
    assert store.versions("nope") == []


def test_stats(store: Store, make) -> None:
    assert store.stats()["articles"] == 0
    a = make.article("a1")
    b = make.article("b1", outlet="Other Post")
    store.save(a, make.statements(a))
    store.save(b, make.statements(b))
    b2 = make.article("b1", outlet="Other Post", body=b.text + "\n\nUpdate: more.")
    store.save(b2, make.statements(b2)[:1])
    assert store.stats() == {
        "articles": 2,
        "versions": 3,
        "statements": 4,
        "statements_all_versions": 7,
        "speakers": 3,
        "outlets": 2,
        "schema_version": SCHEMA_VERSION,
    }
