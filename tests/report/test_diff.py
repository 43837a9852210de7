"""The diff of two versions: paragraphs and statements matched across versions, quotes flagged."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from walkback.errors import NotFoundError
from walkback.ingest.ids import article_id
from walkback.model import Article, SaidOn, Span, Speaker, Statement
from walkback.report.diff import diff_paragraphs, diff_statements, diff_stored, find_article, word_diff
from walkback.store import Store

URL = "https://news.example/2024/02/05/iraq-strikes"
AID = article_id(URL, None, "", None)
P1 = "US officials said Monday that Iraq was not notified ahead of the strikes."
P2 = "“We did inform the Iraqi government,” Kirby said on Friday."
P3 = "“There was not a pre-notification,” State Department spokesperson Vedant Patel said."
P4 = "Iraq’s foreign ministry summoned the US chargé d’affaires in Baghdad."


def article(*paragraphs: str, title: str = "US did not notify Iraq") -> Article:
    offsets, pos = [], 0
    for p in paragraphs:
        offsets.append((pos, pos + len(p)))
        pos += len(p) + 2
    return Article(
        id=AID,
        url=URL,
        outlet="Example",
        title=title,
        authors=(),
        published=datetime(2024, 2, 5, tzinfo=UTC),
        updated=None,
        text="\n\n".join(paragraphs),
        paragraphs=tuple(offsets),
    )


def quote(art: Article, words: str, speaker: str | None, *, kind: str = "direct", n: int = 0) -> Statement:
    start = art.text.index(words)
    span = Span.of(art.text, start, start + len(words))
    return Statement(
        id=f"s{n}",
        article_id=art.id,
        kind=kind,  # type: ignore[arg-type]
        content=span,
        cue=None,
        speaker=Speaker(name=speaker),
        said_on=SaidOn(value=None, precision=None, source="none"),
        segments=(span,) if kind == "direct" else (),
    )


def numbered(*paragraphs: str) -> list[tuple[int, str]]:
    return list(enumerate(paragraphs, start=1))


def test_word_diff() -> None:
    ops = word_diff('We did inform the "Iraqi" government', "We did not inform the “Iraqi” government")
    assert [(o.op, o.old, o.new) for o in ops] == [
        ("equal", "We did", "We did"),
        ("insert", "", "not"),
        ("equal", 'inform the "Iraqi" government', "inform the “Iraqi” government"),  # quotes: encoding
    ]


def test_paragraphs_added_removed_and_altered() -> None:
    changes = diff_paragraphs(
        numbered(P1, P2, P3, P4),
        numbered(P1, P2.replace("did inform", "informed"), P4, "The Pentagon declined to comment."),
    )
    assert [(c.change, c.old_index, c.new_index) for c in changes] == [
        ("altered", 2, 2),
        ("removed", 3, None),
        ("added", None, 4),
    ]
    assert ("replace", "did inform", "informed") in {(w.op, w.old, w.new) for w in changes[0].words}


def test_encoding_and_white_space_are_no_paragraph_change() -> None:
    old = numbered(P1, P2, P4)
    new = numbered(
        P1.replace(" ", "\u00a0", 2), P2.replace("“", "&quot;").replace("”", '"'), P4.replace("’", "'")
    )
    assert diff_paragraphs(old, new) == []


def test_statements_removed_altered_and_reattributed() -> None:
    v1 = article(P1, P2, P3, P4)
    v2 = article(
        P1,
        "“We informed the Iraqi government after the strikes,” Kirby said on Friday.",
        "“There was not a pre-notification,” a State Department official said.",
        P4,
    )
    old = [
        quote(v1, "We did inform the Iraqi government", "John Kirby", n=1),
        quote(v1, "There was not a pre-notification", "Vedant Patel", n=2),
        quote(v1, "Iraq was not notified ahead of the strikes", "US officials", kind="indirect", n=3),
    ]
    new = [
        quote(v2, "We informed the Iraqi government after the strikes", "Kirby", n=1),
        quote(v2, "There was not a pre-notification", "a State Department official", n=2),
    ]
    changes = diff_statements(old, new)
    assert [(c.change, c.flag) for c in changes] == [
        ("removed", None),  # an indirect statement: listed, not flagged as a quote
        ("altered", "quote altered"),
        ("altered", "speaker changed"),
    ]
    assert changes[1].old is old[0] and changes[1].new is new[0]
    assert ("insert", "", "after the strikes") in {(w.op, w.old, w.new) for w in changes[1].words}


def test_a_quote_removed_and_one_that_only_changed_its_quotation_marks() -> None:
    v1 = article(P1, P2, P3)
    v2 = article(P1, P2.replace("“", '"').replace("”", '"'))
    old = [
        quote(v1, "We did inform the Iraqi government", "Kirby"),
        quote(v1, "There was not a pre-notification", "Patel"),
    ]
    new = [quote(v2, "We did inform the Iraqi government", "Kirby")]
    [change] = diff_statements(old, new)
    assert (change.change, change.flag, change.old) == ("removed", "quote removed", old[1])


def test_stored_versions(tmp_path: Path) -> None:
    with Store.open(tmp_path / "w.db") as store:
        v1 = article(P1, P2, P3)
        store.save(v1, [quote(v1, "We did inform the Iraqi government", "Kirby")])
        with pytest.raises(NotFoundError, match="only version 1 is stored; a diff needs two versions"):
            diff_stored(store, URL)
        v2 = article("Updated: Feb 6, 2024", P1, P2.replace("did inform", "informed"), P3)
        store.save(v2, [quote(v2, "We informed the Iraqi government", "Kirby")])
        assert find_article(store, URL + "?utm_source=feed#top") == AID == find_article(store, AID)
        d = diff_stored(store, URL)
        assert (d.old.version, d.new.version, d.changed) == (1, 2, True)
        assert [(p.change, p.old_index, p.new_index) for p in d.paragraphs] == [
            ("altered", 2, 3)
        ]  # not the date
        assert d.flags == {"quote altered": 1}
        assert not diff_stored(store, URL, 2, 2).changed
        with pytest.raises(NotFoundError, match=r"no version 3 \(stored versions: 1..2\)"):
            diff_stored(store, URL, 1, 3)
        with pytest.raises(NotFoundError, match="no stored article at 'https://news.example/other'"):
            find_article(store, "https://news.example/other")
