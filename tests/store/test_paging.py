"""Lists read one page: relations, flags, speakers and statement counts cut in SQL answer what the whole
list answered when it was read and cut in Python, on SQLite and on PostgreSQL: at the edges of pages, at
the confidence threshold, for each kind, with marks on the flags."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from walkback.model import Relation, SpeakerIdentity
from walkback.store import REVIEW_FILTERS, FlagFilter, SpeakerRow, Store
from walkback.store.reviews import ReviewTables

EST = timezone(timedelta(hours=-5))
# (identity key, name): two people share a name, so ties in a list of speakers are ordered by id
PEOPLE = [
    ("person:john kirby", "John Kirby"),
    ("person:tom smith", "Tom Smith"),
    ("person:tom smith jr", "Tom Smith"),
    ("person:josé martínez", "José Martínez"),
]
ORG = ("org:state department", "State Department")
WORDS = ["the ceasefire is holding", "the talks will fail", "prices will fall", "the truce is over",
         "we never said that", "aid is on its way"]  # fmt: skip
CONFIDENCE = [1.0, 0.9, 0.7, 0.7, 0.5, 0.35, 0.35, 0.1, 0.0, 0.7]
TYPES = ("walkback", "contradicts", "supports")


def _build(store: Store, make: Any) -> None:
    """Three articles (one undated, one with a second version), their statements linked to speakers
    with roles, relations of every type at repeated confidences, and marks on some flags."""
    dates = {"a1": datetime(2024, 1, 12, tzinfo=EST), "a2": datetime(2024, 2, 5, tzinfo=EST), "a3": None}
    outlets = {"a1": "Example Times", "a2": "Other Paper", "a3": None}
    said = {"a1": "2024-01-12", "a2": None, "a3": "2024-03"}
    old = make.article("a1", body="An older body that was replaced.", outlet="Example Times")
    store.save(old, [make.statement(old, "older body", speaker="John Kirby", said_on="2023-12-01")])
    for n, (aid, published) in enumerate(dates.items()):
        names = [PEOPLE[(n + i) % len(PEOPLE)][1] for i in range(len(WORDS))]
        body = " ".join(f'{who} said "{w} ({aid})."' for who, w in zip(names, WORDS, strict=True))
        article = make.article(aid, body=body, outlet=outlets[aid], published=published)
        statements = [
            make.statement(article, f"{w} ({aid})", speaker=who, said_on=said[aid] if i % 3 else None)
            for i, (who, w) in enumerate(zip(names, WORDS, strict=True))
        ]
        store.save(article, statements)
    pks = [pk for aid in dates for pk, _ in store.version_statements(aid, store.versions(aid)[-1].version)]
    with store.linking() as ledger:
        org = ledger.speaker_id(SpeakerIdentity(key=ORG[0], name=ORG[1], kind="organization"))
        ids = [ledger.speaker_id(SpeakerIdentity(key=k, name=n, kind="person")) for k, n in PEOPLE]
        for n, aid in enumerate(dates):
            version = store.versions(aid)[-1].version
            for i, (pk, st) in enumerate(store.version_statements(aid, version)[:-1]):  # the last: unlinked
                sid = ids[(n + i) % len(PEOPLE)]
                spokesman = sid == ids[0]
                ledger.add_link(
                    pk=pk, speaker_id=sid, org_id=org if spokesman else None, claim_id=None,
                    similarity=None, stance="affirms", evidence=(), claim_text=st.content.text, vector=None,
                    said_start=st.said_on.value, said_end=st.said_on.value,
                )  # fmt: skip
                role = ("spokesman", ORG[1], org) if spokesman else ("senator" if i % 2 else None, None, None)
                ledger.add_role(sid, *role, st.said_on.value)
        pairs = [(a, b) for a, b in itertools.combinations(reversed(pks), 2)][::3]
        for n, (later, earlier) in enumerate(pairs):
            ledger.add_relation(Relation(
                type=TYPES[n % 3], from_statement=later, to_statement=earlier, evidence=(f"e{n}",),
                confidence=CONFIDENCE[n % len(CONFIDENCE)], basis="stance",
            ), ids[n % 4] if n % 5 else None)  # fmt: skip
        for n, later in enumerate(pks[:6]):  # words taken back or disputed that were never quoted
            ledger.add_relation(Relation(
                type=TYPES[n % 2], from_statement=later, to_statement=None, evidence=("denied",),
                confidence=CONFIDENCE[n], basis="reported", target_text=f"the claims {n}",
                target_speaker="Kirby" if n % 2 else "José",
            ), None)  # fmt: skip
    every = FlagFilter(review="all")
    walkbacks, contradictions = store.flags("walkback", every), store.flags("contradicts", every)
    for r, state in zip(
        contradictions[::3], ["dismissed", "confirmed", "dismissed", "confirmed"], strict=False
    ):
        store.mark_flag(r.id, state=state, reviewer="desk")
    store.mark_flag(walkbacks[1].id, state="confirmed", reviewer="desk")
    store.mark_flag(walkbacks[2].id, state="dismissed", reviewer="desk")
    store.mark_flag(walkbacks[2].id, state="open", reviewer="desk")  # open again: no mark counts
    store.mark_flag(walkbacks[4].id, state="dismissed", reviewer="desk")


@pytest.fixture
def listed(store: Store, make: Any) -> Store:  # type: ignore[no-untyped-def]
    _build(store, make)
    return store


def _pages(n: int) -> list[tuple[int | None, int]]:
    """(limit, offset) at the edges of a list of ``n``: the first and last items, just past the end."""
    offsets = sorted({0, 1, max(0, n - 2), max(0, n - 1), n, n + 1})
    return [(limit, offset) for limit in (None, 0, 1, 3, 500) for offset in offsets]


def test_a_page_of_relations_is_that_slice_of_all_of_them(listed: Store) -> None:
    store = listed
    assert {r.type for r in store.relations()} == set(TYPES)
    seen = 0
    for type, threshold, speaker in itertools.product(
        (None, *TYPES), (0.0, 0.35, 0.5, 0.7, 0.71, 1.0), (None, "kirby", "TOM", "josé", "é", " | ", "nobody")
    ):
        every = store.relations(type, speaker=speaker, min_confidence=threshold)
        seen += len(every)
        for limit, offset in _pages(len(every)):
            page, total = store.relations_page(
                type, speaker=speaker, min_confidence=threshold, limit=limit, offset=offset
            )
            want = every[offset:] if limit is None else every[offset : offset + limit]
            assert (page, total) == (want, len(every)), (type, threshold, speaker, limit, offset)
    assert seen > 500  # the cases are not all empty


def _flags_in_python(store: Store, monkeypatch: pytest.MonkeyPatch, *args: Any, **kwargs: Any) -> Any:
    """:meth:`Store.flags_page` as it was: every filter run on light rows of the whole list."""
    with monkeypatch.context() as m:
        m.setattr(ReviewTables, "_review_sql", lambda *a, **k: None)
        return store.flags_page(*args, **kwargs)


def _flag_filters() -> list[FlagFilter]:
    out = [
        FlagFilter(min_confidence=c, review=review)
        for c, review in itertools.product((0.0, 0.35, 0.7, 1.0), REVIEW_FILTERS)
    ]
    out += [FlagFilter(min_confidence=0.0, outlet=o) for o in ("Other Paper", "example times", "none")]
    out += [FlagFilter(since="2024-02", review="unreviewed"), FlagFilter(until="2024-01", review="reviewed"),
            FlagFilter(since="2024", until="2024-02-05", review="dismissed"),
            FlagFilter(speaker="smith"), FlagFilter(speaker="kirby", review="confirmed")]  # fmt: skip
    return out


def test_a_page_of_flags_cut_in_sql_is_the_page_cut_from_the_whole_list(
    listed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = listed
    assert len(store.marks()) == 6
    for kind, order, f in itertools.product(
        ("walkback", "contradicts"), ("newest", "confidence"), _flag_filters()
    ):
        every, total = _flags_in_python(store, monkeypatch, kind, f, order=order)
        assert total == len(every)
        assert store.flags(kind, f, order=order) == every, (kind, order, f)
        for limit, offset in _pages(total):
            want = _flags_in_python(store, monkeypatch, kind, f, order=order, limit=limit, offset=offset)
            assert store.flags_page(kind, f, order=order, limit=limit, offset=offset) == want
    undismissed = store.flags("contradicts", FlagFilter())
    assert 0 < len(undismissed) < len(store.flags("contradicts", FlagFilter(review="all")))


def test_marks_whose_flag_names_no_article_are_matched_on_every_flag(
    listed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = listed
    with store._transaction() as conn:  # a mark as another tool might have written it
        conn.execute("UPDATE reviews SET flag = '{}' WHERE state = 'dismissed'")
    for kind, review in itertools.product(("walkback", "contradicts"), ("undismissed", "dismissed")):
        f = FlagFilter(review=review)
        assert store.flags_page(kind, f, limit=2, offset=1) == _flags_in_python(
            store, monkeypatch, kind, f, limit=2, offset=1
        )


def _speakers_as_before(store: Store) -> list[SpeakerRow]:
    """Every speaker listed, read as the list read them before pages were cut by the links' index: one
    aggregate over every statement (ties, which SQLite gave in id order, ordered by id)."""
    rows = store._query(
        "SELECT sp.*, count(l.statement_pk) AS n, min(s.said_on_start) AS first, max(s.said_on_end) AS last "
        "FROM speakers sp LEFT JOIN statement_links l ON l.speaker_id = sp.id "
        "LEFT JOIN statements s ON s.pk = l.statement_pk GROUP BY sp.id HAVING count(l.statement_pk) > 0 "
        "OR sp.id IN (SELECT org_id FROM speaker_roles WHERE org_id IS NOT NULL) "
        "ORDER BY n DESC, sp.name, sp.id"
    )
    out = []
    for r in rows:
        roles = store._query(
            "SELECT r.role, r.affiliation, o.name AS org, r.first_said, r.last_said, r.statements "
            "FROM speaker_roles r LEFT JOIN speakers o ON o.id = r.org_id WHERE r.speaker_id = ? "
            "ORDER BY r.first_said IS NULL, r.first_said, r.role, r.affiliation",
            (r["id"],),
        )
        people = store._query(
            "SELECT DISTINCT sp.name FROM speaker_roles r JOIN speakers sp ON sp.id = r.speaker_id "
            "WHERE r.org_id = ? AND r.speaker_id != ? ORDER BY sp.name",
            (r["id"], r["id"]),
        )
        out.append(SpeakerRow(
            id=int(r["id"]), key=r["key"], name=r["name"], kind=r["kind"], anonymous=bool(r["anonymous"]),
            statement_count=int(r["n"]), first_said=r["first"], last_said=r["last"],
            roles=tuple({"role": x["role"] or None, "affiliation": x["affiliation"] or None,
                         "organization": x["org"], "first_said": x["first_said"], "last_said": x["last_said"],
                         "statements": x["statements"]} for x in roles),
            spokespeople=tuple(p[0] for p in people),
        ))  # fmt: skip
    return out


def test_a_page_of_speakers_is_that_slice_of_all_of_them(listed: Store) -> None:
    store = listed
    every = _speakers_as_before(store)
    assert [(s.name, s.statement_count) for s in every][1:3] == [("Tom Smith", 4)] * 2  # a tie
    assert every[0].roles and every[-1].name == ORG[1] and every[-1].spokespeople == ("John Kirby",)
    assert store.count_speakers() == len(every) == len(store.speakers())
    for limit, offset in _pages(len(every)):
        want = every[offset:] if limit is None else every[offset : offset + limit]
        assert store.speakers(limit=limit, offset=offset) == want, (limit, offset)
    for s in every:
        assert store.speaker_by_id(s.id) == s
    assert store.speaker_by_id(10**6) is None
    for name in ("tom", "é", "department", "nobody"):
        assert store.speakers(name=name) == [s for s in every if name in s.name.casefold()]


def _kept_counts_hold(store: Store) -> int:
    rows = store.conn.execute(
        "SELECT sp.id, sp.statement_count, "
        "(SELECT count(*) FROM statement_links l WHERE l.speaker_id = sp.id) FROM speakers sp"
    ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [(r[0], r[2]) for r in rows]
    return sum(int(r[1]) for r in rows)


def test_speakers_keep_their_statement_count_through_every_write(listed: Store) -> None:
    """Each speaker's kept count (schema 13: the lists rank by it) is the number of its links after
    links are written, written again for another speaker, dropped, gone with their statements, and
    cleared, on SQLite and PostgreSQL."""
    store = listed
    total = _kept_counts_hold(store)
    assert total > 0
    pks = [
        int(r[0])
        for r in store.conn.execute("SELECT statement_pk FROM statement_links ORDER BY 1").fetchall()
    ]
    ids = [int(r[0]) for r in store.conn.execute("SELECT id FROM speakers ORDER BY id").fetchall()]
    with store.linking() as ledger:  # the same statement linked again, to another speaker
        ledger.add_link(
            pk=pks[0], speaker_id=ids[-1], org_id=None, claim_id=None, similarity=None, stance="affirms",
            evidence=(), claim_text="again", vector=None, said_start=None, said_end=None,
        )  # fmt: skip
    assert _kept_counts_hold(store) == total
    with store.linking() as ledger:
        ledger.drop_links(pks[:3])
    assert _kept_counts_hold(store) == total - 3
    with store.linking() as ledger:  # a speaker gone: its links lose it
        ledger.conn.execute("DELETE FROM speakers WHERE id = ?", (ids[1],))
    _kept_counts_hold(store)
    with store.linking() as ledger:
        ledger.clear()
    assert _kept_counts_hold(store) == 0


@pytest.mark.parametrize(
    "filters",
    [{}, {"speaker": "kirby"}, {"speaker": "TOM SMITH"}, {"speaker": "é"}, {"speaker": ""},
     {"since": "2024-02"}, {"until": "2024-01"}, {"since": "2024", "until": "2024-01-12", "speaker": "kirby"},
     {"outlet": "Example Times"}, {"outlet": "example times"}, {"search": "ceasefire"}, {"article_id": "a1"},
     {"search": "ceasefire", "speaker": "smith"}, {"all_versions": True},
     {"all_versions": True, "speaker": "kirby"}],
)  # fmt: skip
def test_a_count_of_statements_is_the_length_of_the_list(listed: Store, filters: dict[str, Any]) -> None:
    assert listed.count_statements(**filters) == len(listed.statements(**filters))


@pytest.mark.parametrize(
    "filters",
    [{}, {"speaker": "kirby"}, {"speaker": "TOM SMITH"}, {"speaker": "é"}, {"since": "2024-02"},
     {"since": "2024", "until": "2024-01-12", "speaker": "kirby"}, {"outlet": "example times"},
     {"search": "ceasefire"}, {"search": "ceasefire", "speaker": "smith"}, {"speaker": "nobody"}],
)  # fmt: skip
def test_a_counted_page_of_statements_is_that_slice_and_the_whole_count(
    listed: Store, filters: dict[str, Any]
) -> None:
    """The API's page and count: the same page as statements(), the same total as
    count_statements(), at every edge (a page that ends early tells the count; past the end, an
    empty page does not)."""
    every = listed.statements(**filters)
    for limit, offset in _pages(len(every)):
        want = every[offset:] if limit is None else every[offset : offset + limit]
        got = listed.statements_counted(limit=limit, offset=offset, **filters)
        assert got == (want, len(every)), (filters, limit, offset)


@pytest.mark.parametrize("drives", [0, 300])
@pytest.mark.parametrize("kept", [4, 10_000])
def test_pages_of_statements_hold_whatever_is_read_from_the_index_or_from_memory(
    listed: Store, monkeypatch: pytest.MonkeyPatch, drives: int, kept: int
) -> None:
    """A speaker's statements read from the trigram index (a rare speaker) or only tested against it
    (a frequent one: ``drives`` 0), and pages built again or taken from the statements kept in memory
    (``kept`` 4: most are let go on every page), read two by two: every page is the same slice of
    the whole list."""
    monkeypatch.setattr("walkback.store.sqlite._INDEX_DRIVES", drives)
    monkeypatch.setattr("walkback.store.sqlite._KEPT", kept)
    monkeypatch.setattr("walkback.store.sqlite._PKS_AT_ONCE", 2)  # a page read in several queries
    speakers = ["kirby", "TOM SMITH", "mart", "é"]
    for filters in [{}, *({"speaker": s} for s in speakers)]:
        every = listed.statements(**filters)
        for _ in range(2):  # the second time from memory, when it kept them
            for limit, offset in _pages(len(every)):
                want = every[offset:] if limit is None else every[offset : offset + limit]
                where = (limit, offset, filters)
                assert listed.statements(limit=limit, offset=offset, **filters) == want, where
                counted = listed.statements_counted(limit=limit, offset=offset, **filters)
                assert counted == (want, len(every)), where
    page = listed.statements(limit=3)
    again = listed.statements(limit=3)
    assert page == again and all(a is b for a, b in zip(page, again, strict=True))  # built once


def test_pages_are_read_along_an_index(db_path: str, make: Any) -> None:
    """On SQLite, a page of relations and the counts sort nothing and read no statement row."""
    with Store.open(db_path) as store:
        _build(store, make)
        seen: list[str] = []
        store.conn.set_trace_callback(seen.append)
        store.relations_page(limit=5, offset=3)
        store.relations_page("contradicts", min_confidence=0.5, limit=5, offset=3)
        store.count_statements(speaker="kirby", since="2024")
        store.conn.set_trace_callback(None)
        plans = {sql: _plan(store.conn, sql) for sql in seen if sql.startswith("SELECT") and "?" not in sql}
    lists = [p for sql, p in plans.items() if "FROM relations r WHERE" in sql]
    assert len(lists) == 4 and all("relations_rank" in p and "TEMP B-TREE" not in p for p in lists), plans
    counted = [p for sql, p in plans.items() if "FROM articles a CROSS JOIN statements s" in sql]
    assert len(counted) == 1 and "COVERING INDEX statements_filters" in counted[0], plans


def _plan(conn: sqlite3.Connection, sql: str) -> str:
    return " / ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
