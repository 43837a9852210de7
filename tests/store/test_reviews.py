"""Marks on flags (confirmed / dismissed, with who, when and a note) and the filtered lists of flags,
on SQLite and on PostgreSQL: a mark stays with its flag when the relations are made again (new ids)
and when an article gets a new version (new statement ids)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from walkback.errors import DateError, InputError, NotFoundError
from walkback.model import Relation
from walkback.store import FlagFilter, Store, review_key

EST = timezone(timedelta(hours=-5))
EARLY = 'John Kirby said on Friday that "the ceasefire is holding." Officials agreed.'
LATE = (
    "Kirby later said he misspoke about the truce. "
    'Tom Smith said "the ceasefire is not holding at all" on Monday.'
)


def _articles(make):  # type: ignore[no-untyped-def]
    make_article, make_statement = make.article, make.statement
    a1 = make_article("a1", body=EARLY, outlet="Example Times", published=datetime(2024, 1, 12, tzinfo=EST))
    a2 = make_article("a2", body=LATE, outlet="Other Paper", published=datetime(2024, 2, 5, tzinfo=EST))
    s1 = make_statement(a1, "the ceasefire is holding.", said_on="2024-01-12")
    s2 = make_statement(a2, "he misspoke about the truce", said_on="2024-02-05")
    s3 = make_statement(a2, "the ceasefire is not holding at all", speaker="Tom Smith", said_on="2024-02-05")
    return a1, a2, [s1], [s2, s3]


def _pks(store: Store, article_id: str) -> dict[str, int]:
    v = store.versions(article_id)[-1].version
    return {" ".join(st.content.text.split()): pk for pk, st in store.version_statements(article_id, v)}


def _relate(store: Store, *, reverse: bool = False) -> dict[str, int]:
    """The three flags: a walk-back, a contradiction, and a walk-back of words never quoted."""
    early, late = _pks(store, "a1"), _pks(store, "a2")
    kirby, smith, misspoke = (
        early["the ceasefire is holding."],
        late["the ceasefire is not holding at all"],
        late["he misspoke about the truce"],
    )
    rels = [
        Relation(type="walkback", from_statement=misspoke, to_statement=kirby, evidence=("misspoke",),
                 confidence=0.9, basis="reported", rule="reported.retreat"),
        Relation(type="contradicts", from_statement=smith, to_statement=kirby, evidence=("not: holding",),
                 confidence=0.6, basis="stance", rule="inferred.polarity"),
        Relation(type="walkback", from_statement=misspoke, to_statement=None, evidence=("misspoke",),
                 confidence=0.5, basis="reported", rule="reported.retreat",
                 target_text="the “truce” claims", target_speaker="Kirby"),
    ]  # fmt: skip
    with store.linking() as ledger:
        ledger.conn.execute("DELETE FROM relations")
        for r in reversed(rels) if reverse else rels:
            ledger.add_relation(r, None)
    ids = {}
    for t in ("walkback", "contradicts"):
        for r in store.flags(t, FlagFilter(review="all")):
            ids[f"{t}:{r.target_text or r.target.statement.content.text}"] = r.id  # type: ignore[union-attr]
    return {
        "walkback": ids["walkback:the ceasefire is holding."],
        "contradicts": ids["contradicts:the ceasefire is holding."],
        "unquoted": ids["walkback:the “truce” claims"],
    }


@pytest.fixture
def flagged(store: Store, make) -> tuple[Store, dict[str, int]]:  # type: ignore[no-untyped-def]
    a1, a2, st1, st2 = _articles(make)
    store.save(a1, st1)
    store.save(a2, st2)
    return store, _relate(store)


def test_a_mark_is_kept_with_who_when_and_why(flagged) -> None:  # type: ignore[no-untyped-def]
    store, ids = flagged
    before = datetime.now(UTC)
    marked = store.mark_flag(ids["walkback"], state="confirmed", reviewer="  Ann   Editor ", note="Kirby did")
    m = marked.review
    assert m is not None and (m.state, m.verdict, m.reviewer, m.note) == (
        "confirmed", "true", "Ann Editor", "Kirby did",
    )  # fmt: skip
    assert before - timedelta(seconds=1) <= m.reviewed_at <= datetime.now(UTC)
    assert m.key == review_key(marked) and m.relation_id == ids["walkback"]
    assert m.flag["to"]["text"] == "the ceasefire is holding." and m.flag["from"]["outlet"] == "Other Paper"
    # shown with the flag wherever it is read
    assert store.flag(ids["walkback"]).review == m
    assert [r.review for r in store.relations("walkback") if r.id == ids["walkback"]] == [m]
    # a second mark replaces the first as the flag's mark; both are kept
    store.mark_flag(ids["walkback"], state="dismissed", reviewer="Bo", note="on second look, no")
    assert store.flag(ids["walkback"]).review.state == "dismissed"  # type: ignore[union-attr]
    history = store.review_history(key=m.key)
    assert [(h.state, h.reviewer) for h in history] == [("dismissed", "Bo"), ("confirmed", "Ann Editor")]
    # open again: no mark, history still there
    assert store.mark_flag(ids["walkback"], state="open", reviewer="Bo").review is None
    assert len(store.review_history()) == 3


def test_marks_filter_the_lists(flagged) -> None:  # type: ignore[no-untyped-def]
    store, ids = flagged
    store.mark_flag(ids["walkback"], state="confirmed", reviewer="Ann")
    store.mark_flag(ids["contradicts"], state="dismissed", reviewer="Ann", verdict="wrong_pairing")

    def listed(t: str, **f: object) -> list[int]:
        return [r.id for r in store.flags(t, FlagFilter(**f))]  # type: ignore[arg-type]

    assert listed("contradicts") == []  # dismissed flags are hidden by default
    assert listed("contradicts", review="dismissed") == [ids["contradicts"]]
    assert listed("contradicts", review="all") == [ids["contradicts"]]
    assert set(listed("walkback")) == {ids["walkback"], ids["unquoted"]}
    assert listed("walkback", review="confirmed") == [ids["walkback"]]
    assert listed("walkback", review="unreviewed") == [ids["unquoted"]]
    assert set(listed("walkback", review="reviewed")) == {ids["walkback"]}
    assert store.flag(ids["contradicts"]).review.verdict == "wrong_pairing"  # type: ignore[union-attr]


def test_lists_filter_by_confidence_outlet_speaker_and_dates(flagged) -> None:  # type: ignore[no-untyped-def]
    store, ids = flagged

    def listed(t: str, **f: object) -> set[int]:
        return {r.id for r in store.flags(t, FlagFilter(**f))}  # type: ignore[arg-type]

    assert listed("walkback", min_confidence=0.7) == {ids["walkback"]}
    assert listed("walkback") == {ids["walkback"], ids["unquoted"]}
    # either side's outlet, case folded
    assert listed("contradicts", outlet="example times") == {ids["contradicts"]}
    assert listed("contradicts", outlet="Other Paper") == {ids["contradicts"]}
    assert listed("contradicts", outlet="Nowhere") == set()
    assert listed("contradicts", speaker="smith") == {ids["contradicts"]}
    assert listed("walkback", speaker="smith") == set()
    # the day the later words were said
    assert listed("contradicts", since="2024-02") == {ids["contradicts"]}
    assert listed("contradicts", until="2024-02-04") == set()
    assert listed("contradicts", since="2024-02-05", until="2024-02-05") == {ids["contradicts"]}
    with pytest.raises(DateError):
        FlagFilter(since="last week")
    with pytest.raises(InputError):
        FlagFilter(review="maybe")
    # most confident first; and a page of the list with the count of all
    ranked = [r.id for r in store.flags("walkback", order="confidence")]
    assert ranked == [ids["walkback"], ids["unquoted"]]
    assert store.flags_page("walkback", order="confidence", limit=1, offset=1) == (
        [store.flag(ids["unquoted"])], 2,
    )  # fmt: skip
    assert store.flags_page("walkback", FlagFilter(speaker="kirby"), limit=0) == ([], 2)


def test_marks_survive_relinking(flagged) -> None:  # type: ignore[no-untyped-def]
    store, ids = flagged
    store.mark_flag(ids["walkback"], state="confirmed", reviewer="Ann", note="yes")
    store.mark_flag(ids["unquoted"], state="dismissed", reviewer="Ann", note="words misread")
    again = _relate(store, reverse=True)  # the relations made again, in another order: other ids
    assert again["walkback"] != ids["walkback"]
    assert store.flag(again["walkback"]).review.note == "yes"  # type: ignore[union-attr]
    assert store.flag(again["unquoted"]).review.state == "dismissed"  # type: ignore[union-attr]
    assert store.flag(again["contradicts"]).review is None


def test_marks_survive_a_new_version_of_an_article(flagged, make) -> None:  # type: ignore[no-untyped-def]
    store, ids = flagged
    make_article, make_statement = make.article, make.statement
    store.mark_flag(ids["contradicts"], state="confirmed", reviewer="Ann")
    # the later article edited: a sentence added, the quote with straight quotes and other spacing
    body = LATE.replace('"the ceasefire is not holding at all"', "“the ceasefire is  not holding at all”")
    body += " A correction was appended."
    a2 = make_article("a2", body=body, outlet="Other Paper", published=datetime(2024, 2, 5, tzinfo=EST))
    s2 = make_statement(a2, "he misspoke about the truce", said_on="2024-02-05")
    s3 = make_statement(a2, "the ceasefire is  not holding at all", speaker="Tom Smith", said_on="2024-02-05")
    assert store.save(a2, [s2, s3]).status == "new_version"
    new = _relate(store, reverse=True)
    row = store.flag(new["contradicts"])
    assert row.source.statement.content.text == "the ceasefire is  not holding at all"
    assert row.review is not None and row.review.state == "confirmed"


def test_bad_marks_are_refused(flagged) -> None:  # type: ignore[no-untyped-def]
    store, ids = flagged
    with pytest.raises(NotFoundError, match="reload"):
        store.mark_flag(999_999, state="confirmed", reviewer="Ann")
    with pytest.raises(InputError, match="state"):
        store.mark_flag(ids["walkback"], state="maybe", reviewer="Ann")
    with pytest.raises(InputError, match="who"):
        store.mark_flag(ids["walkback"], state="confirmed", reviewer="   ")
    with pytest.raises(InputError, match="verdict"):
        store.mark_flag(ids["walkback"], state="confirmed", reviewer="Ann", verdict="wrong_pairing")
    with pytest.raises(InputError, match="note"):
        store.mark_flag(ids["walkback"], state="confirmed", reviewer="Ann", note="x" * 5000)
    assert store.review_history() == []


def test_a_mark_made_on_a_stale_page_goes_to_the_flag_seen(flagged) -> None:  # type: ignore[no-untyped-def]
    """The page showed relation ids of before a relink: the key it sent names the flag the person saw."""
    store, ids = flagged
    seen = review_key(store.flag(ids["walkback"]))
    again = _relate(store, reverse=True)  # renumbered: the old id is another flag's (SQLite) or none's
    assert again["walkback"] != ids["walkback"]
    marked = store.mark_flag(ids["walkback"], state="confirmed", reviewer="Ann", key=seen)
    assert marked.id == again["walkback"] and review_key(marked) == seen
    others = [r for t in ("walkback", "contradicts") for r in store.flags(t, FlagFilter(review="all"))]
    assert [r.id for r in others if r.review is not None] == [again["walkback"]]  # no other flag marked
    with pytest.raises(NotFoundError, match="no longer in the ledger"):
        store.mark_flag(ids["walkback"], state="confirmed", reviewer="Ann", key="f-gone")
